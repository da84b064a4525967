"""Approving a report whose tables still break an identity: ask why, the reason goes into the audit trail."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ApproveDialog(QDialog):
    reason_given = Signal(str)

    def __init__(self, open_errors: int, report: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approve-with-errors")
        self.setWindowTitle(self.tr("Approve with open errors"))
        self.label = QLabel(self.tr("{0} still has {1} open error(s). Approve it anyway? "
                                    "The reason is kept in the audit trail.").format(report, open_errors), self)
        self.label.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason (required), e.g. the report prints it this way"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def accept(self) -> None:
        if not self.text():
            return
        super().accept()
        self.reason_given.emit(self.text())
