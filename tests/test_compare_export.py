"""The whole-review workbook opens with a ``summary`` sheet of native charts; ``records`` gains the indicators."""

from __future__ import annotations

import pytest
from compare_pairs import prose_pair, record, table_pair
from openpyxl import load_workbook

from app.export import export_review
from app.export.review_xlsx import RECORD_COLUMNS, cell_columns
from app.export.summary_xlsx import comparison_columns
from app.review import open_review


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cmpx")
    last_v, this_v, _ = table_pair()
    this_s, last_s, share = prose_pair(0.8, 0)
    with open_review(folder / "r.sqlite") as review:
        a = review.add_record(record(last_v, 2023, last_s)).document_id
        b = review.add_record(record(this_v, 2024, this_s)).document_id
        big = {**this_v, "requests.handled_total.total": 100, "requests.partial.total": 0}
        c = review.add_record(record({**big, "requests.granted.total": 50}, 2024, this_s, agency="乙区")).document_id
        for n, agency in ((30, "丙区"), (70, "丁区")):  # bases ≥ 30: in the quartiles
            review.add_record(record({**big, "requests.granted.total": n}, 2024, this_s, agency=agency))
        review.set_status(a, "approved", override="测试：不逐项决定")
        result = export_review(review, folder / "all.xlsx")
        cached = review.store._rows("SELECT * FROM compare_cache")
    return folder / "all.xlsx", result, (a, b, c), share, cached


def test_summary_is_the_first_sheet_with_charts_on_its_tables(exported):
    path, _result, _ids, _share, cached = exported
    assert cached == []  # the export wrote nothing to the review file
    wb = load_workbook(path)
    assert wb.sheetnames == ["summary", "records", "findings", "edits"]
    ws = wb["summary"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    charts = ws._charts
    assert len(charts) == 4
    pie, findings, requests, spread = charts
    # reports by status: 未审核 / 审核中 / 已通过 in A, counts in B
    r0 = labels["未审核"]
    assert [ws.cell(r0 + k, 2).value for k in range(3)] == [4, 0, 1]
    assert pie.series[0].val.numRef.f == f"'summary'!$B${r0}:$B${r0 + 2}"
    assert pie.series[0].cat.numRef.f == f"'summary'!$A${r0}:$A${r0 + 2}"
    # open findings by rule: errors and warnings stacked; the comparison's warnings counted too
    fr = labels["规则（未通过的报告）"] + 1
    rules = {}
    r = fr
    while ws.cell(r, 1).value:
        rules[ws.cell(r, 1).value] = (ws.cell(r, 2).value, ws.cell(r, 3).value)
        r += 1
    assert rules["repeat"] == (0, 1) and rules["jump"] == (0, 1)  # only this year's report is open with them
    assert [s.val.numRef.f for s in findings.series] == [f"'summary'!$B${fr}:$B${r - 1}", f"'summary'!$C${fr}:$C${r - 1}"]
    assert findings.series[0].tx.strRef.f == f"'summary'!B{fr - 1}"
    # requests and outcomes by group: three outcome series and 其他, stacked
    rr = labels["分组"] + 1
    assert ws.cell(rr, 1).value == "同批 2023 年报告" and ws.cell(rr + 1, 1).value == "同批 2024 年报告"
    assert ws.cell(rr + 1, 2).value == 4 * this_value("requests.new.total")
    assert [s.val.numRef.f for s in requests.series] == [f"'summary'!${c}${rr}:${c}${rr + 1}" for c in "CDEF"]
    assert requests.grouping == "stacked"
    # the indicators' quartiles
    sr = labels["指标（基数≥30 的报告）"] + 1
    assert ws.cell(sr, 1).value == "实质公开率"
    assert [s.val.numRef.f for s in spread.series] == [f"'summary'!${c}${sr}:${c}${sr + 4}" for c in "DEF"]
    assert ws.cell(sr, 2).value == 3  # the hongze-sized reports (base 21) are left out
    # each group's indicators, pooled: 2024 = four reports
    gr = labels["分组（合并计算）"] + 1
    assert [ws.cell(gr + k, 1).value for k in range(2)] == ["同批 2023 年报告", "同批 2024 年报告"]
    assert ws.cell(gr + 1, 2).value == 4
    last, this, _ = table_pair()
    granted = this["requests.granted.total"] + this["requests.partial.total"] + 30 + 50 + 70
    assert ws.cell(gr + 1, 3).value == pytest.approx(round(granted / (this["requests.handled_total.total"] + 300), 4))
    # then the comparison's warnings, each saying why and against what
    wr = labels["文件名"] + 1
    listed = []
    while ws.cell(wr, 1).value:
        listed.append(tuple(ws.cell(wr, k).value for k in range(1, 6)))
        wr += 1
    rules = {(name, rule) for name, _id, _y, rule, _m in listed}
    assert ("示例市示例区人民政府-2024.pdf", "repeat") in rules and ("示例市示例区人民政府-2024.pdf", "jump") in rules
    jump = next(m for name, _i, _y, rule, m in listed if rule == "jump")
    assert "为上年的 10.00 倍" in jump
    assert [ws.cell(sr, k).value for k in range(3, 8)] == [0.3, 0.4, 0.5, 0.6, 0.7]


def this_value(cell):
    return table_pair()[1][cell]


def test_records_carry_repeat_rate_and_indicators(exported):
    path, _result, (a, b, c), share, _ = exported
    ws = load_workbook(path)["records"]
    names = [x.value for x in ws[2]]
    extra = [col.name for col in comparison_columns()]
    assert names == [col.name for col in RECORD_COLUMNS] + [col.id for col in cell_columns()] + extra
    rows = {r[0]: dict(zip(names, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows[a]["repeat_rate"] is None  # no 2022 report
    assert abs(rows[b]["repeat_rate"] - share) <= 0.02
    last, this, _ = table_pair()
    n = this["requests.handled_total.total"]
    assert rows[b]["substantive_rate.n"] == n
    assert rows[b]["substantive_rate"] == pytest.approx(
        round((this["requests.granted.total"] + this["requests.partial.total"]) / n, 4))
    assert ws.cell(3, names.index("substantive_rate") + 1).number_format == "0.0%"
