"""``nianbao export --db REVIEW.sqlite --out FILE.xlsx [--report DOC]``: the Excel hand-off."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from app.commands.filters import add_filter_arguments, filters_of, filters_used
from app.commands.progress import ProgressBar
from app.export import ExportError, export_report, export_review, find_report
from app.review import open_review


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="write reports to an Excel workbook",
        description="With --report: one report's tables 二, 三 and 四 as the national form "
        "prints them, broken identities in red, corrections in blue, and a sheet of its "
        "findings and edits. Without: every report (filters combine) as one row of sheet "
        "'records', with sheets 'findings' and 'edits'. The file is written atomically. "
        "Exit status: 0 written, 2 could not run.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument(
        "--report",
        metavar="DOC",
        help="export this one report: its id or its file name as imported",
    )
    g = p.add_argument_group("filters (whole-review export)")
    add_filter_arguments(g, "reports")
    return p


def run(args: argparse.Namespace) -> int:
    used = filters_used(args)
    if args.report is not None and used:
        raise ExportError("filters apply to the whole-review export, not to --report")
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
