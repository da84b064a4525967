"""Ruling lines of a page image, as the edges pdfpage reads from a text page.

Morphological line detection: opening the ink mask with a long thin
horizontal (vertical) kernel keeps only runs of ink longer than any
character stroke — the rulings. Each remaining connected run becomes one
pdfplumber edge dict in page points, so pdfpage.find_tables builds the grid
exactly as it does for a born-digital page.
"""

from __future__ import annotations

import cv2
import numpy as np

from app.extract.ocr.raster import Raster

# A ruling is at least this long (points). A horizontal one spans a cell (≥ 28 pt in these
# tables); a stroke of a 22-pt title character does not reach 26 pt. A vertical one spans a
# row, and is shorter; without a long horizontal to cross, a character's stroke makes no cell.
RULE_MIN_H = 26.0
RULE_MIN_V = 18.0
_GAP_PX = 3  # close gaps of noise this wide in a ruling before measuring it
_END_TOL = 3.0  # points: vertical rulings ending within this of each other end together
_MIN_OPEN = 3  # this many verticals ending together, with no ruling there, make an open end


def line_masks(bw: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical rulings of ink mask ``bw`` (255 = ruling)."""
    nh, nv = max(10, round(RULE_MIN_H * scale)), max(10, round(RULE_MIN_V * scale))
    closed_h = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_GAP_PX, 1)))
    closed_v = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _GAP_PX)))
    horizontal = cv2.morphologyEx(closed_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (nh, 1)))
    vertical = cv2.morphologyEx(closed_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, nv)))
    return horizontal, vertical


def edges(raster: Raster, horizontal: np.ndarray, vertical: np.ndarray) -> list[dict]:
    """Every ruling of the masks as a pdfplumber edge dict in page points."""
    out: list[dict] = []
    for mask, orientation in ((horizontal, "h"), (vertical, "v")):
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            x0, top, x1, bottom = raster.to_points(x, y, x + w, y + h)
            if orientation == "h":
                mid = (top + bottom) / 2
                top = bottom = mid
            else:
                mid = (x0 + x1) / 2
                x0 = x1 = mid
            out.append({
                "object_type": "line", "orientation": orientation,
                "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                "width": x1 - x0, "height": bottom - top,
            })
    return out + _open_ends(out)


def _open_ends(edges: list[dict]) -> list[dict]:
    """The missing top or bottom rulings of a table cut by a page break.

    Word processors often print the part of a table before a page break with
    no bottom ruling (the text layer may hold an invisible one), and the part
    after it with no top ruling. Where several verticals end at the same height
    and no horizontal ruling spans them there, one is added — verticals that
    cross a horizontal ruling elsewhere only (a table's, not a character's).
    """
    horizontal = [e for e in edges if e["orientation"] == "h"]
    vertical = [e for e in edges if e["orientation"] == "v" and any(
        h["x0"] - _END_TOL <= e["x0"] <= h["x1"] + _END_TOL and e["top"] - _END_TOL <= h["top"] <= e["bottom"] + _END_TOL
        for h in horizontal)]
    added = []
    for key in ("top", "bottom"):
        for group in _clusters(vertical, key):
            y = sum(e[key] for e in group) / len(group)
            x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
            ruled = any(abs(h["top"] - y) <= _END_TOL and h["x0"] <= x0 + _END_TOL and h["x1"] >= x1 - _END_TOL
                        for h in horizontal)
            if len(group) >= _MIN_OPEN and not ruled:
                added.append({"object_type": "line", "orientation": "h", "x0": x0, "x1": x1,
                              "top": y, "bottom": y, "width": x1 - x0, "height": 0.0})
    return added


def _clusters(edges: list[dict], key: str) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for e in sorted(edges, key=lambda e: e[key]):
        if groups and e[key] - groups[-1][-1][key] <= _END_TOL:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups
