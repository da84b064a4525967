"""The problems panel: every finding of the current report, with its suggestion and an accept button.

Columns are declared in ``COLUMNS`` (key, header); a new column is one entry
there and one branch in ``_cell_text``. A filter (ui/problem_filter.py) shows
errors or warnings of one table, and a flood of one warning in a table
(uncertain OCR readings) collapses into one line with a count.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QPushButton, QStyle, QTreeWidget, QTreeWidgetItem

from app.model import Finding
from ui.problem_filter import ProblemFilter, grouped, table_of
from ui.report_state import ReportState, format_value
from ui.wording import one_language, rule_name

FindingRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = (  # (key, header), in display order
    ("level", QT_TRANSLATE_NOOP("ProblemsPanel", "Level")),
    ("rule", QT_TRANSLATE_NOOP("ProblemsPanel", "Rule")),
    ("problem", QT_TRANSLATE_NOOP("ProblemsPanel", "Problem")),
    ("suggestion", QT_TRANSLATE_NOOP("ProblemsPanel", "Suggestion")),
)
STRETCH = "problem"


def column(key: str) -> int:
    return next(i for i, (k, _h) in enumerate(COLUMNS) if k == key)


class ProblemsPanel(QTreeWidget):
    finding_selected = Signal(object)  # Finding
    accept_requested = Signal(object)  # Finding whose single suspect to accept
    state_shown = Signal()  # the panel was refilled (extensions annotate the rows)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels([QCoreApplication.translate("ProblemsPanel", h) for _k, h in COLUMNS])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        for i, (key, _h) in enumerate(COLUMNS):
            mode = QHeaderView.ResizeMode.Stretch if key == STRETCH else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(i, mode)
        header.setStretchLastSection(False)
        self.chinese = True
        self.filter = ProblemFilter()  # placed above the panel by the window
        self.filter.changed.connect(self._refill)
        self._state: ReportState | None = None
        self.currentItemChanged.connect(self._on_current)
        self.itemClicked.connect(lambda item, _col: self._emit(item))

    def set_state(self, state: ReportState | None) -> None:
        self._state = state
        self.filter.set_template(state.template if state else None)
        self._refill()

    def _refill(self) -> None:
        state = self._state
        self.blockSignals(True)
        self.clear()
        shown = 0
        if state is not None:
            wanted = [f for f in state.findings if self.filter.accepts(f)]
            shown = len(wanted)
            for group in grouped(wanted):
                if len(group) == 1:
                    self._add(group[0], state, self)
                else:
                    self._add_group(group, state)
            self.filter.show_count(shown, len(state.findings))
        else:
            self.filter.show_count(0, 0)
        self.setRootIsDecorated(any(self.topLevelItem(i).childCount() for i in range(self.topLevelItemCount())))
        self.blockSignals(False)
        self.state_shown.emit()

    def _add_group(self, group: list[Finding], state: ReportState) -> None:
        first = group[0]
        parent = self._add(first, state, self)
        table = next((t for t in state.template.tables if t.id == table_of(first)), None)
        parent.setText(column("problem"), self.filter.group_text(group, table.short if table else ""))
        parent.setToolTip(column("problem"), "")
        for f in group:
            self._add(f, state, parent)

    def _add(self, f: Finding, state: ReportState, parent) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        error = f.severity == "error"
        icon = QStyle.StandardPixmap.SP_MessageBoxCritical if error else QStyle.StandardPixmap.SP_MessageBoxWarning
        item.setIcon(column("level"), self.style().standardIcon(icon))
        item.setData(0, FindingRole, f)
        for i, (key, _h) in enumerate(COLUMNS):
            item.setText(i, self._cell_text(key, f, state))
        if len(f.suspects) == 1:
            s = f.suspects[0]
            value = format_value(s.suggested, state.kind(s.cell))
            col = column("suggestion")
            item.setToolTip(col, one_language(s.why, self.chinese))
            button = QPushButton(self.tr("Accept: {0} → {1}").format(state.cell_name(s.cell, self.chinese), value))
            button.setToolTip(self.tr("Set {0} to {1} (Ctrl+Shift+A on the cell)").format(state.cell_name(s.cell, self.chinese), value))
            button.clicked.connect(lambda _=False, finding=f: self.accept_requested.emit(finding))
            self.setItemWidget(item, col, button)
        elif len(f.suspects) > 1:
            item.setToolTip(column("suggestion"), one_language(f.note, self.chinese))
        return item

    def _cell_text(self, key: str, f: Finding, state: ReportState) -> str:
        if key == "level":
            return self.tr("Error") if f.severity == "error" else self.tr("Warning")
        if key == "rule":
            return rule_name(f.rule)
        if key == "problem":
            return f.message if self.chinese else f.message_en
        if key == "suggestion":
            if len(f.suspects) == 1:
                s = f.suspects[0]
                return f"{state.cell_name(s.cell, self.chinese)} → {format_value(s.suggested, state.kind(s.cell))}"
            if len(f.suspects) > 1:
                names = "、".join(state.cell_name(s.cell, self.chinese) for s in f.suspects)
                return self.tr("ambiguous: {0}").format(names)
        return ""

    def findings(self) -> list[Finding]:
        """The findings of the top-level lines (a collapsed group counts as its first)."""
        return [self.topLevelItem(i).data(0, FindingRole) for i in range(self.topLevelItemCount())]

    def tab_title(self) -> str:
        return self.tr("Problems")

    def audit_title(self) -> str:
        return self.tr("Audit trail")

    def select_index(self, i: int) -> None:
        item = self.topLevelItem(i)
        if item is not None:
            self.setCurrentItem(item)

    def current_index(self) -> int:
        item = self.currentItem()
        if item is not None and item.parent() is not None:
            item = item.parent()
        return self.indexOfTopLevelItem(item) if item else -1

    def _on_current(self, item, _previous) -> None:
        self._emit(item)

    def _emit(self, item) -> None:
        if item is not None:
            self.finding_selected.emit(item.data(0, FindingRole))
