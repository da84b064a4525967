"""The batch 问题清单 workbook: every finding of every report with its decision, by region and agency.

One sheet, 问题清单: a bold row heads each agency (地区 · 机关), then one row
per finding — the decision, the reviewer's comment, who and when. Findings
decided on values that have since changed are listed too, marked 现行 = 否.
Text goes through the safe cell helpers (never a formula) and the file is
written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from app.export.cells import set_text
from app.export.common import atomic_target
from app.export.problems import ReportProblems
from app.export.styles import BOLD, HEADER_FILL, LEFT

SHEET = "问题清单"
COLUMNS = (
    ("地区", 16), ("机关", 26), ("年度", 7), ("文件名", 26), ("文档编号", 8), ("级别", 6),
    ("规则", 12), ("问题", 60), ("决定", 14), ("审核意见", 24), ("审核人", 10),
    ("决定时间", 20), ("现行", 6), ("问题键", 22),
)  # fmt: skip
SEVERITY = {"error": "错误", "warning": "提示"}


def write_problem_book(reports: Iterable[ReportProblems], path: str | Path) -> int:
    """Write the workbook; return how many findings it lists."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for i, (label, width) in enumerate(COLUMNS, start=1):
        c = ws.cell(row=1, column=i)
        set_text(c, label)
        c.font, c.fill = BOLD, HEADER_FILL
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    row, n, group = 2, 0, None
    for r in reports:
        if not r.problems:
            continue
        if (r.region, r.agency) != group:
            group = (r.region, r.agency)
            c = ws.cell(row=row, column=1)
            set_text(c, f"{r.region} · {r.agency}")
            c.font = BOLD
            row += 1
        s = r.summary
        for p in r.problems:
            values = (
                r.region, r.agency, s.year, s.name, s.id, SEVERITY.get(p.severity, p.severity),
                p.rule, p.text, p.decision_name, p.comment, p.reviewer, p.at,
                "是" if p.current else "否", p.key,
            )  # fmt: skip
            for i, v in enumerate(values, start=1):
                c = ws.cell(row=row, column=i)
                if isinstance(v, int):
                    c.value = v
                elif v is not None:
                    set_text(c, v)
                c.alignment = LEFT
            row += 1
            n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(row - 1, 1)}"
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return n
