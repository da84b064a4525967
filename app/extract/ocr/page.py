"""A page image → the PageObjects a text page gives: characters and ruling edges in points.

The stages, each visible in ``OcrPage``:

1. rectify a photographed page (raster.rectify: the page's outline warped to
   the full page), even out the paper (raster.flatten), straighten the
   image (raster.deskew);
2. find the rulings (lines.py) and, from their edges, the table cells
   (pdfpage.find_tables — the very grid code of the text path);
3. cut text lines: inside each cell, and in the rest of the page, the bands of
   rows that hold ink (rulings erased first), each band's ink extent one line;
   a cell written downwards (尚/未/审/结) is read as one line, for context;
   a long line is cut at a gap between characters (the recogniser's cost
   grows faster than a line's width);
4. recognise all lines in batches (engine.recognise);
5. spread each line's text evenly over its box as pseudo-characters, each
   carrying the line's confidence as ``"conf"``.

grid.page_tables, assign and numbers then run unchanged on the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from app.extract.ocr import engine, lines, raster
from app.extract.pdfpage import PageObjects, find_tables
from app.model import BBox

Box = tuple[int, int, int, int]  # pixels: x0, top, x1, bottom

_MIN_LINE_PT = 9.0  # a line crop is at least this tall, so a lone dash keeps its shape
_PAD_PT = 1.5  # white margin around a line crop
_SPLIT_GAP = 2.5  # prose: a gap wider than this many line heights splits a band
_MIN_INK_PX = 8  # less ink than this in a band is a speck, not text
_PROSE_MIN_CONF = 0.5  # prose lines read with less confidence are dropped (noise, seals)
_SHORT = 2.6  # a cell whose lines are all at most this many heights wide is read as one line
_MAX_LINE = 500  # recogniser columns: longer lines are cut (faster, and less memory)
_INSET_PT = 0.8  # a cell's text is looked for this far inside its rulings
_SPECK_PT = 2.2  # ink no wider or taller than this (points) is a dot: a speck, or a decimal point
_NEAR_PT = 2.0  # a dot this close to a stroke is a broken-off piece of its glyph (thin strokes break)
_GLYPH_PT = 3.5  # ink at least this tall (points) is a character
# a number with stray marks beside it: specks, or a ruling's remains read as one CJK character
_STRAY = re.compile(r"([·•.,'`‘’\"“”*_~\s]*|[\u4e00-\u9fff|])\s*([+\-]?\s*\d[\d,]*(?:\.\d+)?)\s*"
                    r"([·•.,'`‘’\"“”*_~\-\s]*|[\u4e00-\u9fff|])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LABEL_SPECKS = dict.fromkeys(map(ord, "'`‘’·•"), None)  # no label of the templates prints these
_LOOKALIKES = str.maketrans("ADOoQUIl|SsBZzgbGT", "400000111558229661")
_LOOKALIKE_ONLY = re.compile(r"[+\-]?[0-9ADOoQUIl|SsBZzgbGT,.]*[0-9ADOoQUSsBZzgbGT][0-9ADOoQUIl|SsBZzgbGT,.]*")
_STRAY_CONF = 0.8  # below rules.ocr.THRESHOLD: such a cell is flagged ocr_uncertain
_DASHES = set("一-—–－―_‐‑﹣")
_STROKES = set("1lI|/")  # one upright stroke, or a slash
_SLASH_SLOPE = -0.2  # ink leaning like a slash (dx/dy of its moments); an upright 1 is ~+0.1


@dataclass
class TextLine:
    """One crop to recognise: a line of text, or a cell's short lines side by side (``parts``)."""

    box: Box  # of the ink
    in_table: bool
    parts: list[Box] = field(default_factory=list)
    text: str = ""
    confidence: float = 0.0
    cell: int = -1  # index of the table cell it lies in

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [self.box]


@dataclass
class OcrPage:
    """Every stage of one page's OCR, for debugging; ``objects`` is what extraction uses."""

    image: raster.Raster
    edges: list[dict]
    cells: list[BBox]  # table cells in points
    lines: list[TextLine] = field(default_factory=list)
    objects: PageObjects | None = None


