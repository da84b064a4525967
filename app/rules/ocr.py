"""Cells read by OCR with little confidence (warning ``ocr_uncertain``).

OCR gives each cell a confidence (the least of its text lines'); below
``THRESHOLD`` the reading is doubtful and the reviewer should compare it with
the page. A cell the reviewer has edited is no longer flagged. Checking the
identities still counts: a wrong reading usually breaks one, and the
localisation then ranks OCR look-alike digits first for OCR'd cells.
"""

from __future__ import annotations

from app.model import Finding, Record
from app.rules.messages import Names

# Calibrated on the generated scans (bench/ocr.py): correct readings of numbers sit at
# 0.97–1.0; misreadings mostly well below.
THRESHOLD = 0.9


def uncertain(record: Record, names: Names, known: set[str]) -> dict[str, Finding]:
    """The ``ocr_uncertain`` warning of each printed cell of ``known`` read with low confidence."""
    out = {}
    for cid, c in record.cells.items():
        if c.confidence is None or c.confidence >= THRESHOLD or cid not in known:
            continue
        zh_name, en_name = names.cell(cid), names.cell(cid, en=True)
        shown = c.raw or "空白"
        out[cid] = Finding(
            "ocr_uncertain", "warning", [cid], None, c.value,
            f"{zh_name}：OCR 识别把握不大（置信度 {c.confidence:.0%}），读作“{shown}”，请对照原件核对",
            f"{en_name}: read by OCR with low confidence ({c.confidence:.0%}) as “{c.raw}”; "
            "check it against the page",
        )
    return out
