"""One report's workbook: values, the national layout's merges, marks, the audit sheet, safety."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from test_export_helpers import (
    INJECTION,
    REVIEWER,
    assert_no_formulas,
    calamine_merges,
    calamine_values,
    doc_ids,
    openpyxl_merges,
    openpyxl_values,
    review_file,
    same,
)

from app.export import export_report, layout_table, sheet_title
from app.export.report_xlsx import AUDIT_SHEET, GRID_TOP
from app.export.styles import EDITED_FONT, ERROR_FILL, MISSING_FILL, WARNING_FILL
from app.review import open_review
from app.templates import get_template


@pytest.fixture(scope="module")
def review():
    r = open_review(review_file(), create=False)
    yield r
    r.close()


@pytest.fixture(scope="module")
def exported(review, tmp_path_factory):
    """Every document of the shared review, exported: {stem: path}."""
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for stem, doc_id in doc_ids(review).items():
        out[stem] = export_report(review, doc_id, folder / f"{stem}.xlsx")
    return out


def _rgb(fill) -> str | None:
    return fill.fgColor.rgb[-6:] if fill and fill.fill_type == "solid" else None


def _blue(cell) -> bool:
    color = cell.font.color
    rgb = getattr(color, "rgb", None)
    return isinstance(rgb, str) and rgb[-6:] == EDITED_FONT.color.rgb[-6:]


def test_every_value_is_the_current_value_in_both_readers(review, exported):
    for stem, path in exported.items():
        loaded = review.load_document(doc_ids(review)[stem])
        template = get_template(loaded.summary.template)
        by_openpyxl, by_calamine = openpyxl_values(path), calamine_values(path)
        seen = set()
        for table in template.tables:
            title = sheet_title(template, table)
            lay = layout_table(table, loaded.record.cells.keys())
            for cell_id, box in lay.value_boxes().items():
                at = (GRID_TOP + box.row, 1 + box.col)
                c = loaded.record.cells.get(cell_id)
                want = None if c is None else c.value
                assert same(by_openpyxl[title].get(at), want), (stem, cell_id)
                assert same(by_calamine[title].get(at), want), (stem, cell_id)
                seen.add(cell_id)
        assert set(loaded.record.cells) <= seen, stem  # every cell of the record is shown


def test_numbers_are_numbers_with_the_column_format(review, exported):
    wb = load_workbook(exported["gen-2019-with-procurement"])
    template = get_template("gov-info-annual-2019")
    table = template.table("active")
    ws = wb[sheet_title(template, table)]
    boxes = layout_table(table, template.cell_ids()).value_boxes()

    def cell(cell_id):
        b = boxes[cell_id]
        return ws.cell(GRID_TOP + b.row, 1 + b.col)

    amount = cell("active.procurement.amount")
    assert amount.value == 1234.5 and amount.number_format == "0.00"
    assert amount.data_type == "n"
    change = cell("active.fees.change")
    assert change.value == -3 and change.number_format == "+0;-0;0"
    assert cell("active.regulations.made").number_format == "0"
    assert isinstance(cell("active.regulations.made").value, int)


def test_table_three_merges_as_the_national_form(exported):
    """2021 form, （六） with its three sub-rows: merged header and label cells, both readers."""
    path = exported["gen-2021-plain"]
    title = "三、收到和处理政府信息公开申请情况"
    ws = load_workbook(path)[title]
    merges = openpyxl_merges(ws)
    assert merges == calamine_merges(path)[title]
    expected = {
        (3, 1, 5, 3),  # the corner: three label columns by three header rows
        (3, 4, 3, 10),  # 申请人情况 over the seven columns
        (4, 4, 5, 4),  # 自然人 down to the last header row
        (4, 5, 4, 9),  # 法人或其他组织 over 商业企业 … 其他
        (4, 10, 5, 10),  # 总计
        (6, 1, 6, 3),  # 一、本年新收… across the label columns
        (8, 1, 29, 1),  # 三、本年度办理结果 down every outcome row, to （七）总计
        (10, 2, 17, 2),  # （三）不予公开 over its eight sub-rows
        (18, 2, 20, 2),  # （四）无法提供
        (21, 2, 25, 2),  # （五）不予处理
        (26, 2, 28, 2),  # （六）其他处理 over its three sub-rows
        (29, 2, 29, 3),  # （七）总计
        (30, 1, 30, 3),  # 四、结转下年度继续办理
    }
    assert expected <= merges
    assert ws["A3"].value.startswith("（本列数据的勾稽关系为")
    assert (ws["D3"].value, ws["E4"].value, ws["E5"].value) == (
        "申请人情况",
        "法人或其他组织",
        "商业企业",
    )
    assert (ws["A8"].value, ws["B10"].value, ws["C10"].value) == (
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    )
    assert ws["C28"].value == "3.其他"
    assert ws["A3"].border.left.style == "thin" and ws["J30"].border.bottom.style == "thin"


def test_single_row_other_handling_is_exported_as_printed(review, exported):
    path = exported["gen-2021-other-single-row"]
    title = "三、收到和处理政府信息公开申请情况"
    ws = load_workbook(path)[title]
    labels = {c.value for row in ws.iter_rows(max_col=3) for c in row if c.value}
    assert "（六）其他处理" in labels
    assert not any(str(v).startswith(("1.申请人无正当理由", "3.其他")) for v in labels)
    merges = openpyxl_merges(ws)
    assert (8, 1, 27, 1) in merges  # 三、本年度办理结果: 20 rows now
    assert (26, 2, 26, 3) in merges  # （六）其他处理 across the two inner label columns
    assert ws["B26"].value == "（六）其他处理"
    loaded = review.load_document(doc_ids(review)["gen-2021-other-single-row"])
    for j, col in enumerate(
        ("natural", "business", "research", "nonprofit", "legal", "other", "total")
    ):
        assert (
            ws.cell(26, 4 + j).value == loaded.record.cells[f"requests.other_handling.{col}"].value
        )
    assert ws.max_row == 28


def test_table_two_blocks_and_table_four_header(exported):
    path = exported["gen-2021-plain"]
    wb = load_workbook(path)
    ws = wb["二、主动公开政府信息情况"]
    merges = openpyxl_merges(ws)
    assert ws["A3"].value == "第二十条第（一）项" and (3, 1, 3, 4) in merges
    assert [ws.cell(4, c).value for c in range(1, 5)] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert ws["A7"].value == "第二十条第（五）项" and ws["A8"].value == "信息内容"
    assert ws["B8"].value == "本年处理决定数量" and (8, 2, 8, 4) in merges
    assert (9, 2, 9, 4) in merges  # the value stretches under its label
    assert ws["B15"].value == "本年收费金额（单位：万元）"
    assert ws["B16"].number_format == "0.00"
    ws = wb["四、政府信息公开行政复议、行政诉讼情况"]
    merges = openpyxl_merges(ws)
    assert {(3, 1, 4, 5), (3, 6, 3, 15), (4, 6, 4, 10), (4, 11, 4, 15)} <= merges
    assert (ws["A3"].value, ws["F3"].value, ws["F4"].value, ws["K4"].value) == (
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
    )
    assert [ws.cell(5, c).value for c in range(1, 6)] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert all(isinstance(ws.cell(6, c).value, int) for c in range(1, 16))
    assert merges == calamine_merges(path)["四、政府信息公开行政复议、行政诉讼情况"]


def test_2019_template_layout(exported):
    wb = load_workbook(exported["gen-2019-with-procurement"])
    ws = wb["二、主动公开政府信息情况"]
    firsts = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert [v for v in firsts if v and v.startswith("第二十条")] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    ws3 = wb["三、收到和处理政府信息公开申请情况"]
    assert "（六）其他处理" in {c.value for row in ws3.iter_rows(max_col=3) for c in row}


def test_broken_identities_are_red_with_a_comment_and_a_suggestion(review, exported):
    loaded = review.load_document(doc_ids(review)["gen-2021-typo-single-digit"])
    wb = load_workbook(exported["gen-2021-typo-single-digit"])
    template = get_template(loaded.summary.template)
    errors = {c for f in loaded.findings if f.severity == "error" for c in f.cells}
    assert errors
    for table in template.tables:
        ws = wb[sheet_title(template, table)]
        for cell_id, b in layout_table(table, loaded.record.cells.keys()).value_boxes().items():
            cell = ws.cell(GRID_TOP + b.row, 1 + b.col)
            if cell_id in errors:
                assert _rgb(cell.fill) == ERROR_FILL.fgColor.rgb[-6:], cell_id
                assert cell.comment is not None and "错误" in cell.comment.text
            else:
                assert _rgb(cell.fill) is None, cell_id
    suspect = loaded.findings[0].suspects[0]
    b = layout_table(template.table("requests"), loaded.record.cells.keys()).value_boxes()[
        suspect.cell
    ]
    text = wb["三、收到和处理政府信息公开申请情况"].cell(GRID_TOP + b.row, 1 + b.col).comment.text
    assert "outcomes" in text and "applicants" in text and f"建议改为 {suspect.suggested}" in text
    assert "相差 1" in text


def test_a_corrected_cell_is_blue_with_the_printed_value(review, exported):
    ids = doc_ids(review)
    loaded = review.load_document(ids["hongze-2023"])
    assert loaded.edited == {"review.reconsideration.total"}
    ws = load_workbook(exported["hongze-2023"])["四、政府信息公开行政复议、行政诉讼情况"]
    total = ws.cell(GRID_TOP + 3, 5)  # 行政复议·总计
    assert total.value == 11
    assert _blue(total) and total.font.bold
    assert "原印 0" in total.comment.text and REVIEWER in total.comment.text
    assert _rgb(total.fill) is None  # the correction made its identity hold
    after_total = ws.cell(GRID_TOP + 3, 15)  # 行政诉讼·复议后起诉·总计 still breaks
    assert _rgb(after_total.fill) == ERROR_FILL.fgColor.rgb[-6:]
    assert "review_total" in after_total.comment.text
    assert not _blue(ws.cell(GRID_TOP + 3, 1))  # unchanged cells keep the default font


def test_unreadable_and_unprinted_cells(review, exported):
    wb = load_workbook(exported["-hostile"])
    ws = wb["四、政府信息公开行政复议、行政诉讼情况"]
    pending = ws.cell(GRID_TOP + 3, 4)  # 行政复议·尚未审结, not printed
    assert pending.value is None
    assert _rgb(pending.fill) in (
        MISSING_FILL.fgColor.rgb[-6:],
        WARNING_FILL.fgColor.rgb[-6:],
        ERROR_FILL.fgColor.rgb[-6:],
    )
    assert "未印" in pending.comment.text
    ws3 = wb["三、收到和处理政府信息公开申请情况"]
    unreadable = ws3.cell(8, 5)  # 三（一）·商业企业
    assert unreadable.value is None and "@x" in unreadable.comment.text


def test_audit_sheet_lists_every_finding_and_edit(review, exported):
    for stem, path in exported.items():
        doc_id = doc_ids(review)[stem]
        loaded = review.load_document(doc_id)
        edits = review.history(doc_id)
        ws = load_workbook(path)[AUDIT_SHEET]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        names = [r[0] for r in rows]
        f_at = names.index("severity")  # machine-name header rows
        e_at = names.index("id")
        findings = rows[f_at + 1 : f_at + 1 + len(loaded.findings)]
        assert len(findings) == len(loaded.findings)
        for row, f in zip(findings, loaded.findings, strict=True):
            assert row[:6] == [
                f.severity,
                f.rule,
                ", ".join(f.cells),
                f.expected,
                f.actual,
                f.message,
            ]
        assert rows[f_at + 1 + len(loaded.findings)][0] is None  # nothing more listed
        listed = rows[e_at + 1 : e_at + 1 + len(edits)]
        for row, e in zip(listed, edits, strict=True):
            assert row[0] == e.id and row[1] == e.cell
            assert (row[3], row[4], row[5], row[6], row[7]) == (
                e.old_value,
                e.new_value,
                e.who,
                e.at,
                e.how,
            )
        assert len(rows) == e_at + 1 + len(edits)


def test_formula_like_text_stays_text(review, exported):
    path = exported["-hostile"]
    assert_no_formulas(path)
    for values in (openpyxl_values(path), calamine_values(path)):
        texts = {v for sheet in values.values() for v in sheet.values() if isinstance(v, str)}
        assert INJECTION in texts  # the note, in the audit sheet
        assert any(t.startswith(INJECTION) for t in texts if t != INJECTION)  # the agency in titles
        assert "-hostile.pdf" in texts
    wb = load_workbook(path)
    note = next(c for row in wb[AUDIT_SHEET].iter_rows() for c in row if c.value == INJECTION)
    assert note.data_type == "s" and note.quotePrefix
    for stem in exported:
        assert_no_formulas(exported[stem])


def test_readers_agree_on_every_sheet(exported):
    for path in exported.values():
        a, b = openpyxl_values(path), calamine_values(path)
        assert a.keys() == b.keys()
        for sheet in a:
            assert a[sheet].keys() == b[sheet].keys(), sheet
            for at, v in a[sheet].items():
                assert same(v, b[sheet][at]), (sheet, at)
