"""Background rendering of PDF pages with pypdfium2, for the page view.

pdfium is not thread-safe, so every pdfium call in the app — this module's
worker, the page view reading page sizes, the extractor when it runs in a
thread of the GUI — goes through the one module-level ``PDFIUM_LOCK``.

One worker thread renders; the view hands it an ordered list of wanted
renders (``PageRenderer.set_jobs``), replacing the previous list, so a page
that scrolled away is never rendered. Each job carries the document's
generation; a job of an older generation is skipped, and the view drops a
result that arrives for a generation or a page it no longer wants. Documents
are closed on the worker too (``retire``), after any render that uses them, so
closing never waits for pdfium on the GUI thread.

Coordinates. "Display points" are PDF points of the page as pdfium renders
it: the crop box, rotated by the page's /Rotate, origin at its top-left.
The extractor's boxes (``app.model.Cell.bbox``) are PDF points from the top-
left of the unrotated media box; ``PageGeometry`` maps between the two.
"""

from __future__ import annotations

import atexit
import ctypes
import math
import sys
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pr
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

PDFIUM_LOCK = threading.Lock()
"""Hold this around every pdfium call, in any thread."""

# A full-page render larger than this many pixels renders only the part of
# the page around the viewport (high zoom on a high-DPI screen, posters).
MAX_RENDER_PIXELS = 12_000_000

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class PageGeometry:
    """How a page's extractor coordinates map onto its rendered image.

    ``crop`` and ``media`` are the boxes in PDF user space (left, bottom,
    right, top); ``rotation`` is the page's /Rotate (0, 90, 180, 270).
    Extractor coordinates (x, top) are measured from the media box's top-
    left; the rendered image shows the crop box, so the crop box's left/top
    offset is subtracted, then the page rotation applied.
    """

    media: Rect
    crop: Rect
    rotation: int = 0

    @classmethod
    def plain(cls, width: float, height: float) -> PageGeometry:
        box = (0.0, 0.0, width, height)
        return cls(box, box, 0)

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in display points."""
        w, h = self.crop[2] - self.crop[0], self.crop[3] - self.crop[1]
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def to_display(self, x: float, top: float) -> tuple[float, float]:
        """Extractor point (media box, top-left origin) → display point."""
        w, h = self.crop[2] - self.crop[0], self.crop[3] - self.crop[1]
        u = x + self.media[0] - self.crop[0]
        v = top - (self.media[3] - self.crop[3])
        if self.rotation == 90:
            return h - v, u
        if self.rotation == 180:
            return w - u, h - v
        if self.rotation == 270:
            return v, w - u
        return u, v

    def from_display(self, dx: float, dy: float) -> tuple[float, float]:
        """Display point → extractor point (media box, top-left origin)."""
        w, h = self.crop[2] - self.crop[0], self.crop[3] - self.crop[1]
        if self.rotation == 90:
            u, v = dy, h - dx
        elif self.rotation == 180:
            u, v = w - dx, h - dy
        elif self.rotation == 270:
            u, v = w - dy, dx
        else:
            u, v = dx, dy
        return u - self.media[0] + self.crop[0], v + (self.media[3] - self.crop[3])

    def box_to_display(self, bbox: Rect) -> Rect:
        """An extractor box (x0, top, x1, bottom) → its display rectangle."""
        ax, ay = self.to_display(bbox[0], bbox[1])
        bx, by = self.to_display(bbox[2], bbox[3])
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


class OpenError(Exception):
    """A PDF that cannot be shown; ``reason`` is one of the REASONS keys."""

    REASONS = ("missing", "unreadable", "not_pdf", "encrypted", "no_pages", "damaged")

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def open_document(path: str | Path) -> tuple[pdfium.PdfDocument, list[tuple[float, float]]]:
    """Open ``path`` and read every page's display size, cheaply (no page is parsed).

    Raises OpenError. Takes PDFIUM_LOCK.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except FileNotFoundError:
        raise OpenError("missing") from None
    except OSError as e:
        raise OpenError("unreadable", e.strerror or "") from None
    if b"%PDF-" not in head:
        raise OpenError("not_pdf")
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            msg = str(e).lower()
            if "password" in msg or "security" in msg:
                raise OpenError("encrypted") from None
            if "success" in msg:  # pdfium's answer to an empty page tree
                raise OpenError("no_pages") from None
            raise OpenError("damaged", str(e)) from None
        sizes = []
        size = pr.FS_SIZEF()
        for i in range(len(doc)):
            if not pr.FPDF_GetPageSizeByIndexF(doc, i, ctypes.byref(size)):
                doc.close()
                raise OpenError("damaged", f"page {i + 1}")
            sizes.append((float(size.width), float(size.height)))
        if not sizes:
            doc.close()
            raise OpenError("no_pages")
    return doc, sizes