def read(image: raster.Raster, number: int, width: float, height: float) -> OcrPage:
    """OCR a page (or a region of it) into PageObjects of page ``number``."""
    if image.x0 == 0 and image.top == 0:  # a whole page: a photo of it is rectified first
        image = raster.rectify(image)
    image = raster.Raster(raster.flatten(image.gray, image.scale), image.scale, image.x0, image.top,
                          image.angle, image.unwarp)
    flat = image = raster.deskew(image)
    strict, faint = raster.ink(flat.gray), raster.faint_ink(flat.gray)
    horizontal, vertical = lines.line_masks(strict | faint, image.scale)  # faint, broken rules too
    bw = raster.grown_ink(strict, faint)  # thin serif strokes of a glyph are faint
    edges = lines.edges(image, horizontal, vertical)
    cells = [c for table in find_tables(edges) for c in table]
    rules = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    text_ink = despeckle(cv2.bitwise_and(bw, cv2.bitwise_not(rules)), image.scale)
    clean = image.gray.copy()
    clean[rules > 0] = 255

    found = _cell_lines(image, text_ink, cells) + _prose_lines(image, text_ink, cells)
    crops = [_crop(clean, ln.parts, image.scale) for ln in found]
    for ln, (text, conf) in zip(found, engine.recognise(crops)):
        ln.text, ln.confidence = _tidy(text, ln, text_ink), conf
        if ln.in_table and _CJK.search(ln.text):  # a speck read into a label: (一')予以公开
            ln.text = ln.text.translate(_LABEL_SPECKS)
        if ln.in_table and 0 < len(ln.text) <= 10 and _LOOKALIKE_ONLY.fullmatch(ln.text) \
                and not ln.text.isdigit():
            # letters where only digits belong (A for 4, D for 0): read as the digits, in doubt
            ln.text, ln.confidence = ln.text.translate(_LOOKALIKES), min(conf, _STRAY_CONF)
        if ln.in_table and (m := _STRAY.fullmatch(ln.text)) and (m.group(1) or m.group(3)):
            # a speck read beside a number: drop it, but say the reading is in doubt
            ln.text, ln.confidence = m.group(2), min(conf, _STRAY_CONF)
    labels = {ln.cell for ln in found if ln.in_table and _CJK.search(ln.text)}
    for ln in found:  # in a label cell, a line of neither CJK nor digits is a speck or a ruling's remains
        if ln.cell in labels and not re.search(r"[0-9\u4e00-\u9fff]", ln.text):
            ln.text = ""
    chars = [ch for ln in found for ch in _chars(image, ln) if ln.text or not ln.in_table or ln.cell not in labels]
    return OcrPage(image, edges, cells, found, PageObjects(number, width, height, chars, edges))


