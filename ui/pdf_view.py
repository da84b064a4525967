"""The PDF page view: every page of a report in one continuous vertical scroll.

Scene units are display points (see ``ui.page_renderer``): page n is a
rectangle of its display size, placed below page n - 1, and the zoom is the
view's transform (logical pixels per point). The highlight box is a scene
item in the same points, so it stays aligned at any zoom without being moved.

Public coordinates — ``show_box`` and ``pointClicked`` — are the extractor's:
PDF points from the top-left of the page's media box, the convention of
``app.model.Cell.bbox`` (x0, top, x1, bottom). pdfium renders the crop box, so
when a page's crop box does not start at the media box's top-left, its
left/top offset is subtracted (and a /Rotate applied) by ``PageGeometry``.

Only the visible pages and one page either side are rendered, in the
background, at the current zoom × device pixel ratio; the others are white
placeholders of the right size. A small LRU cache keeps recent renders.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView

from ui.page_renderer import (
    MAX_RENDER_PIXELS,
    PDFIUM_LOCK,
    OpenError,
    PageGeometry,
    PageRenderer,
    RenderJob,
    RenderResult,
    open_document,
    read_geometry,
)

__all__ = ["PDFIUM_LOCK", "PdfView"]

MARGIN = 12.0  # points around and between pages
SHADOW = 2.5  # points
BOX_PAD = 1.5  # points between a cell's box and the highlight border
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.2, 6.0
CACHE_PAGES = 8  # renders kept at most; the pages in view ± 1 are never evicted
CACHE_BYTES = 96 * 2**20  # ~5 A4 pages at 300 % zoom; fit width on a desktop: ~4 MB a page
SCROLL_DELAY_MS = 15  # coalesce render requests while scrolling or zooming

BACKGROUND = QColor(0xC8, 0xC8, 0xC8)
PAGE_BORDER = QColor(0x9A, 0x9A, 0x9A)
PAGE_SHADOW = QColor(0, 0, 0, 50)
BOX_PEN = QColor(0xE0, 0x30, 0x00)
BOX_FILL = QColor(0xFF, 0xB0, 0x00, 70)


@dataclass
class _Render:
    image: QImage  # RGB32: drawn without conversion or blending
    scale: float
    region: tuple[float, float, float, float]  # display points of the page it covers

    @property
    def nbytes(self) -> int:
        return self.image.sizeInBytes()


class _PageItem(QGraphicsItem):
    """One page: shadow, white paper, the rendered image if any, a thin border."""

    def __init__(self, number: int, width: float, height: float) -> None:
        super().__init__()
        self.number = number
        self.rect = QRectF(0, 0, width, height)
        self.render: _Render | None = None
        self.error_text = ""

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, SHADOW + 1, SHADOW + 1)

    def set_render(self, render: _Render | None) -> None:
        self.render = render
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.fillRect(self.rect.translated(SHADOW, SHADOW), PAGE_SHADOW)
        painter.fillRect(self.rect, Qt.GlobalColor.white)
        if self.render is not None:
            self._paint_image(painter, self.render)
        elif self.error_text:
            painter.setPen(PAGE_BORDER)
            painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.error_text)
        pen = QPen(PAGE_BORDER, 0)  # cosmetic: one pixel at any zoom
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect)

    @staticmethod
    def _paint_image(painter: QPainter, render: _Render) -> None:
        x0, y0, x1, y1 = render.region
        image = render.image
        dpr = image.devicePixelRatio()
        t = painter.worldTransform()
        if t.m12() == 0 and t.m21() == 0 and abs(t.m11() * dpr - render.scale) < 1e-3:
            # rendered for exactly this zoom: put its pixels on whole device pixels, unfiltered
            at = t.map(QPointF(x0, y0))
            painter.save()
            painter.resetTransform()
            painter.drawImage(QPointF(round(at.x() * dpr) / dpr, round(at.y() * dpr) / dpr), image)
            painter.restore()
        else:  # an older zoom: stretch it until the new render arrives
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), image, QRectF(image.rect()))


class PdfView(QGraphicsView):
    """Continuous-scroll view of one PDF with a highlight box and click mapping.

    Signals:
      pageChanged(int): the page at the viewport's centre (1-based; 0 when no document).
      pointClicked(int, float, float): left click on a page: page (1-based), x, top
        in PDF points from the page's top-left (extractor convention).
      renderFinished(int): a page's render arrived (or failed) and is shown.
      documentLoaded(int): a document opened, with its page count.
      loadFailed(str): a document could not be opened; the message is shown in the view.
    """

    pageChanged = Signal(int)
    pointClicked = Signal(int, float, float)
    renderFinished = Signal(int)
    documentLoaded = Signal(int)
    loadFailed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(BACKGROUND)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._renderer = PageRenderer()  # no parent: see PageRenderer
        self._renderer.ready.connect(self._take_results)
        self.destroyed.connect(self._renderer.stop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._schedule)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self._doc = None
        self._generation = 0
        self._pages: list[_PageItem] = []
        self._tops: list[float] = []
        self._geometry_cache: dict[int, PageGeometry] = {}
        self._cache: OrderedDict[int, _Render] = OrderedDict()
        self._wanted: set[int] = set()
        self._want_scale = 0.0
        self._failed: set[int] = set()
        self._zoom = 1.0
        self._fit = True
        self._current = 0
        self._loaded = False  # pageChanged waits for documentLoaded
        self._message = ""
        self._box: QGraphicsRectItem | None = None
        self._box_rect: QRectF | None = None
        self.renders_shown = 0  # renders accepted (tests, bench)
        self.renders_dropped = 0  # renders that arrived for a page or document no longer wanted

    # ----- document -----

    @Slot(object)
    def set_document(self, path: str | Path | None) -> None:
        """Show the PDF at ``path`` (None: show nothing); always reopens the file.

        Never raises: an error is shown in the view and reported by ``loadFailed``.
        Returns once the page sizes are read (the layout is final); images follow.
        """
        self._close()
        if path is None:
            self.pageChanged.emit(0)
            return
        try:
            doc, sizes = open_document(path)
        except OpenError as e:
            self._fail(path, self._reason_text(e))
            return
        except Exception as e:  # anything else pdfium or the OS throws: still not the caller's problem
            self._fail(path, str(e) or type(e).__name__)
            return
        self._doc = doc
        self._renderer.set_jobs(self._generation, doc, [])  # from now on the worker closes it
        self._layout(sizes)
        self.horizontalScrollBar().setValue(0)
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._loaded = True
        self.documentLoaded.emit(len(sizes))
        self._update_current_page()
        self._schedule_soon(0)

    def page_count(self) -> int:
        return len(self._pages)

    def current_page(self) -> int:
        """The page at the viewport's centre, 1-based; 0 with no document."""
        return self._current

    def message(self) -> str:
        """The text shown in place of pages (an opening error), or ''."""
        return self._message

    def _close(self) -> None:
        self._generation += 1
        self._timer.stop()
        if self._doc is not None:
            self._renderer.retire(self._doc)
            self._doc = None
        self.scene().clear()
        self.scene().setSceneRect(QRectF())
        self._pages, self._tops = [], []
        self._geometry_cache.clear()
        self._cache.clear()
        self._wanted, self._failed = set(), set()
        self._box, self._box_rect = None, None
        self._current = 0
        self._loaded = False
        self._message = ""
        self.viewport().update()

    def _fail(self, path: str | Path, reason: str) -> None:
        self._message = self.tr("Cannot open {name}\n{reason}").format(name=Path(path).name, reason=reason)
        self.viewport().update()
        self.pageChanged.emit(0)
        self.loadFailed.emit(self._message)

    def _reason_text(self, e: OpenError) -> str:
        texts = {
            "missing": self.tr("The file does not exist."),
            "unreadable": self.tr("The file cannot be read."),
            "not_pdf": self.tr("This file is not a PDF."),
            "encrypted": self.tr("The PDF is password-protected."),
            "no_pages": self.tr("The PDF has no pages."),
            "damaged": self.tr("The PDF is damaged."),
        }
        return texts.get(e.reason, self.tr("The PDF is damaged."))

    def _layout(self, sizes: list[tuple[float, float]]) -> None:
        widest = max(w for w, _ in sizes)
        y = MARGIN
        for number, (w, h) in enumerate(sizes, start=1):
            item = _PageItem(number, w, h)
            item.setPos(MARGIN + (widest - w) / 2, y)
            self.scene().addItem(item)
            self._pages.append(item)
            self._tops.append(y)
            y += h + MARGIN
        self.scene().setSceneRect(QRectF(0, 0, widest + 2 * MARGIN, y))
        self._zoom = self._fit_zoom() if self._fit else self._zoom
        self.setTransform(QTransform.fromScale(self._zoom, self._zoom))

    def _geometry(self, page: int) -> PageGeometry:
        geometry = self._geometry_cache.get(page)
        if geometry is None:
            try:
                geometry = read_geometry(self._doc, page)
            except Exception:
                rect = self._pages[page - 1].rect
                geometry = PageGeometry.plain(rect.width(), rect.height())
            self._geometry_cache[page] = geometry
        return geometry

    def open_document_and_geometry(self, page: int):
        """(the open pdfium document, the page's geometry), or None: for renders beside the view
        (ui/snippet.py), which take PDFIUM_LOCK on the GUI thread, where the document is never closed."""
        if self._doc is None or not 1 <= page <= len(self._pages):
            return None
        return self._doc, self._geometry(page)

    # ----- coordinates -----

    def page_rect(self, page: int) -> QRectF:
        """Scene rectangle of 1-based ``page`` (scene units are display points)."""
        item = self._pages[page - 1]
        return item.rect.translated(item.pos())

    def scene_point(self, page: int, x: float, top: float) -> QPointF:
        """Scene position of an extractor point (PDF points from the page's top-left)."""
        dx, dy = self._geometry(page).to_display(x, top)
        return self._pages[page - 1].pos() + QPointF(dx, dy)

    def page_at(self, scene_pos: QPointF) -> tuple[int, float, float] | None:
        """The page under a scene position and the extractor point there, or None."""
        i = bisect.bisect_right(self._tops, scene_pos.y()) - 1
        if i < 0 or not self.page_rect(i + 1).contains(scene_pos):
            return None
        local = scene_pos - self._pages[i].pos()
        x, top = self._geometry(i + 1).from_display(local.x(), local.y())
        return i + 1, x, top

    # ----- highlight -----

    @Slot(int, object)
    def show_box(self, page: int, bbox: tuple[float, float, float, float]) -> None:
        """Outline ``bbox`` (x0, top, x1, bottom; extractor points) on ``page`` and scroll it into view.

        The view scrolls only when the box is not already fully visible, and then centres it.
        """
        if not 1 <= page <= len(self._pages):
            self.clear_box()
            return
        x0, y0, x1, y1 = self._geometry(page).box_to_display(bbox)
        rect = QRectF(x0, y0, x1 - x0, y1 - y0).translated(self._pages[page - 1].pos())
        if self._box is None:
            self._box = QGraphicsRectItem()
            pen = QPen(BOX_PEN, 2)
            pen.setCosmetic(True)
            self._box.setPen(pen)
            self._box.setBrush(BOX_FILL)
            self._box.setZValue(10)
            self.scene().addItem(self._box)
        self._box.setRect(rect.adjusted(-BOX_PAD, -BOX_PAD, BOX_PAD, BOX_PAD))
        self._box.show()
        self._box_rect = rect
        if not self._box_in_view():
            self.centerOn(rect.center())

    @Slot()
    def clear_box(self) -> None:
        if self._box is not None:
            self._box.hide()
        self._box_rect = None

    def box_rect(self) -> QRectF | None:
        """Scene rectangle of the highlighted box (without padding), or None."""
        return QRectF(self._box_rect) if self._box_rect is not None else None

    def _box_in_view(self) -> bool:
        if self._box_rect is None:
            return False
        shown = self.mapFromScene(self._box_rect).boundingRect()
        return self.viewport().rect().contains(shown)

    # ----- navigation and zoom -----

    @Slot(int)
    def go_to_page(self, page: int) -> None:
        """Scroll so that 1-based ``page`` starts at the top of the viewport."""
        if not self._pages:
            return
        page = min(max(page, 1), len(self._pages))
        target = self.mapFromScene(QPointF(0, self._tops[page - 1] - MARGIN / 2))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + target.y())

    def zoom_factor(self) -> float:
        """Logical pixels per PDF point."""
        return self._zoom

    def is_fit_width(self) -> bool:
        return self._fit

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    @Slot()
    def fit_width(self) -> None:
        self._fit = True
        self._apply_zoom(self._fit_zoom(), self._centre())

    @Slot(float)
    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (pixels per point) around a viewport point (default: the centre)."""
        self._fit = False
        self._apply_zoom(factor, anchor if anchor is not None else self._centre())

    def _centre(self) -> QPointF:
        return QPointF(self.viewport().width() / 2, self.viewport().height() / 2)

    def _fit_zoom(self) -> float:
        width = self.sceneRect().width()
        if not width:
            return self._zoom
        return min(max((self.viewport().width() - 1) / width, MIN_ZOOM), MAX_ZOOM)

    def _apply_zoom(self, factor: float, anchor: QPointF) -> None:
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        keep_box = self._box_in_view()
        held = self.mapToScene(anchor.toPoint())
        self._zoom = factor
        self.setTransform(QTransform.fromScale(factor, factor))
        moved = self.mapFromScene(held) - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        if keep_box and not self._box_in_view():
            self.centerOn(self._box_rect.center())
        self._update_current_page()
        self._schedule_soon()

    # ----- Qt events -----

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit and self._pages:
            self._apply_zoom(self._fit_zoom(), QPointF(self.viewport().width() / 2, 0))
        self._schedule_soon()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule_soon(0)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._schedule_soon()
        return super().event(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() or event.pixelDelta().y()
            if delta:
                self.set_zoom(self._zoom * ZOOM_STEP ** (delta / 120), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            key = event.key()
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_in()
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.zoom_out()
                return
            if key == Qt.Key.Key_0:
                self.fit_width()
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._pages:
            hit = self.page_at(self.mapToScene(event.position().toPoint()))
            if hit is not None:
                self.pointClicked.emit(*hit)
        super().mousePressEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self._message:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(self.palette().text().color())
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
        painter.restore()

    # ----- rendering -----

    def cached_pages(self) -> list[int]:
        """Pages holding a render, least recently used first."""
        return list(self._cache)

    def pending_renders(self) -> int:
        return self._renderer.pending()

    def _on_scrolled(self) -> None:
        self._update_current_page()
        self._schedule_soon()

    def _schedule_soon(self, delay: int = SCROLL_DELAY_MS) -> None:
        if self._pages:
            self._timer.start(delay)

    def _visible_pages(self, area: QRectF) -> tuple[int, int]:
        first = max(bisect.bisect_right(self._tops, area.top()) - 1, 0)
        last = max(bisect.bisect_right(self._tops, area.bottom()) - 1, first)
        return first + 1, last + 1

    def _update_current_page(self) -> None:
        if not self._loaded:
            return
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        bar = self.verticalScrollBar()
        y = area.bottom() if bar.maximum() > 0 and bar.value() >= bar.maximum() else area.center().y()
        page = min(max(bisect.bisect_right(self._tops, y), 1), len(self._pages))
        if page != self._current:
            self._current = page
            self.pageChanged.emit(page)

    def _schedule(self) -> None:
        """Ask the renderer for the pages in view ± 1 that lack a render at this zoom."""
        if self._doc is None or not self._pages:
            return
        scale = round(self._zoom * self.viewport().devicePixelRatioF(), 4)
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        dx, dy = area.width() / 4, area.height() / 4
        near = area.adjusted(-dx, -dy, dx, dy)
        first, last = self._visible_pages(area)
        centre = area.center().y()
        visible = sorted(range(first, last + 1), key=lambda p: abs(self.page_rect(p).center().y() - centre))
        order = visible + [p for p in (last + 1, first - 1) if 1 <= p <= len(self._pages)]
        jobs = []
        for page in order:
            if page in self._failed:
                continue
            job = self._job_for(page, scale, area, near)
            if job is not None:
                jobs.append(job)
        self._wanted = set(order)
        self._want_scale = scale
        self._renderer.set_jobs(self._generation, self._doc, jobs)
        self._evict()

    def _job_for(self, page: int, scale: float, area: QRectF, near: QRectF) -> RenderJob | None:
        prect = self.page_rect(page)
        origin = prect.topLeft()
        if prect.width() * prect.height() * scale * scale <= MAX_RENDER_PIXELS:
            need, region = prect, None
        else:  # too big to render whole: the part in view, with a quarter viewport around it
            need = (area if area.intersects(prect) else near) & prect
            region = near & prect
            if need.isEmpty():
                return None
        cached = self._cache.get(page)
        if cached is not None and abs(cached.scale - scale) < 1e-3:
            x0, y0, x1, y1 = cached.region
            have = QRectF(x0, y0, x1 - x0, y1 - y0).translated(origin).adjusted(-0.5, -0.5, 0.5, 0.5)
            if have.contains(need):
                self._cache.move_to_end(page)
                return None
        if region is not None:
            region = region.translated(-origin)
            region = (region.left(), region.top(), region.right(), region.bottom())
        return RenderJob(self._generation, page, scale, region)

    @Slot()
    def _take_results(self) -> None:
        for result in self._renderer.take_results():
            self._on_rendered(result)

    def _on_rendered(self, result: RenderResult) -> None:
        job = result.job
        if job.generation != self._generation or job.page not in self._wanted or job.scale != self._want_scale:
            self.renders_dropped += 1
            return
        item = self._pages[job.page - 1]
        if result.geometry is not None:
            self._geometry_cache.setdefault(job.page, result.geometry)
        if result.image is None:
            self._failed.add(job.page)
            item.error_text = self.tr("This page could not be shown.")
            item.update()
        else:
            image = result.image
            image.setDevicePixelRatio(self.viewport().devicePixelRatioF())
            render = _Render(image, job.scale, result.region)
            self._cache[job.page] = render
            self._cache.move_to_end(job.page)
            item.set_render(render)
            self.renders_shown += 1
            self._evict()
        self.renderFinished.emit(job.page)

    def _evict(self) -> None:
        total = sum(r.nbytes for r in self._cache.values())
        for page in list(self._cache):
            if len(self._cache) <= CACHE_PAGES and total <= CACHE_BYTES:
                break
            if page in self._wanted:
                continue
            total -= self._cache.pop(page).nbytes
            self._pages[page - 1].set_render(None)