def _geometry(page: pdfium.PdfPage) -> PageGeometry:
    # get_bbox is the effective crop box (clipped to the media box), the area pdfium renders
    return PageGeometry(
        media=tuple(page.get_mediabox()), crop=tuple(page.get_bbox()), rotation=page.get_rotation() % 360
    )


def read_geometry(doc: pdfium.PdfDocument, page: int) -> PageGeometry:
    """Geometry of 1-based ``page``. Loads the page: takes PDFIUM_LOCK (~1 ms)."""
    with PDFIUM_LOCK:
        p = doc[page - 1]
        try:
            return _geometry(p)
        finally:
            p.close()


@dataclass(frozen=True)
class RenderJob:
    generation: int
    page: int  # 1-based
    scale: float  # image pixels per display point (zoom × device pixel ratio)
    region: Rect | None = None  # display points to render; None: the whole page


@dataclass
class RenderResult:
    job: RenderJob
    image: QImage | None
    region: Rect  # display points the image covers (pixel-aligned)
    geometry: PageGeometry | None
    error: str = ""


# pdfium draws straight into the QImage's memory, in the byte order of Qt's native 32-bit
# format: B, G, R, A on little-endian machines (ARGB32), R, G, B, A with rev_byteorder on big-endian.
# The fill is opaque, so every alpha byte is 255 and the image can be read as RGB32 (no blending).
if sys.byteorder == "little":
    _FILL_FORMAT, _SHOW_FORMAT, _REV = QImage.Format.Format_ARGB32, QImage.Format.Format_RGB32, False
else:
    _FILL_FORMAT, _SHOW_FORMAT, _REV = QImage.Format.Format_RGBA8888, QImage.Format.Format_RGBX8888, True


class _ImageBitmap:
    """A pypdfium2 ``bitmap_maker`` whose pixel buffer is a new QImage: no copy after rendering."""

    def __init__(self) -> None:
        self.image: QImage | None = None

    def __call__(self, width: int, height: int, format: int, rev_byteorder: bool = False) -> pdfium.PdfBitmap:
        image = QImage(width, height, _FILL_FORMAT)
        if image.isNull():
            raise MemoryError(f"no memory for a {width}×{height} page image")
        buffer = (ctypes.c_ubyte * image.sizeInBytes()).from_buffer(image.bits())
        self.image = image
        return pdfium.PdfBitmap.new_native(
            width, height, format, rev_byteorder, buffer=buffer, stride=image.bytesPerLine()
        )


def render(doc: pdfium.PdfDocument, job: RenderJob) -> RenderResult:
    """Render one job into a QImage that owns its pixels. Takes PDFIUM_LOCK."""
    maker = _ImageBitmap()
    with PDFIUM_LOCK:
        page = doc[job.page - 1]
        try:
            geometry = _geometry(page)
            w, h = page.get_size()
            s = job.scale
            if job.region is None:
                crop = (0.0, 0.0, 0.0, 0.0)
            else:
                x0, y0, x1, y1 = job.region
                crop = (max(0.0, x0), max(0.0, h - y1), max(0.0, w - x1), max(0.0, y0))
            bitmap = page.render(
                scale=s, crop=crop, bitmap_maker=maker, force_bitmap_format=pr.FPDFBitmap_BGRA,
                rev_byteorder=_REV, fill_color=(255, 255, 255, 255),
            )
            # pypdfium2 rounds crop amounts up to whole pixels: the region the pixels cover
            left, top = math.ceil(crop[0] * s) / s, math.ceil(crop[3] * s) / s
            region = (left, top, left + bitmap.width / s, top + bitmap.height / s)
            bitmap.close()  # a native bitmap: frees pdfium's handle, not our buffer
            del bitmap
        finally:
            page.close()
    image = maker.image
    image.reinterpretAsFormat(_SHOW_FORMAT)
    return RenderResult(job, image, region, geometry)


