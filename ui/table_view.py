"""A report table drawn like the printed form: spans from the layout, marks that do not rely on colour alone.

The likely wrong cell gets a thick dark-red frame and a ✖ corner mark,
a cell in a broken identity a thin red frame, a warning an amber one,
a corrected cell a blue corner triangle, a blank-as-printed cell grey italics.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from ui.frozen import FrozenParts, header_rows
from ui.table_model import MarkRole, PrintedRole, ReportTableModel

FRAMES = {
    "suspect": (QColor("#a40000"), 3),
    "error": (QColor("#d9534f"), 1),
    "warning": (QColor("#c98a00"), 1),
    "unsaved": (QColor("#e67e00"), 2),
}


class CellDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        mark = index.data(MarkRole)
        printed = index.data(PrintedRole)
        if printed is not None:
            self._paint_printed(painter, option.rect, printed, corner=mark != "edited")
        if not mark:
            return
        rect: QRect = option.rect
        painter.save()
        if mark in FRAMES:
            colour, width = FRAMES[mark]
            painter.setPen(QPen(colour, width))
            painter.drawRect(rect.adjusted(width // 2 + 1, width // 2 + 1, -(width + 1) // 2 - 1, -(width + 1) // 2 - 1))
            if mark == "suspect":
                painter.setPen(colour)
                painter.drawText(rect.adjusted(4, 2, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "✖")
        elif mark == "edited":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1f4fb5"))
            r = rect
            painter.drawPolygon(QPolygon([QPoint(r.left(), r.top()), QPoint(r.left() + 8, r.top()), QPoint(r.left(), r.top() + 8)]))
        painter.restore()


    @staticmethod
    def _paint_printed(painter: QPainter, rect: QRect, printed: str, corner: bool) -> None:
        """The value as printed, small and struck through at the left; the corrected corner under any frame."""
        painter.save()
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        font.setStrikeOut(True)
        painter.setFont(font)
        painter.setPen(QColor("#7a7a7a"))
        painter.drawText(rect.adjusted(10, 0, -2, -1), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, printed)
        if corner:  # in a broken identity too: both marks
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1f4fb5"))
            r = rect
            painter.drawPolygon(QPolygon([QPoint(r.right(), r.top()), QPoint(r.right() - 8, r.top()),
                                          QPoint(r.right(), r.top() + 8)]))
        painter.restore()


class ReportTableView(QTableView):
    advance_requested = Signal(int)  # Enter/Tab: +1 to the next cell needing a look, -1 back

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self._rejected = False  # the editor's value was refused: stay on the cell
        model.edit_rejected.connect(lambda *_: setattr(self, "_rejected", True))
        self.setItemDelegate(CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(False)
        self.setCornerButtonEnabled(False)
        self.frozen = FrozenParts(self)  # row labels and column headings stay while numbers scroll
        model.modelReset.connect(self.apply_layout)
        self.apply_layout()

    def table_model(self) -> ReportTableModel:
        model = self.model()
        assert isinstance(model, ReportTableModel)
        return model

    def apply_layout(self) -> None:
        self.frozen.paused = True  # sizes reach the frozen parts once, at the end
        self.clearSpans()
        lay = self.table_model().layout
        spans = [(b.row, b.col, b.rows, b.cols) for b in lay.boxes if b.rows > 1 or b.cols > 1]
        for span in spans:
            self.setSpan(*span)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in range(lay.n_cols):
            self.setColumnWidth(col, 72 if col < lay.label_cols else 64)
        if lay.label_cols:  # the innermost label column carries the long labels
            self.setColumnWidth(lay.label_cols - 1, 230)
        self.resizeRowsToContents()
        self.frozen.sync(lay.label_cols, header_rows(lay), spans)

    def keyPressEvent(self, event) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
        ) and self.state() != QAbstractItemView.State.EditingState:
            self.advance_requested.emit(-1 if mods else 1)
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.advance_requested.emit(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        return super().event(event)

    def closeEditor(self, editor, hint) -> None:
        """Enter or Tab in the editor saves, then moves on to the next cell needing a look."""
        Hint = QStyledItemDelegate.EndEditHint
        rejected, self._rejected = self._rejected, False
        moves = hint in (Hint.EditNextItem, Hint.EditPreviousItem, Hint.SubmitModelCache)
        super().closeEditor(editor, Hint.NoHint if moves else hint)
        if moves and not rejected:
            self.advance_requested.emit(-1 if hint == Hint.EditPreviousItem else 1)

    def select_cell(self, cell_id: str) -> bool:
        index = self.table_model().index_of(cell_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """As QTableView, and never leave the cell under the frozen labels or headings."""
        super().scrollTo(index, hint)
        frozen = getattr(self, "frozen", None)  # (Qt scrolls while the view is being built)
        if frozen is not None and index.isValid() and index.column() >= frozen.cols and index.row() >= frozen.rows:
            frozen.uncover(self.visualRect(index))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "frozen"):
            self.frozen.place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self.frozen.place()

    def current_cell_id(self) -> str | None:
        cell = self.table_model().cell_at(self.currentIndex())
        return cell.cell if cell else None
