"""Small charts drawn with Qt's own painting: bars (grouped or stacked, across or up) and a pie.

Chosen over QtCharts (PySide6-Addons, not installed with PySide6-Essentials)
and pyqtgraph (another package, and numpy arrays for four small pictures):
the summary's charts have a handful of bars each, and painting them is a few
hundred lines with no new dependency. See docs/compare.md for the measurements.
Widgets hold plain data and repaint from it; they know nothing of reviews.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#1f4fb5", "#d9822b", "#2e7d32", "#b00020", "#6a1b9a", "#00838f", "#795548", "#9e9d24")


@dataclass
class ChartData:
    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]  # (name, one value per category)
    stacked: bool = False
    horizontal: bool = False
    percent: bool = False  # values are shares: axis and labels in %
    colours: list[str] = field(default_factory=lambda: list(PALETTE))


def _fmt(v: float, percent: bool) -> str:
    if percent:
        return f"{v * 100:.0f}%"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.2f}"


def nice_max(v: float) -> float:
    """A round axis end at or above ``v``."""
    if v <= 0:
        return 1.0
    step = 10 ** len(str(int(v))) / 10 if v >= 1 else 0.1
    for m in (1, 2, 2.5, 5, 10):
        if v <= step * m:
            return step * m
    return v


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = ChartData("", [], [])
        self.setMinimumSize(260, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.update()

    def totals(self) -> list[float]:
        d = self.data
        if d.stacked:
            return [sum(s[1][i] for s in d.series) for i in range(len(d.categories))]
        return [max((s[1][i] for s in d.series), default=0) for i in range(len(d.categories))]

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        d = self.data
        fm = QFontMetrics(self.font())
        line = fm.height()
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 4, self.width(), line), Qt.AlignmentFlag.AlignHCenter, d.title)
        legend_h = self._legend(p, line + 8) if len(d.series) > 1 else 0
        top = line + 12 + legend_h
        if not d.categories:
            p.drawText(QRectF(0, top, self.width(), self.height() - top), Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            return
        top_value = nice_max(max(self.totals(), default=0))
        if d.percent:
            top_value = min(top_value, 1.0) if max(self.totals(), default=0) <= 1 else top_value
        label_w = min(max(fm.horizontalAdvance(c) for c in d.categories) + 8, self.width() // 3)
        if d.horizontal:
            self._bars_across(p, QRectF(label_w, top, self.width() - label_w - 16, self.height() - top - line - 8),
                              top_value, fm)
        else:
            self._bars_up(p, QRectF(fm.horizontalAdvance("0000") + 8, top,
                                    self.width() - fm.horizontalAdvance("0000") - 16, self.height() - top - line - 10),
                          top_value, fm)

    def _legend(self, p: QPainter, y: float) -> float:
        fm = QFontMetrics(self.font())
        x, row = 8.0, 0
        for k, (name, _v) in enumerate(self.data.series):
            w = fm.horizontalAdvance(name) + 22
            if x + w > self.width() - 8 and x > 8:
                x, row = 8.0, row + 1
            yy = y + row * (fm.height() + 2)
            p.fillRect(QRectF(x, yy + 3, 12, fm.height() - 6), QColor(self.data.colours[k % len(self.data.colours)]))
            p.setPen(QColor("#222"))
            p.drawText(QRectF(x + 16, yy, w, fm.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x += w + 8
        return (row + 1) * (fm.height() + 2)

    def _bars_up(self, p: QPainter, area: QRectF, top_value: float, fm: QFontMetrics) -> None:
        d = self.data
        p.setPen(QPen(QColor("#999")))
        p.drawLine(area.bottomLeft(), area.bottomRight())
        for k in range(5):
            v = top_value * k / 4
            y = area.bottom() - area.height() * k / 4
            p.setPen(QPen(QColor("#eee")))
            p.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            p.setPen(QColor("#555"))
            p.drawText(QRectF(0, y - fm.height() / 2, area.left() - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _fmt(v, d.percent))
        n = len(d.categories)
        slot = area.width() / n
        groups = 1 if d.stacked else len(d.series)
        bar = max(slot * 0.7 / groups, 1.0)
        for i, cat in enumerate(d.categories):
            x0 = area.left() + slot * i + slot * 0.15
            base = 0.0
            for k, (_name, vals) in enumerate(d.series):
                v = vals[i]
                h = area.height() * (v / top_value if top_value else 0)
                x = x0 if d.stacked else x0 + k * bar
                y = area.bottom() - h - (area.height() * base / top_value if d.stacked and top_value else 0)
                p.fillRect(QRectF(x, y, bar - 1, h), QColor(d.colours[k % len(d.colours)]))
                if d.stacked:
                    base += v
            p.setPen(QColor("#222"))
            p.drawText(QRectF(area.left() + slot * i, area.bottom() + 2, slot, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter, fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(slot)))

    def _bars_across(self, p: QPainter, area: QRectF, top_value: float, fm: QFontMetrics) -> None:
        d = self.data
        n = len(d.categories)
        slot = area.height() / n
        groups = 1 if d.stacked else len(d.series)
        bar = max(slot * 0.75 / groups, 1.0)
        p.setPen(QPen(QColor("#999")))
        p.drawLine(area.topLeft(), area.bottomLeft())
        for i, cat in enumerate(d.categories):
            y0 = area.top() + slot * i + slot * 0.125
            p.setPen(QColor("#222"))
            p.drawText(QRectF(0, area.top() + slot * i, area.left() - 6, slot),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(area.left() - 6)))
            base = 0.0
            for k, (_name, vals) in enumerate(d.series):
                v = vals[i]
                w = area.width() * (v / top_value if top_value else 0)
                x = area.left() + (area.width() * base / top_value if d.stacked and top_value else 0)
                y = y0 if d.stacked else y0 + k * bar
                p.fillRect(QRectF(x, y, w, bar - 1), QColor(d.colours[k % len(d.colours)]))
                base += v if d.stacked else 0
            total = self.totals()[i]
            p.setPen(QColor("#444"))
            end = area.left() + area.width() * (total / top_value if top_value else 0)
            p.drawText(QRectF(end + 4, y0, 60, bar * groups), Qt.AlignmentFlag.AlignVCenter, _fmt(total, d.percent))


class PieChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = ChartData("", [], [])
        self.setMinimumSize(220, 180)

    def sizeHint(self) -> QSize:
        return QSize(320, 260)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        d = self.data
        fm = QFontMetrics(self.font())
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 4, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, d.title)
        values = d.series[0][1] if d.series else []
        total = sum(values)
        side = min(self.width() * 0.55, self.height() - fm.height() - 24)
        rect = QRectF(12, fm.height() + 14, side, side)
        if total <= 0:
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            return
        angle = 90 * 16
        for k, v in enumerate(values):
            span = int(round(-360 * 16 * v / total))
            p.setBrush(QColor(d.colours[k % len(d.colours)]))
            p.setPen(QPen(QColor("white"), 1.5))
            p.drawPie(rect, angle, span)
            angle += span
        y = rect.top()
        for k, (cat, v) in enumerate(zip(d.categories, values, strict=False)):
            p.fillRect(QRectF(rect.right() + 14, y + 3, 12, fm.height() - 6), QColor(d.colours[k % len(d.colours)]))
            p.setPen(QColor("#222"))
            p.drawText(QRectF(rect.right() + 30, y, self.width() - rect.right() - 30, fm.height()),
                       Qt.AlignmentFlag.AlignVCenter, f"{cat}  {_fmt(v, False)}（{v / total * 100:.0f}%）")
            y += fm.height() + 4
