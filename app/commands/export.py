"""``nianbao export --db REVIEW.sqlite --out FILE.xlsx [--report DOC]``: the Excel hand-off."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from app.commands.progress import ProgressBar
from app.export import ExportError, export_report, export_review, find_report
from app.review import STATUSES, open_review

FILTERS = ("status", "has_errors", "has_warnings", "agency", "year", "search")


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
    g.add_argument("--status", choices=STATUSES, help="only reports in this review status")
    g.add_argument(
        "--errors", dest="has_errors", action="store_const", const=True,
        help="only reports with errors",
    )  # fmt: skip
    g.add_argument(
        "--no-errors", dest="has_errors", action="store_const", const=False,
        help="only reports without errors",
    )  # fmt: skip
    g.add_argument(
        "--warnings", dest="has_warnings", action="store_const", const=True,
        help="only reports with warnings",
    )  # fmt: skip
    g.add_argument("--agency", help="part of the agency name")
    g.add_argument("--year", type=int, help="report year")
    g.add_argument(
        "--search", metavar="TEXT", help="part of the file name, path, agency or note, or a sha256"
    )
    return p


def run(args: argparse.Namespace) -> int:
    used = [f for f in FILTERS if getattr(args, f, None) is not None]
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
            status=args.status,
            has_errors=args.has_errors,
            has_warnings=args.has_warnings,
            agency=args.agency,
            year=args.year,
            text=args.search,
            progress=lambda d, t: bar.update(d, t, "reports"),
        )
    print(
        f"exported {result.documents} report(s), {result.findings} finding(s), "
        f"{result.edits} edit(s) to {result.path} ({time.monotonic() - started:.1f} s)"
    )
    if not result.documents:
        print("nianbao: no report matched the filters", file=sys.stderr)
    return 0
