"""A typed value the review file would not take (disk full, read-only, I/O error): say so, keep it
on screen as unsaved, and retry — a reviewer's work is never dropped silently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.model import Number

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class UnsavedBar(QWidget):
    retry_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unsaved-bar")
        self.setStyleSheet("#unsaved-bar { background:#fff3cd; border:1px solid #c98a00; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.retry = QPushButton(self.tr("Retry saving"), self)
        self.discard = QPushButton(self.tr("Discard"), self)
        self.retry.clicked.connect(self.retry_requested)
        self.discard.clicked.connect(self.discard_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry)
        layout.addWidget(self.discard)
        self.hide()

    def show_unsaved(self, names: list[str], error: str) -> None:
        self.label.setText(self.tr("Not saved ({0}): {1}. The typed value stays shown as unsaved; "
                                   "free the disk or fix the file, then retry.").format("、".join(names), error))
        self.show()

    def tooltip(self, value: Number | None) -> str:
        return self.tr("Typed {0}, not saved yet: retry saving from the bar above the tables").format(
            "" if value is None else value)


class UnsavedEdits:
    """The typed values the review file did not take, per report, and the bar that says so."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.bar = UnsavedBar(window)
        self.by_doc: dict[int, dict[str, object]] = {}  # doc → cell → typed value
        self.bar.retry_requested.connect(self.retry)
        self.bar.discard_requested.connect(self.discard)

    def of(self, doc_id: int) -> dict[str, object]:
        """The report's unsaved values (the table models show this very dict)."""
        return self.by_doc.setdefault(doc_id, {})

    def keep(self, doc_id: int, cell: str, value, error: str) -> None:
        self.of(doc_id)[cell] = value
        self.show(error)

    def saved(self, doc_id: int, cell: str) -> None:
        self.of(doc_id).pop(cell, None)
        self.show()

    def show(self, error: str | None = None) -> None:
        """The bar for the open report: shown while it has unsaved values."""
        state = self.window.state
        pending = self.of(state.doc_id) if state else {}
        if not pending:
            self.bar.hide()
            return
        names = [state.cell_name(c, self.window.chinese) for c in pending]
        self.bar.show_unsaved(names, error or self.bar.label.text())

    def retry(self) -> None:
        state = self.window.state
        if state is None:
            return
        for cell, value in list(self.of(state.doc_id).items()):
            if not self.window.apply_edit(cell, value):
                return

    def discard(self) -> None:
        state = self.window.state
        if state is None:
            return
        self.of(state.doc_id).clear()
        self.show()
        self.window.repaint_tables()
