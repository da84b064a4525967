"""Ruled tables of a page as cells with their text, and each cell's context.

pdfplumber's lines strategy (run on the edges pdfpage reads) gives the exact
grid of a ruled table, merged cells as one rectangle. We keep every stage visible: the cells, their text
and characters' box, and for every value cell the label cells above it
(header path) and to its left (stub path) — the context that names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.extract.numbers import looks_numeric
from app.extract.pdfpage import PageObjects, find_tables
from app.model import BBox

_TOL = 1.5  # points of slack when comparing ruling positions


@dataclass
class GridCell:
    bbox: BBox  # the ruled cell
    text: str  # lines joined with "\n"
    ink: BBox | None  # tight box of the characters, None when empty
    numeric: bool = False  # a value (or blank) rather than a label
    confidence: float | None = None  # OCR: the least confidence of its characters; None: text layer
    header: list[GridCell] = field(default_factory=list, repr=False)
    stub: list[GridCell] = field(default_factory=list, repr=False)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


@dataclass
class GridTable:
    page: int
    bbox: BBox
    cells: list[GridCell]


def _cy(ch: dict) -> float:
    return (ch["top"] + ch["bottom"]) / 2


def _size(ch: dict) -> float:
    return max(ch["bottom"] - ch["top"], 1.0)


def _lines_of(chars: list[dict]) -> list[list[dict]]:
    """Group characters into lines by their vertical centre, each sorted left to right."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=_cy):
        if lines and abs(_cy(lines[-1][-1]) - _cy(ch)) <= 0.45 * _size(ch):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def text_of(chars: list[dict]) -> str:
    """Characters as text: lines joined with newlines, a space where a wide gap is."""
    out = []
    for line in _lines_of(chars):
        parts = []
        prev = None
        for ch in line:
            if prev is not None and ch["x0"] - prev["x1"] > 0.6 * _size(ch):
                parts.append(" ")
            parts.append(ch["text"])
            prev = ch
        out.append("".join(parts))
    return "\n".join(out)


def dedupe(chars: list[dict]) -> list[dict]:
    """Drop characters drawn twice at the same place (fake bold in WPS/Word output)."""
    seen = set()
    out = []
    for ch in chars:
        key = (ch["text"], round(ch["x0"]), round(ch["top"]))
        if key not in seen:
            seen.add(key)
            out.append(ch)
    return out


def page_tables(page: PageObjects, blank_markers: tuple[str, ...]) -> list[GridTable]:
    """Every ruled table of a page, its cells filled with their characters."""
    tables = []
    for rects in find_tables(page.edges):
        rects = sorted(rects, key=lambda b: (b[1], b[0]))
        x0 = min(r[0] for r in rects)
        top = min(r[1] for r in rects)
        x1 = max(r[2] for r in rects)
        bottom = max(r[3] for r in rects)
        inside = [c for c in page.chars if x0 <= c["x0"] and c["x1"] <= x1 + 2 and top <= c["top"] and c["bottom"] <= bottom + 2]
        buckets = _bucket(inside, rects)
        cells = []
        for rect, cs in zip(rects, buckets):
            cs = dedupe(cs)
            ink = None
            if cs:
                inks = [c["ink"] for c in cs]
                ink = (min(b[0] for b in inks), min(b[1] for b in inks),
                       max(b[2] for b in inks), max(b[3] for b in inks))
            text = text_of(cs)
            confs = [c["conf"] for c in cs if "conf" in c]
            cells.append(GridCell(rect, text, ink, numeric=looks_numeric(text, blank_markers),
                                  confidence=min(confs) if confs else None))
        link_context(cells)
        tables.append(GridTable(page.number, (x0, top, x1, bottom), cells))
    return tables


def _bucket(chars: list[dict], rects: list[BBox]) -> list[list[dict]]:
    """Each character into its cell: the one that holds its vertical centre and its left edge.

    Text runs left to right, so a label that overflows its cell's right
    border stays with its label, not with the number next to it.
    """
    buckets: list[list[dict]] = [[] for _ in rects]
    for ch in chars:
        cx = ch["x0"] + min(1.0, 0.25 * (ch["x1"] - ch["x0"]))
        cy = (ch["top"] + ch["bottom"]) / 2
        for i, (x0, top, x1, bottom) in enumerate(rects):
            if top <= cy <= bottom and x0 <= cx <= x1:
                buckets[i].append(ch)
                break
    return buckets


def _walk(candidates: list[GridCell], limit: int = 5) -> list[GridCell]:
    """Label cells nearest first: skip the values next to us, collect labels, stop at values again."""
    path: list[GridCell] = []
    collecting = False
    for c in candidates:
        if c.empty:
            continue
        if c.numeric:
            if collecting:
                break
            continue
        collecting = True
        path.append(c)
        if len(path) >= limit:
            break
    return path


def link_context(cells: list[GridCell]) -> None:
    """Give every value cell its header path (labels above) and stub path (labels to its left)."""
    for d in cells:
        if not d.numeric:
            continue
        x0, top, x1, bottom = d.bbox
        above = [c for c in cells if c.bbox[3] <= top + _TOL and c.bbox[0] - _TOL <= d.cx <= c.bbox[2] + _TOL and c is not d]
        above.sort(key=lambda c: c.bbox[3], reverse=True)
        left = [c for c in cells if c.bbox[2] <= x0 + _TOL and c.bbox[1] - _TOL <= d.cy <= c.bbox[3] + _TOL and c is not d]
        left.sort(key=lambda c: c.bbox[2], reverse=True)
        d.header = _walk(above)
        d.stub = _walk(left)
