"""The page view never renders a huge page (MediaBox 14,400 pt) at full size, at any zoom."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from fixtures.huge import huge_page_pdf  # noqa: E402

from ui.page_renderer import MAX_RENDER_PIXELS  # noqa: E402
from ui.pdf_view import MAX_ZOOM, PdfView  # noqa: E402


def test_a_huge_page_renders_within_the_pixel_budget(qtbot, tmp_path):
    pdf = huge_page_pdf(tmp_path / "huge.pdf")
    view = PdfView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.documentLoaded, timeout=5000):
        view.set_document(str(pdf))
    try:
        for zoom in (None, 1.0, MAX_ZOOM):
            if zoom is not None:
                view.set_zoom(zoom)
            qtbot.waitUntil(lambda: view._cache.get(1) is not None and view._cache[1].scale == view._want_scale,
                            timeout=15000)
            image = view._cache[1].image
            assert image.width() * image.height() <= MAX_RENDER_PIXELS, zoom
    finally:
        view.set_document(None)
