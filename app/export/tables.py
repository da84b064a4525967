"""Data for analysts: the review as long tables, in Parquet or CSV, for pandas, DuckDB or Spark.

``export_tables(review, OUT, "parquet")`` writes into the folder OUT:

- ``cells.parquet`` — one row per cell of every report: the document (id,
  file name, sha256, agency, year, template, review status), the cell id and
  its table, the printed text, the value as extracted, the current value
  (the reviewer's correction where there is one), whether it was corrected,
  its page and OCR confidence, and whether an error finding names it;
- ``findings.parquet`` — one row per finding: the document, severity, rule,
  message, the cells named and the suggested cell and value;
- ``decisions.parquet`` — where the review file keeps decisions on findings
  (a table whose name contains "decision"), that table as it is, to join.

CSV is the same tables as UTF-8 ``.csv`` files. Each file is written
atomically. Filters are those of ``Review.list_documents``.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.export.common import ExportError, atomic_target
from app.review import Review

FORMATS = ("parquet", "csv")

CELL_COLUMNS = (
    ("document_id", "int64"), ("document", "string"), ("sha256", "string"), ("agency", "string"),
    ("year", "int64"), ("template", "string"), ("review_status", "string"), ("table_id", "string"),
    ("cell", "string"), ("printed", "string"), ("extracted", "float64"), ("value", "float64"),
    ("corrected", "bool"), ("page", "int64"), ("confidence", "float64"), ("in_error", "bool"),
)
FINDING_COLUMNS = (
    ("document_id", "int64"), ("document", "string"), ("agency", "string"), ("year", "int64"),
    ("severity", "string"), ("rule", "string"), ("message", "string"), ("cells", "string"),
    ("suggested_cell", "string"), ("suggested_value", "float64"), ("note", "string"),
)


@dataclass(frozen=True)
class TablesExport:
    folder: Path
    files: tuple[Path, ...]
    documents: int
    cells: int
    findings: int


def export_tables(review: Review, out: str | Path, fmt: str = "parquet", **filters: Any) -> TablesExport:
    """Write the cells and findings of the documents matching ``filters`` to the folder ``out``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ExportError("must be a folder (the tables are written into it)", path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"cannot create the folder ({e.strerror})", path=folder) from None
    cells: list[tuple] = []
    findings: list[tuple] = []
    with review.store.read():
        docs = review.list_documents(**filters)
        for d in docs:
            loaded = review.load_document(d.id)
            doc = (d.id, d.name, d.sha256, d.agency, d.year, d.template, d.status)
            in_error = {c for f in loaded.findings if f.severity == "error" for c in f.cells}
            for cid, cell in loaded.record.cells.items():
                cells.append((*doc, cid.split(".", 1)[0], cid, cell.raw, _number(loaded.extracted.get(cid)),
                              _number(cell.value), cid in loaded.edited, cell.page, _number(cell.confidence),
                              cid in in_error))
            for f in loaded.findings:
                top = f.suspects[0] if f.suspects and not f.note else None
                findings.append((d.id, d.name, d.agency, d.year, f.severity, f.rule, f.message,
                                 " ".join(f.cells), top.cell if top else None,
                                 _number(top.suggested) if top else None, f.note or None))
        decisions = _decision_tables(review)
    files = [
        _write(folder / f"cells.{fmt}", CELL_COLUMNS, cells, fmt),
        _write(folder / f"findings.{fmt}", FINDING_COLUMNS, findings, fmt),
    ]
    for name, (columns, rows) in decisions.items():
        files.append(_write(folder / f"{name}.{fmt}", columns, rows, fmt))
    return TablesExport(folder, tuple(files), len(docs), len(cells), len(findings))


def _number(value: Any) -> float | None:
    """A cell value as a number column holds it: anything else (text a hostile file planted) is null."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _decision_tables(review: Review) -> dict[str, tuple[tuple, list[tuple]]]:
    """Each table of decisions on findings the review file keeps, as text columns (joinable as is)."""
    db = review.store.db
    out = {}
    names = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%decision%' ORDER BY name")]
    for name in names:
        cur = db.execute(f'SELECT * FROM "{name}"')  # noqa: S608 (a name read from the schema)
        columns = tuple((c[0], "string") for c in cur.description)
        rows = [tuple(None if v is None else _text(v) for v in row) for row in cur.fetchall()]
        out[name] = (columns, rows)
    return out


def _text(value: Any) -> str:
    return value.hex() if isinstance(value, bytes) else str(value)


def _write(path: Path, columns: tuple, rows: list[tuple], fmt: str) -> Path:
    suffix = f".{fmt}"
    with atomic_target(path, suffix) as tmp:
        if fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow([name for name, _ in columns])
                w.writerows(_csv_row(r) for r in rows)
        else:
            _parquet(tmp, columns, rows)
    return path


def _csv_row(row: tuple) -> list[Any]:
    return ["" if v is None else (int(v) if isinstance(v, float) and v.is_integer() else v) for v in row]


def _parquet(path: Path, columns: tuple, rows: list[tuple]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet needs pyarrow: install nianbao[parquet], or use --format csv") from None
    types = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    data = {name: [r[i] for r in rows] for i, (name, _) in enumerate(columns)}
    pq.write_table(pa.table(data, schema=schema), path)
