"""The national layout comes from template data: the shipped templates, and a new one no code knows."""

from __future__ import annotations

from openpyxl import load_workbook
from test_export_helpers import calamine_merges, calamine_values, openpyxl_merges, same

from app.export import layout_table, printed_rows, report_workbook
from app.export.report_xlsx import GRID_TOP
from app.layout import Box
from app.model import Cell, Record, Source
from app.review import DocumentSummary, LoadedDocument
from app.templates import get_template, load_template

NEW_TEMPLATE = """
id = "made-up-2030"
name = "a template no code has seen"
first_year = 2030

[[sections]]
id = "deep"
heading = "七、深表"
keywords = ["深表"]

[[sections]]
id = "blocks"
heading = "八、分块表"
keywords = ["分块表"]

[[sections]]
id = "side"
heading = "九、并排表"
keywords = ["并排表"]

[[tables]]
id = "deep"
section = "deep"
title = "深表"
row_labels = "stub"
corner = "角"
  [[tables.columns]]
  id = "a"
  label = "甲"
  groups = ["总", "左", "上"]
  [[tables.columns]]
  id = "b"
  label = "乙"
  groups = ["总", "左"]
  [[tables.columns]]
  id = "c"
  label = "丙"
  groups = ["总"]
  [[tables.columns]]
  id = "d"
  label = "丁"
  kind = "amount"
  [[tables.rows]]
  id = "r1"
  label = "一行"
  [[tables.rows]]
  id = "r2"
  label = "二行"
  groups = ["大组", "中组", "小组"]
  [[tables.rows]]
  id = "r3"
  label = "三行"
  groups = ["大组", "中组", "小组"]
  [[tables.rows]]
  id = "r4"
  label = "四行"
  groups = ["大组", "中组"]
  [[tables.rows]]
  id = "r5"
  label = "五行"
  groups = ["大组"]
  columns = ["a", "d"]
  [[tables.rows]]
  id = "alt"
  label = "替代行"
  groups = ["大组"]
  variant = true
  [[tables.variants]]
  id = "alt_form"
  replaces = ["r2", "r3"]
  by = ["alt"]

[[tables]]
id = "blocks"
section = "blocks"
title = "分块表"
row_labels = "stub"
  [[tables.columns]]
  id = "x"
  label = "X数"
  [[tables.columns]]
  id = "y"
  label = "Y数"
  [[tables.columns]]
  id = "z"
  label = "Z数"
  [[tables.columns]]
  id = "w"
  label = "W数"
  [[tables.rows]]
  id = "b1"
  label = "块一行"
  block = "第一块"
  columns = ["x", "y", "z", "w"]
  [[tables.rows]]
  id = "b2"
  label = "块二行"
  block = "第二块"
  columns = ["x", "y"]
  [[tables.rows]]
  id = "b3"
  label = "块三行"
  block = "第三块"
  columns = ["z", "w", "x"]

[[tables]]
id = "side"
section = "side"
title = "并排表"
row_labels = "header"
  [[tables.columns]]
  id = "p"
  label = "P"
  [[tables.columns]]
  id = "q"
  label = "Q"
  groups = ["合"]
  [[tables.columns]]
  id = "s"
  label = "S"
  groups = ["合"]
  [[tables.rows]]
  id = "one"
  label = "第一组"
  [[tables.rows]]
  id = "two"
  label = "第二组"
  groups = ["外组"]
"""


def _new_template(tmp_path):
    path = tmp_path / "made-up-2030.toml"
    path.write_text(NEW_TEMPLATE, encoding="utf-8")
    return load_template(path)


def _spans(lay, role=None) -> set[tuple[str, int, int, int, int]]:
    return {
        (b.text, b.row, b.col, b.rows, b.cols)
        for b in lay.boxes
        if b.role != "value" and (role is None or b.role == role)
    }


def test_deep_row_and_column_groups(tmp_path):
    t = _new_template(tmp_path).table("deep")
    lay = layout_table(t)
    assert (lay.label_cols, lay.n_cols) == (4, 8)
    header = _spans(lay, "header")
    assert {
        ("总", 0, 4, 1, 3),  # over 甲 乙 丙
        ("左", 1, 4, 1, 2),  # over 甲 乙
        ("上", 2, 4, 1, 1),
        ("甲", 3, 4, 1, 1),
        ("乙", 2, 5, 2, 1),  # down to the last header row
        ("丙", 1, 6, 3, 1),
        ("丁", 0, 7, 4, 1),  # no groups: the whole header height
    } == header
    assert ("角", 0, 0, 4, 4) in _spans(lay, "corner")
    labels = _spans(lay, "label")
    assert {
        ("一行", 4, 0, 1, 4),
        ("大组", 5, 0, 4, 1),  # over r2 … r5
        ("中组", 5, 1, 3, 1),  # over r2 … r4
        ("小组", 5, 2, 2, 1),
        ("二行", 5, 3, 1, 1),
        ("三行", 6, 3, 1, 1),
        ("四行", 7, 2, 1, 2),
        ("五行", 8, 1, 1, 3),
    } == labels
    # r5 prints only a and d: the others are bordered blanks
    voids = {(b.row, b.col) for b in lay.boxes if b.role == "void"}
    assert voids == {(8, 5), (8, 6)}
    assert lay.value_boxes()["deep.r5.d"] == Box(8, 7, "value", cell="deep.r5.d")


