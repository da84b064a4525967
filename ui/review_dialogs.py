"""Small dialogs of the review: a correction with its reason, the report's 审核意见, its agency and year.

Each opens without blocking and hands back what was entered through ``done``;
the window saves it through the core and redraws from the change set.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)


class _Dialog(QDialog):
    done_with = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)

    def value(self) -> object:
        raise NotImplementedError

    def accept(self) -> None:
        super().accept()
        self.done_with.emit(self.value())


class CorrectionDialog(_Dialog):
    """A new value for the selected cell, with the reason for it (kept in the audit trail)."""

    def __init__(self, cell_name: str, current: str, parent: QWidget | None = None):
        super().__init__(self.tr("Correct {0}").format(cell_name), parent)
        self.setObjectName("correction")
        self.number = QLineEdit(current, self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("e.g. confirmed with the agency by phone"))
        self.form.addRow(self.tr("New value"), self.number)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.finish_layout()

    def value(self) -> tuple[str, str]:
        return self.number.text(), self.reason.text().strip()


class OpinionDialog(_Dialog):
    """The report's 审核意见 (the review file's note)."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(self.tr("Review opinion"), parent)
        self.setObjectName("opinion")
        self.text = QPlainTextEdit(text, self)
        self.form.addRow(self.text)
        self.finish_layout()

    def value(self) -> str:
        return self.text.toPlainText().strip()


class DetailsDialog(_Dialog):
    """The agency and year as the report states them (OCR misreads them)."""

    def __init__(self, agency: str, year: int | None, parent: QWidget | None = None):
        super().__init__(self.tr("Agency and year"), parent)
        self.setObjectName("details")
        self.agency = QLineEdit(agency, self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year or 2000)
        self.reason = QLineEdit(self)
        self.form.addRow(self.tr("Agency"), self.agency)
        self.form.addRow(self.tr("Year"), self.year)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.finish_layout()

    def value(self) -> tuple[str, int, str]:
        return self.agency.text().strip(), self.year.value(), self.reason.text().strip()
