"""Page images for OCR: render with pdfium, straighten a scan's small tilt.

Coordinates: a rendered image's pixel (x, y) is the point
(x0 + x / scale, top + y / scale) of the page (top-left origin, as
pdfplumber's), where ``scale`` = dpi / 72. A deskewed image keeps that
mapping for finding the grid; ``unwarp`` keeps the way back (the turn, and a
photo's perspective), and the characters' ink boxes are mapped back with it, so
a cell's box lands on the number in the page as the page view shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from app.limits import ocr_scale
from app.model import BBox

DPI = 200
MAX_SKEW = 4.0  # degrees: a scan tilted more than this is not straightened (scanners: up to ~3.5°)
FAINT_MAX = 205  # grey level on flattened paper (255): darker may be part of a ruling
INK_MAX = 170  # grey level: darker is ink (printed text is far darker; scanned paper far lighter)


@dataclass
class Raster:
    """A grey page image (or a region of one) and where it sits on the page."""

    gray: np.ndarray  # uint8, 255 = paper
    scale: float  # pixels per point
    x0: float  # page point of pixel column 0
    top: float  # page point of pixel row 0
    angle: float = 0.0  # degrees it was turned to straighten it
    unwarp: np.ndarray | None = None  # 3×3: rectified pixel → pixel of the photo as rendered

    def to_source(self, box: BBox) -> BBox:
        """A box (page points) of the rectified image → the box it covers in the page as rendered."""
        if self.unwarp is None:
            return box
        s = self.scale
        x0, top, x1, bottom = ((box[0] - self.x0) * s, (box[1] - self.top) * s,
                               (box[2] - self.x0) * s, (box[3] - self.top) * s)
        corners = np.array([[[x0, top], [x1, top], [x1, bottom], [x0, bottom]]], np.float64)
        mapped = cv2.perspectiveTransform(corners, self.unwarp)[0]
        return (self.x0 + float(mapped[:, 0].min()) / s, self.top + float(mapped[:, 1].min()) / s,
                self.x0 + float(mapped[:, 0].max()) / s, self.top + float(mapped[:, 1].max()) / s)

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


def flatten(gray: np.ndarray, scale: float) -> np.ndarray:
    """Even out the paper: uneven light, vignetting, grey or yellowed paper → white.

    The paper's brightness is estimated by a grey closing (a max filter wider
    than any stroke, then min) on a quarter-size image; each pixel is divided
    by it, so paper becomes 255 wherever it is and ink keeps its contrast to it.
    """
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    k = max(5, round(4.0 * scale / 4) | 1)  # ~4 points: wider than a stroke of a digit or a rule
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = cv2.blur(paper, (k, k))
    paper = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = gray.astype(np.float32) * 255.0 / np.maximum(paper.astype(np.float32), 1.0)
    return np.clip(out, 0, 255).astype(np.uint8)


def page_quad(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (tl, tr, br, bl; pixels) of a photographed page on a darker background,
    or None when the image is the page itself (a scan: no background shows at its borders)."""
    f = 600.0 / max(gray.shape)
    small = cv2.GaussianBlur(cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA), (5, 5), 0)
    h, w = small.shape
    border = np.concatenate([small[:3].ravel(), small[-3:].ravel(), small[:, :3].ravel(), small[:, -3:].ravel()])
    paper = float(np.percentile(small, 75))
    if np.median(border) > 0.75 * paper:
        return None
    _, bw = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bw = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    contours, _ = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    if cv2.contourArea(page) < 0.4 * w * h:
        return None
    hull = cv2.convexHull(page)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4:
        return None
    pts = quad.reshape(4, 2).astype(np.float32)
    ordered = np.zeros((4, 2), np.float32)
    sums, diffs = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    ordered[0], ordered[2] = pts[np.argmin(sums)], pts[np.argmax(sums)]
    ordered[1], ordered[3] = pts[np.argmin(diffs)], pts[np.argmax(diffs)]
    return ordered / f


def rectify(raster: Raster) -> Raster:
    """A photographed page warped back to the full rectangle of the page (keystone, tilt, margins gone).

    Only a whole page is rectified; ``unwarp`` keeps the way back, so boxes
    land on the photo as the page view shows it.
    """
    quad = page_quad(raster.gray)
    if quad is None:
        return raster
    h, w = raster.gray.shape
    target = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    gray = cv2.warpPerspective(raster.gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return Raster(gray, raster.scale, raster.x0, raster.top, 0.0, np.linalg.inv(matrix))


def faint_ink(gray: np.ndarray) -> np.ndarray:
    """A tolerant ink mask for finding rulings on flattened paper: everything clearly below
    the paper's white. Faint, blurred or broken rules (150 dpi, faded toner) stay whole here;
    specks and noise do too, but only runs as long as a cell survives the line filter."""
    _, bw = cv2.threshold(gray, FAINT_MAX, 255, cv2.THRESH_BINARY_INV)
    return bw


def grown_ink(strict: np.ndarray, faint: np.ndarray) -> np.ndarray:
    """Hysteresis: the faint mask's connected pieces that hold some strict ink. A glyph's thin,
    faint strokes join its dark ones; haze and noise that touch no ink stay out."""
    count, labels = cv2.connectedComponents(faint | strict, connectivity=8)
    keep = np.zeros(count, bool)
    keep[np.unique(labels[strict > 0])] = True
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


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


def deskew(raster: Raster, angle: float | None = None) -> Raster:
    """The raster straightened (turned back about its centre), white where paper is new;
    by ``angle`` when given (the tilt found on a flattened copy), else by its own."""
    if angle is None:
        angle = skew(raster.gray)
    if abs(angle) < 0.05:
        return raster
    h, w = raster.gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    gray = cv2.warpAffine(raster.gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    back = np.linalg.inv(np.vstack([m, [0.0, 0.0, 1.0]]))  # straightened pixel → before
    unwarp = back if raster.unwarp is None else raster.unwarp @ back
    return Raster(gray, raster.scale, raster.x0, raster.top, angle, unwarp)
