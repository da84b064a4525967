"""The source beside the cell: a zoomed crop of the page around the selected number, large enough
to read its digits at once, with the number framed — like a verification station's snippet."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.page_renderer import RenderJob, render
from ui.pdf_view import PdfView

HEIGHT_PX = 96  # the strip's height: a row of printed digits comes out about 3× its page size
LEFT_PT, RIGHT_PT, PAD_PT = 80.0, 80.0, 8.0  # context around the cell: its neighbours
MAX_SCALE = 5.0


def render_snippet(view: PdfView, page: int, bbox: tuple[float, float, float, float],
                   height: int = HEIGHT_PX) -> QImage | None:
    """The page around ``bbox`` (extractor points) scaled to ``height`` pixels, the cell framed in red."""
    opened = view.open_document_and_geometry(page)
    if opened is None:
        return None
    doc, geometry = opened
    x0, top, x1, bottom = bbox
    dx0, dy0, dx1, dy1 = geometry.box_to_display((x0, top, x1, bottom))
    cx0, cy0, cx1, cy1 = geometry.box_to_display((x0 - LEFT_PT, top - PAD_PT, x1 + RIGHT_PT, bottom + PAD_PT))
    width_pt, height_pt = geometry.size
    region = (max(0.0, min(cx0, cx1)), max(0.0, min(cy0, cy1)), min(width_pt, max(cx0, cx1)),
              min(height_pt, max(cy0, cy1)))
    if region[2] <= region[0] or region[3] <= region[1]:
        return None
    scale = min(MAX_SCALE, height / (region[3] - region[1]))
    try:
        result = render(doc, RenderJob(0, page, scale, region))
    except Exception:  # noqa: BLE001 — a snippet is a help, never an error: the page view says what is wrong
        return None
    image = result.image
    if image is None:
        return None
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rx0, ry0 = result.region[0], result.region[1]
    painter = QPainter(image)
    pen = QPen(QColor("#e03000"), 2)
    painter.setPen(pen)
    painter.drawRect(QRectF((min(dx0, dx1) - rx0) * scale - 2, (min(dy0, dy1) - ry0) * scale - 2,
                            abs(dx1 - dx0) * scale + 4, abs(dy1 - dy0) * scale + 4))
    painter.end()
    return image


class SnippetView(QLabel):
    """The strip above the tables showing the selected cell's snippet (empty when there is none)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("source-snippet")
        self.setFixedHeight(HEIGHT_PX + 4)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)  # the cell in the middle, however narrow
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("#source-snippet { background:#ffffff; border:1px solid #c8c8c8; }")
        self.image: QImage | None = None

    def show_cell(self, view: PdfView, page: int, bbox) -> None:
        self.image = render_snippet(view, page, bbox) if page else None
        self.setPixmap(QPixmap.fromImage(self.image) if self.image is not None else QPixmap())
        self.setToolTip(self.tr("The source around the selected cell (page {0})").format(page) if page else "")

    def clear_cell(self) -> None:
        self.image = None
        self.setPixmap(QPixmap())
        self.setToolTip("")
