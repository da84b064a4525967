"""One report as a workbook: tables 二, 三 and 四 as the national form prints them, and its review.

Each table sheet is laid out from the template (:mod:`app.layout`):
Chinese labels, merged header and label cells, borders, widths that fit,
numbers as numbers in the column's format. A cell in a broken identity has a
red fill (a warning: yellow) and a comment naming the rule and the mismatch,
with the suggested value where there is one; a cell a reviewer changed has a
blue font and the printed value in its comment. The last sheet, 审核记录,
holds the document's details, the legend, every finding and every edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.export.cells import (
    format_number,
    is_number,
    lines_needed,
    number_format,
    put_value,
    set_text,
    shown_text,
    stamp_fingerprint,
    text_width,
)
from app.export.common import (
    CancelCheck,
    Progress,
    Ticker,
    atomic_target,
    check_target,
    save_workbook,
)
from app.export.styles import (
    BOLD,
    BORDER,
    CENTER,
    DEFAULT_ROW_PT,
    EDITED_FONT,
    ERROR_FILL,
    HEADER_FILL,
    LEFT,
    LEGEND,
    LINE_PT,
    MISSING_FILL,
    RIGHT,
    TITLE_FONT,
    TOP_LEFT,
    WARNING_FILL,
    print_setup,
)
from app.export.trail import (
    EDIT_COLUMNS,
    FINDING_COLUMNS,
    STATUS_LABELS,
    Col,
    edit_row,
    finding_row,
)
from app.layout import Box, TableLayout, layout_table
from app.model import Finding
from app.review import Edit, LoadedDocument, Review
from app.rules.messages import num
from app.store.keys import utc_now
from app.templates import Table, Template, get_template

GRID_TOP = 3  # sheet row of a table's first grid row: a title and a subtitle above it
AUDIT_SHEET = "审核记录"
_WIDE = 8  # details and legend lines span the audit sheet's columns B…H
COMMENT_AUTHOR = "Nianbao"


@dataclass
class Mark:
    """What a value cell shows besides its number: a fill, a font, a comment."""

    severity: str | None = None  # "error" outranks "warning"
    edited: bool = False
    missing: bool = False
    notes: list[str] = field(default_factory=list)

    def add(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)


def export_report(
    review: Review,
    doc_id: int,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Path:
    """Write one report's workbook to ``out`` (atomically); return the path.

    ``progress(done, total)`` is called as sheets are built; ``cancelled()``
    returning True stops the export (:class:`ExportCancelled`), leaving no file.
    """
    out = check_target(out)
    ticker = Ticker(3, progress, cancelled)
    ticker.start()
    loaded = review.load_document(doc_id)
    edits = review.history(doc_id)
    fingerprint = review.audit_fingerprint()
    ticker.step()
    wb = report_workbook(loaded, edits)
    stamp_fingerprint(wb, fingerprint)
    ticker.step()
    with atomic_target(out) as tmp:
        save_workbook(wb, tmp)
    ticker.finish()
    return out


def report_workbook(
    loaded: LoadedDocument,
    edits: Sequence[Edit],
    *,
    exported_at: str | None = None,
    template: Template | None = None,
) -> Workbook:
    """The workbook of one report (not saved); ``template`` defaults to the document's."""
    template = template or get_template(loaded.summary.template)
    marks = cell_marks(loaded, edits)
    wb = Workbook()
    wb.remove(wb.active)
    for table in template.tables:
        ws = wb.create_sheet(sheet_title(template, table))
        write_table(ws, template, table, loaded, marks)
    write_audit(wb.create_sheet(AUDIT_SHEET), template, loaded, edits, exported_at or utc_now())
    return wb


def sheet_title(template: Template, table: Table) -> str:
    """The table's heading as the form numbers it (二、主动公开政府信息情况), fit for a sheet tab."""
    heading = next((s.heading for s in template.sections if s.id == table.section), table.title)
    for ch in "[]:*?/\\":
        heading = heading.replace(ch, "·")
    return heading[:31]


# ---------------------------------------------------------------- marks


def cell_marks(loaded: LoadedDocument, edits: Iterable[Edit]) -> dict[str, Mark]:
    """Fill, font and comment lines of every value cell that needs one."""
    marks: dict[str, Mark] = {}

    def mark(cell: str) -> Mark:
        return marks.setdefault(cell, Mark())

    for f in loaded.findings:
        for cell in f.cells:
            m = mark(cell)
            if f.severity == "error" or m.severity is None:
                m.severity = f.severity
            m.add(finding_note(f, cell))
    last_edit = {e.cell: e for e in edits if not e.cell.startswith("@")}
    record = loaded.record
    for cell in loaded.edited:
        m = mark(cell)
        m.edited = True
        now = record.cells[cell].value if cell in record.cells else None
        e = last_edit.get(cell)
        by = f"（{e.who}，{e.at[:19].replace('T', ' ')} UTC）" if e else ""
        if cell in loaded.extracted:
            raw = record.cells[cell].raw if cell in record.cells else ""
            printed = (
                num(loaded.extracted[cell]) if loaded.extracted[cell] is not None else "无法识别"
            )
            m.add(f"审核人已更正{by}：原印 {printed}（原文“{raw}”），现为 {_shown(now)}")
        else:
            m.add(f"报告未印此格，审核人填入 {_shown(now)}{by}")
    for cell, c in record.cells.items():
        if c.value is None and cell not in loaded.edited:
            mark(cell).add(f"无法识别：原文“{c.raw}”")
    return marks


