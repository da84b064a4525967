"""Re-read the open report (as imported, every page by OCR, or the text layer only) in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.review import open_review
from ui.tasks import TaskContext

if TYPE_CHECKING:
    from ui.main_window import MainWindow



def run_reread(window: MainWindow, ocr: str) -> None:
    if window.review is None or window.state is None:
        return
    review_path, doc_id = str(window.review.path), window.state.doc_id
    window.statusBar().showMessage(QCoreApplication.translate("Reread", "Reading the report again…"))

    def work(ctx: TaskContext):
        from app.reread import reread

        with open_review(review_path) as review:
            return reread(review, doc_id, ocr, stop=ctx.cancel_event)

    def on_done(summary) -> None:
        if summary.failed:
            message = summary.failures[0][1] if summary.failures else ""
            window.show_error(QCoreApplication.translate("Reread", "The report could not be read again"), message)
        else:
            window.statusBar().showMessage(QCoreApplication.translate(
                "Reread", "Read again: {0} cell(s) where your value was kept and the new reading differs").format(
                len(summary.conflicts)), 10000)
        window.refresh_queue()
        if window.state is not None and window.state.doc_id == doc_id:
            window.open_document(doc_id)
        window.reread_finished.emit(summary)

    def on_error(message: str) -> None:
        window.show_error(QCoreApplication.translate("Reread", "The report could not be read again"), message)

    window.tasks.start(work, on_done, on_error)
