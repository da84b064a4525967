"""Frozen row labels and header rows for a report table: on a laptop screen the labels stay at the
left and the column headings at the top while the numbers scroll (Qt's frozen-column technique:
overlay views sharing the table's model, selection and delegate, scrolled with it)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView


def header_rows(layout) -> int:
    """How many grid rows at the top hold column headings (none for a table without)."""
    rows = [b.row + b.rows for b in layout.boxes if b.role in ("header", "corner")]
    return max(rows, default=0)


class _Part(QTableView):
    """One frozen part: the left label columns, the top header rows, or their corner."""

    def __init__(self, main: QTableView, left: bool, top: bool):
        super().__init__(main)
        self.main, self.left, self.top = main, left, top
        self.setModel(main.model())
        self.setSelectionModel(main.selectionModel())
        self.setItemDelegate(main.itemDelegate())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setSelectionMode(main.selectionMode())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setStyleSheet("QTableView { border: none; background: white; }")
        self.clicked.connect(lambda index: main.setCurrentIndex(index))
        self.doubleClicked.connect(lambda index: (main.setCurrentIndex(index), main.edit(index)))


class FrozenParts:
    """The left, top and corner overlays of ``view``; call ``sync`` after its layout changes."""

    def __init__(self, view: QTableView):
        self.view = view
        self.cols = self.rows = 0
        self.paused = False  # while the table lays itself out: sizes are copied once, by sync()
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.left = _Part(view, left=True, top=False)
        self.top = _Part(view, left=False, top=True)
        self.corner = _Part(view, left=True, top=True)
        view.verticalScrollBar().valueChanged.connect(self.left.verticalScrollBar().setValue)
        view.horizontalScrollBar().valueChanged.connect(self.top.horizontalScrollBar().setValue)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        view.verticalHeader().sectionResized.connect(self._row_resized)

    def _parts(self) -> tuple[_Part, _Part, _Part]:
        return self.left, self.top, self.corner

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if self.paused:
            return
        for part in self._parts():
            part.setColumnWidth(column, new)
        if column < self.cols:
            self.place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        if self.paused:
            return
        for part in self._parts():
            part.setRowHeight(row, new)
        if row < self.rows:
            self.place()

    def sync(self, cols: int, rows: int, spans: list[tuple[int, int, int, int]]) -> None:
        """Freeze the first ``cols`` columns and ``rows`` rows (0: none); ``spans`` as the table's
        (row, column, rows, columns of each merged box, by its top-left grid position)."""
        self.cols, self.rows = cols, rows
        self.paused = False
        model = self.view.model()
        for part in (self.left, self.top, self.corner):
            part.clearSpans()
            for r in range(model.rowCount()):
                part.setRowHidden(r, part.top and r >= rows)
                part.setRowHeight(r, self.view.rowHeight(r))
            for c in range(model.columnCount()):
                part.setColumnHidden(c, part.left and c >= cols)
                part.setColumnWidth(c, self.view.columnWidth(c))
            for span in spans:
                part.setSpan(*span)
        self.place()

    def width(self) -> int:
        return sum(self.view.columnWidth(c) for c in range(self.cols))

    def height(self) -> int:
        return sum(self.view.rowHeight(r) for r in range(self.rows))

    def place(self) -> None:
        v = self.view
        f = v.frameWidth()
        vp = v.viewport().geometry()
        w, h = min(self.width(), vp.width()), min(self.height(), vp.height())
        self.left.setVisible(self.cols > 0)
        self.top.setVisible(self.rows > 0)
        self.corner.setVisible(self.cols > 0 and self.rows > 0)
        self.left.setGeometry(QRect(f, f, w, vp.height()))
        self.top.setGeometry(QRect(f, f, vp.width(), h))
        self.corner.setGeometry(QRect(f, f, w, h))
        self.left.raise_()
        self.top.raise_()
        self.corner.raise_()
        self.left.verticalScrollBar().setValue(v.verticalScrollBar().value())
        self.top.horizontalScrollBar().setValue(v.horizontalScrollBar().value())

    def uncover(self, rect: QRect) -> None:
        """Scroll so that ``rect`` (viewport coordinates of a cell) is not under a frozen part."""
        v = self.view
        if self.cols and rect.left() < self.width():
            v.horizontalScrollBar().setValue(v.horizontalScrollBar().value() - (self.width() - rect.left()))
        if self.rows and rect.top() < self.height():
            v.verticalScrollBar().setValue(v.verticalScrollBar().value() - (self.height() - rect.top()))
