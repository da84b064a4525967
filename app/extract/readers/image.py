"""Page images (JPG, PNG, TIFF with one or many pages): one report, pages in order, through OCR.

The images become the pages of an image-only PDF (one page per image or TIFF
frame, sized by the image's resolution), which the PDF pipeline reads by OCR
exactly as it reads a scanned report — deskew, rulings, the same naming. The
cells' anchors are page boxes in pixels of the page image they come from.
"""

from __future__ import annotations

import hashlib
import tempfile
import warnings
from pathlib import Path

from app.errors import InputError, NeedsOcrError
from app.extract.readers import ReadOptions
from app.extract.source import SourceDocument
from app.model import BBox, Cell

FORMAT = "image"
EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
DEFAULT_DPI = 200.0  # a scan that does not say its resolution
MAX_PIXELS = 120_000_000  # larger is no page scan (Pillow's bomb guard is about 90 MP)
MAX_PAGES = 200


def sniff(head: bytes, name: str) -> bool:
    return head.startswith(MAGIC)


def group_sha256(paths: list[Path]) -> str:
    """The identity of a report read from several files: one file's own sha256, or that of their hashes."""
    from app.extract.pdfio import sha256_of

    hashes = [sha256_of(p) for p in paths]
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


def read(path: Path, options: ReadOptions) -> SourceDocument:
    return read_many([path], options)


def read_many(paths: list[Path], options: ReadOptions) -> SourceDocument:
    from app.extract import ocr
    from app.extract.record import extract_pdf

    with tempfile.TemporaryDirectory(prefix="nianbao-pages-") as tmp:
        pdf = Path(tmp) / "pages.pdf"
        scales = _pages_pdf(paths, pdf)  # a damaged image is said before anything else
        if options.ocr == "off":
            raise NeedsOcrError("page images are read by OCR, which is off (--no-ocr)", path=paths[0])
        if not ocr.available():
            raise NeedsOcrError("page images are read by OCR: install the OCR extra "
                                "(pip install 'nianbao[ocr]')", path=paths[0])
        record = extract_pdf(pdf, ocr="force", progress=options.progress, cancelled=options.cancelled)
    for cell in record.cells.values():
        _to_pixels(cell, scales)
    record.source.path = str(paths[0])
    record.source.sha256 = group_sha256(paths)
    files = [str(p) for p in paths] if len(paths) > 1 else []
    return SourceDocument(str(paths[0]), FORMAT, record.source.sha256, record.source.pages,
                          files=files, record=record)


def _to_pixels(cell: Cell, scales: list[tuple[float, int]]) -> None:
    """A cell's page box in pixels of its image (PDF points × dpi / 72)."""
    s = scales[cell.page - 1][0] if 0 < cell.page <= len(scales) else 1.0
    box: BBox = tuple(float(round(float(v) * s, 1)) for v in cell.bbox)  # type: ignore[assignment]
    cell.bbox = box  # the anchor is this page box (Cell.where)
    cell.anchor = None


def _pages_pdf(paths: list[Path], out: Path) -> list[tuple[float, int]]:
    """Write every frame of every image as a page of ``out``; return (pixels per point, file index) per page."""
    from PIL import Image, ImageSequence

    pages: list[Image.Image] = []
    scales: list[tuple[float, int]] = []
    dpis: list[float] = []
    for k, path in enumerate(paths):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(path) as im:
                    for frame in ImageSequence.Iterator(im):
                        if frame.width * frame.height > MAX_PIXELS:
                            raise InputError(f"the image is too large to be a page scan "
                                             f"({frame.width}×{frame.height} pixels)", path=path)
                        frame.load()
                        dpi = _dpi(frame)
                        pages.append(frame.convert("L") if frame.mode not in ("L", "RGB") else frame.copy())
                        scales.append((dpi / 72.0, k))
                        dpis.append(dpi)
                        if len(pages) > MAX_PAGES:
                            raise InputError(f"more than {MAX_PAGES} pages of images: not one report", path=path)
        except InputError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise InputError("the image is too large to be a page scan", path=path) from None
        except (OSError, SyntaxError, ValueError, EOFError) as e:
            raise InputError(f"the image is damaged or truncated and cannot be read ({e})", path=path) from None
    if not pages:
        raise InputError("the image has no pages", path=paths[0])
    first, rest = pages[0], pages[1:]
    # one resolution for the document; each page's own size in points follows from it
    try:
        first.save(out, "PDF", save_all=True, append_images=rest, resolution=dpis[0])
    except (OSError, ValueError) as e:
        raise InputError(f"the images cannot be read as pages ({e})", path=paths[0]) from None
    # Pillow writes every page at the first page's resolution
    return [(dpis[0] / 72.0, k) for _, k in scales]


def _dpi(frame) -> float:
    dpi = frame.info.get("dpi")
    try:
        x = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        x = 0.0
    return x if 72.0 <= x <= 1200.0 else DEFAULT_DPI