def despeckle(ink: np.ndarray, scale: float) -> np.ndarray:
    """The ink without specks of dust and toner: dots no bigger than a decimal point that lie
    clear of every stroke (a broken-off piece of a glyph stays) and neither sit low
    between two characters (a decimal point) nor lie flat at mid-height just before one (a minus)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return ink
    x, y, w, h = (stats[1:, i].astype(np.float64) for i in range(4))
    small = np.maximum(w, h) <= _SPECK_PT * scale
    big = h >= _GLYPH_PT * scale
    if not small.any() or not big.any():
        return ink
    bx0, by0, bx1, by1 = x[big], y[big], x[big] + w[big], y[big] + h[big]
    sx0, sy0, sx1, sy1 = x[~small], y[~small], x[~small] + w[~small], y[~small] + h[~small]
    near = max(1.0, _NEAR_PT * scale)
    drop = np.zeros(count, bool)
    for i in np.flatnonzero(small):
        cx0, cy0, cx1, cy1 = x[i], y[i], x[i] + w[i], y[i] + h[i]
        gap = 0.7 * (by1 - by0)
        if ((sx0 - near <= cx1) & (cx0 <= sx1 + near) & (sy0 - near <= cy1) & (cy0 <= sy1 + near)).any():
            continue  # touching a stroke's box: a broken-off piece of a glyph
        low = (cy1 >= by0 + 0.6 * (by1 - by0)) & (cy0 <= by1 + 1)  # in the lower part of the glyph's line
        left = low & (bx1 <= cx0 + 1) & (cx0 - bx1 <= gap)
        right = low & (bx0 >= cx1 - 1) & (bx0 - cx1 <= gap)
        if left.any() and right.any():
            continue  # a decimal point
        mid = (cy0 >= by0 + 0.25 * (by1 - by0)) & (cy1 <= by1 - 0.2 * (by1 - by0))
        if w[i] >= 1.5 * h[i] and (mid & (bx0 >= cx1 - 1) & (bx0 - cx1 <= gap)).any():
            continue  # a minus sign before a number
        drop[i + 1] = True
    out = ink.copy()
    out[drop[labels]] = 0
    return out


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows holding ink, as (first, end) row indices; a one-row gap does not split."""
    rows = np.count_nonzero(ink, axis=1)
    on = np.concatenate(([False], rows > 0, [False]))
    change = np.flatnonzero(on[1:] != on[:-1])
    runs: list[list[int]] = []
    for start, end in zip(change[::2], change[1::2]):
        if runs and start - runs[-1][1] <= 1:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [(a, b) for a, b in runs if rows[a:b].sum() >= _MIN_INK_PX]


def _extent(ink: np.ndarray) -> tuple[int, int] | None:
    cols = np.flatnonzero(np.count_nonzero(ink, axis=0))
    return (int(cols[0]), int(cols[-1]) + 1) if cols.size else None


def _cell_lines(image: raster.Raster, ink: np.ndarray, cells: list[BBox]) -> list[TextLine]:
    """The text lines of each cell; a cell of short lines (a header written downwards) as one."""
    out = []
    h, w = ink.shape
    for k, cell in enumerate(cells):
        x0, top, x1, bottom = image.to_pixels(cell)
        inset = max(1, round(_INSET_PT * image.scale))  # a ruling's blurred edge is no text
        x0, top, x1, bottom = max(0, x0 + inset), max(0, top + inset), min(w, x1 - inset), min(h, bottom - inset)
        if x1 <= x0 or bottom <= top:
            continue
        region = ink[top:bottom, x0:x1]
        boxes = []
        for a, b in _bands(region):
            span = _extent(region[a:b])
            if span:
                boxes.append((x0 + span[0], top + a, x0 + span[1], top + b))
        if len(boxes) > 1 and all(bx1 - bx0 <= _SHORT * (bb - bt) for bx0, bt, bx1, bb in boxes):
            union = (min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3])
            out.append(TextLine(union, True, boxes, cell=k))
        else:
            out += [TextLine(piece, True, cell=k) for box in boxes for piece in _split_long(ink, box, image.scale)]
    return out


def _prose_lines(image: raster.Raster, ink: np.ndarray, cells: list[BBox]) -> list[TextLine]:
    """Text lines outside the tables, a band split where a wide gap is."""
    free = ink.copy()
    for cell in cells:
        x0, top, x1, bottom = image.to_pixels(cell)
        free[max(0, top - 2):bottom + 2, max(0, x0 - 2):x1 + 2] = 0
    out = []
    for a, b in _bands(free):
        band = free[a:b]
        cols = np.flatnonzero(np.count_nonzero(band, axis=0))
        if not cols.size:
            continue
        breaks = np.flatnonzero(np.diff(cols) > _SPLIT_GAP * (b - a))
        starts = np.concatenate(([cols[0]], cols[breaks + 1]))
        ends = np.concatenate((cols[breaks], [cols[-1]])) + 1
        for s, e in zip(starts, ends):
            if np.count_nonzero(band[:, s:e]) >= _MIN_INK_PX:
                out += [TextLine(p, False) for p in _split_long(free, (int(s), a, int(e), b), image.scale)]
    return out