def test_variant_rows_replace_what_they_replace(tmp_path):
    t = _new_template(tmp_path).table("deep")
    ids = {f"deep.{r}.{c}" for r in ("r1", "alt", "r4", "r5") for c in "abcd"}
    assert [r.id for r in printed_rows(t, ids)] == ["r1", "r4", "r5", "alt"]
    assert [r.id for r in printed_rows(t, set())] == ["r1", "r2", "r3", "r4", "r5"]
    both = ids | {"deep.r2.a"}  # a report printing both forms shows both
    assert [r.id for r in printed_rows(t, both)] == ["r1", "r2", "r3", "r4", "r5", "alt"]
    lay = layout_table(t, ids)
    assert ("替代行", 7, 1, 1, 2) in _spans(lay, "label")  # label columns: as printed
    assert ("大组", 5, 0, 3, 1) in _spans(lay, "label")


def test_blocks_stretch_to_the_widest(tmp_path):
    t = _new_template(tmp_path).table("blocks")
    lay = layout_table(t)
    assert (lay.n_cols, lay.n_rows) == (5, 9)
    spans = _spans(lay)
    assert {("第一块", 0, 0, 1, 5), ("第二块", 3, 0, 1, 5), ("第三块", 6, 0, 1, 5)} <= spans
    assert ("信息内容", 1, 0, 1, 1) in spans
    assert {("X数", 4, 1, 1, 2), ("Y数", 4, 3, 1, 2)} <= spans  # two columns over four slots
    assert {
        ("Z数", 7, 1, 1, 1),
        ("W数", 7, 2, 1, 1),
        ("X数", 7, 3, 1, 2),
    } <= spans  # the row's order
    boxes = lay.value_boxes()
    assert (boxes["blocks.b2.y"].col, boxes["blocks.b2.y"].cols) == (3, 2)


def test_header_rows_side_by_side(tmp_path):
    t = _new_template(tmp_path).table("side")
    lay = layout_table(t)
    assert (lay.n_rows, lay.n_cols, lay.label_cols) == (5, 6, 0)
    assert {
        ("第一组", 0, 0, 2, 3),
        ("外组", 0, 3, 1, 3),
        ("第二组", 1, 3, 1, 3),
        ("P", 2, 0, 2, 1),
        ("合", 2, 1, 1, 2),
        ("Q", 3, 1, 1, 1),
        ("P", 2, 3, 2, 1),
    } <= _spans(lay, "header")
    assert [b.cell for b in sorted(lay.value_boxes().values(), key=lambda b: b.col)] == [
        "side.one.p", "side.one.q", "side.one.s", "side.two.p", "side.two.q", "side.two.s"
    ]  # fmt: skip


def test_a_new_template_exports_without_code_changes(tmp_path):
    template = _new_template(tmp_path)
    cells = {
        cid: Cell(value=(i + 0.25 if template.kind(cid) == "amount" else i), raw=str(i), page=1,
                  bbox=(0, 0, 1, 1))
        for i, cid in enumerate(template.standard_ids())
    }  # fmt: skip
    record = Record(Source("/x/new.pdf", "0" * 64, 1), template.id, "某机关", 2030, cells)
    summary = DocumentSummary(
        id=1, sha256="0" * 64, path="/x/new.pdf", name="new.pdf", pages=1, template=template.id,
        agency="某机关", year=2030, status="new", errors=0, warnings=0, reviewer=None, note=None,
        imported_at="2030-01-01T00:00:00Z", imported_by=None, extracted_at="2030-01-01T00:00:00Z",
    )  # fmt: skip
    loaded = LoadedDocument(summary, record, {c: v.value for c, v in cells.items()}, frozenset(),
                            [], False, False, None)  # fmt: skip
    wb = report_workbook(loaded, [], template=template)
    assert wb.sheetnames == ["七、深表", "八、分块表", "九、并排表", "审核记录"]
    path = tmp_path / "new.xlsx"
    wb.save(path)
    values, merges = calamine_values(path), calamine_merges(path)
    back = load_workbook(path)
    for table in template.tables:
        title = wb.sheetnames[template.tables.index(table)]
        lay = layout_table(table, cells.keys())
        for cid, b in lay.value_boxes().items():
            assert same(values[title].get((GRID_TOP + b.row, 1 + b.col)), cells[cid].value), cid
        want = {
            (GRID_TOP + b.row, 1 + b.col, GRID_TOP + b.last_row, 1 + b.last_col)
            for b in lay.boxes
            if b.rows > 1 or b.cols > 1
        }
        assert want <= merges[title] and want <= openpyxl_merges(back[title])
    amount = layout_table(template.table("deep"), cells.keys()).value_boxes()["deep.r1.d"]
    assert back["七、深表"].cell(GRID_TOP + amount.row, 1 + amount.col).number_format == "0.00"


def test_shipped_templates_lay_out_every_cell():
    for tid in ("gov-info-annual-2021", "gov-info-annual-2019"):
        template = get_template(tid)
        for table in template.tables:
            lay = layout_table(table, template.cell_ids())
            shown = set(lay.value_boxes())
            assert shown == set(table.cell_ids()), (tid, table.id)
            # no two boxes overlap, and the grid is covered
            seen: set[tuple[int, int]] = set()
            for b in lay.boxes:
                for r in range(b.row, b.last_row + 1):
                    for c in range(b.col, b.last_col + 1):
                        assert (r, c) not in seen, (tid, table.id, r, c)
                        seen.add((r, c))
            assert len(seen) == lay.n_rows * lay.n_cols, (tid, table.id)
