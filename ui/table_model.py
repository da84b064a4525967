"""One report table as a Qt model: the national layout (app.layout) over a ReportState.

A thin adapter: the layout says what sits where and what spans; the state
says each value and how to mark it. Edits go out through ``edit_requested``;
the model changes only when the core says the edit was saved.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.layout import Box, TableLayout, layout_table
from app.templates import Table
from ui.report_state import ReportState, format_value, parse_input
from ui.wording import one_language

CellIdRole = Qt.ItemDataRole.UserRole + 1
MarkRole = Qt.ItemDataRole.UserRole + 2  # "suspect" | "error" | "warning" | "edited" | "blank" | ""
PrintedRole = Qt.ItemDataRole.UserRole + 3  # a corrected cell: the value as printed (shown beside the new one)

COLOURS = {
    "suspect": QColor("#f4a6a6"),
    "error": QColor("#fbdcdc"),
    "warning": QColor("#fde9b6"),
    "edited": QColor("#dbe8fb"),
    "blank": QColor("#eeeeee"),
    "header": QColor("#f2f2f2"),
    "void": QColor("#d6d6d6"),  # a cell the report does not print
    "unsaved": QColor("#ffd27f"),  # typed, but the review file did not take it (ui/unsaved.py)
}
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ToolTipRole, CellIdRole, MarkRole, PrintedRole,
})
EDITED_TEXT = QColor("#1f4fb5")
BLANK_TEXT = QColor("#8a8a8a")


class ReportTableModel(QAbstractTableModel):
    edit_requested = Signal(str, object)  # cell id, new value
    edit_rejected = Signal(str, str)  # cell id, why (translated)

    def __init__(self, table: Table, parent=None):
        super().__init__(parent)
        self.table = table
        self.state: ReportState | None = None
        self.chinese = True
        self.pending: dict[str, object] = {}  # cell → a typed value not saved yet
        self.pending_tooltip = None  # value → text, set by the window
        self._set_layout(layout_table(table))

    def _set_layout(self, layout: TableLayout) -> None:
        self.layout = layout
        self._anchor: dict[tuple[int, int], Box] = {(b.row, b.col): b for b in layout.boxes}
        self._position = {b.cell: (b.row, b.col) for b in layout.boxes if b.cell}

    # ---------------------------------------------------------- content

    def set_state(self, state: ReportState | None) -> None:
        self.beginResetModel()
        self.state = state
        self._set_layout(layout_table(self.table, state.printed if state else ()))
        self.endResetModel()

    def refresh_state(self, state: ReportState) -> None:
        """Same report, new values or findings: repaint the value cells only."""
        self.state = state
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, self.layout.label_cols),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def cell_at(self, index: QModelIndex) -> Box | None:
        """The box whose top-left grid position is ``index`` (None inside a span)."""
        return self._anchor.get((index.row(), index.column()))

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._position.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.n_rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.n_cols

    def mark(self, cid: str) -> str:
        s = self.state
        if s is None:
            return ""
        if cid in self.pending:
            return "unsaved"
        m = s.marks.get(cid)
        if m and m.suspect is not None:
            return "suspect"
        if m and m.error:
            return "error"
        if m and m.warning:
            return "warning"
        if s.edited(cid):
            return "edited"
        if s.blank(cid):
            return "blank"
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES:  # the view asks for many roles per cell on every paint
            return None
        cell = self.cell_at(index)
        if cell is None:
            return None
        if cell.role != "value":
            return self._label_data(cell, role)
        cid = cell.cell
        assert cid is not None
        s = self.state
        if role == CellIdRole:
            return cid
        if s is None:
            return None
        if role == MarkRole:
            return self.mark(cid)
        if role == PrintedRole:  # Picard's original-and-new: also on a corrected cell still in a broken identity
            if not s.edited(cid) or cid in self.pending:
                return None
            return format_value(s.extracted(cid), s.kind(cid)) or s.raw(cid) or "—"
        if cid in self.pending and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.pending[cid]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.pending_tooltip(value) if self.pending_tooltip else None
            return format_value(value, s.kind(cid))  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.DisplayRole:
            if cid not in s.record.cells:
                return ""
            value = s.value(cid)
            if value is None:
                return f"? {s.raw(cid)}"
            if s.blank(cid):
                return s.raw(cid) or "—"
            return format_value(value, s.kind(cid))
        if role == Qt.ItemDataRole.EditRole:
            value = s.value(cid)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = COLOURS.get(self.mark(cid))
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if s.edited(cid):
                return QBrush(EDITED_TEXT)
            if s.blank(cid):
                return QBrush(BLANK_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole:
            mark = self.mark(cid)
            if mark in ("suspect", "edited") or s.blank(cid):
                font = QFont()
                font.setBold(mark == "suspect")
                font.setItalic(s.blank(cid))
                font.setUnderline(mark == "edited")
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cid)
        return None

    def _label_data(self, cell: Box, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.role == "void":
                return QBrush(COLOURS["void"])
            return QBrush(COLOURS["header"]) if cell.role in ("header", "corner", "block") else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role == "label":
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and cell.role == "block":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, cid: str) -> str:
        s = self.state
        assert s is not None
        lines = [s.cell_name(cid, self.chinese)]
        m = s.marks.get(cid)
        if m and m.suspect is not None:
            lines.append(self.tr("Likely wrong: suggested value {0} ({1})").format(
                format_value(m.suspect.suggested, s.kind(cid)), self._confidence(m.suspect.confidence)))
            lines.append(one_language(m.suspect.why, self.chinese))
        for f in (m.error + m.warning) if m else []:
            lines.append(("⚠ " if f.severity == "warning" else "✖ ") + (f.message if self.chinese else f.message_en))
        if s.edited(cid):
            lines.append(self.tr("Corrected; printed value: {0}").format(
                format_value(s.extracted(cid), s.kind(cid)) or s.raw(cid) or "—"))
        elif s.blank(cid):
            lines.append(self.tr("Printed blank ({0}); read as 0").format(s.raw(cid) or self.tr("empty")))
        if s.value(cid) is None and cid in s.record.cells:
            lines.append(self.tr("Unreadable as printed: {0}").format(s.raw(cid)))
        return "\n".join(lines)

    def _confidence(self, confidence: str) -> str:
        return self.tr("high confidence") if confidence == "high" else self.tr("low confidence")

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        cell = self.cell_at(index)
        if cell is None or cell.role != "value":
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.state is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell_at(index)
        if role != Qt.ItemDataRole.EditRole or cell is None or cell.cell is None or self.state is None:
            return False
        cid = cell.cell
        number, why = parse_input(str(value), self.state.kind(cid))
        if why is not None:
            self.edit_rejected.emit(cid, self._why(why, self.state.kind(cid)))
            return False
        if number == self.state.value(cid) and cid in self.state.record.cells:
            return False
        self.edit_requested.emit(cid, number)
        return True

    def _why(self, code: str, kind: str) -> str:
        need = {
            "count": self.tr("a whole number ≥ 0"),
            "signed": self.tr("a whole number (may be negative)"),
            "amount": self.tr("a decimal number ≥ 0 (万元)"),
        }[kind]
        return self.tr("Not saved: this cell takes {0}").format(need)
