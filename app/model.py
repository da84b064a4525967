"""Plain data: the record of one report, as extraction produces it.

The JSON form (``Record.to_json``) is part of the product's interface — the
CLI prints it, the review file stores it, tests compare with it. Extend it,
never rename a key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Number = int | float
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin

ANCHOR_KINDS = ("box", "path", "span")


@dataclass(slots=True)
class Anchor:
    """Where a printed item sits in its source, whatever the format.

    ``box``: ``page`` (1-based) and ``bbox`` — PDF points for a PDF, pixels of
    the page image for an image — top-left origin.
    ``path``: ``table``, ``row``, ``col`` (0-based) — the n-th table of the
    document (every ``<table>`` / Word table in document order, nested ones
    included), the n-th row of that table, the n-th cell element of that row as
    the source writes it (HTML ``<td>``/``<th>``, DOCX ``<w:tc>``).
    ``span``: ``line`` (1-based) in the document's text and the characters
    ``start``..``end`` (0-based, end exclusive) of that line.
    """

    kind: str
    page: int | None = None
    bbox: BBox | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None

    @classmethod
    def box(cls, page: int, bbox: BBox) -> Anchor:
        return cls("box", page=page, bbox=tuple(bbox))  # type: ignore[arg-type]

    @classmethod
    def path(cls, table: int, row: int, col: int) -> Anchor:
        return cls("path", table=table, row=row, col=col)

    @classmethod
    def span(cls, line: int, start: int, end: int) -> Anchor:
        return cls("span", line=line, start=start, end=end)

    def to_json(self) -> dict[str, Any]:
        if self.kind == "box":
            return {"kind": "box", "page": self.page, "bbox": [round(v, 2) for v in self.bbox or (0, 0, 0, 0)]}
        if self.kind == "path":
            return {"kind": "path", "table": self.table, "row": self.row, "col": self.col}
        return {"kind": "span", "line": self.line, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Anchor | None:
        if not d or d.get("kind") not in ANCHOR_KINDS:
            return None
        bbox = d.get("bbox")
        return cls(
            d["kind"],
            page=d.get("page"),
            bbox=tuple(bbox) if bbox else None,  # type: ignore[arg-type]
            table=d.get("table"),
            row=d.get("row"),
            col=d.get("col"),
            line=d.get("line"),
            start=d.get("start"),
            end=d.get("end"),
        )


@dataclass
class Cell:
    """One printed number of a report table, where it sits, and how it read."""

    value: Number | None  # None: the printed text could not be read as a number
    raw: str  # the text as printed (whitespace collapsed)
    page: int  # 1-based
    bbox: BBox
    blank: bool = False  # printed empty, or as / — - 无; value is then 0
    confidence: float | None = None  # OCR confidence 0..1; None for a text layer
    anchor: Anchor | None = None  # where it sits in any format; None: the page box above

    def where(self) -> Anchor:
        """The cell's anchor: its own, or the page box of a PDF cell."""
        return self.anchor or Anchor.box(self.page, self.bbox)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "value": self.value,
            "raw": self.raw,
            "page": self.page,
            "bbox": [round(v, 2) for v in self.bbox],
            "blank": self.blank,
        }
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 4)
        d["anchor"] = self.where().to_json()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Cell:
        return cls(
            value=d.get("value"),
            raw=d.get("raw", ""),
            page=int(d.get("page", 0)),
            bbox=tuple(d.get("bbox") or (0.0, 0.0, 0.0, 0.0)),  # type: ignore[arg-type]
            blank=bool(d.get("blank", False)),
            confidence=d.get("confidence"),
            anchor=Anchor.from_json(d.get("anchor")),
        )


@dataclass
class Section:
    """A numbered section of the report (一、总体情况 …) and its prose."""

    heading: str
    page: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"heading": self.heading, "page": self.page, "text": self.text}


@dataclass
class Problem:
    """Something extraction could not do cleanly; the record is still usable."""

    page: int | None
    message: str
    cell: str | None = None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"page": self.page, "message": self.message}
        if self.cell:
            d["cell"] = self.cell
        return d


FORMATS = ("pdf", "image", "html", "docx", "text")


@dataclass
class Source:
    path: str
    sha256: str
    pages: int
    format: str = "pdf"  # one of FORMATS
    files: list[str] = field(default_factory=list)  # every file of a report read from several (page images)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path, "sha256": self.sha256, "pages": self.pages, "format": self.format}
        if self.files:
            d["files"] = list(self.files)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Source:
        d = d or {}
        return cls(d.get("path", ""), d.get("sha256", ""), int(d.get("pages", 0)),
                   d.get("format") or "pdf", list(d.get("files") or []))


@dataclass
class Record:
    """Everything extracted from one report PDF."""

    source: Source
    template: str
    agency: str | None
    year: int | None
    cells: dict[str, Cell] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    published: str | None = None  # publication date as printed on the page (ISO 8601 date), when known

    def value(self, cell_id: str) -> Number | None:
        c = self.cells.get(cell_id)
        return None if c is None else c.value

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source.to_json(),
            "template": self.template,
            "agency": self.agency,
            "year": self.year,
            "cells": {k: c.to_json() for k, c in self.cells.items()},
            "missing": list(self.missing),
            "sections": [s.to_json() for s in self.sections],
            "problems": [p.to_json() for p in self.problems],
            "published": self.published,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Record:
        return cls(
            source=Source.from_json(d.get("source")),
            template=d["template"],
            agency=d.get("agency"),
            year=d.get("year"),
            cells={k: Cell.from_json(v) for k, v in (d.get("cells") or {}).items()},
            missing=list(d.get("missing") or []),
            sections=[Section(s["heading"], s.get("page", 0), s.get("text", "")) for s in d.get("sections") or []],
            problems=[Problem(p.get("page"), p["message"], p.get("cell")) for p in d.get("problems") or []],
            published=d.get("published"),
        )


@dataclass
class Suspect:
    """A cell that, changed alone, would make the broken identities hold."""

    cell: str
    suggested: Number
    confidence: str  # "high" | "low"
    why: str

    def to_json(self) -> dict[str, Any]:
        return {"cell": self.cell, "suggested": self.suggested, "confidence": self.confidence, "why": self.why}


@dataclass
class Finding:
    """One broken identity (error) or one thing worth a look (warning)."""

    rule: str
    severity: str  # "error" | "warning"
    cells: list[str]
    expected: Number | None
    actual: Number | None
    message: str  # Chinese, for the auditor
    message_en: str
    suspects: list[Suspect] = field(default_factory=list)
    note: str | None = None  # e.g. why no suggestion is made when several cells explain the break

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
            "message_en": self.message_en,
            "suspects": [s.to_json() for s in self.suspects],
        }
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Finding:
        return cls(
            rule=d["rule"],
            severity=d["severity"],
            cells=list(d.get("cells") or []),
            expected=d.get("expected"),
            actual=d.get("actual"),
            message=d.get("message", ""),
            message_en=d.get("message_en", ""),
            suspects=[Suspect(**s) for s in d.get("suspects") or []],
            note=d.get("note"),
        )
