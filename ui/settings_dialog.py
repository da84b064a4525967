"""Settings: the reviewer's name (signs every audit entry) and the interface language."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from app.settings import load_settings, save_settings


class SettingsDialog(QDialog):
    def __init__(self, qsettings: QSettings, parent=None):
        super().__init__(parent)
        self.qsettings = qsettings
        self.setWindowTitle(self.tr("Settings"))
        self.core = load_settings()
        self.reviewer = QLineEdit(self.core.reviewer or "", self)
        self.reviewer.setPlaceholderText(self.tr("your name (default: the system user)"))
        self.language = QComboBox(self)
        for code, text in (("system", self.tr("Follow the system")), ("zh_CN", "中文"), ("en", "English")):
            self.language.addItem(text, code)
        current = str(qsettings.value("ui/language", "system"))
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        form = QFormLayout(self)
        form.addRow(self.tr("Reviewer name"), self.reviewer)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(QLabel(self.tr("A new language takes effect when Nianbao restarts."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.core.reviewer = self.reviewer.text().strip() or None
        save_settings(self.core)
        self.qsettings.setValue("ui/language", self.language.currentData())
        super().accept()
