"""Import in a panel under the queue, not a modal dialog: the file, the count, the time left, cancel —
and the summary stays until the next import.

The import runs on a worker thread with its own connection to the review file
(ui/tasks.py); the queue fills as reports arrive, and files that fail stay in
it as 导入失败 rows.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.review import open_review
from ui.tasks import TaskContext

if TYPE_CHECKING:
    from app.importer import ImportSummary
    from ui.main_window import MainWindow


class ImportPanel(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import-panel")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(True)
        self.cancel = QToolButton(self)
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.clicked.connect(self._cancel)
        self.task = None  # the running import (ui.tasks.Task)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("×")
        self.dismiss.setToolTip(self.tr("Hide the import summary"))
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        layout.addWidget(self.dismiss)
        self.running = False
        self.started = 0.0
        self.hide()

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.cancel.setEnabled(False)
        self.cancel_requested.emit()

    def begin(self) -> None:
        self.running = True
        self.started = time.monotonic()
        self.label.setText(self.tr("Importing: looking for PDF files…"))
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.dismiss.hide()
        self.show()

    def progress(self, done: int, total: int, current: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        elapsed = time.monotonic() - self.started
        eta = self.eta_text(elapsed / done * (total - done)) if done else self.tr("estimating")
        self.label.setText(self.tr("Importing {0} of {1}: {2} · about {3} left").format(
            min(done + 1, total), total, current or "…", eta))

    def eta_text(self, seconds: float) -> str:
        seconds = max(0, round(seconds))
        if seconds >= 60:
            return self.tr("{0} min {1} s").format(seconds // 60, seconds % 60)
        return self.tr("{0} s").format(seconds)

    def finish(self, text: str) -> None:
        """Keep the summary on screen (until dismissed or the next import)."""
        self.running = False
        self.label.setText(text)
        self.bar.hide()
        self.cancel.hide()
        self.dismiss.show()
        self.show()

    def summary_text(self, s: ImportSummary) -> str:
        text = self.tr("Import finished: {0} imported, {1} skipped (already in the review), {2} failed; "
                       "{3} with errors.").format(s.imported, s.skipped, s.failed, s.with_errors)
        if s.interrupted:
            text = self.tr("Import cancelled: ") + text
        if s.failed:
            text += " " + self.tr("Failed files stay in the queue, marked as failed, with a retry.")
        return text


def run_import(window: MainWindow, paths: list[str]) -> None:
    """Import ``paths`` into the window's review file in the background, shown in the panel under the queue."""
    if window.review is None:
        return
    panel: ImportPanel = window.import_panel
    if panel.running:
        window.statusBar().showMessage(QCoreApplication.translate("ImportPanel", "An import is already running"), 5000)
        return
    review_path = str(window.review.path)
    last_refresh = [0.0]

    def work(ctx: TaskContext):
        from app.importer import import_paths

        def progress(summary) -> None:
            ctx.progress(summary.done, summary.total, summary.last_file)

        with open_review(review_path) as review:
            return import_paths(review, paths, progress=progress, stop=ctx.cancel_event)

    def on_progress(done: int, total: int, current: str) -> None:
        panel.progress(done, total, current)
        if time.monotonic() - last_refresh[0] > 0.5:  # the queue fills as reports arrive
            last_refresh[0] = time.monotonic()
            window.refresh_queue()

    def on_done(summary) -> None:
        panel.finish(panel.summary_text(summary))
        window.refresh_queue()
        if window.state is None and window.queue.model.docs:
            window.open_document(window.queue.model.docs[0].id)
        window.import_finished.emit(summary)

    def on_error(message: str) -> None:
        panel.finish(QCoreApplication.translate("ImportPanel", "Import failed: {0}").format(message))
        window.refresh_queue()
        window.show_error(QCoreApplication.translate("ImportPanel", "Import failed"), message)

    panel.begin()
    panel.task = window.tasks.start(work, on_done, on_error, on_progress)
