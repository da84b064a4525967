"""The completeness grid as an Excel workbook: one row per agency, one column per year."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.campaign.completeness import STATE_ZH, Grid
from app.campaign.model import KIND_ZH
from app.export.common import atomic_target
from app.export.styles import (
    BOLD,
    BORDER,
    CENTER,
    ERROR_FILL,
    HEADER_FILL,
    MISSING_FILL,
    WARNING_FILL,
)

FILLS = {"missing": ERROR_FILL, "failed": WARNING_FILL, "imported": MISSING_FILL}


def write_completeness(path: str | Path, grid: Grid) -> Path:
    """Write ``grid`` to ``path`` (.xlsx, atomically); states in Chinese, open problems beside."""
    wb = Workbook()
    ws = wb.active
    ws.title = "发布情况"
    head = ["机关", "层级", "类别", "上级", "所属地区", *(f"{y}年度" for y in grid.years), "未通过问题数"]
    ws.append(head)
    for c in ws[1]:
        c.font, c.fill, c.alignment, c.border = BOLD, HEADER_FILL, CENTER, BORDER
    for r in grid.rows:
        states = [r.years.get(y, "missing") for y in grid.years]
        problems = sum(r.problems.get(y, 0) for y in grid.years)
        ws.append([
            r.agency + ("" if r.registered else "（不在名录）"), r.level or "", KIND_ZH.get(r.kind or "", ""),
            r.parent or "", "／".join(r.region), *(STATE_ZH[s] for s in states), problems,
        ])  # fmt: skip
        for i, s in enumerate(states):
            cell = ws.cell(ws.max_row, 6 + i)
            cell.alignment = CENTER
            if s in FILLS:
                cell.fill = FILLS[s]
    summary = wb.create_sheet("汇总")
    summary.append(["年度", *STATE_ZH.values()])
    for y, counts in grid.counts().items():
        summary.append([y, *counts.values()])
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["D"].width = 30
    ws.column_dimensions["E"].width = 40
    ws.freeze_panes = "B2"
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return Path(path)
