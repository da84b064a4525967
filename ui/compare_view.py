"""One agency's two years side by side: the tables (this year, last year, the change), the carry-over
in place, the prose with the repeated passages highlighted, and the warnings.

Opened from the queue (F9, Review ▸ Compare with last year); everything shown
comes from :func:`app.review.compare.compare_documents`.
"""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.compare.batch import indicator_labels
from app.compare.pair import PairComparison
from app.layout import layout_table
from app.model import Record
from app.review.compare import compare_documents
from app.rules.messages import names_for, num
from app.templates import get_template

UP, DOWN, BROKEN, HOLDS = QColor("#dff0d8"), QColor("#fbe3e4"), QColor("#fde9b6"), QColor("#e3f2fd")
HEADER = QColor("#f2f2f2")
REPEATED = "#fff1a8"


class CompareView(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with last year"))
        self.resize(1200, 760)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.against = QComboBox(self)  # which report to compare with
        self.against.setToolTip(self.tr("Compare with another report of this agency"))
        self.against.activated.connect(self._against_chosen)
        self.review = None
        self.doc_id: int | None = None
        self.tabs = QTabWidget(self)
        self.findings = QListWidget(self)
        self.findings.setMaximumHeight(130)
        self.tables: dict[str, QTableWidget] = {}
        self.prose_last = QTextBrowser(self)
        self.prose_this = QTextBrowser(self)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.against)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.findings)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result: PairComparison | None = None
        self._pending: dict[int, object] = {}
        self.tabs.currentChanged.connect(self._build_tab)

    def set_comparison(self, r: PairComparison) -> None:
        self.result = r
        self._pending = {}
        self.tabs.blockSignals(True)  # rebuilt below; no tab is built half-way
        self.tabs.clear()
        self.tables.clear()
        self.header.setText(self._header_text(r))
        template = get_template(r.this.template)
        self._names = names_for(template)
        self._changes = {c.cell: c for c in r.changes}
        self._carry = {c.cell: c for c in r.carry}
        self._texts = (self.tr("last"), self.tr("This year {0}, last year {1}"),
                       self.tr("Last year's report gives {0} ({1})"))
        self._pending: dict[int, object] = {}
        for table in template.tables:  # built when first shown: opening stays fast
            holder = QWidget(self)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._pending[self.tabs.addTab(holder, table.short or table.title)] = table
        prose = QSplitter(Qt.Orientation.Horizontal, self)
        prose.addWidget(self.prose_last)
        prose.addWidget(self.prose_this)
        self.prose_last.setHtml(self._prose(r.last, r.last_spans, self.tr("Last year")))
        this_spans = [s.spans for s in r.repeat.sections] if r.repeat else []
        self.prose_this.setHtml(self._prose(r.this, this_spans, self.tr("This year"), r))
        self.tabs.addTab(prose, self.tr("Prose"))
        self.findings.clear()
        for f in r.findings:
            self.findings.addItem(f"[{f.rule}] {f.message}")
        if not r.findings:
            self.findings.addItem(self.tr("No warnings from the comparison"))
        self.tabs.blockSignals(False)
        self._build_tab(self.tabs.currentIndex())

    def _build_tab(self, index: int) -> None:
        table = self._pending.pop(index, None)
        if table is None or self.result is None:
            return
        view = self._table(table, self.result.this, self._changes, self._carry)
        self.tables[table.id] = view
        self.tabs.widget(index).layout().addWidget(view)

    def table(self, table_id: str) -> QTableWidget:
        """The comparison grid of one table (built now if its tab was not shown yet)."""
        for index, table in list(self._pending.items()):
            if table.id == table_id:
                self._build_tab(index)
        return self.tables[table_id]

    def load(self, review, doc_id: int, previous_id: int | None = None) -> None:
        """Compare ``doc_id`` with ``previous_id`` (default: the year before); offer the agency's other reports."""
        self.review, self.doc_id = review, doc_id
        self.set_comparison(compare_documents(review, doc_id, previous_id))
        me = review.document(doc_id)
        current = None if self.result is None or self.result.last is None else self.result.last.source.sha256
        self.against.blockSignals(True)
        self.against.clear()
        others = [d for d in review.list_documents(agency=me.agency) if d.id != doc_id] if me.agency else []
        for d in sorted(others, key=lambda d: (-(d.year or 0), d.id)):
            self.against.addItem(f"{d.year or '?'} · {d.name}", d.id)
            if d.sha256 == current:
                self.against.setCurrentIndex(self.against.count() - 1)
        if current is None:
            self.against.insertItem(0, self.tr("(no report chosen)"), None)
            self.against.setCurrentIndex(0)
        self.against.setEnabled(bool(others))
        self.against.blockSignals(False)

    def _against_chosen(self, index: int) -> None:
        other = self.against.itemData(index)
        if other is not None and self.review is not None and self.doc_id is not None:
            self.set_comparison(compare_documents(self.review, self.doc_id, int(other)))

    def _header_text(self, r: PairComparison) -> str:
        def who(rec: Record | None) -> str:
            return "—" if rec is None else f"{rec.agency or ''} {rec.year or ''}"

        parts = [self.tr("This year: {0}").format(who(r.this)), self.tr("Last year: {0}").format(who(r.last))]
        if r.repeat is not None and r.repeat.overall is not None:
            parts.append(self.tr("Repeat rate: {0}").format(f"{r.repeat.overall * 100:.1f}%"))
        elif r.last is None:
            parts.append(self.tr("No report of the year before is imported"))
        labels = indicator_labels([r.this.template])
        for k, rate in r.rates.items():
            if rate.value is not None:
                small = self.tr(" (few cases)") if rate.small else ""
                parts.append(f"{labels.get(k, (k,))[0]} {rate.value * 100:.1f}%{small}")
        return "　".join(parts)

    def _table(self, table, this: Record, changes, carry) -> QTableWidget:
        lay = _layout(get_template(this.template).id, table.id, frozenset(this.cells))
        view = QTableWidget(lay.n_rows, lay.n_cols, self)
        view.horizontalHeader().hide()
        view.verticalHeader().hide()
        view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for b in lay.boxes:
            if b.rows > 1 or b.cols > 1:
                view.setSpan(b.row, b.col, b.rows, b.cols)
            item = QTableWidgetItem()
            if b.cell is None:
                item.setText(b.text)
                item.setBackground(QBrush(HEADER))
            else:
                self._value_item(item, changes.get(b.cell), carry.get(b.cell))
                item.setData(Qt.ItemDataRole.UserRole, b.cell)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            view.setItem(b.row, b.col, item)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setDefaultSectionSize(86)
        view.verticalHeader().setDefaultSectionSize(40)
        for c in range(lay.label_cols):
            view.setColumnWidth(c, 150)
        return view

    def _value_item(self, item: QTableWidgetItem, change, carry) -> None:
        if change is None:
            item.setText("")
            return
        delta = change.delta
        if delta is None:
            sign = ""
        else:
            sign = ("+" if delta > 0 else "") + num(delta) if delta else "="
        last, this_last, gives = self._texts
        item.setText(f"{num(change.this)}\n{last} {num(change.last)}  {sign}")
        tips = [this_last.format(num(change.this), num(change.last))]
        if delta:
            item.setBackground(QBrush(UP if delta > 0 else DOWN))
        if carry is not None:
            tips.append(gives.format(num(carry.expected), carry.readable(self._names)))
            item.setBackground(QBrush(HOLDS if carry.holds else BROKEN))
            item.setText(item.text() + ("  ✔" if carry.holds else "  ✘"))
        item.setToolTip("\n".join(tips))

    def _prose(self, rec: Record | None, spans, title: str, r: PairComparison | None = None) -> str:
        if rec is None:
            return f"<h3>{html.escape(title)}</h3><p>—</p>"
        out = [f"<h3>{html.escape(title)}：{html.escape(str(rec.year or ''))}</h3>"]
        rates = {s.heading: s for s in r.repeat.sections} if r and r.repeat else {}
        for k, s in enumerate(rec.sections):
            rate = rates.get(s.heading)
            repeated = self.tr("repeated")
            tag = f"（{repeated} {rate.rate * 100:.0f}%）" if rate is not None and rate.chars else ""
            out.append(f"<h4>{html.escape(s.heading)}{tag}</h4>")
            out.append("<p>" + highlight(s.text, spans[k] if k < len(spans) else ()) + "</p>")
        return "".join(out)


@lru_cache(maxsize=64)
def _layout(template_id: str, table_id: str, cells: frozenset[str]):
    return layout_table(get_template(template_id).table(table_id), cells)


def highlight(text: str, spans) -> str:
    """``text`` as HTML with the spans marked."""
    out, at = [], 0
    for a, b in spans:
        out.append(html.escape(text[at:a]))
        out.append(f'<span style="background:{REPEATED}">{html.escape(text[a:b])}</span>')
        at = b
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "")


def open_compare(window, doc_id: int | None = None, previous_id: int | None = None) -> CompareView | None:
    """Show the comparison of the current report (a MainWindow's) with the year before."""
    if window.review is None:
        return None
    if doc_id is None:
        if window.state is None:
            return None
        doc_id = window.state.doc_id
    view = CompareView(window)
    view.load(window.review, doc_id, previous_id)
    view.show()
    window.compare_view = view
    return view
