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


@dataclass
class Cell:
    """One printed number of a report table, where it sits, and how it read."""

    value: Number | None  # None: the printed text could not be read as a number
    raw: str  # the text as printed (whitespace collapsed)
    page: int  # 1-based
    bbox: BBox
    blank: bool = False  # printed empty, or as / — - 无; value is then 0
    confidence: float | None = None  # OCR confidence 0..1; None for a text layer

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


@dataclass
class Source:
    path: str
    sha256: str
    pages: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "pages": self.pages}


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
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Record:
        src = d.get("source") or {}
        return cls(
            source=Source(src.get("path", ""), src.get("sha256", ""), int(src.get("pages", 0))),
            template=d["template"],
            agency=d.get("agency"),
            year=d.get("year"),
            cells={k: Cell.from_json(v) for k, v in (d.get("cells") or {}).items()},
            missing=list(d.get("missing") or []),
            sections=[Section(s["heading"], s.get("page", 0), s.get("text", "")) for s in d.get("sections") or []],
            problems=[Problem(p.get("page"), p["message"], p.get("cell")) for p in d.get("problems") or []],
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
