"""The review menu's actions beyond approving: 退回 and 存疑, a correction with a reason, the
审核意见, the agency and year, confirming a reading as printed, reading the report again.
Each saves through the core and redraws from its change set. (The action registry calls
them as ``review_actions.<method>``.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.errors import NianbaoError
from ui.report_state import format_value, parse_input
from ui.reread import run_reread
from ui.review_dialogs import CorrectionDialog, DetailsDialog, OpinionDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReviewActions(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.dialog = None  # the dialog open now (tests reach it here)

    def _open(self, dialog, on_done) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_with.connect(on_done)
        self.dialog = dialog
        dialog.open()

    def correct_with_reason(self) -> None:
        w = self.window
        cid = w.current_cell_id()
        if w.state is None or cid is None:
            return
        current = format_value(w.state.value(cid), w.state.kind(cid)).replace(",", "")
        dialog = CorrectionDialog(w.state.cell_name(cid, w.chinese), current, w)

        def save(entered) -> None:
            text, reason = entered
            number, why = parse_input(text, w.state.kind(cid))
            if why is not None:
                w.statusBar().showMessage(w.models[cid.split(".")[0]]._why(why, w.state.kind(cid)), 8000)
                return
            w.apply_edit(cid, number, reason=reason or None)

        self._open(dialog, save)

    def confirm_as_printed(self) -> None:
        w = self.window
        cid = w.current_cell_id()
        if w.state is None or w.review is None or cid is None:
            return
        doc = w.state.doc_id
        self._run(lambda: w.review.confirm_as_printed(doc, [cid]))
        w.advance()

    def edit_opinion(self) -> None:
        w = self.window
        if w.state is None or w.review is None:
            return
        doc = w.state.doc_id
        self._open(OpinionDialog(w.state.loaded.summary.note or "", w),
                   lambda text: self._run(lambda: w.review.set_note(doc, text or None)))

    def edit_details(self) -> None:
        w = self.window
        if w.state is None or w.review is None:
            return
        doc = w.state.doc_id
        summary = w.state.loaded.summary

        def save(entered) -> None:
            agency, year, reason = entered
            self._run(lambda: w.review.set_details(doc, agency=agency, year=year, reason=reason or None))

        self._open(DetailsDialog(summary.agency or "", summary.year, w), save)

    def mark_returned(self) -> None:
        self.set_status("returned")

    def mark_doubtful(self) -> None:
        self.set_status("doubtful")

    def reread_auto(self) -> None:
        run_reread(self.window, "auto")

    def reread_force_ocr(self) -> None:
        run_reread(self.window, "force")

    def reread_without_ocr(self) -> None:
        run_reread(self.window, "off")

    def set_status(self, status: str) -> None:
        w = self.window
        if w.state is None or w.review is None:
            return
        doc = w.state.doc_id
        self._run(lambda: w.review.set_status(doc, status))

    def _run(self, operation) -> None:
        w = self.window
        try:
            changes = operation()
        except NianbaoError as e:
            w.statusBar().showMessage(str(e), 8000)
            return
        w.redraw(changes)
