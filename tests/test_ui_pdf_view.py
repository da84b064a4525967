"""The PDF page view: background rendering, highlight box, click mapping, zoom, errors, memory bounds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

import pypdfium2 as pdfium  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from tests.conftest import REAL  # noqa: E402
from ui import pdf_view  # noqa: E402
from ui.page_renderer import PageGeometry, RenderJob, RenderResult  # noqa: E402
from ui.pdf_view import PDFIUM_LOCK, PdfView  # noqa: E402

HONGZE = REAL / "hongze-2023.pdf"
BOX = (319.4, 485.4, 331.4, 495.1)  # a cell of page 3 as the extractor records it
MARK = (100.0, 200.0, 160.0, 230.0)  # the black square drawn by _marked_pdf, extractor points

needs_hongze = pytest.mark.skipif(not HONGZE.exists(), reason="real report not available")


@pytest.fixture
def view(qtbot):
    v = PdfView()
    qtbot.addWidget(v)
    v.resize(600, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.set_document(None)


def _open(qtbot, view: PdfView, path: Path, first_page: int = 1) -> None:
    with qtbot.waitSignal(view.documentLoaded, timeout=2000):
        view.set_document(str(path))
    qtbot.waitUntil(lambda: first_page in view.cached_pages(), timeout=3000)


@pytest.fixture(scope="module")
def hundred_pages(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "hundred.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, 101):
        c.setFont("Helvetica", 28)
        c.drawString(72, 760, f"Page {n}")
        c.rect(72, 400, 300, 200)
        c.showPage()
    c.save()
    return path


def _marked_pdf(path: Path) -> Path:
    """Four A4 pages with a black square at MARK; page 1 plain, 2 cropped, 3 cropped and
    rotated 90°, 4 rotated 270°."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(4):
        x0, top, x1, bottom = MARK
        c.rect(x0, A4[1] - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        c.showPage()
    c.save()
    doc = pdfium.PdfDocument(str(path))
    doc[1].set_cropbox(50, 100, 545, 800)
    doc[2].set_cropbox(40, 60, 500, 790)
    doc[2].set_rotation(90)
    doc[3].set_rotation(270)
    out = path.with_name("marked.pdf")
    doc.save(str(out))
    doc.close()
    return out


def _viewport_rect(view: PdfView, page: int, bbox) -> tuple[float, float, float, float]:
    """Where ``bbox`` should appear in viewport pixels: page offset + bbox, times the zoom."""
    top_left = view.page_rect(page).topLeft()
    z = view.zoom_factor()
    origin = view.mapFromScene(QPointF(0, 0))  # where the scroll puts the scene's origin
    return (
        origin.x() + (top_left.x() + bbox[0]) * z,
        origin.y() + (top_left.y() + bbox[1]) * z,
        origin.x() + (top_left.x() + bbox[2]) * z,
        origin.y() + (top_left.y() + bbox[3]) * z,
    )


def _assert_box_aligned(view: PdfView, page: int, bbox) -> None:
    rect = view.box_rect()
    top_left = view.page_rect(page).topLeft()
    assert rect.left() == pytest.approx(top_left.x() + bbox[0])
    assert rect.top() == pytest.approx(top_left.y() + bbox[1])
    assert rect.width() == pytest.approx(bbox[2] - bbox[0])
    assert rect.height() == pytest.approx(bbox[3] - bbox[1])
    shown = view.mapFromScene(rect).boundingRect()
    want = _viewport_rect(view, page, bbox)
    assert shown.left() == pytest.approx(want[0], abs=1.5)
    assert shown.top() == pytest.approx(want[1], abs=1.5)
    assert shown.right() == pytest.approx(want[2], abs=1.5)
    assert shown.bottom() == pytest.approx(want[3], abs=1.5)
    assert view.viewport().rect().contains(shown)


@needs_hongze
def test_open_loads_and_renders_in_background(qtbot, view):
    pages = []
    view.pageChanged.connect(pages.append)
    with qtbot.waitSignal(view.documentLoaded, timeout=2000) as loaded:
        view.set_document(str(HONGZE))
    assert loaded.args == [5]
    assert view.page_count() == 5
    assert pages == [1]
    # the layout is complete before any image: five A4 placeholders
    assert view.page_rect(5).height() == pytest.approx(842)
    with qtbot.waitSignal(view.renderFinished, timeout=3000) as first:
        pass
    assert first.args[0] in (1, 2)
    qtbot.waitUntil(lambda: 1 in view.cached_pages(), timeout=3000)
    assert view.is_fit_width()
    assert view.page_rect(1).width() * view.zoom_factor() <= view.viewport().width()


@needs_hongze
def test_show_box_places_highlight_and_scrolls_to_it(qtbot, view):
    _open(qtbot, view, HONGZE)
    view.show_box(3, BOX)
    _assert_box_aligned(view, 3, BOX)
    assert view.current_page() == 3
    # centred: the box is near the middle of the viewport
    shown = view.mapFromScene(view.box_rect()).boundingRect()
    assert abs(shown.center().y() - view.viewport().height() / 2) < 20
    # a box already in view does not move the view
    before = view.verticalScrollBar().value()
    view.show_box(3, (BOX[0], BOX[1] + 40, BOX[2], BOX[3] + 40))
    assert view.verticalScrollBar().value() == before
    view.clear_box()
    assert view.box_rect() is None


@needs_hongze
def test_click_emits_pdf_points(qtbot, view):
    _open(qtbot, view, HONGZE)
    view.show_box(3, BOX)
    x, top = 325.0, 490.0
    for zoom in (None, 2.0):
        if zoom:
            view.set_zoom(zoom)
            view.show_box(3, BOX)
        pos = view.mapFromScene(view.scene_point(3, x, top))
        with qtbot.waitSignal(view.pointClicked, timeout=1000) as clicked:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        page, cx, ctop = clicked.args
        assert page == 3
        assert cx == pytest.approx(x, abs=1.0)
        assert ctop == pytest.approx(top, abs=1.0)


@needs_hongze
def test_click_between_pages_emits_nothing(qtbot, view):
    _open(qtbot, view, HONGZE)
    gap = view.page_rect(1).bottom() + pdf_view.MARGIN / 2
    pos = view.mapFromScene(QPointF(view.page_rect(1).center().x(), gap))
    with qtbot.assertNotEmitted(view.pointClicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


@needs_hongze
def test_zoom_keeps_box_aligned(qtbot, view):
    _open(qtbot, view, HONGZE)
    view.show_box(3, BOX)
    fit = view.zoom_factor()
    view.zoom_in()
    assert view.zoom_factor() == pytest.approx(fit * pdf_view.ZOOM_STEP)
    assert not view.is_fit_width()
    _assert_box_aligned(view, 3, BOX)
    # the new zoom is rendered, and the box is still where it was
    with qtbot.waitSignal(view.renderFinished, timeout=3000):
        pass
    _assert_box_aligned(view, 3, BOX)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom_factor() == pytest.approx(fit / pdf_view.ZOOM_STEP)
    _assert_box_aligned(view, 3, BOX)
    view.fit_width()
    assert view.zoom_factor() == pytest.approx(fit)
    assert view.is_fit_width()


@needs_hongze
def test_zoom_keys_and_ctrl_wheel(qtbot, view):
    _open(qtbot, view, HONGZE)
    fit = view.zoom_factor()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(fit * pdf_view.ZOOM_STEP)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(fit / pdf_view.ZOOM_STEP)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor() == pytest.approx(fit)

    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    at = QPointF(300, 300)
    held = view.mapToScene(at.toPoint())
    wheel = QWheelEvent(at, view.viewport().mapToGlobal(at), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom_factor() == pytest.approx(fit * pdf_view.ZOOM_STEP)
    # the point under the mouse stays under the mouse
    after = view.mapFromScene(held)
    assert abs(after.x() - at.x()) <= 2 and abs(after.y() - at.y()) <= 2


@needs_hongze
def test_go_to_page_and_page_changed(qtbot, view):
    _open(qtbot, view, HONGZE)
    with qtbot.waitSignal(view.pageChanged, timeout=1000) as changed:
        view.go_to_page(4)
    assert changed.args == [4]
    assert view.current_page() == 4
    qtbot.waitUntil(lambda: 4 in view.cached_pages(), timeout=3000)
    view.go_to_page(5)
    assert view.current_page() == 5


@pytest.mark.parametrize(
    "content, reason",
    [
        (os.urandom(4096), "not a PDF"),
        (b"%PDF-1.7\n" + os.urandom(4096), "damaged"),
        (b"", "not a PDF"),
    ],
    ids=["random-bytes", "pdf-header-then-garbage", "empty"],
)
def test_broken_file_shows_message_and_raises_nothing(qtbot, view, tmp_path, content, reason):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(content)
    with qtbot.waitSignal(view.loadFailed, timeout=1000) as failed:
        view.set_document(str(bad))
    assert "broken.pdf" in view.message()
    assert reason in view.message()
    assert failed.args == [view.message()]
    assert view.page_count() == 0
    view.grab()  # paints the message without error
    view.set_document(str(tmp_path / "missing.pdf"))
    assert "does not exist" in view.message()


@needs_hongze
def test_a_good_document_after_an_error_clears_the_message(qtbot, view, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"nonsense")
    view.set_document(str(bad))
    assert view.message()
    _open(qtbot, view, HONGZE)
    assert view.message() == ""
    view.set_document(None)
    assert view.page_count() == 0 and view.current_page() == 0 and view.message() == ""


def test_hundred_pages_render_only_near_the_viewport(qtbot, view, hundred_pages):
    rendered = []
    view.renderFinished.connect(rendered.append)
    _open(qtbot, view, hundred_pages)
    assert view.page_count() == 100
    for page in (10, 50, 51, 52, 53, 90, 100):
        view.go_to_page(page)
        qtbot.waitUntil(lambda p=page: p in view.cached_pages(), timeout=3000)
        assert len(view.cached_pages()) <= pdf_view.CACHE_PAGES
    qtbot.waitUntil(lambda: view.pending_renders() == 0, timeout=3000)
    visited = {1, 10, 50, 51, 52, 53, 90, 100}
    # a page is rendered only if it was in view or next to one in view
    assert all(any(abs(p - v) <= 2 for v in visited) for p in rendered)
    assert len(set(rendered)) < 30
    assert len(view.cached_pages()) <= pdf_view.CACHE_PAGES


def test_closing_while_renders_are_pending_drops_them(qtbot, view, hundred_pages):
    with qtbot.waitSignal(view.documentLoaded, timeout=2000):
        view.set_document(str(hundred_pages))
    doc = view._doc
    shown = []
    with PDFIUM_LOCK:  # the worker takes the first job and waits here
        view._schedule()
        assert view.pending_renders() >= 1
        view.renderFinished.connect(shown.append)
        view.set_document(None)
    qtbot.waitUntil(view._renderer.idle, timeout=3000)
    qtbot.wait(50)
    assert shown == []
    assert view.cached_pages() == []
    assert doc.raw is None  # closed by the worker


def test_a_result_for_an_old_document_is_dropped(qtbot, view, hundred_pages):
    _open(qtbot, view, hundred_pages)
    old = RenderJob(view._generation - 1, 1, 1.0)
    dropped = view.renders_dropped
    with qtbot.assertNotEmitted(view.renderFinished):
        view._on_rendered(RenderResult(old, None, (0, 0, 0, 0), None))
    assert view.renders_dropped == dropped + 1
    away = RenderJob(view._generation, 60, view._want_scale)  # scrolled away
    view._on_rendered(RenderResult(away, None, (0, 0, 0, 0), None))
    assert view.renders_dropped == dropped + 2


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_geometry_round_trip(rotation):
    g = PageGeometry(media=(0.0, 0.0, 600.0, 800.0), crop=(30.0, 50.0, 580.0, 760.0), rotation=rotation)
    w, h = g.size
    assert (w, h) == ((550, 710) if rotation in (0, 180) else (710, 550))
    for x, top in [(30.0, 40.0), (300.0, 400.0), (579.0, 749.0)]:
        dx, dy = g.to_display(x, top)
        assert 0 <= dx <= w and 0 <= dy <= h
        assert g.from_display(dx, dy) == pytest.approx((x, top))
    # crop box offset only: subtract its left and top
    plain = PageGeometry(media=(0.0, 0.0, 600.0, 800.0), crop=(30.0, 50.0, 580.0, 760.0))
    assert plain.to_display(100.0, 200.0) == (70.0, 160.0)


def test_cropped_and_rotated_pages_line_up_with_the_render(qtbot, view, tmp_path):
    path = _marked_pdf(tmp_path / "plain.pdf")
    _open(qtbot, view, path)
    view.set_zoom(0.3)  # all four pages in view
    qtbot.waitUntil(lambda: set(view.cached_pages()) >= {1, 2, 3, 4}, timeout=3000)
    qtbot.waitUntil(lambda: view.pending_renders() == 0, timeout=3000)
    view.set_zoom(1.0)
    for page in (1, 2, 3, 4):
        view.go_to_page(page)
        qtbot.waitUntil(lambda p=page: view._cache.get(p) is not None
                        and view._cache[p].scale == view._want_scale, timeout=3000)
        render = view._cache[page]
        image = render.image
        x0, y0, x1, y1 = view._geometry(page).box_to_display(MARK)

        def pixel(dx, dy, render=render, image=image):
            px = int((dx - render.region[0]) * render.scale)
            py = int((dy - render.region[1]) * render.scale)
            return image.pixelColor(px, py).lightness()

        assert pixel((x0 + x1) / 2, (y0 + y1) / 2) < 60, f"page {page}: no mark inside the box"
        assert pixel(x0 - 8, (y0 + y1) / 2) > 200, f"page {page}: mark outside the box"
        assert pixel(x1 + 8, (y0 + y1) / 2) > 200
        # and a click in the middle of the mark maps back to the mark's centre
        view.show_box(page, MARK)
        pos = view.mapFromScene(view.box_rect().center())
        with qtbot.waitSignal(view.pointClicked, timeout=1000) as clicked:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        assert clicked.args[0] == page
        assert clicked.args[1] == pytest.approx((MARK[0] + MARK[2]) / 2, abs=1.5)
        assert clicked.args[2] == pytest.approx((MARK[1] + MARK[3]) / 2, abs=1.5)


@needs_hongze
def test_high_zoom_renders_only_the_part_in_view(qtbot, view, monkeypatch):
    monkeypatch.setattr(pdf_view, "MAX_RENDER_PIXELS", 500_000)
    _open(qtbot, view, HONGZE)
    view.show_box(3, BOX)
    view.set_zoom(4.0)
    view.show_box(3, BOX)
    qtbot.waitUntil(lambda: view._cache.get(3) is not None and view._cache[3].scale == view._want_scale,
                    timeout=3000)
    render = view._cache[3]
    x0, y0, x1, y1 = render.region
    assert (x1 - x0) * (y1 - y0) < 595 * 842 / 2  # a part of the page
    assert x0 <= BOX[0] and y0 <= BOX[1] and x1 >= BOX[2] and y1 >= BOX[3]
    # bounded by the viewport (one and a half times its size each way), not by the zoom
    dpr = view.viewport().devicePixelRatioF()
    assert render.image.width() <= 1.5 * view.viewport().width() * dpr + 2
    assert render.image.height() <= 1.5 * view.viewport().height() * dpr + 2
    _assert_box_aligned(view, 3, BOX)


def test_deleting_the_view_stops_its_worker_and_closes_the_document(qtbot, hundred_pages):
    v = PdfView()
    v.resize(400, 500)
    v.show()
    with qtbot.waitSignal(v.documentLoaded, timeout=2000):
        v.set_document(str(hundred_pages))
    qtbot.waitUntil(lambda: v.pending_renders() > 0 or bool(v.cached_pages()), timeout=2000)
    renderer, doc = v._renderer, v._doc
    assert renderer.running()
    v.deleteLater()
    qtbot.waitUntil(lambda: not renderer.running(), timeout=3000)
    assert doc.raw is None


@needs_hongze
def test_signals_leave_the_reference_count_of_true_alone(qtbot, view):
    # PySide6 6.12.0's emit() takes a reference from True; on Python 3.11 enough emits abort the
    # interpreter (pyproject.toml excludes that release; tests/test_ui_platform.py guards it too).
    import sys

    _open(qtbot, view, HONGZE)
    pages = []
    view.pageChanged.connect(pages.append)
    before = sys.getrefcount(True)
    for n in range(200):
        view.go_to_page(n % 5 + 1)
    assert len(pages) >= 150
    assert sys.getrefcount(True) > before - 50


def test_a_page_that_cannot_be_rendered_says_so_once(qtbot, view, hundred_pages, monkeypatch):
    from ui import page_renderer

    def broken(doc, job):
        raise RuntimeError("pdfium says no")

    monkeypatch.setattr(page_renderer, "render", broken)
    finished = []
    view.renderFinished.connect(finished.append)
    with qtbot.waitSignal(view.documentLoaded, timeout=2000):
        view.set_document(str(hundred_pages))
    qtbot.waitUntil(lambda: 1 in finished and view.pending_renders() == 0, timeout=3000)
    assert view._pages[0].error_text
    assert view.cached_pages() == []
    view.zoom_in()  # a failed page is not asked for again
    qtbot.wait(100)
    assert finished.count(1) == 1
    view.grab()


@needs_hongze
def test_high_dpi_renders_at_device_resolution(tmp_path):
    # the device pixel ratio is fixed at startup: check it in a child process at 2×; the child
    # also exits with a render in flight, which must not crash (see _stop_workers)
    import subprocess
    import sys

    code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from ui.pdf_view import PdfView
app = QApplication([])
v = PdfView(); v.resize(500, 600); v.show()
v.set_document({str(HONGZE)!r})
loop = QEventLoop()
v.renderFinished.connect(lambda page: loop.quit())
QTimer.singleShot(5000, loop.quit)
loop.exec()
r = v._cache[1]
print(v.devicePixelRatioF(), v.zoom_factor(), r.scale, r.image.width())
"""
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    dpr, zoom, scale, width = map(float, out.stdout.split())
    assert dpr == 2
    assert scale == pytest.approx(2 * zoom, rel=1e-3)
    assert width == pytest.approx(595 * scale, abs=1)


@needs_hongze
def test_a_box_shown_before_the_view_is_ends_up_in_view(qtbot):
    v = PdfView()
    qtbot.addWidget(v)
    v.set_document(str(HONGZE))
    v.show_box(5, BOX)  # the main window may do this before it is shown, at the default size
    v.resize(300, 200)  # then lays it out smaller: fit width zooms out, the box stays in view
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.viewport().rect().contains(v.mapFromScene(v.box_rect()).boundingRect()),
                    timeout=2000)
    assert v.current_page() == 5


@needs_hongze
def test_zooming_keeps_a_visible_box_in_view(qtbot, view):
    _open(qtbot, view, HONGZE)
    near_bottom = (300.0, 760.0, 330.0, 770.0)  # visible on page 1 without scrolling, far from the centre
    view.show_box(1, near_bottom)
    assert view.verticalScrollBar().value() == 0
    view.zoom_in()
    view.zoom_in()
    _assert_box_aligned(view, 1, near_bottom)  # includes: inside the viewport
    view.clear_box()
    view.zoom_out()  # with no box, zoom keeps the centre
