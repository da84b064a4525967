"""Who has published which year: agencies × years, filterable by region, level and
state, exported to Excel. The model is a thin adapter over app.campaign's Grid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.campaign.completeness import STATES, Grid
from app.campaign.model import LEVELS
from app.errors import NianbaoError
from app.review import Review

COLOURS = {"missing": "#FFC7CE", "failed": "#FFEB9C", "imported": "#EDEDED",
           "in_review": "#DDEBF7", "approved": "#C6EFCE"}  # fmt: skip


def state_name(state: str) -> str:
    names = {
        "missing": QCoreApplication.translate("CompletenessView", "Missing"),
        "failed": QCoreApplication.translate("CompletenessView", "Import failed"),
        "imported": QCoreApplication.translate("CompletenessView", "Imported"),
        "in_review": QCoreApplication.translate("CompletenessView", "In review"),
        "approved": QCoreApplication.translate("CompletenessView", "Approved"),
    }
    return names[state]


class CompletenessModel(QAbstractTableModel):
    FIXED = 3  # agency, level, parent

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = Grid([], [])

    def set_grid(self, grid: Grid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.FIXED + len(self.grid.years)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < self.FIXED:
            return (QCoreApplication.translate("CompletenessView", "Agency"),
                    QCoreApplication.translate("CompletenessView", "Level"),
                    QCoreApplication.translate("CompletenessView", "Parent"))[section]
        return str(self.grid.years[section - self.FIXED])

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.grid.rows[index.row()]
        col = index.column()
        if col < self.FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                if col == 0:
                    return row.agency if row.registered else row.agency + QCoreApplication.translate(
                        "CompletenessView", " (not in the register)")
                return (row.level or "") if col == 1 else (row.parent or "")
            return None
        year = self.grid.years[col - self.FIXED]
        state = row.years.get(year, "missing")
        if role == Qt.ItemDataRole.DisplayRole:
            n = row.problems.get(year, 0)
            text = state_name(state)
            return text + (QCoreApplication.translate("CompletenessView", " · {0} open").format(n) if n else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(COLOURS[state]))
        if role == Qt.ItemDataRole.UserRole:
            return row.documents.get(year)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class CompletenessView(QDialog):
    """Agencies × years of the review file's register."""

    document_activated = Signal(int)

    def __init__(self, review: Review, parent: QWidget | None = None):
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(self.tr("Who has published"))
        self.resize(900, 640)
        self.region = QLineEdit()
        self.region.setPlaceholderText(self.tr("Region or agency name"))
        self.level = QComboBox()
        self.level.addItem(self.tr("All levels"), None)
        for lv in LEVELS:
            self.level.addItem(lv, lv)
        self.state = QComboBox()
        self.state.addItem(self.tr("Any state"), None)
        for s in STATES:
            self.state.addItem(state_name(s), s)
        self.year = QComboBox()
        for w in (self.level, self.state, self.year):
            w.currentIndexChanged.connect(self.refresh)
        self.region.textChanged.connect(self.refresh)
        export = QPushButton(self.tr("&Export to Excel…"))
        export.clicked.connect(self.choose_export)
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("Region:")), self.region, self.level, self.state, QLabel(self.tr("Year:")),
                  self.year, export):
            bar.addWidget(w)
        self.model = CompletenessModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(self._activated)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 320)
        self.summary = QLabel()
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table)
        lay.addWidget(self.summary)
        self._years_known: list[int] = []

    def refresh(self) -> None:
        year = self.year.currentData()
        grid = self.review.completeness(
            year=year, region=self.region.text().strip() or None,
            level=self.level.currentData(), state=self.state.currentData(),
        )  # fmt: skip
        if year is None and grid.years != self._years_known:
            self._years_known = list(grid.years)
            self.year.blockSignals(True)
            self.year.clear()
            self.year.addItem(self.tr("All years"), None)
            for y in grid.years:
                self.year.addItem(str(y), y)
            self.year.blockSignals(False)
        self.model.set_grid(grid)
        parts = []
        for y, counts in grid.counts().items():
            parts.append(f"{y}: " + ", ".join(f"{state_name(s)} {n}" for s, n in counts.items() if n))
        self.summary.setText("；".join(parts))

    def export(self, path: str) -> bool:
        try:
            self.review.export_completeness(path, self.model.grid)
        except NianbaoError as e:
            self.summary.setText(self.tr("Not written: {0}").format(e))
            return False
        self.summary.setText(self.tr("Written: {0}").format(path))
        return True

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), "发布情况.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.export(path)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if doc_id is not None:
            self.document_activated.emit(doc_id)
