"""The review workstation: queue on the left, source page beside the tables, problems below.

A thin shell over the core's Review: every change goes through it (saved the
moment it is made, with an audit entry) and the window redraws from what the
core hands back. Long work — import, export, sample building, page
rendering — runs in the background with progress and cancel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

from app.errors import NianbaoError
from app.model import Finding
from app.review import ImportFailure, OpChanges, Review, open_review
from app.store.errors import EditError
from app.templates import get_template
from ui import actions as action_registry
from ui import attention, background, compare_columns, decide_actions, source_html, window_layout
from ui.approve_dialog import ApproveDialog
from ui.audit_panel import AuditPanel
from ui.campaign import install as install_campaign_menu
from ui.import_panel import ImportPanel
from ui.pdf_view import PdfView
from ui.problems import ProblemsPanel
from ui.queue import QueuePanel
from ui.report_header import ReportHeader
from ui.report_state import ReportState
from ui.review_actions import ReviewActions
from ui.snippet import SnippetView
from ui.table_model import COLOURS, ReportTableModel
from ui.table_view import ReportTableView
from ui.tasks import TaskManager
from ui.unsaved import UnsavedEdits

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    document_opened = Signal(int)
    review_changed = Signal()
    import_finished = Signal(object)  # ImportSummary
    export_finished = Signal(str)  # path written
    reread_finished = Signal(object)  # ImportSummary of reading the open report again

    def __init__(self, settings: QSettings, chinese: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.chinese = chinese
        self.review: Review | None = None
        self.state: ReportState | None = None
        self.attention_order = attention.PRINT_ORDER
        self.tasks = TaskManager(self)
        self.review_actions = ReviewActions(self)
        self.setWindowTitle(self.tr("Nianbao — annual report review"))
        self.setAcceptDrops(True)
        self._build_widgets()
        self.actions_by_key = action_registry.build(self)
        self.actions_by_key["by_confidence"].setCheckable(True)
        decide_actions.install(self)
        install_campaign_menu(self)  # the 名录 menu: agency register, who has published (issue 13)
        self._build_recent_menu()
        self._build_status_bar()
        self._restore_layout()
        self.update_actions()

    # ------------------------------------------------------------ layout

    def _build_widgets(self) -> None:
        self.queue = QueuePanel(self)
        compare_columns.install(self)  # repeat rate and indicators in the queue
        self.queue.document_activated.connect(self.open_document)
        self.queue.filters_changed.connect(self.refresh_queue)
        self.queue.failure_activated.connect(self.show_import_failure)
        from ui.paste import install as install_paste

        install_paste(self)  # Ctrl+V on the queue imports a pasted report
        self.pdf = PdfView(self)
        self.pdf.pointClicked.connect(self._on_page_clicked)
        self.tabs = QTabWidget(self)
        self.models: dict[str, ReportTableModel] = {}
        self.views: dict[str, ReportTableView] = {}
        self.problems = ProblemsPanel(self)
        self.problems.chinese = self.chinese
        self.problems.finding_selected.connect(self.show_finding)
        self.problems.accept_requested.connect(self.accept_finding)
        self.import_panel = ImportPanel(self)  # under the queue: file, count, time left, cancel, summary
        self.snippet = SnippetView(self)  # the source around the selected cell, above the tables
        self.audit = AuditPanel(self)  # the open report's trail, beside its problems
        self.header = ReportHeader(self)  # names what is open
        self.header.retry_requested.connect(lambda path: self.import_paths([path]))
        self.unsaved = UnsavedEdits(self)  # typed values the file did not take: kept, retried
        self.unsaved_bar = self.unsaved.bar
        window_layout.arrange(self)
        source_html.install(self)  # web pages and Word files: their tables beside the record's

    def _build_recent_menu(self) -> None:
        """File ▸ Open recent: the review files opened last, refreshed whenever the menu opens."""
        file_menu = self.actions_by_key["open"].associatedObjects()[0]
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        file_menu.insertMenu(self.actions_by_key["new"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("review/recent") or []:
            action = self.recent_menu.addAction(path)
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, p=path: self.open_review_file(p, create=False))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        legend = [
            ("suspect", self.tr("✖ likely wrong")),
            ("error", self.tr("broken identity")),
            ("warning", self.tr("warning")),
            ("edited", self.tr("corrected")),
            ("blank", self.tr("printed blank")),
        ]
        for mark, text in legend:
            label = QLabel(text, self)
            label.setStyleSheet(f"background:{COLOURS[mark].name()}; padding:1px 6px; border:1px solid #999;")
            bar.addPermanentWidget(label)
        from ui.fingerprint import FingerprintLabel

        self.fingerprint = FingerprintLabel(self)
        bar.addPermanentWidget(self.fingerprint)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 900)
        self._splitters_restored = False  # on the first show, once the window has its size

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            self._splitters_restored = True
            window_layout.restore_splitters(self)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for name in ("main", "centre", "right"):
            self.settings.setValue(f"window/{name}", getattr(self, name).saveState())

    def _tables_for(self, template_id: str) -> None:
        """Build one tab per table of the template (once per template)."""
        template = get_template(template_id)
        if [m.table.id for m in self.models.values()] == [t.id for t in template.tables] and all(
            m.table is t for m, t in zip(self.models.values(), template.tables)
        ):
            return
        self.tabs.clear()
        self.models.clear()
        self.views.clear()
        for table in template.tables:
            model = ReportTableModel(table, self)
            model.chinese = self.chinese
            model.edit_requested.connect(self.apply_edit)
            model.edit_rejected.connect(lambda _cid, why: self.statusBar().showMessage(why, 8000))
            model.pending_tooltip = self.unsaved_bar.tooltip
            view = ReportTableView(model, self)
            view.advance_requested.connect(self.advance)
            view.selectionModel().currentChanged.connect(lambda cur, _prev, v=view: self._on_cell_selected(v))
            self.models[table.id] = model
            self.views[table.id] = view
            self.tabs.addTab(view, table.short if self.chinese else table.short_en)

    # ------------------------------------------------------------ review file

    def open_review_file(self, path: str | Path, create: bool = True) -> bool:
        try:
            return self.open_review(path, create=create)
        except NianbaoError as e:
            self.show_error(self.tr("Cannot open the review file"), str(e))
            return False

    def open_review(self, path: str | Path, create: bool = True) -> bool:
        """Open a review file; a NianbaoError says why it cannot be."""
        review = open_review(path, create=create)
        self.close_review()
        self.review = review
        self.settings.setValue("review/last", str(review.path))
        recent = [p for p in (self.settings.value("review/recent") or []) if p != str(review.path)]
        self.settings.setValue("review/recent", [str(review.path), *recent][:8])
        self.setWindowTitle(self.tr("Nianbao — {0}").format(Path(review.path).name))
        self.refresh_queue()
        self.fingerprint.show_review(review)
        self.review_changed.emit()
        self.update_actions()
        return True

    def close_review(self) -> None:
        self.close_document()
        if self.review is not None:
            self.review.close()
            self.review = None
            self.fingerprint.show_review(None)

    def close_document(self, empty_queue: bool = False) -> None:
        """Show no report (none chosen, or the open one left the filtered queue)."""
        self.state = None
        self.pdf.set_document(None)
        for model in self.models.values():
            model.set_state(None)
            model.pending = {}
        self.problems.set_state(None)
        self.audit.set_trail(None, [])
        self.snippet.clear_cell()
        self.header.show_nothing(empty_queue)
        self.unsaved_bar.hide()
        self.update_actions()

    def refresh_queue(self) -> None:
        if self.review is None:
            self.queue.set_documents([], None)
            return
        docs = self.review.list_documents(**self.queue.query())
        listed = self.queue.set_documents(docs, self.state.doc_id if self.state else None,
                                          self.review.open_import_failures())
        if self.state is not None and not listed:
            self.close_document(empty_queue=not docs)
        elif self.state is None and not docs:
            self.header.show_nothing(empty_queue=True)

    # ------------------------------------------------------------ a report

    def open_document(self, doc_id: int) -> None:
        """Show a report: tables first, then its page; select its first problem."""
        if self.review is None:
            return
        try:
            loaded = self.review.load_document(doc_id)
        except NianbaoError as e:
            self.show_error(self.tr("Cannot open the report"), str(e))
            return
        self.state = ReportState(loaded)
        self._tables_for(loaded.record.template)
        pending = self.unsaved.of(doc_id)
        for model in self.models.values():
            model.pending = pending
            model.set_state(self.state)
        self.problems.set_state(self.state)
        self.audit.set_trail(self.state, self.review.history(doc_id))
        self.queue.select(doc_id, emit=False)
        source = str(self.review.source_path(doc_id))  # exactly, even a name that is not UTF-8
        self.pdf.set_document(source)
        source_html.show_source(self, source, self.state.record.source.format)
        self._show_header()
        self.unsaved.show()
        self.update_actions()
        if self.state.findings:
            self.problems.select_index(0)
        else:
            self.tabs.setCurrentIndex(0)
        self._focus_table()
        self.statusBar().showMessage(self._summary_text(), 5000)
        self.document_opened.emit(doc_id)

    def _show_header(self) -> None:
        if self.state is not None:
            summary = self.state.loaded.summary
            self.header.show_document(summary, self.queue.model.status_text(summary.status))
            self.setWindowTitle(self.tr("Nianbao — {0}").format(f"{Path(self.review.path).name} · {summary.name}"))

    def _focus_table(self) -> None:
        """Keys go to the table: typing edits the selected cell, Enter and Tab move on."""
        view = self.tabs.currentWidget()
        if isinstance(view, ReportTableView):
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_import_failure(self, failure: ImportFailure) -> None:
        """A file that failed to import: its reason and a retry, in place of a report."""
        self.close_document()
        self.statusBar().clearMessage()
        self.header.show_failure(failure)

    def advance(self, step: int = 1) -> None:
        """Enter/Tab: the next (or previous) cell needing a look, across the tables."""
        if self.state is None:
            return
        nxt = attention.next_cell(self.state, self.current_cell_id(), self.attention_order, step)
        if nxt is None:
            self.statusBar().showMessage(self.header.nothing_to_look_at(), 4000)
            return
        self.select_cell(nxt)
        self._focus_table()

    def _summary_text(self) -> str:
        s = self.state
        if s is None:
            return ""
        errors = sum(1 for f in s.findings if f.severity == "error")
        warnings = len(s.findings) - errors
        return self.tr("{0} {1}: {2} errors, {3} warnings").format(
            s.record.agency or s.loaded.summary.name, s.record.year or "", errors, warnings)

    def select_cell(self, cell_id: str) -> bool:
        table_id = cell_id.split(".", 1)[0]
        view = self.views.get(table_id)
        if view is None:
            return False
        self.tabs.setCurrentWidget(view)
        return view.select_cell(cell_id)

    def current_cell_id(self) -> str | None:
        view = self.tabs.currentWidget()
        return view.current_cell_id() if isinstance(view, ReportTableView) else None

    def _on_cell_selected(self, view: ReportTableView) -> None:
        cid = view.current_cell_id()
        if cid is None or self.state is None:
            return
        self.audit.set_cell(cid)
        cell = self.state.record.cells.get(cid)
        if cell is not None and self.source_html.isVisible():
            self.source_html.show_anchor(cell.anchor)
        if cell is not None and cell.page:
            self.pdf.show_box(cell.page, cell.bbox)
            self.snippet.show_cell(self.pdf, cell.page, cell.bbox)
        else:
            self.pdf.clear_box()
            self.snippet.clear_cell()
        self.update_actions()

    def _on_page_clicked(self, page: int, x: float, y: float) -> None:
        if self.state is None:
            return
        best, best_d = None, 1e9
        for cid, cell in self.state.record.cells.items():
            x0, top, x1, bottom = cell.bbox
            if cell.page == page and x0 - 12 <= x <= x1 + 12 and top - 6 <= y <= bottom + 6:
                d = abs((x0 + x1) / 2 - x) + abs((top + bottom) / 2 - y)
                if d < best_d:
                    best, best_d = cid, d
        if best:
            self.select_cell(best)

    def show_finding(self, finding: Finding) -> None:
        target = finding.suspects[0].cell if len(finding.suspects) == 1 else (finding.cells[0] if finding.cells else None)
        if target:
            self.select_cell(target)
            self._focus_table()
        self.statusBar().showMessage(finding.message if self.chinese else finding.message_en, 10000)

    def next_problem(self) -> None:
        self._step_problem(+1)

    def previous_problem(self) -> None:
        self._step_problem(-1)

    def _step_problem(self, step: int) -> None:
        n = self.problems.topLevelItemCount()
        if n == 0:
            self.statusBar().showMessage(self.tr("No problems in this report"), 4000)
            return
        i = self.problems.current_index()
        self.problems.select_index((i + step) % n if i >= 0 else (0 if step > 0 else n - 1))

    # ------------------------------------------------------------ changes

    def apply_edit(self, cell_id: str, value, how: str = "manual", reason: str | None = None) -> bool:
        if self.review is None or self.state is None:
            return False
        doc_id = self.state.doc_id
        try:
            changes = self.review.apply_edit(doc_id, cell_id, value, how=how, reason=reason)
            if self.state.loaded.summary.status == "new":
                self.review.set_status(doc_id, "in_review")
        except EditError as e:  # the value itself is refused: nothing to keep
            self.statusBar().showMessage(self.tr("Not saved: {0}").format(e), 8000)
            return False
        except Exception as e:  # noqa: BLE001 — the write failed: keep the typed value, say so, retry
            if not isinstance(e, NianbaoError):
                log.exception("saving %s failed", cell_id)
            self.unsaved.keep(doc_id, cell_id, value, str(e) if isinstance(e, NianbaoError) else f"{type(e).__name__}: {e}")
            self.repaint_tables()
            return False
        self.unsaved.saved(doc_id, cell_id)
        self._after_change(changes, focus=cell_id)
        return True

    def repaint_tables(self) -> None:
        if self.state is not None:
            for model in self.models.values():
                model.refresh_state(self.state)

    def redraw(self, changes: OpChanges) -> None:
        """Redraw after an operation run elsewhere (ui/review_actions.py)."""
        if self.state is not None:
            self._after_change(changes, focus=self.current_cell_id())

    def _after_change(self, changes: OpChanges, focus: str | None = None) -> None:
        """Redraw from what the operation changed: the open report, and the queue rows of it
        and of every related report (next-year reports whose cross-year findings moved)."""
        assert self.review is not None and self.state is not None
        if changes.empty:
            return
        if changes.document_id == self.state.doc_id:
            loaded = self.review.load_document(self.state.doc_id)  # values, marks, undo state
            self.state = ReportState(loaded)
            for model in self.models.values():
                model.refresh_state(self.state)
            self.problems.set_state(self.state)
            self.audit.set_trail(self.state, self.review.history(self.state.doc_id))
            self.queue.model.update_document(loaded.summary)
            self._show_header()
        for other in changes.related:
            self.queue.model.update_document(self.review.document(other))
        self.fingerprint.show_review(self.review)
        self.update_actions()
        if focus:
            self.select_cell(focus)

    def undo(self) -> None:
        self._undo_redo(undo=True)

    def redo(self) -> None:
        self._undo_redo(undo=False)

    def _undo_redo(self, undo: bool) -> None:
        if self.review is None or self.state is None:
            return
        focus = self.current_cell_id()
        try:
            changes = (self.review.undo if undo else self.review.redo)(self.state.doc_id)
        except NianbaoError as e:
            self.statusBar().showMessage(str(e), 8000)
            return
        if changes.cells:
            focus = sorted(changes.cells)[0]
        self._after_change(changes, focus=focus)

    def accept_finding(self, finding: Finding) -> None:
        if len(finding.suspects) == 1:
            s = finding.suspects[0]
            self.apply_edit(s.cell, s.suggested, how="suggestion")

    def accept_current_suggestion(self) -> None:
        cid = self.current_cell_id()
        suspect = self.state.suggestion_for(cid) if (self.state and cid) else None
        if suspect is None:
            self.statusBar().showMessage(self.tr("No suggestion for this cell"), 4000)
            return
        self.apply_edit(suspect.cell, suspect.suggested, how="suggestion")

    def _set_status(self, status: str) -> bool:
        if self.review is None or self.state is None:
            return False
        try:
            self.review.set_status(self.state.doc_id, status)
        except NianbaoError as e:
            self.statusBar().showMessage(str(e), 8000)
            return False
        self.queue.model.update_document(self.review.document(self.state.doc_id))
        self.state.loaded.summary = self.review.document(self.state.doc_id)
        self._show_header()
        return True

    def approve_and_next(self) -> None:
        """Approve and open the next report; with open errors only after a reason (ApproveDialog)."""
        if self.state is None or self.review is None:
            return
        doc_id = self.state.doc_id
        try:
            open_errors = len(self.review.open_findings(doc_id))  # undecided findings
        except NianbaoError as e:
            self.statusBar().showMessage(str(e), 8000)
            return
        if open_errors and self.state.loaded.summary.status != "approved":
            dialog = ApproveDialog(open_errors, self.state.loaded.summary.name, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.reason_given.connect(lambda reason: self._approve(doc_id, reason))
            self.approve_dialog = dialog
            dialog.open()
            return
        self._approve(doc_id, None)

    def _approve(self, doc_id: int, reason: str | None) -> None:
        if self.review is None:
            return
        try:
            self.review.approve(doc_id, reason=reason)
        except NianbaoError as e:
            self.statusBar().showMessage(str(e), 8000)
            return
        self.queue.model.update_document(self.review.document(doc_id))
        if self.state is not None and self.state.doc_id == doc_id:
            self.state.loaded.summary = self.review.document(doc_id)
            self._show_header()
        current = doc_id
        nxt = self.queue.next_after(current)
        self.statusBar().showMessage(self.tr("Approved"), 3000)
        if self.queue.wants_unreviewed():
            self.refresh_queue()
        if nxt is not None:
            self.open_document(nxt)
        else:
            self.statusBar().showMessage(self.tr("Approved; no report left to review in this list"), 6000)

    def mark_in_review(self) -> None:
        self._set_status("in_review")

    def toggle_attention_order(self) -> None:
        """Enter/Tab go through the cells in print order, or the least certain first."""
        by_confidence = self.actions_by_key["by_confidence"].isChecked()
        self.attention_order = attention.BY_CONFIDENCE if by_confidence else attention.PRINT_ORDER

    # ------------------------------------------------------------ view

    def zoom_in(self) -> None:
        self.pdf.zoom_in()

    def zoom_out(self) -> None:
        self.pdf.zoom_out()

    def fit_width(self) -> None:
        self.pdf.fit_width()

    def update_actions(self) -> None:
        can_undo = can_redo = False
        if self.state is not None:
            can_undo, can_redo = self.state.loaded.can_undo, self.state.loaded.can_redo
        cid = self.current_cell_id()
        action_registry.update(self.actions_by_key, {
            "review": self.review is not None,
            "document": self.state is not None,
            "undo": can_undo,
            "redo": can_redo,
            "cell": bool(self.state and cid and self.state.suggestion_for(cid)),
        })

    # ------------------------------------------------------------ dialogs and files

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # never blocks the event loop

    def choose_review_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open review file"), "", self.tr("Review files (*.sqlite *.db)"))
        if path:
            self.open_review_file(path, create=False)

    def choose_new_review_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New review file"), "review.sqlite", self.tr("Review files (*.sqlite)"))
        if path:
            self.open_review_file(path, create=True)

    def choose_import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import PDF files"), "", source_html.import_filter())
        if paths:
            self.import_paths(paths)

    def choose_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of PDF files"))
        if path:
            self.import_paths([path])

    def choose_export_report(self) -> None:
        if self.state is None:
            return
        default = Path(self.state.loaded.summary.name).with_suffix(".xlsx").name
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export this report"), default, self.tr("Excel (*.xlsx)"))
        if path:
            self.export(path, doc_id=self.state.doc_id)

    def choose_export_review(self) -> None:
        if self.review is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the whole review"), "review.xlsx", self.tr("Excel (*.xlsx)"))
        if path:
            self.export(path)

    # background work: ui/background.py
    def import_paths(self, paths: list[str]) -> None:
        from ui.import_panel import run_import

        run_import(self, paths)

    def export(self, path: str, doc_id: int | None = None) -> None:
        background.run_export(self, path, doc_id)

    def fill_samples(self) -> None:
        background.run_samples(self)

    def show_settings(self) -> None:
        from app.settings import reviewer_name
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)

        def saved() -> None:
            if self.review is not None:
                self.review.who = reviewer_name()  # sign from now on with the new name

        dialog.accepted.connect(saved)
        dialog.open()

    def show_compare(self) -> None:
        from ui.compare_view import open_compare

        open_compare(self)

    def show_summary(self) -> None:
        from ui.summary_view import open_summary

        open_summary(self)

    def show_about(self) -> None:
        from ui.about import about_text
        from ui.fingerprint import about_fingerprint

        QMessageBox.about(self, self.tr("About Nianbao"), about_text() + about_fingerprint(self.review))

    # ------------------------------------------------------------ drag and drop, closing

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self.review is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_paths(paths)

    def closeEvent(self, event) -> None:
        self._save_layout()
        self.tasks.cancel_all()
        self.tasks.wait(10000)
        self.close_review()
        self.settings.sync()
        super().closeEvent(event)

    def progress_dialog(self, title: str) -> QProgressDialog:
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog
