"""The agency register window: search, import, export, edit, and the review of
reports no agency matched. A thin view over app.review's register use cases."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.campaign.model import KIND_ZH, LEVELS
from app.errors import NianbaoError
from app.review import Review

COLUMNS = ("name", "aliases", "level", "kind", "parent", "code", "deadline", "aggregates")


class RegisterWindow(QDialog):
    """The register of one review file."""

    document_activated = Signal(int)

    def __init__(self, review: Review, parent: QWidget | None = None):
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(self.tr("Agency register"))
        self.resize(1000, 640)
        self._filling = False
        self._error = ""
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search agencies, regions, towns…"))
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Aliases"), self.tr("Level"), self.tr("Kind"), self.tr("Parent"),
            self.tr("Code"), self.tr("Deadline"), self.tr("Sums its units"),
        ])  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._edited)
        self.status = QLabel()
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("&Import…"), self.choose_import), (self.tr("&Export…"), self.choose_export),
                           (self.tr("&Add…"), self.choose_add), (self.tr("&Delete"), self.delete_selected)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        agencies = QWidget()
        lay = QVBoxLayout(agencies)
        lay.addWidget(self.search)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        self.unmatched = QTableWidget(0, 4)
        self.unmatched.setHorizontalHeaderLabels(
            [self.tr("Report"), self.tr("Agency as printed"), self.tr("Year"), self.tr("Match to")]
        )
        self.unmatched.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.unmatched.cellDoubleClicked.connect(self._open_unmatched)
        assign = QPushButton(self.tr("&Match to the chosen agency"))
        assign.clicked.connect(lambda: self.assign_selected())
        none = QPushButton(self.tr("Has &no agency in the register"))
        none.clicked.connect(lambda: self.assign_selected(none=True))
        ub = QHBoxLayout()
        ub.addWidget(assign)
        ub.addWidget(none)
        ub.addStretch(1)
        review_tab = QWidget()
        rl = QVBoxLayout(review_tab)
        rl.addWidget(self.unmatched)
        rl.addLayout(ub)
        self.deadlines = QTableWidget(0, 3)
        self.deadlines.setHorizontalHeaderLabels([self.tr("Level"), self.tr("Kind"), self.tr("Deadline (month-day)")])
        self.deadlines.itemChanged.connect(self._deadline_edited)
        self.tabs = QTabWidget()
        self.tabs.addTab(agencies, self.tr("Agencies"))
        self.tabs.addTab(review_tab, self.tr("Unmatched reports"))
        self.tabs.addTab(self.deadlines, self.tr("Deadlines"))
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)
        outer.addWidget(self.status)

    # ------------------------------------------------------------ drawing

    def refresh(self) -> None:
        self._fill_agencies()
        self._fill_unmatched()
        self._fill_deadlines()

    def _fill_deadlines(self) -> None:
        """One row per level (and 'any level') and kind; empty: no deadline of its own."""
        table = self.review.deadlines()
        rows = [(lv, k) for lv in ("*", *LEVELS) for k in ("government", "department")]
        self._filling = True
        self.deadlines.setRowCount(len(rows))
        for i, (lv, k) in enumerate(rows):
            for j, v in enumerate((self.tr("Any level") if lv == "*" else lv, KIND_ZH[k], table.get((lv, k), ""))):
                item = QTableWidgetItem(v)
                if j < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, (lv, k))
                self.deadlines.setItem(i, j, item)
        self._filling = False

    def _deadline_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        level, kind = item.data(Qt.ItemDataRole.UserRole)
        saved = self._run(self.review.set_deadline, level, kind, item.text().strip() or None) is not None
        self._fill_deadlines()
        self.status.setText(self.tr("Saved; reports re-checked.") if saved else self._error)

    def _fill_agencies(self) -> None:
        every = {a.id: a for a in self.review.agencies()}
        shown = self.review.search_agencies(self.search.text()) if self.search.text().strip() else list(every.values())
        self._filling = True
        self.table.setRowCount(len(shown))
        for i, a in enumerate(shown):
            values = (a.name, "；".join(a.aliases), a.level or "", KIND_ZH[a.kind],
                      every[a.parent_id].name if a.parent_id in every else "", a.code or "", a.deadline or "")
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(i, j, item)
            flag = QTableWidgetItem()
            flag.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            flag.setCheckState(Qt.CheckState.Checked if a.aggregates else Qt.CheckState.Unchecked)
            flag.setData(Qt.ItemDataRole.UserRole, a.id)
            self.table.setItem(i, len(COLUMNS) - 1, flag)
        self._filling = False
        self.status.setText(self.tr("{0} of {1} agencies").format(len(shown), len(every)))

    def _fill_unmatched(self) -> None:
        rows = self.review.unmatched_documents()
        self.unmatched.setRowCount(len(rows))
        for i, u in enumerate(rows):
            for j, v in enumerate((u.name, u.agency or "", str(u.year or ""))):
                item = QTableWidgetItem(v)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, u.document_id)
                self.unmatched.setItem(i, j, item)
            combo = QComboBox()
            for a in u.candidates:
                combo.addItem(a.name, a.id)
            combo.setEditable(True)
            self.unmatched.setCellWidget(i, 3, combo)
        self.tabs.setTabText(1, self.tr("Unmatched reports ({0})").format(len(rows)))

    # ------------------------------------------------------------ operations

    def _run(self, fn, *args, **kw):
        """Call a register operation; on a NianbaoError say so in the status line and return None."""
        try:
            return fn(*args, **kw)
        except NianbaoError as e:
            self._error = self.tr("Not saved: {0}").format(e)
            self.status.setText(self._error)
            return None

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        agency_id = item.data(Qt.ItemDataRole.UserRole)
        field = COLUMNS[item.column()]
        if field == "aggregates":
            value = item.checkState() == Qt.CheckState.Checked
        elif field == "aliases":
            value = [a for a in item.text().replace(";", "；").split("；") if a.strip()]
        elif field == "kind":
            value = {v: k for k, v in KIND_ZH.items()}.get(item.text().strip(), item.text().strip())
        elif field == "parent":
            field, name = "parent_id", item.text().strip()
            hits = [a.id for a in self.review.agencies() if a.name == name]
            if name and not hits:
                self.refresh()
                self.status.setText(self.tr("No such agency in the register."))
                return
            value = hits[0] if hits else None
        else:
            value = item.text().strip() or None
        saved = self._run(self.review.update_agency, agency_id, **{field: value}) is not None
        self.refresh()
        self.status.setText(self.tr("Saved.") if saved else self._error)

    def import_file(self, path: str) -> None:
        changes = self._run(self.review.import_register, path)
        if changes is None:
            return
        self.refresh()
        self.status.setText(
            self.tr("{0} added, {1} updated; {2} warnings").format(changes.added, changes.updated, len(changes.warnings))
        )
        if changes.warnings:
            self.status.setToolTip("\n".join(changes.warnings))

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import an agency register"), "",
                                              self.tr("Registers (*.xlsx *.csv)"))
        if path:
            self.import_file(path)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the agency register"), "机关名录.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path and self._run(self.review.export_register, path) is not None:
            self.status.setText(self.tr("Written: {0}").format(path))

    def add_agency(self, name: str, level: str | None = None) -> None:
        if self._run(self.review.add_agency, name, level=level) is not None:
            self.refresh()

    def choose_add(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add an agency"), self.tr("Name:"))
        if not ok or not name.strip():
            return
        level, ok = QInputDialog.getItem(self, self.tr("Add an agency"), self.tr("Level:"), ["", *LEVELS], 0, False)
        self.add_agency(name.strip(), level or None)

    def delete_selected(self) -> None:
        ids = sorted({i.data(Qt.ItemDataRole.UserRole) for i in self.table.selectedItems()})
        if not ids:
            return
        answer = QMessageBox.question(self, self.tr("Delete"), self.tr("Delete {0} agencies?").format(len(ids)))
        if answer == QMessageBox.StandardButton.Yes:
            for agency_id in ids:
                self._run(self.review.delete_agency, agency_id)
            self.refresh()

    def assign_selected(self, none: bool = False) -> None:
        row = self.unmatched.currentRow()
        if row < 0:
            return
        doc_id = self.unmatched.item(row, 0).data(Qt.ItemDataRole.UserRole)
        agency_id = None
        if not none:
            combo = self.unmatched.cellWidget(row, 3)
            agency_id = combo.currentData()
            if agency_id is None:  # a name typed in: the register agency of that name
                hits = [a for a in self.review.search_agencies(combo.currentText().strip())
                        if a.name == combo.currentText().strip()]
                if not hits:
                    self.status.setText(self.tr("No such agency in the register."))
                    return
                agency_id = hits[0].id
        if self._run(self.review.assign_agency, doc_id, agency_id, none=none) is not None:
            self.refresh()

    def _open_unmatched(self, row: int, _col: int) -> None:
        self.document_activated.emit(self.unmatched.item(row, 0).data(Qt.ItemDataRole.UserRole))
