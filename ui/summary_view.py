"""The review at a glance: reports by status, open findings by rule, requests and outcomes by group,
the indicators' spread — the same four pictures as the workbook's ``summary`` sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.review.compare import ReviewSummary, summary
from ui.charts import BarChart, ChartData, PieChart


class SummaryView(QDialog):
    document_requested = Signal(int)  # a warning's report, double-clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review summary"))
        self.resize(1100, 720)
        self.status = PieChart(self)
        self.findings = BarChart(self)
        self.requests = BarChart(self)
        self.spread = BarChart(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.warnings = QTableWidget(0, 4, self)
        self.warnings.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Year"), self.tr("Rule"), self.tr("Why, against what")])
        self.warnings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.warnings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.warnings.verticalHeader().hide()
        self.warnings.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.warnings.cellDoubleClicked.connect(self._open_row)
        charts = QWidget(self)
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.status, 0, 0)
        grid.addWidget(self.findings, 0, 1)
        grid.addWidget(self.requests, 1, 0)
        grid.addWidget(self.spread, 1, 1)
        self.groups = QTableWidget(0, 0, self)
        self.groups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups.verticalHeader().hide()
        lists = QTabWidget(self)
        lists.addTab(self.warnings, self.tr("Warnings"))
        lists.addTab(self.groups, self.tr("Indicators by group"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(charts)
        split.addWidget(lists)
        split.setSizes([560, 160])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def set_summary(self, s: ReviewSummary) -> None:
        statuses = [self.tr("new"), self.tr("in review"), self.tr("approved")]
        self.status.set_data(ChartData(self.tr("Reports by status"), statuses,
                                       [("", [float(v) for v in s.statuses.values()])]))
        rules = [r for r, _e, _w in s.findings]
        self.findings.set_data(ChartData(
            self.tr("Open findings by rule"), rules,
            [(self.tr("errors"), [float(e) for _r, e, _w in s.findings]),
             (self.tr("warnings"), [float(w) for _r, _e, w in s.findings])],
            stacked=True, horizontal=True, colours=["#b00020", "#d9a400"]))
        groups = [g for g, _n, _parts in s.requests]
        series = [(self.tr("requests received"), [float(n) for _g, n, _p in s.requests])]
        self.requests.set_data(ChartData(self.tr("Requests and outcomes by group"), groups, series + [
            (label, [float(p[k]) for _g, _n, p in s.requests]) for k, label in enumerate(s.outcome_labels)]))
        names = [s.indicator_labels.get(i, (i,))[0] for i in s.spreads]
        def part(attr: str) -> list[float]:
            return [float(getattr(sp, attr) or 0) for sp in s.spreads.values()]
        self.spread.set_data(ChartData(
            self.tr("Indicators across the batch (quartiles)"), names,
            [(self.tr("lower quartile"), part("q1")), (self.tr("median"), part("median")),
             (self.tr("upper quartile"), part("q3"))], horizontal=True, percent=True))
        counted = ", ".join(f"{n} {sp.n}" for n, sp in zip(names, s.spreads.values(), strict=True))
        self.note.setText(self.tr("Indicators count reports with a base of at least 30 cases: {0}").format(counted))
        self.warnings.setRowCount(len(s.warnings))
        for row, (doc, f) in enumerate(s.warnings):
            for col, text in enumerate((doc["name"], str(doc["year"] or ""), f.rule, f.message)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, doc["id"])
                self.warnings.setItem(row, col, item)
        self.warnings.resizeColumnsToContents()
        inds = list(s.spreads)
        self.groups.setColumnCount(2 + len(inds))
        self.groups.setHorizontalHeaderLabels(
            [self.tr("Group"), self.tr("Reports"), *(s.indicator_labels.get(i, (i,))[0] for i in inds)])
        self.groups.setRowCount(len(s.groups))
        for row, (g, n, rates) in enumerate(s.groups):
            cells = [g, str(n)]
            for i in inds:
                r = rates.get(i)
                v = None if r is None else r.value
                cells.append("" if v is None else f"{v * 100:.1f}%" + (self.tr(" (few cases)") if r.small else ""))
            for col, text in enumerate(cells):
                self.groups.setItem(row, col, QTableWidgetItem(text))
        self.groups.resizeColumnsToContents()

    def _open_row(self, row: int, _col: int) -> None:
        item = self.warnings.item(row, 0)
        if item is not None:
            self.document_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))


def open_summary(window) -> SummaryView | None:
    """Show the summary of the window's review file (a MainWindow)."""
    if window.review is None:
        return None
    view = SummaryView(window)
    view.set_summary(summary(window.review))
    view.document_requested.connect(window.open_document)
    view.show()
    window.summary_view = view
    return view
