"""The ``summary`` sheet of the whole-review workbook — the hand-off opens with pictures — and the
comparison columns of ``records`` (repeat rate and the indicators).

The sheet holds four small tables, each with a native Excel chart beside it
that points at the table's cells (so Excel, WPS and LibreOffice redraw it and
a reader can check the figures): reports by status, open findings by rule,
requests and their outcomes by group, the indicators' quartiles; then the
comparison's warnings (repeat, jump, peer_zero, rate_range) report by report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet.properties import PageSetupProperties

from app.compare.batch import indicator_labels
from app.export.cells import text_cell
from app.export.styles import BOLD, HEADER_FILL, TITLE_FONT
from app.export.trail import Col
from app.review import Review
from app.review.compare import ReviewSummary, summary

SHEET = "summary"
STATUS_LABELS = {"new": "未审核", "in_review": "审核中", "approved": "已通过"}
PERCENT = "0.0%"
CHART_COLUMN = "I"  # charts sit right of the tables
CHART_ROWS = 16
CHARTED = ("status", "findings", "requests", "spread")


@dataclass(frozen=True)
class Block:
    """One table of the sheet: where its header and data rows are (1-based, inclusive)."""

    name: str
    header_row: int
    first_row: int
    last_row: int
    columns: int


def comparison_columns() -> list[Col]:
    """The ``records`` columns after the cells: repeat rate, then each indicator and its base."""
    cols = [Col("repeat_rate", "正文重复率（与上年）", 11)]
    for ind, (zh, _en) in indicator_labels().items():
        cols += [Col(ind, zh, 11), Col(f"{ind}.n", f"{zh}·基数", 9)]
    return cols


class Comparisons:
    """The comparison figures of an export: the summary sheet and the extra ``records`` columns."""

    def __init__(self, review: Review, ids: Sequence[int]):
        # inside the export's snapshot; the repeat-rate cache is read, never written
        self.summary: ReviewSummary = summary(review, ids=ids, cache=False)
        self.columns = comparison_columns()
        self._metrics = self.summary.batch.metrics if self.summary.batch else {}

    def values(self, ws: Any, doc_id: int) -> list[Any]:
        m = self._metrics.get(doc_id)
        out: list[Any] = []
        for c in self.columns:
            if m is None:
                out.append(None)
            elif c.name == "repeat_rate":
                out.append(_percent(ws, m.repeat))
            elif c.name.endswith(".n"):
                r = m.rates.get(c.name[:-2])
                out.append(None if r is None else r.denominator)
            else:
                r = m.rates.get(c.name)
                out.append(None if r is None else _percent(ws, r.value))
        return out


def _percent(ws: Any, v: float | None) -> Any:
    if v is None:
        return None
    cell = WriteOnlyCell(ws, round(v, 4))
    cell.number_format = PERCENT
    return cell


def write_summary(ws: Any, s: ReviewSummary) -> list[Block]:
    """Fill the (write-only) ``summary`` sheet: tables, then a chart for each. Returns the blocks."""
    rows: list[list[Any]] = []
    blocks: list[Block] = []

    def title(text: str) -> None:
        c = WriteOnlyCell(ws, text)
        c.font = TITLE_FONT
        rows.append([c])

    def table(name: str, header: list[str], data: list[list[Any]]) -> None:
        rows.append([_head(ws, h) for h in header])
        first = len(rows) + 1
        rows.extend(data or [[text_cell(ws, "（无）")] + [0] * (len(header) - 1)])
        blocks.append(Block(name, first - 1, first, len(rows), len(header)))
        rows.append([])

    title("审核概况 / Review summary")
    rows.append([])
    table("status", ["状态", "报告数"], [[STATUS_LABELS[k], n] for k, n in s.statuses.items()])
    table("findings", ["规则（未通过的报告）", "错误", "提示"],
          [[text_cell(ws, r), e, w] for r, e, w in s.findings])
    table("requests", ["分组", "新收申请", *s.outcome_labels],
          [[text_cell(ws, g), n, *parts] for g, n, parts in s.requests])
    spread_rows = []
    for ind, sp in s.spreads.items():
        zh = s.indicator_labels.get(ind, (ind, ind))[0]
        spread_rows.append([zh, sp.n, *(_percent(ws, v) for v in (sp.low, sp.q1, sp.median, sp.q3, sp.high))])
    table("spread", ["指标（基数≥30 的报告）", "报告数", "最小", "下四分位", "中位数", "上四分位", "最大"], spread_rows)
    # each group's indicators, pooled (no chart: the spread chart shows the reports)
    inds = list(s.spreads)
    table("groups", ["分组（合并计算）", "报告数", *(s.indicator_labels.get(i, (i,))[0] for i in inds)],
          [[text_cell(ws, g), n, *(_percent(ws, r[i].value) if i in r else None for i in inds)]
           for g, n, r in s.groups])
    # the comparison's warnings, report by report (no chart: a list to work through)
    table("warnings", ["文件名", "文档编号", "年度", "规则", "说明"],
          [[text_cell(ws, d["name"]), d["id"], d["year"], f.rule, text_cell(ws, f.message)]
           for d, f in s.warnings])
    ws.column_dimensions["A"].width = 22
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 11
    # one landscape page when printed: the tables and their charts together
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    for r in rows:
        ws.append(r)
    for k, b in enumerate(b for b in blocks if b.name in CHARTED):  # one under the other, 16 rows each
        ws.add_chart(_chart(ws, b), f"{CHART_COLUMN}{1 + CHART_ROWS * k}")
    return blocks


def _head(ws: Any, text: str) -> Any:
    c = WriteOnlyCell(ws, text)
    c.font = BOLD
    c.fill = HEADER_FILL
    return c


def _chart(ws: Any, b: Block) -> Any:
    """A chart of block ``b``: its first column names the categories, the others are series."""
    cats = Reference(ws, min_col=1, min_row=b.first_row, max_row=b.last_row)
    if b.name == "status":
        chart: Any = PieChart()
        chart.title = "报告审核状态"
        chart.add_data(Reference(ws, min_col=2, min_row=b.header_row, max_row=b.last_row), titles_from_data=True)
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
    else:
        chart = BarChart()
        chart.type = "bar" if b.name == "findings" else "col"
        if b.name == "spread":  # the quartiles (not the count, not the extremes)
            data = Reference(ws, min_col=4, max_col=6, min_row=b.header_row, max_row=b.last_row)
            chart.y_axis.number_format = "0%"
        elif b.name == "requests":  # the outcomes, stacked (新收申请 stays in the table)
            data = Reference(ws, min_col=3, max_col=b.columns, min_row=b.header_row, max_row=b.last_row)
            chart.grouping = "stacked"
            chart.overlap = 100
        else:
            data = Reference(ws, min_col=2, max_col=b.columns, min_row=b.header_row, max_row=b.last_row)
            chart.grouping = "stacked"
            chart.overlap = 100
        chart.add_data(data, titles_from_data=True)
        chart.title = {"findings": "未处理的问题（按规则）", "requests": "申请办理结果（按分组）",
                       "spread": "指标分布（四分位）"}[b.name]
    chart.set_categories(cats)
    chart.width, chart.height = 16, 7.5
    return chart