def _split_long(ink: np.ndarray, box: Box, scale: float) -> list[Box]:
    """A long line cut into pieces of at most _MAX_LINE columns, each cut in the widest gap
    of the piece's second half (between characters, not inside one: 扌|及 have a gap too)."""
    x0, top, x1, bottom = box
    longest = round(_MAX_LINE * (bottom - top + 2 * _pad(scale)) / engine.REC_HEIGHT)
    if x1 - x0 <= longest:
        return [box]
    empty = np.count_nonzero(ink[top:bottom, x0:x1], axis=0) == 0
    pieces = []
    start = 0
    while x1 - x0 - start > longest:
        lo, hi = start + longest // 2, start + longest
        window = np.concatenate(([False], empty[lo:hi], [False]))
        edges = np.flatnonzero(window[1:] != window[:-1])
        runs = list(zip(edges[::2], edges[1::2]))
        if runs:
            a, b = max(runs, key=lambda r: (r[1] - r[0], r[0]))
            cut = lo + (a + b) // 2
        else:
            cut = hi
        pieces.append((x0 + start, top, x0 + cut, bottom))
        start = cut
    pieces.append((x0 + start, top, x1, bottom))
    return pieces


def _pad(scale: float) -> int:
    return max(2, round(_PAD_PT * scale))


def _crop(gray: np.ndarray, parts: list[Box], scale: float) -> np.ndarray:
    """The line's pixels (its parts side by side) with a white margin, at least _MIN_LINE_PT tall."""
    pad = _pad(scale)
    tall = max(max(b - t for _, t, _, b in parts) + 2 * pad, round(_MIN_LINE_PT * scale))
    pieces = []
    for x0, top, x1, bottom in parts:
        extra = tall - (bottom - top)
        pieces.append(cv2.copyMakeBorder(gray[top:bottom, x0:x1], extra // 2, extra - extra // 2, pad, pad,
                                         cv2.BORDER_CONSTANT, value=255))
    return pieces[0] if len(pieces) == 1 else np.hstack(pieces)


def _tidy(text: str, line: TextLine, ink: np.ndarray) -> str:
    """What the recogniser cannot tell without context: a lone dash, a slash read as a one."""
    text = text.strip()
    if len(text) == 1 and text in _DASHES:
        return "—"
    if len(text) == 1 and text in _STROKES and len(line.parts) == 1:
        x0, top, x1, bottom = line.box
        m = cv2.moments(ink[top:bottom, x0:x1], binaryImage=True)
        if m["mu02"] and m["mu11"] / m["mu02"] < _SLASH_SLOPE:
            return "/"
    return text


def _chars(image: raster.Raster, line: TextLine) -> list[dict]:
    """The line's text as characters spread evenly over its box (spaces leave gaps).

    A stitched line's characters go back to its parts in proportion to their widths.
    """
    text = line.text
    if line.in_table and not text:
        text = "?"  # ink that reads as nothing: keep it visible as an unreadable value
    if not text or (not line.in_table and line.confidence < _PROSE_MIN_CONF):
        return []
    if line.in_table and line.confidence < _PROSE_MIN_CONF and len(text) > 2 \
            and not re.search(r"[0-9\u4e00-\u9fff]", text):
        return []  # a ruling's remains or noise read as letters (IEEEECN): no label, no number
    ends = np.cumsum([p[2] - p[0] for p in line.parts])
    share: list[list[str]] = [[] for _ in line.parts]
    for i, ch in enumerate(text):
        k = int(np.searchsorted(ends, (i + 0.5) / len(text) * ends[-1]))
        share[min(k, len(share) - 1)].append(ch)
    out = []
    for part, chars in zip(line.parts, share):
        if not chars:
            continue
        x0, top, x1, bottom = image.to_points(*part)
        step = (x1 - x0) / len(chars)
        for i, ch in enumerate(chars):
            if ch.isspace():
                continue
            box = (x0 + i * step, top, x0 + (i + 1) * step, bottom)
            out.append({"text": ch, "x0": box[0], "x1": box[2], "top": top, "bottom": bottom,
                        "ink": image.to_source(box), "conf": line.confidence})
    return out
