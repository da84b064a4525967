"""The neutral form every reader produces: a source document as tables and prose.

A reader (app/extract/readers/*) turns one source — a PDF, page images, a web
page, a Word file, OCR'd or pasted text — into a ``SourceDocument``; the one
assembler (app/extract/assemble.py) turns that into a Record. Nothing here
knows a template: labels are the printed text, matched by the assembler.

Tables are rows of cells as the source prints them. A cell knows its grid
position (``col``, ``rowspan``, ``colspan``) when the source has one (HTML,
DOCX, tab-aligned text), so the assembler can find the labels above and to the
left of each number exactly as the PDF path does with ruled cells. A table the
reader could not align (text whose columns are only a run of numbers after a
label) is ``aligned=False``: each row is its label cells followed by its value
cells in printed order, and the assembler takes the columns from the header it
recognises or from the template's printed order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.model import FORMATS, Anchor, BBox, Problem

UNIT = 10.0  # grid units per row/column when a table has no geometry of its own

__all__ = ["FORMATS", "UNIT", "Anchor", "SourceCell", "SourceDocument", "SourceTable"]


@dataclass
class SourceCell:
    """One printed cell: its text as printed and where it sits."""

    text: str  # lines joined with "\n"; "" for an empty cell (``&nbsp;``, an empty tab slot)
    anchor: Anchor
    col: int = 0  # 0-based grid column of its left edge (after the spans of the rows above)
    rowspan: int = 1
    colspan: int = 1
    box: BBox | None = None  # layout box when the source has geometry (PDF points, image pixels)
    confidence: float | None = None  # OCR: least confidence of its characters

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass
class SourceTable:
    """A table as printed: ``rows`` of cells, top to bottom."""

    rows: list[list[SourceCell]]
    page: int = 1  # 1-based page (or page-like unit) it starts on
    aligned: bool = True  # False: only label cells then value cells per row (text layouts)
    anchor: Anchor | None = None  # where the table as a whole sits


@dataclass
class SourceDocument:
    """What a reader hands the assembler.

    ``prose``: the text outside the report tables, page by page, as lines
    (headings, the title, the sections' prose); a source without pages has one.
    ``content``: the source as the workstation's source view shows it, and as
    the anchors index it — the decoded text (``span`` anchors count lines and
    characters in it) or the report's HTML; None for PDFs and images.
    ``record``: set only by readers whose own pipeline already names the cells
    (PDF and page images: which pages to OCR depends on what the naming finds);
    the assembler then only completes it.
    """

    path: str
    format: str  # one of FORMATS
    sha256: str
    pages: int = 1
    tables: list[SourceTable] = field(default_factory=list)
    prose: list[list[str]] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date (发布日期/公开日期/发文日期, meta tags)
    # 索引号, 发布机构, <title> … as printed; "agency" (e.g. from 发布机构) is the record's agency
    # when the title names none
    metadata: dict[str, str] = field(default_factory=dict)
    content: str | None = None
    files: list[str] = field(default_factory=list)  # several files read as one report
    problems: list[Problem] = field(default_factory=list)
    record: Any = None  # app.model.Record, see above

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
