"""The whole review in one workbook: ``summary`` (charts), ``records`` (one row per report), ``findings``, ``edits``.

Written in openpyxl's write-only mode — rows stream to disk as they are made —
so ten thousand reports take little memory. Every sheet has two header rows:
readable Chinese labels, and beneath them machine names (``file``, ``agency``…,
the cell ids themselves) for scripts; the headers are frozen and the machine
row carries the autofilter.

Both templates share one ``records`` column set: the union of every
template's cell ids (variant rows included), table by table, newest template
first. A report leaves blank the ids its template (or its printed form of
（六）) does not have; blank never means 0. See docs/export.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from app.export.cells import is_number, number_format, plain_value, stamp_fingerprint
from app.export.common import (
    CancelCheck,
    ExportError,
    Progress,
    Ticker,
    atomic_target,
    check_target,
    save_workbook,
    scratch_beside,
)
from app.export.styles import BOLD, HEADER_FILL, print_setup
from app.export.summary_xlsx import SHEET as SUMMARY_SHEET
from app.export.summary_xlsx import Comparisons, write_summary
from app.export.trail import (
    DOC_COLUMNS,
    EDIT_COLUMNS,
    FINDING_COLUMNS,
    Col,
    doc_row,
    edit_row,
    finding_row,
    template_for,
)
from app.review import DocumentSummary, Edit, ImportFailure, Review
from app.review.reviewing import failure_matches
from app.rules.messages import names_for
from app.store.seal import SEAL
from app.templates import Template, all_templates

RECORD_COLUMNS = (
    Col("id", "文档编号", 9),
    Col("file", "文件名", 28),
    Col("agency", "机关", 26),
    Col("year", "年度", 7),
    Col("template", "模板", 20),
    Col("status", "状态", 10),
    Col("reviewer", "审核人", 10),
    Col("errors", "错误数", 7),
    Col("warnings", "提示数", 7),
    Col("note", "备注", 24),
    Col("sha256", "SHA-256", 16),
)
FINDINGS_SHEET_COLUMNS = DOC_COLUMNS + FINDING_COLUMNS
EDITS_SHEET_COLUMNS = (EDIT_COLUMNS[0], *DOC_COLUMNS[:2], *EDIT_COLUMNS[1:])
CELL_WIDTH = 12.0
HEADER_ROWS = 2
MAX_ROWS = 1_048_576  # the most rows an Excel sheet holds


@dataclass(frozen=True)
class CellColumn:
    id: str
    label: str  # 三（三）1 属于国家秘密·自然人
    kind: str  # count | signed | amount


@dataclass(frozen=True)
class ReviewExport:
    """What an export wrote."""

    path: Path
    documents: int
    findings: int
    edits: int


def cell_columns(templates: Sequence[Template] | None = None) -> list[CellColumn]:
    """The ``records`` cell-id columns: every template's ids, variants included, table by table.

    Tables in the order the templates print them; within a table the newest
    template's ids in print order, then the ids only older templates have.
    """
    templates = list(all_templates() if templates is None else templates)
    tables: list[str] = []
    for t in templates:
        tables += [tb.id for tb in t.tables if tb.id not in tables]
    out: list[CellColumn] = []
    seen: set[str] = set()
    for table_id in tables:
        for t in templates:
            table = next((tb for tb in t.tables if tb.id == table_id), None)
            if table is None:
                continue
            names = names_for(t)
            for row in table.rows:
                for col in table.row_columns(row):
                    cid = f"{table.id}.{row.id}.{col.id}"
                    if cid not in seen:
                        seen.add(cid)
                        label = f"{names.row(table.id, row.id)}·{col.label}"
                        out.append(CellColumn(cid, label, col.kind))
    return out


def export_review(
    review: Review,
    out: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    **filters: Any,
) -> ReviewExport:
    """Write the documents matching ``filters`` (the keywords of ``Review.list_documents``:
    status, has_errors, has_warnings, agency, year, text) to ``out``.

    One consistent snapshot of the review file is read. ``progress(done,
    total)`` counts documents (and two last steps: the audit trail, saving);
    ``cancelled()`` returning True stops the export (:class:`ExportCancelled`),
    leaving no file behind.
    """
    out = check_target(out)
    with scratch_beside(out):
        return _export_review(review, out, progress, cancelled, filters)


def _export_review(
    review: Review,
    out: Path,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    filters: dict[str, Any],
) -> ReviewExport:
    columns = cell_columns()
    wb = Workbook(write_only=True)
    try:
        with review.store.read():
            docs = review.list_documents(**filters)
            ticker = Ticker(len(docs) + 2, progress, cancelled)
            ticker.start()
            extra = Comparisons(review, [d.id for d in docs])  # the summary sheet comes first
            write_summary(wb.create_sheet(SUMMARY_SHEET), extra.summary)
            sheets = _Sheets(wb, columns, extra)
            n_findings = 0
            for d in docs:
                loaded = review.load_document(d.id)
                values = {cid: c.value for cid, c in loaded.record.cells.items()}
                sheets.record(d, values)
                for f in loaded.findings:
                    sheets.finding(d, f)
                n_findings += len(loaded.findings)
                ticker.step()
            if not set(filters) - {"text"}:  # files that failed to import: a row each, not lost
                for failure in review.open_import_failures():
                    if failure_matches(failure, filters.get("text")):
                        sheets.failure(failure)
            by_id = {d.id: d for d in docs}
            n_edits = 0
            for e in review.store.iter_edits():
                d = by_id.get(e["document_id"])
                if d is not None and e["cell"] != SEAL:  # seals: the file's, not a reviewer's
                    sheets.edit(d, Edit(**e))
                    n_edits += 1
            ticker.step(0)
            fingerprint = review.audit_fingerprint()
        sheets.finish(len(docs), n_findings, n_edits)
        stamp_fingerprint(wb, fingerprint)
        ticker.step()
        with atomic_target(out) as tmp:
            save_workbook(wb, tmp)
    finally:
        _discard_temp_files(wb)
    ticker.finish()
    return ReviewExport(out, len(docs), n_findings, n_edits)


class _Sheets:
    """The three write-only sheets, with their headers written."""

    def __init__(self, wb: Workbook, columns: list[CellColumn], extra: Comparisons):
        self.columns = columns
        self.extra = extra
        self.records = wb.create_sheet("records")
        self.findings = wb.create_sheet("findings")
        self.edits = wb.create_sheet("edits")
        for ws in (self.records, self.findings, self.edits):
            print_setup(ws, landscape=True)
        self._templates: dict[str, Template | None] = {}
        self._rows: dict[str, int] = {}  # rows written per sheet, headers included
        cell_cols = [Col(c.id, c.label, CELL_WIDTH) for c in columns]
        self._header(self.records, [*RECORD_COLUMNS, *cell_cols, *extra.columns], freeze="D3")
        self._header(self.findings, FINDINGS_SHEET_COLUMNS, freeze="C3")
        self._header(self.edits, EDITS_SHEET_COLUMNS, freeze="D3")
        self._formats = [
            (i, number_format(c.kind))
            for i, c in enumerate(columns, start=len(RECORD_COLUMNS))
            if c.kind != "count"
        ]
        self._widths = {
            "records": len(RECORD_COLUMNS) + len(columns) + len(extra.columns),
            "findings": len(FINDINGS_SHEET_COLUMNS),
            "edits": len(EDITS_SHEET_COLUMNS),
        }

    def _header(self, ws: Any, cols: Sequence[Col], *, freeze: str) -> None:
        for i, c in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.freeze_panes = freeze
        ws.row_dimensions[1].height = 58 if ws.title == "records" else 30
        wrap = Alignment(wrap_text=True, vertical="top")
        for attr in ("label", "name"):
            row = []
            for c in cols:
                cell = WriteOnlyCell(ws)
                cell.value = getattr(c, attr)
                cell.data_type = "s"
                cell.font = BOLD
                cell.fill = HEADER_FILL
                if attr == "label":
                    cell.alignment = wrap
                row.append(cell)
            ws.append(row)

    def _template(self, template_id: str) -> Template | None:
        if template_id not in self._templates:
            self._templates[template_id] = template_for(template_id)
        return self._templates[template_id]

    def record(self, d: DocumentSummary, values: dict[str, Any]) -> None:
        ws = self.records
        head = [d.id, d.name, d.agency, d.year, d.template, d.status, d.reviewer,
                d.errors, d.warnings, d.note, d.sha256]  # fmt: skip
        row = [plain_value(ws, v) for v in head]
        row += [plain_value(ws, values.get(c.id)) for c in self.columns]  # whatever the file holds
        for i, fmt in self._formats:
            if is_number(row[i]):
                cell = WriteOnlyCell(ws, row[i])
                cell.number_format = fmt
                row[i] = cell
        row += self.extra.values(ws, d.id)
        self._append(ws, row)

    def failure(self, f: ImportFailure) -> None:
        """A file whose import failed: its name, status import_failed, the reason as the note."""
        ws = self.records
        head = [None, f.name, None, None, None, "import_failed", None, None, None,
                f"导入失败：{f.message}", None]  # fmt: skip
        self._append(ws, [plain_value(ws, v) for v in head])

    def finding(self, d: DocumentSummary, f: Any) -> None:
        values = {**doc_row(d), **finding_row(f)}
        ws = self.findings
        self._append(ws, [plain_value(ws, values[c.name]) for c in FINDINGS_SHEET_COLUMNS])

    def edit(self, d: DocumentSummary, e: Edit) -> None:
        values = {**doc_row(d), **edit_row(e, self._template(d.template))}
        ws = self.edits
        self._append(ws, [plain_value(ws, values[c.name]) for c in EDITS_SHEET_COLUMNS])

    def _append(self, ws: Any, row: list[Any]) -> None:
        n = self._rows[ws.title] = self._rows.get(ws.title, HEADER_ROWS) + 1
        if n > MAX_ROWS:
            raise ExportError(
                f"more rows than an Excel sheet holds ({MAX_ROWS}) in sheet {ws.title!r}; "
                "export fewer reports at a time (filters)"
            )
        ws.append(row)

    def finish(self, n_docs: int, n_findings: int, n_edits: int) -> None:
        for ws, n in ((self.records, n_docs), (self.findings, n_findings), (self.edits, n_edits)):
            last = get_column_letter(self._widths[ws.title])
            ws.auto_filter.ref = f"A{HEADER_ROWS}:{last}{HEADER_ROWS + n}"


def _discard_temp_files(wb: Workbook) -> None:
    """Remove the temporary files write-only sheets stream to (openpyxl keeps them until exit)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        out = getattr(writer, "out", None)
        if out is None or not Path(out).exists():
            continue
        try:
            if not ws.closed:
                ws.close()
        except Exception:  # best effort: the file goes either way
            pass
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass
