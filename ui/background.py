"""Export and the sample review, run in the background with a progress dialog and cancel
(import runs in the status bar: ui/import_panel.py).

Each job opens its own connection to the review file on the worker thread
(SQLite connections stay on their thread); the window's connection only
reads what the job wrote, as it arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.review import open_review
from ui.tasks import TaskContext

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def run_export(window: MainWindow, path: str, doc_id: int | None) -> None:
    if window.review is None:
        return
    review_path = str(window.review.path)
    dialog = window.progress_dialog(QCoreApplication.translate("Background", "Exporting to Excel…"))

    def work(ctx: TaskContext):
        from app.export import export_report, export_review

        with open_review(review_path, create=False) as review:
            if doc_id is not None:
                return export_report(review, doc_id, path, progress=ctx.progress, cancelled=lambda: ctx.cancelled)
            return export_review(review, path, progress=ctx.progress, cancelled=lambda: ctx.cancelled)

    def on_progress(done: int, total: int, _text: str = "") -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def on_done(_result) -> None:
        dialog.close()
        window.statusBar().showMessage(QCoreApplication.translate("Background", "Exported to {0}").format(path), 10000)
        window.export_finished.emit(path)

    def on_error(message: str) -> None:
        dialog.close()
        window.show_error(QCoreApplication.translate("Background", "Export failed"), message)

    task = window.tasks.start(work, on_done, on_error, lambda d, t, _s: on_progress(d, t))
    dialog.canceled.connect(task.cancel)
    dialog.show()


def run_samples(window: MainWindow) -> None:
    """Fill the open (sample) review with the bundled sample reports, then show the first."""
    if window.review is None:
        return
    review_path = str(window.review.path)
    window.statusBar().showMessage(QCoreApplication.translate("Background", "Preparing the sample reports…"))

    def work(ctx: TaskContext):
        from app.samples import fill_sample_review

        with open_review(review_path) as review:
            return fill_sample_review(review, progress=lambda d, t: ctx.progress(d, t, ""), cancelled=lambda: ctx.cancelled)

    def on_progress(_done: int, _total: int, _text: str) -> None:
        window.refresh_queue()

    def on_done(_added: int) -> None:
        window.refresh_queue()
        window.statusBar().showMessage(QCoreApplication.translate("Background", "Sample reports ready: red cells break an identity; F8 goes to the next problem."), 15000)
        if window.state is None and window.queue.model.docs:
            first = next((d for d in window.queue.model.docs if d.errors), window.queue.model.docs[0])
            window.open_document(first.id)
        window.review_changed.emit()

    window.tasks.start(work, on_done, lambda m: window.show_error(QCoreApplication.translate("Background", "Samples"), m), on_progress)
