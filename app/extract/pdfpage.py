"""One page's characters and ruling edges, read with pdfium, in pdfplumber's terms.

pdfminer interprets a page's content stream in Python; pdfium does it in C,
~10× faster. We read characters (with their loose, font-size boxes) and
path segments through pypdfium2 and hand the edges to pdfplumber's own
lines-strategy algorithm (snap, join, intersections, cells, tables), so the
grid is exactly the one pdfplumber would find. Coordinates are PDF points
from the page's top-left, as pdfplumber's.

A page with /Rotate (a landscape section WPS/Word made as a portrait MediaBox
with /Rotate 90 and its content drawn turned) is read in its *view frame*:
the page as a viewer shows it, so its text runs left to right and its
rulings are horizontal and vertical as on paper. Every later stage works in
that frame; ``to_media`` turns a box back into the unrotated media box's
top-left coordinates, the ones ``Cell.bbox`` and the page view use.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pr
from pdfplumber import table as pt
from pdfplumber.utils import filter_edges

from app.model import BBox

# pdfplumber's default table settings (lines strategy)
_SNAP = 3
_JOIN = 3
_MIN_EDGE = 3
_MIN_EDGE_PREFILTER = 1
_INTERSECT = 3
_AXIS_SLACK = 0.5
_MAX_GLYPH = 60.0  # points: no report prints a character larger; a bigger layout box is bogus  # a segment this close to horizontal/vertical counts as such


@dataclass
class PageObjects:
    number: int
    width: float
    height: float
    chars: list[dict]  # {"text", "x0", "x1", "top", "bottom"}: layout box; "ink": the glyph's box
    edges: list[dict]  # pdfplumber edge dicts
    rotation: int = 0  # the page's /Rotate: chars, edges, width, height are in its view frame
    media: tuple[float, float] | None = None  # unrotated width, height (None: width, height)

    def to_media(self, box: BBox) -> BBox:
        """A view-frame box → the unrotated media box's top-left coordinates (Cell.bbox's)."""
        w, h = self.media or (self.width, self.height)
        return turn_box(box, self.rotation, w, h, back=True)


def turn_point(x: float, y: float, rotation: int, w: float, h: float, back: bool = False) -> tuple[float, float]:
    """Media top-left point → view-frame point of a page turned by ``rotation`` (``back``: the inverse).

    ``w`` and ``h`` are the unrotated media box's size; as ui/page_renderer.PageGeometry.
    """
    if rotation == 90:
        return (y, h - x) if back else (h - y, x)
    if rotation == 180:
        return w - x, h - y
    if rotation == 270:
        return (w - y, x) if back else (y, w - x)
    return x, y


def turn_box(box: BBox, rotation: int, w: float, h: float, back: bool = False) -> BBox:
    if not rotation:
        return box
    ax, ay = turn_point(box[0], box[1], rotation, w, h, back)
    bx, by = turn_point(box[2], box[3], rotation, w, h, back)
    return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def rotation_of(page: pdfium.PdfPage) -> int:
    return page.get_rotation() % 360


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> Matrix:
    m = pr.FS_MATRIX()
    if not pr.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def read_page(doc: pdfium.PdfDocument, number: int) -> PageObjects:
    """Characters and edges of page ``number`` (1-based)."""
    page = doc[number - 1]
    try:
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        rotation = rotation_of(page)
        chars = _chars(page, top)
        edges: list[dict] = []
        _walk(page.raw, pr.FPDFPage_CountObjects, pr.FPDFPage_GetObject, _IDENTITY, top, edges)
        if not rotation:
            return PageObjects(number, width, height, chars, edges)
        return _turned(PageObjects(number, width, height, chars, edges), rotation)
    finally:
        page.close()


def _turned(page: PageObjects, rotation: int) -> PageObjects:
    """``page`` (media frame) in the view frame of a page shown turned by ``rotation``."""
    w, h = page.width, page.height

    def box(b):
        return turn_box(b, rotation, w, h)

    chars = []
    for ch in page.chars:
        x0, top, x1, bottom = box((ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
        chars.append({**ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "ink": box(ch["ink"])})
    edges: list[dict] = []
    for e in page.edges:
        p0 = turn_point(e["x0"], e["top"], rotation, w, h)
        p1 = turn_point(e["x1"], e["bottom"], rotation, w, h)
        _add_edge(p0, p1, edges)
    vw, vh = (h, w) if rotation in (90, 270) else (w, h)
    return PageObjects(page.number, vw, vh, chars, edges, rotation, (w, h))


def _chars(page: pdfium.PdfPage, page_top: float) -> list[dict]:
    tp = page.get_textpage()
    try:
        out = []
        for i in range(tp.count_chars()):
            code = pr.FPDFText_GetUnicode(tp.raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or pr.FPDFText_IsGenerated(tp.raw, i) == 1:
                continue
            ch = chr(code)
            if ch.isspace():
                continue
            out.append(_char(ch, tp.get_charbox(i), tp.get_charbox(i, loose=True), page_top))
        return out
    finally:
        tp.close()


def _char(ch: str, tight: tuple, loose: tuple, page_top: float) -> dict:
    """A character's layout box (font ascent to descent, as pdfplumber's) and its ink box.

    pdfium's loose box is that layout box, except for vertically written text,
    where it is far off; there the ink box, squared to the glyph's size, stands in.
    """
    tx0, ty0, tx1, ty1 = tight
    lx0, ly0, lx1, ly1 = loose
    size = max(tx1 - tx0, ty1 - ty0, 1.0)
    sane = (lx0 <= tx0 + 0.5 and tx1 <= lx1 + 0.5 and ly0 <= ty0 + 0.5 and ty1 <= ly1 + 0.5
            and lx1 - lx0 <= _MAX_GLYPH and ly1 - ly0 <= _MAX_GLYPH)
    if sane:
        x0, x1, top, bottom = lx0, lx1, page_top - ly1, page_top - ly0
    else:
        cy = page_top - (ty0 + ty1) / 2
        x0, x1, top, bottom = tx0, tx1, cy - size / 2, cy + size / 2
    ink = (tx0, page_top - ty1, tx1, page_top - ty0)
    return {"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "ink": ink}


def _walk(parent, count, get, outer: Matrix, page_top: float, edges: list[dict], depth: int = 0) -> None:
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = pr.FPDFPageObj_GetType(obj)
        if kind == pr.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), outer), page_top, edges)
        elif kind == pr.FPDF_PAGEOBJ_FORM and depth < 8:
            _walk(obj, pr.FPDFFormObj_CountObjects, pr.FPDFFormObj_GetObject,
                  _compose(_matrix(obj), outer), page_top, edges, depth + 1)


def _path_edges(obj, m: Matrix, page_top: float, edges: list[dict]) -> None:
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if pr.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and not fill.value and not stroke.value:
        return  # neither filled nor stroked: draws nothing
    a, b, c, d, e, f = m
    x = ctypes.c_float()
    y = ctypes.c_float()
    start = prev = None
    for k in range(pr.FPDFPath_CountSegments(obj)):
        seg = pr.FPDFPath_GetPathSegment(obj, k)
        pr.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        point = (a * px + c * py + e, page_top - (b * px + d * py + f))
        kind = pr.FPDFPathSegment_GetType(seg)
        if kind == pr.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if prev is not None and kind == pr.FPDF_SEGMENT_LINETO:
            _add_edge(prev, point, edges)
        prev = point
        if pr.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_edge(point, start, edges)
            prev = start


def _add_edge(p0: tuple[float, float], p1: tuple[float, float], edges: list[dict]) -> None:
    (x0, y0), (x1, y1) = p0, p1
    if abs(y0 - y1) <= _AXIS_SLACK:
        orientation = "h"
        y0 = y1 = (y0 + y1) / 2
    elif abs(x0 - x1) <= _AXIS_SLACK:
        orientation = "v"
        x0 = x1 = (x0 + x1) / 2
    else:
        return  # diagonal: no table ruling
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = min(y0, y1), max(y0, y1)
    edges.append({
        "object_type": "line", "orientation": orientation,
        "x0": left, "x1": right, "top": top, "bottom": bottom,
        "width": right - left, "height": bottom - top,
    })


def find_tables(edges: list[dict]) -> list[list[BBox]]:
    """pdfplumber's lines strategy on our edges: the cells of each table found."""
    base = filter_edges(edges, min_length=_MIN_EDGE_PREFILTER)
    merged = pt.merge_edges(base, _SNAP, _SNAP, _JOIN, _JOIN)
    merged = filter_edges(merged, min_length=_MIN_EDGE)
    intersections = pt.edges_to_intersections(merged, _INTERSECT, _INTERSECT)
    cells = pt.intersections_to_cells(intersections)
    return [[tuple(c) for c in group] for group in pt.cells_to_tables(cells)]
