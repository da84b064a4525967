"""The audit trail in the window: who changed what in the open report, when (local time), how and why;
all of the report's entries, or only the selected cell's."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.review import Edit
from app.review.trail_text import how_label, local_time
from ui.report_state import ReportState, format_value
from ui.wording import status_name

FIELDS = {"@status", "@note", "@extract", "@agency", "@year", "@confirm"}


class AuditPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.only_cell = QCheckBox(self.tr("Only the selected cell"), self)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("Time"), self.tr("Reviewer"), self.tr("Cell"), self.tr("Was"),
                                   self.tr("Now"), self.tr("How"), self.tr("Reason")])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.only_cell)
        layout.addWidget(self.tree)
        self.edits: list[Edit] = []
        self.state: ReportState | None = None
        self.cell: str | None = None
        self.only_cell.toggled.connect(lambda _on: self._refill())

    def set_trail(self, state: ReportState | None, edits: list[Edit]) -> None:
        self.state, self.edits = state, edits
        self._refill()

    def set_cell(self, cell: str | None) -> None:
        self.cell = cell
        if self.only_cell.isChecked():
            self._refill()

    def rows(self) -> list[list[str]]:
        self._fill_if_stale()
        return [[self.tree.topLevelItem(i).text(c) for c in range(self.tree.columnCount())]
                for i in range(self.tree.topLevelItemCount())]

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fill_if_stale()

    def _refill(self) -> None:
        """Fill now if on screen, else when shown (an edit does not pay for a hidden tab)."""
        self._stale = True
        if self.isVisible():
            self._fill_if_stale()

    def _fill_if_stale(self) -> None:
        if getattr(self, "_stale", True):
            self._stale = False
            self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        s = self.state
        if s is None:
            return
        wanted = self.cell if self.only_cell.isChecked() else None
        for e in reversed(self.edits):  # newest first
            if wanted is not None and wanted not in (e.cell, e.new_value if e.cell == "@confirm" else None):
                continue
            item = QTreeWidgetItem(self.tree)
            item.setText(0, local_time(e.at))
            item.setText(1, e.who)
            if e.cell == "@confirm":  # names the cell confirmed as printed
                item.setText(2, s.cell_name(str(e.new_value)))
                item.setText(4, self.tr("confirmed as printed"))
                item.setText(5, how_label(e.how))
                item.setText(6, e.reason or "")
                continue
            item.setText(2, self._field(e.cell) if e.cell in FIELDS else s.cell_name(e.cell))
            item.setText(3, self._value(e.cell, e.old_value))
            item.setText(4, self._value(e.cell, e.new_value))
            item.setText(5, how_label(e.how))
            item.setText(6, e.reason or "")
            item.setToolTip(6, e.reason or "")
        for c in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(c)

    def _field(self, cell: str) -> str:
        return {"@status": self.tr("Status"), "@note": self.tr("Review opinion"),
                "@extract": self.tr("Re-extracted"), "@agency": self.tr("Agency"), "@year": self.tr("Year")}[cell]

    def _value(self, cell: str, value) -> str:
        if value is None:
            return ""
        if cell == "@status":
            return status_name(str(value))
        if cell in FIELDS:
            return "" if cell == "@extract" else str(value)
        assert self.state is not None
        try:
            return format_value(value, self.state.kind(cell))
        except KeyError:
            return str(value)
