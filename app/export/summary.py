"""The whole-review workbook's first sheet: a one-page summary before the wide data.

Counts by status, reports with errors and warnings, failed imports, and one
line per year. Written at the end of the export (the write-only sheet was
created first, so the workbook opens on it); a chart of the years can go here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell import WriteOnlyCell

from app.export.cells import plain_value
from app.export.styles import BOLD, HEADER_FILL, TITLE_FONT
from app.export.trail import STATUS_LABELS
from app.review import DocumentSummary
from app.review.trail_text import local_time
from app.store.keys import utc_now


@dataclass
class SummaryTally:
    reports: int = 0
    with_errors: int = 0
    with_warnings: int = 0
    errors: int = 0
    warnings: int = 0
    failed: int = 0
    status: Counter = field(default_factory=Counter)
    years: dict[Any, Counter] = field(default_factory=dict)

    def add(self, d: DocumentSummary) -> None:
        self.reports += 1
        self.with_errors += bool(d.errors)
        self.with_warnings += bool(d.warnings)
        self.errors += d.errors or 0
        self.warnings += d.warnings or 0
        self.status[d.status] += 1
        year = self.years.setdefault(d.year, Counter())
        year["reports"] += 1
        year["with_errors"] += bool(d.errors)
        year["approved"] += d.status == "approved"


def write_summary(ws: Any, t: SummaryTally) -> None:
    """Fill the (write-only) summary sheet: a title, the counts, a table of the years.

    Its print setup is set when the sheet is made (ReviewExport's sheets), before any row."""
    ws.column_dimensions["A"].width = 26
    for col in "BCD":
        ws.column_dimensions[col].width = 14

    def cell(value: Any, *, bold: bool = False, title: bool = False, head: bool = False) -> Any:
        c = plain_value(ws, value)  # text through the one safe writer
        if not hasattr(c, "font"):  # a plain value, not already a cell
            c = WriteOnlyCell(ws, c)
        if title:
            c.font = TITLE_FONT
        elif bold or head:
            c.font = BOLD
        if head:
            c.fill = HEADER_FILL
        return c

    ws.append([cell("审核概要", title=True)])
    ws.append([cell("导出时间"), cell(local_time(utc_now()))])
    ws.append([])
    rows = [("报告份数", t.reports), ("有错误的报告", t.with_errors), ("有提示的报告", t.with_warnings),
            ("错误合计", t.errors), ("提示合计", t.warnings), ("导入失败的文件", t.failed)]  # fmt: skip
    rows += [(f"状态：{label}", t.status.get(key, 0)) for key, label in STATUS_LABELS.items()]
    for label, n in rows:
        ws.append([cell(label, bold=True), cell(n)])
    ws.append([])
    ws.append([cell(h, head=True) for h in ("年度", "报告份数", "有错误", "已通过")])
    for year in sorted(t.years, key=lambda y: (y is None, y or 0)):
        c = t.years[year]
        ws.append([cell("未识别" if year is None else year), cell(c["reports"]), cell(c["with_errors"]),
                   cell(c["approved"])])
