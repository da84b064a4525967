"""The review at a glance: reports by status, open findings by rule, requests and outcomes by group,
the indicators' spread — the same four pictures as the workbook's ``summary`` sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.review.compare import ReviewSummary, summary
from ui.charts import BarChart, ChartData, PieChart


class SummaryView(QDialog):
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
        grid = QGridLayout()
        grid.addWidget(self.status, 0, 0)
        grid.addWidget(self.findings, 0, 1)
        grid.addWidget(self.requests, 1, 0)
        grid.addWidget(self.spread, 1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
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


def open_summary(window) -> SummaryView | None:
    """Show the summary of the window's review file (a MainWindow)."""
    if window.review is None:
        return None
    view = SummaryView(window)
    view.set_summary(summary(window.review))
    view.show()
    window.summary_view = view
    return view
