"""The keyboard loop's order: the cells that need a look (likely wrong, in a broken identity,
a warning such as an uncertain OCR reading), in print order or least certain first.

Plain Python over a ReportState: the window asks for the cell after the current one.
"""

from __future__ import annotations

from ui.report_state import ReportState

PRINT_ORDER, BY_CONFIDENCE = "print", "confidence"


def attention_cells(state: ReportState, order: str = PRINT_ORDER) -> list[str]:
    """Every cell that needs a look, once: across the tables in print order, or least certain first."""
    printed = state.record.cells
    cells = [cid for cid in state.template.cell_ids() if _needs_look(state, cid) and cid in printed]
    if order == BY_CONFIDENCE:
        rank = {cid: i for i, cid in enumerate(cells)}
        cells.sort(key=lambda cid: (_certainty(state, cid), rank[cid]))
    return cells


def next_cell(state: ReportState, current: str | None, order: str = PRINT_ORDER, step: int = 1) -> str | None:
    """The cell needing a look after (``step`` -1: before) ``current``, wrapping; None when none does."""
    cells = attention_cells(state, order)
    if not cells:
        return None
    if current in cells:
        return cells[(cells.index(current) + step) % len(cells)]
    if order == PRINT_ORDER and current is not None:
        ids = state.template.cell_ids()
        if current in ids:  # the first one further on in print order
            pos = {cid: i for i, cid in enumerate(ids)}
            later = [c for c in cells if (pos[c] > pos[current]) == (step > 0) and pos[c] != pos[current]]
            if later:
                return later[0] if step > 0 else later[-1]
    return cells[0] if step > 0 else cells[-1]


def _needs_look(state: ReportState, cid: str) -> bool:
    m = state.marks.get(cid)
    return bool(m and (m.suspect is not None or m.error or m.warning))


def _certainty(state: ReportState, cid: str) -> float:
    """0 for the likely wrong cell, then broken identities, then the OCR confidence (1: a text layer)."""
    m = state.marks.get(cid)
    if m and m.suspect is not None:
        return -2.0
    if m and m.error:
        return -1.0
    c = state.record.cells.get(cid)
    return c.confidence if c is not None and c.confidence is not None else 1.0
