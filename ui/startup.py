"""What happens once at start: a review file that cannot be opened is shown in a dialog (never a
silent exit), and on first start the reviewer is asked for the name that signs the audit trail."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from app.errors import NianbaoError
from app.settings import load_settings, reviewer_name, save_settings


class Startup(QObject):
    """Holds the translation context of the start-up dialogs."""

    def cannot_open(self, parent: QWidget | None, path: str, message: str) -> None:
        """Tell why the review file cannot be opened; waits until the reviewer closes it."""
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Cannot open the review file"),
                          self.tr("{0}\n\n{1}\n\nRestore a copy of the file, or check it with 'nianbao verify'.")
                          .format(path, message), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("cannot-open")
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Close"))
        box.exec()

    def ask_reviewer(self, window) -> QInputDialog | None:
        """First start: ask the reviewer's name (kept in the settings); None when it is known."""
        try:
            if load_settings().reviewer:
                return None
        except NianbaoError:
            return None
        dialog = QInputDialog(window)
        dialog.setObjectName("reviewer-name")
        dialog.setWindowTitle(self.tr("Your name"))
        dialog.setLabelText(self.tr("The name that signs your corrections and approvals in the audit trail:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(reviewer_name())
        dialog.setOkButtonText(self.tr("Save"))
        dialog.setCancelButtonText(self.tr("Later"))

        def save(name: str) -> None:
            name = name.strip()
            if not name:
                return
            try:
                settings = load_settings()
                settings.reviewer = name
                save_settings(settings)
            except NianbaoError as e:
                window.show_error(self.tr("Settings"), str(e))
                return
            if window.review is not None:
                window.review.who = name

        dialog.textValueSelected.connect(save)
        dialog.open()
        return dialog