class PageRenderer(QObject):
    """Renders jobs on one worker thread; ``ready`` says results wait in ``take_results()``.

    ``ready`` is emitted from the worker thread and delivered (queued) on the
    thread this object lives in; the receiver takes every waiting result at
    once, so a burst of renders is handled in one event-loop turn.

    Create it without a parent: the running worker holds a reference to it,
    so it cannot be deleted while the worker may still emit; ``stop()`` ends
    the worker and closes any open document.
    """

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._worker = _Worker(self)

    def set_jobs(self, generation: int, doc: pdfium.PdfDocument | None, jobs: list[RenderJob]) -> None:
        """Replace the pending renders (first = most wanted); older generations are dropped."""
        self._worker.set_jobs(generation, doc, jobs)

    def retire(self, doc: pdfium.PdfDocument) -> None:
        """Close ``doc`` on the worker, after any render already using it."""
        self._worker.retire(doc)

    def take_results(self) -> list[RenderResult]:
        """The results that arrived since the last call, oldest first."""
        return self._worker.take_results()

    def pending(self) -> int:
        """Renders queued or in progress."""
        return self._worker.pending()

    def idle(self) -> bool:
        return self._worker.idle()

    def running(self) -> bool:
        return self._worker.running()

    @Slot()
    def stop(self) -> None:
        """End the worker thread and close the open document (connect the owner's ``destroyed`` here)."""
        self._worker.stop()


_WORKERS: weakref.WeakSet[_Worker] = weakref.WeakSet()


def _stop_workers() -> None:
    """At exit, stop every worker before anything closes a document under its render.

    Exit handlers run last-registered first, and pypdfium2's own (the weakref
    finalizers that close documents, the library's destruction) are
    registered when it first opens a document. So this one is registered
    again each time a worker starts, after any document was opened.
    """
    for worker in list(_WORKERS):
        worker.stop()


class _Worker:
    def __init__(self, owner: PageRenderer) -> None:
        _WORKERS.add(self)
        self._owner_ref = weakref.ref(owner)
        # a strong reference while the thread runs, so the QObject it emits on cannot be deleted
        self._owner: PageRenderer | None = None
        self._cond = threading.Condition()
        self._jobs: list[RenderJob] = []
        self._doc: pdfium.PdfDocument | None = None
        self._generation = 0
        self._retired: list[pdfium.PdfDocument] = []
        self._busy: RenderJob | None = None
        self._results: list[RenderResult] = []
        self._stopping = False
        self._thread: threading.Thread | None = None

    def _ensure_thread(self) -> None:
        if self._thread is None and not self._stopping:
            self._owner = self._owner_ref()
            atexit.unregister(_stop_workers)
            atexit.register(_stop_workers)
            self._thread = threading.Thread(target=self._run, name="pdf-render", daemon=True)
            self._thread.start()

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def set_jobs(self, generation: int, doc, jobs: list[RenderJob]) -> None:
        with self._cond:
            self._generation = generation
            self._doc = doc
            self._jobs = [j for j in jobs if j != self._busy]
            self._ensure_thread()
            self._cond.notify()

    def retire(self, doc) -> None:
        with self._cond:
            self._retired.append(doc)
            if self._doc is doc:
                self._doc, self._jobs = None, []
            self._ensure_thread()
            self._cond.notify()

    def take_results(self) -> list[RenderResult]:
        with self._cond:
            results, self._results = self._results, []
        return results

    def pending(self) -> int:
        with self._cond:
            return len(self._jobs) + (self._busy is not None)

    def idle(self) -> bool:
        with self._cond:
            return not self._jobs and self._busy is None and not self._retired

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._jobs = []
            if self._doc is not None:
                self._retired.append(self._doc)
                self._doc = None
            self._cond.notify()
            thread = self._thread
        if thread is None:
            self._close_retired()
        elif thread is not threading.current_thread():
            thread.join(timeout=5)
            if not thread.is_alive():
                # drop the QObject here: its last reference must not go on the worker thread
                self._owner = None

    def _close_retired(self) -> None:
        with self._cond:
            docs, self._retired = self._retired, []
        for doc in docs:
            with PDFIUM_LOCK:
                doc.close()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not (self._jobs or self._retired or self._stopping):
                    self._cond.wait()
                stopping = self._stopping
                job = doc = None
                if self._jobs and not stopping:
                    job, doc = self._jobs.pop(0), self._doc
                    self._busy = job
            if self._retired:
                self._close_retired()
            if stopping:
                self._close_retired()
                return  # the owner reference is dropped by stop(), on the owner's thread
            if job is None:
                continue
            try:
                with self._cond:
                    stale = job.generation != self._generation or doc is not self._doc
                if not stale:
                    try:
                        result = render(doc, job)
                    except Exception as e:  # a page pdfium cannot render: report, keep going
                        result = RenderResult(job, None, (0.0, 0.0, 0.0, 0.0), None, str(e) or type(e).__name__)
                    with self._cond:
                        self._results.append(result)
                    self._owner.ready.emit()
            finally:
                with self._cond:
                    self._busy = None
