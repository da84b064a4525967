"""Decisions on findings in the workstation: a 决定 column, a context menu, a menu, shortcuts.

Attached to the main window by :func:`install`; it only adds to the problems
panel (a column, a context menu, extended selection) and to the menu bar, and
every decision goes through the core (``Review.decide_many``), after which the
window redraws from the core as after any edit. Several selected findings are
decided alike in one operation. Its strings live in the ``decisions``
catalogue (resources/i18n/decisions.sources).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QInputDialog, QMenu

from app.errors import NianbaoError
from app.review import KeyedFinding

COLOURS = {"pending": "#b00020", "confirmed": "#9a6700", "extraction": "#1f4fb5", "dismissed": "#555555"}
KeyRole = Qt.ItemDataRole.UserRole + 7


def decision_names() -> dict[str, str]:
    return {
        "pending": QCoreApplication.translate("DecideActions", "Pending"),
        "confirmed": QCoreApplication.translate("DecideActions", "Report error"),
        "extraction": QCoreApplication.translate("DecideActions", "Reading error"),
        "dismissed": QCoreApplication.translate("DecideActions", "Not a problem"),
    }


def open_header() -> str:
    """The queue's column of findings still pending."""
    return QCoreApplication.translate("DecideActions", "Open")


class DecideActions(QObject):
    """The decision controls of one main window."""

    SHORTCUTS = (  # decision, shortcut; in menu order
        ("confirmed", "Ctrl+Alt+C"),
        ("extraction", "Ctrl+Alt+X"),
        ("dismissed", "Ctrl+Alt+D"),
        ("pending", "Ctrl+Alt+P"),
    )

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.panel = window.problems
        self.column = self.panel.columnCount()
        self.panel.setColumnCount(self.column + 1)
        header = self.panel.headerItem()
        header.setText(self.column, QCoreApplication.translate("DecideActions", "Decision"))
        self.panel.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.panel.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.panel.customContextMenuRequested.connect(self._context_menu)
        self.panel.state_shown.connect(self.annotate)
        self.actions: dict[str, QAction] = {}
        self.lists_written = None  # the last ProblemListExport written
        menu = window.menuBar().addMenu(QCoreApplication.translate("DecideActions", "&Decide"))
        texts = {
            "confirmed": QCoreApplication.translate("DecideActions", "Confirm as a &report error"),
            "extraction": QCoreApplication.translate("DecideActions", "Reading &error: correct the cell"),
            "dismissed": QCoreApplication.translate("DecideActions", "&Not a problem…"),
            "pending": QCoreApplication.translate("DecideActions", "Back to &pending"),
        }
        for decision, shortcut in self.SHORTCUTS:
            action = QAction(texts[decision], window)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _c=False, d=decision: self.decide_selected(d))
            menu.addAction(action)
            window.addAction(action)
            self.actions[decision] = action
        menu.addSeparator()
        lists = QAction(QCoreApplication.translate("DecideActions", "Write the &problem lists…"), window)
        lists.triggered.connect(self.choose_problem_folder)
        menu.addAction(lists)
        self.lists_action = lists

    # ------------------------------------------------------------ showing

    def annotate(self) -> None:
        """Write each finding's decision into its row (called whenever the panel is refilled)."""
        state = self.window.state
        review = self.window.review
        enabled = state is not None and review is not None and self.panel.topLevelItemCount() > 0
        for action in self.actions.values():
            action.setEnabled(enabled)
        if not enabled:
            return
        try:
            keyed = review.keyed_findings(state.doc_id)
        except NianbaoError:
            return
        names = decision_names()
        for i, kf in enumerate(keyed[: self.panel.topLevelItemCount()]):
            item = self.panel.topLevelItem(i)
            item.setData(0, KeyRole, kf.key)
            item.setText(self.column, names[kf.state])
            item.setForeground(self.column, QBrush(QColor(COLOURS[kf.state])))
            tip = kf.decision.comment if kf.decision and kf.decision.comment else ""
            if kf.decision:
                tip = f"{kf.decision.reviewer} {kf.decision.at[:16].replace('T', ' ')} {tip}".strip()
            item.setToolTip(self.column, tip)

    def selected_keys(self) -> list[str]:
        items = self.panel.selectedItems() or ([self.panel.currentItem()] if self.panel.currentItem() else [])
        return [k for k in (item.data(0, KeyRole) for item in items) if k]

    def keyed(self) -> list[KeyedFinding]:
        state, review = self.window.state, self.window.review
        return [] if state is None or review is None else review.keyed_findings(state.doc_id)

    # ------------------------------------------------------------ deciding

    def ask_reason(self) -> str | None:
        """The reviewer's reason for 不是问题 (None: cancelled). Tests replace this."""
        text, ok = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("DecideActions", "Not a problem"),
            QCoreApplication.translate("DecideActions", "Why is this not a problem?"),
        )
        return text.strip() if ok and text.strip() else None

    def ask_correction(self, kf: KeyedFinding) -> dict | None:
        """识别错误 without a single suggestion: which cell was misread, and its value (None: cancelled)."""
        from ui.report_state import parse_input

        state = self.window.state
        cells = list(dict.fromkeys([*(s.cell for s in kf.finding.suspects), *kf.finding.cells]))
        cells = [c for c in cells if c in state.template.cell_ids()]
        if not cells:
            return None
        names = [state.cell_name(c, self.window.chinese) for c in cells]
        title = QCoreApplication.translate("DecideActions", "Reading error")
        name, ok = QInputDialog.getItem(
            self.window, title, QCoreApplication.translate("DecideActions", "Which cell was misread?"),
            names, 0, False)
        if not ok:
            return None
        cell = cells[names.index(name)]
        text, ok = QInputDialog.getText(
            self.window, title, QCoreApplication.translate("DecideActions", "Its value as printed:"))
        if not ok:
            return None
        value, why = parse_input(text, state.kind(cell))
        if why is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("DecideActions", "Not a valid value: {0}").format(text), 6000)
            return None
        return {cell: value}

    def decide_selected(self, decision: str) -> bool:
        """Decide the selected findings alike; redraw from what the core saved."""
        window = self.window
        keys = self.selected_keys()
        if window.review is None or window.state is None or not keys:
            window.statusBar().showMessage(QCoreApplication.translate("DecideActions", "Select a finding first"), 4000)
            return False
        comment, values = None, None
        if decision == "dismissed":
            comment = self.ask_reason()
            if comment is None:
                return False
        if decision == "extraction" and len(keys) == 1:
            kf = next((k for k in self.keyed() if k.key == keys[0]), None)
            if kf is not None and (len(kf.finding.suspects) != 1 or kf.finding.note):
                values = self.ask_correction(kf)  # no single suggestion: the reviewer says
                if values is None:
                    return False
        try:
            changes = window.review.decide_many(
                window.state.doc_id, keys, decision, comment=comment, values=values)
        except NianbaoError as e:
            window.statusBar().showMessage(
                QCoreApplication.translate("DecideActions", "Not decided: {0}").format(e), 8000)
            return False
        focus = sorted(changes.cells)[0] if changes.cells else None
        window._after_change(changes, focus=focus)
        window.statusBar().showMessage(
            QCoreApplication.translate("DecideActions", "{0} finding(s): {1}; {2} still pending").format(
                len(changes.decisions), decision_names()[decision], changes.open_findings or 0), 5000)
        return True

    # ------------------------------------------------------------ problem lists

    def choose_problem_folder(self) -> None:
        if self.window.review is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, QCoreApplication.translate("DecideActions", "Folder for the problem lists"))
        if folder:
            self.write_problem_lists(folder)

    def write_problem_lists(self, folder: str) -> None:
        """A Word problem list per agency and the 问题清单 workbook, written in the background."""
        window = self.window
        if window.review is None:
            return
        review_path, who = str(window.review.path), window.review.who
        window.statusBar().showMessage(QCoreApplication.translate("DecideActions", "Writing the problem lists…"))

        def work(ctx):
            from app.export.problem_list import export_problem_list
            from app.review import open_review

            with open_review(review_path, create=False, reviewer=who) as review:
                return export_problem_list(review, folder, progress=ctx.progress,
                                           cancelled=lambda: ctx.cancelled)  # fmt: skip

        def done(result) -> None:
            window.statusBar().showMessage(
                QCoreApplication.translate("DecideActions", "{0} problem list(s) and the workbook written to {1}").format(
                    len(result.letters), folder), 15000)
            self.lists_written = result

        def failed(message: str) -> None:
            window.show_error(QCoreApplication.translate("DecideActions", "Problem lists not written"), message)

        window.tasks.start(work, done, failed, None)

    def _context_menu(self, pos) -> None:
        if self.panel.itemAt(pos) is None:
            return
        menu = QMenu(self.panel)
        for decision, _shortcut in self.SHORTCUTS:
            menu.addAction(self.actions[decision])
        menu.exec(self.panel.viewport().mapToGlobal(pos))


def install(window) -> DecideActions:
    window.decide_actions = DecideActions(window)
    return window.decide_actions
