"""Above the problems panel: show errors, warnings or both, of one table or all; and the rule for
collapsing a flood of one warning (hundreds of uncertain OCR readings) into one line per table."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.model import Finding
from app.templates import Template

COLLAPSED_RULES = ("ocr_uncertain",)  # many of these in one table become one line with a count
COLLAPSE_FROM = 3


def table_of(f: Finding) -> str | None:
    return f.cells[0].split(".", 1)[0] if f.cells else None


def grouped(findings: Iterable[Finding]) -> list[list[Finding]]:
    """The findings in order, those of a collapsed rule in one table gathered at the first one's place."""
    out: list[list[Finding]] = []
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for f in findings:
        if f.rule in COLLAPSED_RULES:
            key = (f.rule, table_of(f))
            if key not in groups:
                groups[key] = []
                out.append(groups[key])
            groups[key].append(f)
        else:
            out.append([f])
    return [g for group in out for g in ([group] if len(group) >= COLLAPSE_FROM else [[f] for f in group])]


class ProblemFilter(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.level = QComboBox(self)
        for key, text in (("all", self.tr("Errors and warnings")), ("error", self.tr("Errors only")),
                          ("warning", self.tr("Warnings only"))):
            self.level.addItem(text, key)
        self.table = QComboBox(self)
        self.table.addItem(self.tr("All tables"), None)
        self.count = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.level)
        layout.addWidget(self.table)
        layout.addWidget(self.count, 1)
        self.level.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._template_id: str | None = None

    def set_template(self, template: Template | None) -> None:
        """Offer the template's tables (kept when the next report has the same template)."""
        tid = template.id if template else None
        if tid == self._template_id:
            return
        self._template_id = tid
        self.table.blockSignals(True)
        while self.table.count() > 1:
            self.table.removeItem(1)
        for t in template.tables if template else ():
            self.table.addItem(t.short, t.id)
        self.table.setCurrentIndex(0)
        self.table.blockSignals(False)

    def accepts(self, f: Finding) -> bool:
        level, table = self.level.currentData(), self.table.currentData()
        return (level == "all" or f.severity == level) and (table is None or table_of(f) == table)

    def show_count(self, shown: int, total: int) -> None:
        self.count.setText(self.tr("{0} of {1} problems shown").format(shown, total) if shown != total else "")

    def group_text(self, group: list[Finding], table_name: str) -> str:
        return self.tr("{0} cells read with low confidence in {1}").format(len(group), table_name)
