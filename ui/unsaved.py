"""A typed value the review file would not take (disk full, read-only, I/O error): say so, keep it
on screen as unsaved, and retry — a reviewer's work is never dropped silently."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.model import Number


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
