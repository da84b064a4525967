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

RULE_MIN_PT = 18.0  # a ruling is at least this long; a CJK stroke at table sizes is shorter
_GAP_PX = 3  # close gaps of noise this wide in a ruling before measuring it


def line_masks(bw: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical rulings of ink mask ``bw`` (255 = ruling)."""
    n = max(10, round(RULE_MIN_PT * scale))
    closed_h = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_GAP_PX, 1)))
    closed_v = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _GAP_PX)))
    horizontal = cv2.morphologyEx(closed_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1)))
    vertical = cv2.morphologyEx(closed_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, n)))
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
    return out
