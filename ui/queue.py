"""The review queue: the documents of the open review file, filters and search."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.review import DocumentSummary, ImportFailure
from app.review.reviewing import failure_matches
from ui import failed_imports
from ui.decide_actions import open_header
from ui.wording import status_name

STATUS_COLOURS = {"approved": QColor("#2e7d32"), "in_review": QColor("#1f4fb5"), "new": QColor("#555555"),
                  "returned": QColor("#b00020"), "doubtful": QColor("#9a6700")}
FILTERS = ("all", "errors", "unreviewed", "approved")


class QueueModel(QAbstractTableModel):
    COLUMNS = ("status", "agency", "year", "errors", "warnings", "open_findings", "name")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.docs: list[DocumentSummary] = []
        self.failures: list[ImportFailure] = []  # rows after the documents
        self.extra = None  # more columns after COLUMNS: headers(), refresh(docs), value(doc_id, k, role)

    def set_documents(self, docs: list[DocumentSummary], failures: list[ImportFailure] | None = None) -> None:
        self.beginResetModel()
        self.docs = docs
        self.failures = list(failures or [])
        if self.extra is not None:
            self.extra.refresh(docs)
        self.endResetModel()

    def failure_at(self, row: int) -> ImportFailure | None:
        i = row - len(self.docs)
        return self.failures[i] if 0 <= i < len(self.failures) else None

    def update_document(self, doc: DocumentSummary) -> None:
        for i, d in enumerate(self.docs):
            if d.id == doc.id:
                self.docs[i] = doc
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def row_of(self, doc_id: int) -> int:
        return next((i for i, d in enumerate(self.docs) if d.id == doc_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.docs) + len(self.failures)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS) + (len(self.extra.headers()) if self.extra else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section >= len(self.COLUMNS) and self.extra is not None:
                return self.extra.headers()[section - len(self.COLUMNS)]
            return [self.tr("Status"), self.tr("Agency"), self.tr("Year"), self.tr("Errors"),
                    self.tr("Warnings"), open_header(), self.tr("File")][section]
        return None

    def status_text(self, status: str) -> str:
        return status_name(status)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        failure = self.failure_at(index.row())  # failed imports are the rows after the documents
        if index.column() >= len(self.COLUMNS):  # the comparison's columns (queue_columns hook)
            if failure is not None:
                return None
            d = self.docs[index.row()]
            if role == Qt.ItemDataRole.UserRole:
                return d.id
            return None if self.extra is None else self.extra.value(d.id, index.column() - len(self.COLUMNS), role)
        col = self.COLUMNS[index.column()]
        if failure is not None:
            return failed_imports.failure_data(failure, col, role)
        d = self.docs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "status":
                return ("✔ " if d.status == "approved" else "") + self.status_text(d.status)
            if col in ("errors", "warnings", "open_findings"):
                n = getattr(d, col)
                return "…" if n is None else str(n)
            value = getattr(d, col)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "status":
                return QBrush(STATUS_COLOURS.get(d.status, QColor("#000")))
            if col == "errors" and d.errors:
                return QBrush(QColor("#b00020"))
            if col == "warnings" and d.warnings:
                return QBrush(QColor("#9a6700"))
            if col == "open_findings" and d.open_findings:
                return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return d.path
        if role == Qt.ItemDataRole.UserRole:
            return d.id
        return None


class QueuePanel(QWidget):
    """Filter box, search box and the document list."""

    document_activated = Signal(int)  # doc id
    failure_activated = Signal(object)  # ImportFailure
    filters_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = QueueModel(self)
        self.filter = QComboBox(self)
        for key, text in zip(FILTERS, (self.tr("All"), self.tr("Has errors"), self.tr("Unreviewed"), self.tr("Approved"))):
            self.filter.addItem(text, key)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search agency, file, note…"))
        self.search.setClearButtonEnabled(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        # sized once per reload, not on every change: ResizeToContents re-measures every row
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        self.view.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.filter.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.search.textChanged.connect(lambda _t: self.filters_changed.emit())
        self.view.selectionModel().currentRowChanged.connect(self._on_row)

    def query(self) -> dict:
        """The filters as keyword arguments of Review.list_documents (plus 'unreviewed')."""
        key = self.filter.currentData()
        q: dict = {}
        if key == "errors":
            q["has_errors"] = True
        elif key == "approved":
            q["status"] = "approved"
        text = self.search.text().strip()
        if text:
            q["text"] = text
        return q

    def wants_unreviewed(self) -> bool:
        return self.filter.currentData() == "unreviewed"

    def set_documents(self, docs: list[DocumentSummary], keep: int | None,
                      failures: list[ImportFailure] | None = None) -> bool:
        """Show ``docs`` (and failed imports, except under 已通过); return whether ``keep`` is among them."""
        if self.wants_unreviewed():
            docs = [d for d in docs if d.status != "approved"]
        key = self.filter.currentData()
        failures = [f for f in failures or [] if key != "approved" and failure_matches(f, self.search.text())]
        self.view.selectionModel().blockSignals(True)
        self.model.set_documents(docs, failures)
        self.view.selectionModel().blockSignals(False)
        self.view.resizeColumnsToContents()
        return self.select(keep, emit=False) if keep is not None else self.select_row(-1, emit=False)

    def select(self, doc_id: int, emit: bool = True) -> bool:
        """Highlight exactly the row of ``doc_id`` (no row when it is not listed)."""
        row = self.model.row_of(doc_id)
        self.select_row(row, emit)
        return row >= 0

    def select_row(self, row: int, emit: bool = True) -> None:
        selection = self.view.selectionModel()
        if not emit:
            selection.blockSignals(True)
        if row < 0:
            selection.clearSelection()
            selection.setCurrentIndex(self.model.index(-1, -1), selection.SelectionFlag.NoUpdate)
        else:
            selection.setCurrentIndex(self.model.index(row, 0),
                                      selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        if not emit:
            selection.blockSignals(False)
        self.view.viewport().update()

    def next_after(self, doc_id: int) -> int | None:
        """The next document in the queue after ``doc_id`` that is not approved (wrapping)."""
        docs = self.model.docs
        row = self.model.row_of(doc_id)
        order = docs[row + 1:] + docs[: max(row, 0)]
        for d in order:
            if d.status != "approved" and d.id != doc_id:
                return d.id
        return None

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        failure = self.model.failure_at(current.row())
        if failure is not None:
            self.failure_activated.emit(failure)
        else:
            self.document_activated.emit(self.model.docs[current.row()].id)
