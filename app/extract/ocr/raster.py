"""Page images for OCR: render with pdfium, straighten a scan's small tilt.

Coordinates: a rendered image's pixel (x, y) is the point
(x0 + x / scale, top + y / scale) of the page (top-left origin, as
pdfplumber's), where ``scale`` = dpi / 72. A deskewed image keeps that
mapping: it is turned about its centre by at most a few degrees, so a box
found in it is off from the unturned page by at most sin(angle) × its distance
from the centre — a point or two at 1.5°, well inside a cell. The boxes we
report are those of the straightened page.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from app.limits import ocr_scale
from app.model import BBox

DPI = 200
MAX_SKEW = 3.0  # degrees: a scan tilted more than this is not straightened
INK_MAX = 170  # grey level: darker is ink (printed text is far darker; scanned paper far lighter)


@dataclass
class Raster:
    """A grey page image (or a region of one) and where it sits on the page."""

    gray: np.ndarray  # uint8, 255 = paper
    scale: float  # pixels per point
    x0: float  # page point of pixel column 0
    top: float  # page point of pixel row 0
    angle: float = 0.0  # degrees it was turned to straighten it

    def to_points(self, x0: float, top: float, x1: float, bottom: float) -> BBox:
        s = self.scale
        return (self.x0 + x0 / s, self.top + top / s, self.x0 + x1 / s, self.top + bottom / s)

    def to_pixels(self, box: BBox) -> tuple[int, int, int, int]:
        s = self.scale
        x0, top, x1, bottom = box
        return (round((x0 - self.x0) * s), round((top - self.top) * s),
                round((x1 - self.x0) * s), round((bottom - self.top) * s))


def render(doc: pdfium.PdfDocument, number: int, region: BBox | None = None, dpi: int = DPI) -> Raster:
    """Page ``number`` (1-based), or the ``region`` of it (page points, top-left origin), in grey.

    At ``dpi``, or coarser where that raster would pass app.limits.MAX_PIXELS;
    PageTooLargeError when even MIN_OCR_DPI would.
    """
    page = doc[number - 1]
    try:
        width, height = page.get_size()
        crop = (0.0, 0.0, 0.0, 0.0)
        x0 = top = 0.0
        if region is not None:
            x0, top, x1, bottom = region
            crop = (max(0.0, x0), max(0.0, height - bottom), max(0.0, width - x1), max(0.0, top))
            x0, top = crop[0], crop[3]
        # never a raster past MAX_PIXELS: a huge page is read coarser, or refused
        scale = ocr_scale(width - crop[0] - crop[2], height - crop[1] - crop[3], dpi, number)
        bitmap = page.render(scale=scale, grayscale=True, crop=crop)
        gray = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
        bitmap.close()
    finally:
        page.close()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    return Raster(gray, scale, x0, top)


def ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink) of a grey image: Otsu's threshold, but never above INK_MAX.

    On a page with ink, Otsu's threshold falls between ink and paper; on a blank
    page it falls inside the paper's noise, which would all become "ink".
    """
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, bw = cv2.threshold(gray, min(level, INK_MAX), 255, cv2.THRESH_BINARY_INV)
    return bw


def skew(gray: np.ndarray) -> float:
    """The tilt of a page, in degrees (positive: turned anticlockwise), from its lines.

    Projection profiles: turned by the right angle, the rows of ruling lines
    and text lines are sharpest, so the sum of squared differences of the row
    sums peaks. Searched coarse to fine on a half-size image.
    """
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    bw = ink(small)
    h, w = bw.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(bw, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=score)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=score)
    return -float(best)


def deskew(raster: Raster) -> Raster:
    """The raster straightened (turned back about its centre), white where paper is new."""
    angle = skew(raster.gray)
    if abs(angle) < 0.05:
        return raster
    h, w = raster.gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    gray = cv2.warpAffine(raster.gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return Raster(gray, raster.scale, raster.x0, raster.top, angle)
