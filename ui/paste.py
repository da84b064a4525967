"""Ctrl+V on the queue: a report pasted as text (or files copied in the file manager) is imported.

Text is kept as a file beside the review file (app/pasted.py) and imported
like any text report; copied files are imported as if dropped on the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from app.errors import NianbaoError
from app.pasted import save_pasted_text


class PasteImporter(QObject):
    """Imports what the clipboard holds into the window's open review.

    Its strings go through ``QCoreApplication.translate("PasteImporter", …)``:
    they live in this feature's catalogue, resources/i18n/readers_zh_CN.ts.
    """

    def __init__(self, window, target: QWidget):
        super().__init__(window)
        self.window = window
        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), target)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.paste)

    def paste(self) -> None:
        window = self.window
        if window.review is None:
            window.statusBar().showMessage(QCoreApplication.translate("PasteImporter", "Open a review file before pasting a report"), 6000)
            return
        data = QGuiApplication.clipboard().mimeData()
        if data is None:
            return
        files = [u.toLocalFile() for u in data.urls() if u.isLocalFile()] if data.hasUrls() else []
        if files:
            window.import_paths(files)
            return
        if not data.hasText():
            window.statusBar().showMessage(QCoreApplication.translate("PasteImporter", "The clipboard holds no report text"), 6000)
            return
        try:
            path = save_pasted_text(data.text(), window.review.path)
        except NianbaoError as e:
            window.show_error(QCoreApplication.translate("PasteImporter", "Paste"), str(e))
            return
        window.statusBar().showMessage(QCoreApplication.translate("PasteImporter", "Importing the pasted report (%1)").replace("%1", path.name), 6000)
        window.import_paths([str(path)])


def install(window) -> PasteImporter:
    """Ctrl+V (the platform's Paste key) on the window's queue imports the clipboard."""
    window.paste_importer = PasteImporter(window, window.queue)
    return window.paste_importer
