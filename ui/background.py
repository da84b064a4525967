"""Import, export and the sample review, run in the background with a progress dialog and cancel.

Each job opens its own connection to the review file on the worker thread
(SQLite connections stay on their thread); the window's connection only
reads what the job wrote, as it arrives.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.review import open_review
from ui.tasks import TaskContext

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def run_import(window: MainWindow, paths: list[str]) -> None:
    if window.review is None:
        return
    review_path = str(window.review.path)
    dialog = window.progress_dialog(window.tr("Importing reports…"))
    last_refresh = [0.0]

    def work(ctx: TaskContext):
        from app.importer import import_paths

        def progress(summary) -> None:
            ctx.progress(summary.done, summary.total,
                         window.tr("{0} of {1}: {2} imported, {3} skipped, {4} failed").format(
                             summary.done, summary.total, summary.imported, summary.skipped, summary.failed))

        with open_review(review_path) as review:
            return import_paths(review, paths, progress=progress, stop=ctx.cancel_event)

    def on_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(text)
        if time.monotonic() - last_refresh[0] > 0.5:  # the queue fills as reports arrive
            last_refresh[0] = time.monotonic()
            window.refresh_queue()

    def on_done(summary) -> None:
        dialog.close()
        window.refresh_queue()
        text = window.tr("Imported {0}, skipped {1} (already in the review), failed {2}; {3} with errors.").format(
            summary.imported, summary.skipped, summary.failed, summary.with_errors)
        if summary.interrupted:
            text = window.tr("Import cancelled. ") + text
        window.statusBar().showMessage(text, 15000)
        if summary.failures:
            lines = "\n".join(f"{path}: {message}" for path, message in summary.failures[:30])
            box = QMessageBox(QMessageBox.Icon.Warning, window.tr("Some files could not be imported"),
                              text + "\n\n" + lines, QMessageBox.StandardButton.Ok, window)
            box.setObjectName("import-failures")
            box.open()
            window.import_report_box = box
        if window.state is None and window.queue.model.docs:
            window.open_document(window.queue.model.docs[0].id)
        window.import_finished.emit(summary)

    def on_error(message: str) -> None:
        dialog.close()
        window.show_error(window.tr("Import failed"), message)

    task = window.tasks.start(work, on_done, on_error, on_progress)
    dialog.canceled.connect(task.cancel)
    dialog.show()


def run_export(window: MainWindow, path: str, doc_id: int | None) -> None:
    if window.review is None:
        return
    review_path = str(window.review.path)
    dialog = window.progress_dialog(window.tr("Exporting to Excel…"))

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
        window.statusBar().showMessage(window.tr("Exported to {0}").format(path), 10000)
        window.export_finished.emit(path)

    def on_error(message: str) -> None:
        dialog.close()
        window.show_error(window.tr("Export failed"), message)

    task = window.tasks.start(work, on_done, on_error, lambda d, t, _s: on_progress(d, t))
    dialog.canceled.connect(task.cancel)
    dialog.show()


def run_samples(window: MainWindow) -> None:
    """Fill the open (sample) review with the bundled sample reports, then show the first."""
    if window.review is None:
        return
    review_path = str(window.review.path)
    window.statusBar().showMessage(window.tr("Preparing the sample reports…"))

    def work(ctx: TaskContext):
        from app.samples import fill_sample_review

        with open_review(review_path) as review:
            return fill_sample_review(review, progress=lambda d, t: ctx.progress(d, t, ""), cancelled=lambda: ctx.cancelled)

    def on_progress(_done: int, _total: int, _text: str) -> None:
        window.refresh_queue()

    def on_done(_added: int) -> None:
        window.refresh_queue()
        window.statusBar().showMessage(window.tr("Sample reports ready: red cells break an identity; F8 goes to the next problem."), 15000)
        if window.state is None and window.queue.model.docs:
            first = next((d for d in window.queue.model.docs if d.errors), window.queue.model.docs[0])
            window.open_document(first.id)
        window.review_changed.emit()

    window.tasks.start(work, on_done, lambda m: window.show_error(window.tr("Samples"), m), on_progress)
