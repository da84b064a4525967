"""The problems panel: every finding of the current report, with its suggestion and an accept button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QPushButton, QStyle, QTreeWidget, QTreeWidgetItem

from app.model import Finding
from ui.report_state import ReportState, format_value

FindingRole = Qt.ItemDataRole.UserRole + 1


class ProblemsPanel(QTreeWidget):
    finding_selected = Signal(object)  # Finding
    accept_requested = Signal(object)  # Finding whose single suspect to accept
    state_shown = Signal()  # the panel was refilled (extensions annotate the rows)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Level"), self.tr("Rule"), self.tr("Problem"), self.tr("Suggestion")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.chinese = True
        self.currentItemChanged.connect(self._on_current)
        self.itemClicked.connect(lambda item, _col: self._emit(item))

    def set_state(self, state: ReportState | None) -> None:
        self.blockSignals(True)
        self.clear()
        if state is not None:
            for f in state.findings:
                self._add(f, state)
        self.blockSignals(False)
        self.state_shown.emit()

    def _add(self, f: Finding, state: ReportState) -> None:
        item = QTreeWidgetItem(self)
        error = f.severity == "error"
        icon = QStyle.StandardPixmap.SP_MessageBoxCritical if error else QStyle.StandardPixmap.SP_MessageBoxWarning
        item.setIcon(0, self.style().standardIcon(icon))
        item.setText(0, self.tr("Error") if error else self.tr("Warning"))
        item.setText(1, f.rule)
        item.setText(2, f.message if self.chinese else f.message_en)
        item.setToolTip(2, f.message_en if self.chinese else f.message)
        item.setData(0, FindingRole, f)
        if len(f.suspects) == 1:
            s = f.suspects[0]
            value = format_value(s.suggested, state.kind(s.cell))
            item.setText(3, f"{state.cell_name(s.cell, self.chinese)} → {value}")
            item.setToolTip(3, s.why)
            button = QPushButton(self.tr("Accept: {0} → {1}").format(state.cell_name(s.cell, self.chinese), value))
            button.setToolTip(self.tr("Set {0} to {1} (Ctrl+Shift+A on the cell)").format(state.cell_name(s.cell, self.chinese), value))
            button.clicked.connect(lambda _=False, finding=f: self.accept_requested.emit(finding))
            self.setItemWidget(item, 3, button)
        elif len(f.suspects) > 1:
            names = "、".join(state.cell_name(s.cell, self.chinese) for s in f.suspects)
            item.setText(3, self.tr("ambiguous: {0}").format(names))
            item.setToolTip(3, f.note or "")

    def findings(self) -> list[Finding]:
        return [self.topLevelItem(i).data(0, FindingRole) for i in range(self.topLevelItemCount())]

    def select_index(self, i: int) -> None:
        item = self.topLevelItem(i)
        if item is not None:
            self.setCurrentItem(item)

    def current_index(self) -> int:
        item = self.currentItem()
        return self.indexOfTopLevelItem(item) if item else -1

    def _on_current(self, item, _previous) -> None:
        self._emit(item)

    def _emit(self, item) -> None:
        if item is not None:
            self.finding_selected.emit(item.data(0, FindingRole))
