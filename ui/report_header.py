"""The line above the page and the tables naming what is open: the report, or a file that failed to import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.review import DocumentSummary, ImportFailure
from ui.wording import failure_reason


class ReportHeader(QWidget):
    retry_requested = Signal(str)  # the path of a failed import

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("report-header")
        self.label.setStyleSheet("font-weight:bold; padding:2px 4px;")
        self.label.setWordWrap(True)
        self.retry = QPushButton(self.tr("Retry the import"), self)
        self.retry.hide()
        self._failure: ImportFailure | None = None
        self.retry.clicked.connect(lambda: self._failure and self.retry_requested.emit(self._failure.path))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry)
        self.show_nothing()

    def show_document(self, d: DocumentSummary, status_text: str) -> None:
        self._failure = None
        self.retry.hide()
        name = " ".join(str(x) for x in (d.agency or self.tr("(agency not read)"), d.year or "") if x != "")
        errors = "…" if d.errors is None else d.errors
        warnings = "…" if d.warnings is None else d.warnings
        self.label.setText(self.tr("Open: {0} · {1} · {2} · {3} errors, {4} warnings").format(
            name, d.name, status_text, errors, warnings))
        if d.note:
            self.label.setText(self.label.text() + " · " + self.tr("Opinion: {0}").format(d.note))
        self.label.setToolTip(d.path)

    def show_failure(self, f: ImportFailure) -> None:
        self._failure = f
        self.retry.show()
        self.label.setText(self.tr("Import failed: {0} — {1}").format(f.name, failure_reason(f.kind, f.message)))
        self.label.setToolTip(f"{f.path}\n{f.message}")

    def show_nothing(self, empty_queue: bool = False) -> None:
        self._failure = None
        self.retry.hide()
        self.label.setText(self.tr("No report in this list") if empty_queue else self.tr("No report open"))
        self.label.setToolTip("")

    def nothing_to_look_at(self) -> str:
        return self.tr("No cell needs a look in this report")

    def text(self) -> str:
        return self.label.text()