def finding_note(f: Finding, cell: str) -> str:
    kind = "错误" if f.severity == "error" else "提示"
    note = f"【{kind} {f.rule}】{f.message}"
    suggested = [s for s in f.suspects if s.cell == cell]
    if suggested and not f.note:
        s = suggested[0]
        sure = "把握较大" if s.confidence == "high" else "把握较小"
        note += f"\n建议改为 {num(s.suggested)}（{sure}）"
    return note


def _shown(value: Any) -> str:
    return "空" if value is None else num(value) if is_number(value) else shown_text(value)


# ---------------------------------------------------------------- table sheets


def write_table(
    ws: Worksheet,
    template: Template,
    table: Table,
    loaded: LoadedDocument,
    marks: dict[str, Mark],
) -> TableLayout:
    """Draw ``table`` of the report on ``ws``; return its layout (grid row 0 is sheet row GRID_TOP)."""
    record = loaded.record
    lay = layout_table(table, record.cells.keys())
    summary = loaded.summary
    title = ws.cell(1, 1)
    set_text(title, sheet_title(template, table))
    title.font = TITLE_FONT
    title.alignment = CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=lay.n_cols)
    ws.row_dimensions[1].height = 24
    sub = ws.cell(2, 1)
    parts = [summary.agency or "", f"{summary.year}年度" if summary.year else "", summary.name]
    set_text(sub, "　".join(p for p in parts if p))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=lay.n_cols)
    for box in lay.boxes:
        cell = ws.cell(GRID_TOP + box.row, 1 + box.col)
        if box.role == "value":
            _value_cell(cell, template, box.cell or "", record, marks)
        elif box.role != "void":
            set_text(cell, box.text)
            cell.alignment = LEFT if box.role == "label" else CENTER
            if box.role in ("header", "corner", "block"):
                cell.font = BOLD
                cell.fill = HEADER_FILL
        cell.border = BORDER
        if box.rows > 1 or box.cols > 1:
            ws.merge_cells(
                start_row=cell.row,
                start_column=cell.column,
                end_row=cell.row + box.rows - 1,
                end_column=cell.column + box.cols - 1,
            )
    _fit(ws, lay, lambda b: _box_text(b, template, record))
    print_setup(ws, landscape=lay.n_cols > 6)
    return lay


def _value_cell(cell: Any, template: Template, cell_id: str, record: Any, marks: dict) -> None:
    c = record.cells.get(cell_id)
    if c is not None and c.value is not None:
        put_value(cell, c.value)
    cell.number_format = number_format(template.kind(cell_id))
    cell.alignment = RIGHT
    m = marks.get(cell_id)
    if c is None and (m is None or not m.edited):
        m = m or Mark()
        m.missing = True
        m.add("报告未印此格 / not printed in the report")
    if m is None:
        return
    if m.severity == "error":
        cell.fill = ERROR_FILL
    elif m.severity == "warning":
        cell.fill = WARNING_FILL
    elif m.missing:
        cell.fill = MISSING_FILL
    if m.edited:
        cell.font = EDITED_FONT
    if m.notes:
        cell.comment = note_comment("\n".join(m.notes))


def note_comment(text: str) -> Comment:
    lines = lines_needed(text, 46, pad=0)
    return Comment(text, COMMENT_AUTHOR, height=min(400, 24 + 18 * lines), width=340)


def _box_text(box: Box, template: Template, record: Any) -> str:
    if box.role != "value":
        return box.text
    c = record.cells.get(box.cell or "")
    return format_number(c.value if c else None, template.kind(box.cell or ""))


# widths in Excel units: group label columns are kept narrow and wrap; labels and
# headers wrap beyond their caps
_MIN_LABEL, _MIN_VALUE = 5.0, 8.0
_GROUP_CAP, _LABEL_CAP, _HEADER_CAP, _PAD = 8.8, 40.0, 12.0, 2.0


