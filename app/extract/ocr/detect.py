"""What needs OCR: pages without usable text, and tables pasted into a page as pictures.

Cheap questions only (pdfium's text and object lists; no rendering, no
OCR import), so a born-digital report pays nothing noticeable for them.

- a page with (almost) no characters: a scanned page;
- a page whose text layer is garbage: fonts without a ToUnicode map come out
  as ``(cid:123)``, U+FFFD, private-use or control code points;
- a picture on a page where a table should be, with no text over it: a table
  pasted as an image (OCR that region, keep the text layer for the rest);
- text that names none of the template's labels on a page that has a ruled
  table: a font whose character map lies (record.py asks, page by page).
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pr

from app.extract.pdfio import PdfText
from app.model import BBox

MIN_CHARS = 20  # a page with fewer non-space characters has no text layer to speak of
GARBAGE_SHARE = 0.3  # a page whose text is this much garbage is read by OCR
PICTURE_MIN_WIDTH = 0.4  # share of the page width a pasted table spans at least
PICTURE_MIN_HEIGHT = 36.0  # points
PICTURE_MAX_CHARS = 5  # text-layer characters over a picture before it counts as text, not picture

_CID = re.compile(r"\(cid:\d+\)")


def garbage_share(text: str) -> float:
    """The share of a text's characters that no font map turned into readable text."""
    body = "".join(text.split())
    if not body:
        return 1.0
    cids = _CID.findall(body)
    rest = _CID.sub("", body)
    bad = sum(1 for ch in rest if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 32
              or 0xF0000 <= ord(ch))
    return (bad + len(cids)) / max(1, len(rest) + len(cids))


def unreadable(text: str) -> bool:
    """Whether a page's text layer is missing or garbage."""
    return len("".join(text.split())) < MIN_CHARS or garbage_share(text) > GARBAGE_SHARE


def unreadable_pages(pdf: PdfText) -> list[int]:
    """The pages (1-based) whose text layer is missing or garbage."""
    return [p.number for p in pdf.pages if unreadable(p.text)]


def picture_regions(doc: pdfium.PdfDocument, number: int, chars: list[dict]) -> list[BBox]:
    """Pictures on page ``number`` big enough to be a table and with no text over them.

    Boxes in page points of the view frame (top-left origin), as the page's characters.
    """
    from app.extract.pdfpage import rotation_of, turn_box

    page = doc[number - 1]
    try:
        left, bottom, right, top = page.get_mediabox()
        mw, mh = right - left, top - bottom
        rotation = rotation_of(page)
        width, height = page.get_size()
        found: list[tuple[float, float, float, float]] = []
        _images(page.raw, pr.FPDFPage_CountObjects, pr.FPDFPage_GetObject, found)
    finally:
        page.close()
    out: list[BBox] = []
    for left, bottom, right, top in found:
        box = turn_box((left, mh - top, right, mh - bottom), rotation, mw, mh)
        box = (max(0.0, box[0]), max(0.0, box[1]), min(width, box[2]), min(height, box[3]))
        if box[2] - box[0] < PICTURE_MIN_WIDTH * width or box[3] - box[1] < PICTURE_MIN_HEIGHT:
            continue
        if sum(1 for c in chars if _inside(c, box)) <= PICTURE_MAX_CHARS:
            out.append(box)
    return out


def _images(parent, count, get, out: list, depth: int = 0) -> None:
    """The bounds (PDF user space) of every image object, forms included: a raw loop, since a
    text page has thousands of objects and wrapping each costs more than the whole test."""
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = pr.FPDFPageObj_GetType(obj)
        if kind == pr.FPDF_PAGEOBJ_IMAGE:
            box = [ctypes.c_float() for _ in range(4)]
            if pr.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
                out.append(tuple(v.value for v in box))
        elif kind == pr.FPDF_PAGEOBJ_FORM and depth < 4:
            _images(obj, pr.FPDFFormObj_CountObjects, pr.FPDFFormObj_GetObject, out, depth + 1)


def _inside(obj: dict, box: BBox) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def outside(objects: list[dict], regions: list[BBox]) -> list[dict]:
    """The characters or edges (dicts with x0, x1, top, bottom) whose centre is in none of ``regions``."""
    return [o for o in objects if not any(_inside(o, r) for r in regions)]
