"""Cells OCR read with little confidence, or could not place (warning ``ocr_uncertain``).

OCR gives each cell a confidence (the least of its text lines'); below
``THRESHOLD`` the reading is doubtful and the reviewer should compare it with
the page. A cell of an OCR'd table that is not in the record at all, though
its row is, or its row lies between printed rows, is flagged too: its label
or header was misread, so the cell went unnamed — and an identity with a
term missing is skipped, not broken, so nothing else would say so. A cell the
reviewer has edited is no longer flagged. A wrong reading usually also breaks
an identity; the localisation then ranks OCR look-alike digits first for
OCR'd cells.
"""

from __future__ import annotations

from app.model import Finding, Record
from app.rules.messages import Names
from app.templates import Table, Template

# Calibrated on the generated scans (bench/ocr.py): correct readings of numbers sit at
# 0.97–1.0; misreadings mostly well below.
THRESHOLD = 0.9


def uncertain(record: Record, template: Template, names: Names) -> dict[str, Finding]:
    """The ``ocr_uncertain`` warnings of ``record``, by cell id."""
    out = {}
    for cid, c in record.cells.items():
        if c.confidence is None or c.confidence >= THRESHOLD or cid in record.missing:
            continue
        zh_name, en_name = names.cell(cid), names.cell(cid, en=True)
        out[cid] = Finding(
            "ocr_uncertain", "warning", [cid], None, c.value,
            f"{zh_name}：OCR 识别把握不大（置信度 {c.confidence:.0%}），读作“{c.raw or '空白'}”，请对照原件核对",
            f"{en_name}: read by OCR with low confidence ({c.confidence:.0%}) as “{c.raw}”; "
            "check it against the page",
        )
    for t in template.tables:
        if any(c.confidence is not None for cid, c in record.cells.items() if cid.startswith(t.id + ".")):
            for cid in _unplaced(record, t):
                zh_name, en_name = names.cell(cid), names.cell(cid, en=True)
                out[cid] = Finding(
                    "ocr_uncertain", "warning", [cid], None, None,
                    f"{zh_name}：OCR 未能读出（其行或列的标签可能识读有误），请对照原件核对",
                    f"{en_name}: not read by OCR (its row or column label was likely misread); "
                    "check it against the page",
                )
    return out


def _unplaced(record: Record, table: Table) -> list[str]:
    """Cells of ``table`` missing from the record where the rows around them are printed."""
    printed = {cid.split(".")[1] for cid in record.cells if cid.startswith(table.id + ".")}
    skip = {r.id for r in table.rows if r.variant and r.id not in printed}
    for v in table.variants:
        if printed & set(v.by):
            skip |= set(v.replaces)
    rows = [r for r in table.rows if r.id not in skip]
    shown = [i for i, r in enumerate(rows) if r.id in printed]
    if not shown:
        return []
    out = []
    for r in rows[shown[0]: shown[-1] + 1]:
        out += [cid for cid in (f"{table.id}.{r.id}.{c.id}" for c in table.row_columns(r)) if cid not in record.cells]
    return out