def _fit(ws: Worksheet, lay: TableLayout, text_of: Callable[[Box], str]) -> None:
    """Column widths that fit the labels and numbers; row heights for text that wraps."""
    widths = [_MIN_LABEL if i < lay.label_cols else _MIN_VALUE for i in range(lay.n_cols)]
    for box in sorted(lay.boxes, key=lambda b: b.cols):
        if box.role in ("corner", "block", "void"):
            continue
        need = text_width(text_of(box)) + _PAD
        if box.role == "label":
            cap = _GROUP_CAP if box.rows > 1 and box.cols == 1 else _LABEL_CAP
        elif box.role == "header":
            cap = _HEADER_CAP
        else:
            cap = need
        need = min(need, cap)
        span = range(box.col, box.last_col + 1)
        have = sum(widths[i] for i in span)
        if have < need:
            widths[box.last_col] += need - have
    uniform = max(widths[lay.label_cols :], default=_MIN_VALUE)  # numbers in even columns
    widths[lay.label_cols :] = [uniform] * (lay.n_cols - lay.label_cols)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w, 1)
    heights = [DEFAULT_ROW_PT] * lay.n_rows
    for box in lay.boxes:
        if box.role == "void":
            continue
        width = sum(widths[box.col : box.last_col + 1])
        need = lines_needed(text_of(box), width) * LINE_PT + 4
        share = need / box.rows
        for r in range(box.row, box.last_row + 1):
            heights[r] = max(heights[r], share)
    for r, h in enumerate(heights):
        if h > DEFAULT_ROW_PT:
            ws.row_dimensions[GRID_TOP + r].height = round(h, 1)


# ---------------------------------------------------------------- the audit sheet


def write_audit(
    ws: Worksheet, template: Template, loaded: LoadedDocument, edits: Sequence[Edit], at: str
) -> dict[str, int]:
    """Details, legend, findings and edits; return the sheet rows where the two lists' headers sit."""
    s = loaded.summary
    set_text(ws.cell(1, 1), f"审核记录 — {s.agency or s.name}")
    ws.cell(1, 1).font = TITLE_FONT
    status = f"{STATUS_LABELS.get(s.status, s.status)}（{s.status}）"
    details = [
        ("文件名 file", s.name),
        ("机关 agency", s.agency),
        ("年度 year", s.year),
        ("模板 template", f"{template.name}（{template.id}）"),
        ("状态 status", status),
        ("审核人 reviewer", s.reviewer),
        ("备注 note", s.note),
        ("错误/提示 errors/warnings", f"{s.errors or 0} / {s.warnings or 0}"),
        ("SHA-256", s.sha256),
        ("导入 imported", f"{s.imported_at}（{s.imported_by or ''}）"),
        ("导出 exported", at),
    ]
    row = 3
    for label, value in details:
        set_text(ws.cell(row, 1), label).font = BOLD
        _put(ws.cell(row, 2), value)
        ws.cell(row, 2).alignment = LEFT
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=_WIDE)
        row += 1
    row += 1
    set_text(ws.cell(row, 1), "图例 legend").font = BOLD
    for fill, font, text in LEGEND:
        row += 1
        swatch = ws.cell(row, 1)
        swatch.border = BORDER
        if fill is not None:
            swatch.fill = fill
        if font is not None:
            swatch.font = font
            swatch.value = 123
        set_text(ws.cell(row, 2), text)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=_WIDE)
    row += 2
    where = {}
    where["findings"] = row + 1
    row = _list(ws, row, f"问题 findings（{len(loaded.findings)}）", FINDING_COLUMNS,
                [finding_row(f) for f in loaded.findings])  # fmt: skip
    row += 1
    where["edits"] = row + 1
    _list(ws, row, f"修改记录 edits（{len(edits)}）", EDIT_COLUMNS,
          [edit_row(e, template) for e in edits])  # fmt: skip
    n = max(len(FINDING_COLUMNS), len(EDIT_COLUMNS))
    widths = [
        max(c[i].width for c in (FINDING_COLUMNS, EDIT_COLUMNS) if i < len(c)) for i in range(n)
    ]
    widths[0] = max(widths[0], 24)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    print_setup(ws, landscape=True)
    return where


def _list(ws: Worksheet, row: int, title: str, cols: Sequence[Col], rows: list[dict]) -> int:
    """A titled table (a header of labels and one of machine names, then rows); return the next row."""
    set_text(ws.cell(row, 1), title).font = TITLE_FONT
    for j, col in enumerate(cols, start=1):
        for r, text in ((row + 1, col.label), (row + 2, col.name)):
            c = set_text(ws.cell(r, j), text)
            c.font = BOLD
            c.fill = HEADER_FILL
            c.border = BORDER
    row += 3
    for values in rows:
        for j, col in enumerate(cols, start=1):
            c = ws.cell(row, j)
            _put(c, values[col.name])
            c.border = BORDER
            if col.wrap:
                c.alignment = TOP_LEFT
        row += 1
    return row


def _put(cell: Any, value: Any) -> None:
    put_value(cell, value)
