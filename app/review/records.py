"""Between rows of the review file and the model: records, cells, and the undo stacks of a trail."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from app import __version__
from app.model import Anchor, Cell, Record
from app.review.types import REVIEWER_HOWS
from app.store.keys import agency_key, same_value


def undo_stacks(edits: Iterable[Mapping[str, Any]]) -> tuple[list[int], list[int]]:
    """Replay a document's trail: (undoable ops, redoable ops), newest last.

    A reviewer's edit pushes its op and clears the redo stack; an undo moves the
    op it reverts to the redo stack, a redo moves it back. Re-extraction is a
    barrier: nothing before it can be undone. Status and note changes are not
    undone (they are set again instead).
    """
    undo: list[int] = []
    redo: list[int] = []
    seen: set[int] = set()
    for e in edits:
        if e["op"] in seen:
            continue
        seen.add(e["op"])
        how = e["how"]
        if how == "reextract":
            undo.clear()
            redo.clear()
        elif e["cell"].startswith("@"):
            continue
        elif how in REVIEWER_HOWS:
            undo.append(e["op"])
            redo.clear()
        elif how == "undo" and undo and undo[-1] == e["reverts"]:
            redo.append(undo.pop())
        elif how == "redo" and redo and redo[-1] == e["reverts"]:
            undo.append(redo.pop())
    return undo, redo


def is_edited(cell_row: Mapping[str, Any]) -> bool:
    """A cell the reviewer has changed: its current value is not the extracted one."""
    return not same_value(cell_row["value"], cell_row["extracted"])


def document_fields(record: Record, now: str) -> dict[str, Any]:
    """The document columns an extraction determines."""
    return {
        "pages": record.source.pages,
        "template": record.template,
        "agency": record.agency,
        "agency_key": agency_key(record.agency),
        "year": record.year,
        "extracted_at": now,
        "extractor": __version__,
        "format": record.source.format,
        "published": record.published,
        "files": json.dumps(record.source.files, ensure_ascii=False) if record.source.files else None,
        "missing": json.dumps(list(record.missing), ensure_ascii=False),
        "sections": json.dumps([s.to_json() for s in record.sections], ensure_ascii=False),
        "problems": json.dumps([p.to_json() for p in record.problems], ensure_ascii=False),
    }


def cell_fields(c: Cell | None, cell: str) -> dict[str, Any]:
    """The cells columns an extraction determines (``None``: the cell is no longer extracted)."""
    if c is None:
        return {
            "cell": cell,
            "extracted": None,
            "raw": "",
            "page": 0,
            "x0": None,
            "top": None,
            "x1": None,
            "bottom": None,
            "blank": 0,
            "confidence": None,
            "origin": "reviewer",
            "anchor": None,
        }
    x0, top, x1, bottom = c.bbox
    return {
        "cell": cell,
        "extracted": c.value,
        "raw": c.raw,
        "page": c.page,
        "x0": x0,
        "top": top,
        "x1": x1,
        "bottom": bottom,
        "blank": int(c.blank),
        "confidence": c.confidence,
        "value": c.value,
        "origin": "extracted",
        "anchor": json.dumps(c.anchor.to_json()) if c.anchor is not None else None,
    }


def record_from_rows(
    row: Mapping[str, Any], cells: Iterable[Mapping[str, Any]], *, extracted: bool = False
) -> Record:
    """Rebuild a Record from a documents row and its cells rows."""
    out: dict[str, Cell] = {}
    for c in cells:
        value = c["extracted"] if extracted else c["value"]
        if c["origin"] == "reviewer" and (extracted or value is None):
            continue  # a cell the report does not print, and the reviewer left empty
        bbox = (
            (c["x0"], c["top"], c["x1"], c["bottom"])
            if c["x0"] is not None
            else (0.0, 0.0, 0.0, 0.0)
        )
        anchor = Anchor.from_json(json.loads(c["anchor"])) if c.get("anchor") else None
        out[c["cell"]] = Cell(value, c["raw"], c["page"], bbox, bool(c["blank"]), c["confidence"], anchor)
    record = Record.from_json(
        {
            "source": {"path": row["path"], "sha256": row["sha256"], "pages": row["pages"],
                       "format": row.get("format") or "pdf", "files": json.loads(row.get("files") or "[]")},
            "published": row.get("published"),
            "template": row["template"],
            "agency": row["agency"],
            "year": row["year"],
            "sections": json.loads(row["sections"]),
            "problems": json.loads(row["problems"]),
        }
    )
    record.cells = out
    record.missing = [m for m in json.loads(row["missing"]) if m not in out]
    return record
