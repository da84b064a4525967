"""OCR for scanned reports and tables pasted as pictures (the optional ``nianbao[ocr]`` extra).

OCR yields what pdfpage yields for a text page — characters with boxes in
PDF points, and ruling edges — so grid, assign and numbers run unchanged on
it; each OCR'd character carries its line's confidence (``"conf"``), which
becomes ``Cell.confidence``.

Modules: detect (what needs OCR; cheap, imported by record.py), raster
(render, deskew), lines (rulings → edges), engine (RapidOCR with its bundled
models), page (a page image → PageObjects). Nothing heavy (numpy, OpenCV,
onnxruntime) is imported until a page needs OCR.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium

from app.errors import NianbaoError
from app.extract.ocr import detect
from app.extract.pdfpage import PageObjects, rotation_of
from app.limits import PageTooLargeError
from app.model import BBox

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

MODES = ("auto", "off", "force")


class OcrCancelled(NianbaoError):
    """OCR was cancelled (the caller's ``cancelled()`` said so); nothing was extracted."""


def available() -> bool:
    """Whether the OCR extra is installed."""
    from app.extract.ocr import engine

    return engine.available()


class OcrRun:
    """The OCR of one document: pages and regions read, per-page progress, cancel.

    ``regions`` maps each page OCR touched to the boxes (page points) that
    OCR read: the whole page, or the pictures pasted into it.
    """

    def __init__(self, progress: Progress | None = None, cancelled: CancelCheck | None = None):
        self.progress = progress
        self.cancelled = cancelled
        self.total = 0
        self.done = 0
        self.regions: dict[int, list[BBox]] = {}
        self.refused: list[tuple[int, str]] = []  # (page, why): pages or pictures too large to raster

    def plan(self, pages: int) -> None:
        """Announce ``pages`` more pages to read (progress counts them)."""
        self.total += pages
        self._report()

    def _report(self) -> None:
        if self.progress and self.total:
            self.progress(self.done, self.total)

    def _check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise OcrCancelled("OCR cancelled")

    def page(self, doc: pdfium.PdfDocument, number: int) -> PageObjects:
        """The whole page ``number`` read by OCR."""
        from app.extract.ocr import page, raster

        self._check()
        pdf_page = doc[number - 1]
        width, height = pdf_page.get_size()  # the view frame: pdfium renders the page turned
        rotation = rotation_of(pdf_page)
        left, bottom, right, top = pdf_page.get_mediabox()
        pdf_page.close()
        try:
            image = raster.render(doc, number)
        except PageTooLargeError as e:  # left unread, with a problem saying why
            self.refused.append((number, e.message))
            self._tick()
            return PageObjects(number, width, height, [], [])
        objects = page.read(image, number, width, height).objects
        assert objects is not None
        objects.rotation, objects.media = rotation, (right - left, top - bottom)
        self.regions[number] = [(0.0, 0.0, width, height)]
        self._tick()
        return objects

    def pictures(self, doc: pdfium.PdfDocument, text: PageObjects, regions: list[BBox]) -> PageObjects:
        """Page ``text`` with the pictures at ``regions`` read by OCR in place of its text layer there."""
        from app.extract.ocr import page, raster

        self._check()
        chars = detect.outside(text.chars, regions)
        edges = detect.outside(text.edges, regions)
        for region in regions:
            try:
                image = raster.render(doc, text.number, region)
            except PageTooLargeError as e:
                self.refused.append((text.number, f"a picture on {e.message}"))
                continue
            read = page.read(image, text.number, text.width, text.height)
            assert read.objects is not None
            chars += read.objects.chars
            edges += read.objects.edges
        self.regions[text.number] = list(regions)
        self._tick()
        return PageObjects(text.number, text.width, text.height, chars, edges, text.rotation, text.media)

    def _tick(self) -> None:
        self.done += 1
        self.total = max(self.total, self.done)
        self._report()

    def covers(self, number: int, box: BBox) -> bool:
        """Whether the centre of ``box`` on page ``number`` was read by OCR."""
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return any(r[0] <= cx <= r[2] and r[1] <= cy <= r[3] for r in self.regions.get(number, ()))
