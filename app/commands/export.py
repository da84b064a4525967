"""``nianbao export --db REVIEW.sqlite --out FILE.xlsx [--report DOC]``: the Excel hand-off;
``nianbao export --db REVIEW.sqlite --format parquet|csv OUT``: the long tables for analysts."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from app.commands.filters import add_filter_arguments, filters_of, filters_used
from app.commands.progress import ProgressBar
from app.review import open_review


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="write reports to an Excel workbook",
        description="With --report: one report's tables 二, 三 and 四 as the national form "
        "prints them, broken identities in red, corrections in blue, and a sheet of its "
        "findings and edits. Without: every report (filters combine) as one row of sheet "
        "'records', with sheets 'findings' and 'edits'. With --format parquet or csv: the long "
        "tables cells and findings (and decisions, where the file keeps them) in the folder OUT, "
        "for pandas, DuckDB or Spark. Files are written atomically. "
        "Exit status: 0 written, 2 could not run.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    p.add_argument("--out", metavar="FILE.xlsx|FOLDER", help="the workbook (or, for parquet and csv, "
                   "the folder) to write")
    p.add_argument("out_path", nargs="?", metavar="OUT", help="the same as --out")
    p.add_argument("--format", choices=("xlsx", "parquet", "csv"), default="xlsx",
                   help="xlsx (default): the Excel hand-off; parquet or csv: long tables for analysts")
    p.add_argument(
        "--report",
        metavar="DOC",
        help="export this one report: its id or its file name as imported",
    )
    g = p.add_argument_group("filters (whole-review export)")
    add_filter_arguments(g, "reports")
    return p


def run(args: argparse.Namespace) -> int:
    from app.export import ExportError, export_report, export_review, find_report

    used = filters_used(args)
    if args.report is not None and used:
        raise ExportError("filters apply to the whole-review export, not to --report")
    out = getattr(args, "out_path", None) or args.out
    if out is None or (args.out and getattr(args, "out_path", None)):
        raise ExportError("name the output once: OUT or --out OUT")
    args.out = out
    fmt = getattr(args, "format", "xlsx")
    if fmt != "xlsx":
        if args.report is not None:
            raise ExportError(f"--report writes a workbook; --format {fmt} writes every report's tables")
        return _tables(args, fmt)
    db = Path(args.db)
    started = time.monotonic()
    bar = ProgressBar()
    with open_review(db, create=False) as review:
        if args.report is not None:
            doc_id = find_report(review, args.report)
            out = export_report(
                review, doc_id, args.out, progress=lambda d, t: bar.update(d, t, "steps")
            )
            name = review.document(doc_id).name
            print(f"exported {name} (#{doc_id}) to {out} ({time.monotonic() - started:.1f} s)")
            return 0
        result = export_review(
            review,
            args.out,
            **filters_of(args),
            progress=lambda d, t: bar.update(d, t, "reports"),
        )
    print(
        f"exported {result.documents} report(s), {result.findings} finding(s), "
        f"{result.edits} edit(s) to {result.path} ({time.monotonic() - started:.1f} s)"
    )
    if not result.documents:
        print("nianbao: no report matched the filters", file=sys.stderr)
    return 0


def _tables(args: argparse.Namespace, fmt: str) -> int:
    from app.export.tables import export_tables

    started = time.monotonic()
    with open_review(Path(args.db), create=False) as review:
        result = export_tables(review, args.out, fmt, **filters_of(args))
    names = ", ".join(p.name for p in result.files)
    print(f"exported {result.documents} report(s): {result.cells} cell(s), {result.findings} finding(s) "
          f"to {result.folder} ({names}; {time.monotonic() - started:.1f} s)")
    if not result.documents:
        print("nianbao: no report matched the filters", file=sys.stderr)
    return 0
