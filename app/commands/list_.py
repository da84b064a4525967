"""``nianbao list --db REVIEW.sqlite``: the documents of a review file, filtered."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.review import STATUSES, open_review

JSON_FIELDS = ("id", "name", "sha256", "agency", "year", "template", "status", "errors", "warnings")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "list",
        help="list the documents of a review file",
        description="List documents with their error and warning counts; filters combine.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    p.add_argument("--status", choices=STATUSES, help="only documents in this review status")
    p.add_argument(
        "--errors",
        dest="has_errors",
        action="store_const",
        const=True,
        help="only documents with errors",
    )
    p.add_argument(
        "--no-errors",
        dest="has_errors",
        action="store_const",
        const=False,
        help="only documents without errors",
    )
    p.add_argument(
        "--warnings",
        dest="has_warnings",
        action="store_const",
        const=True,
        help="only documents with warnings",
    )
    p.add_argument("--agency", help="part of the agency name")
    p.add_argument("--year", type=int, help="report year")
    p.add_argument(
        "--search", metavar="TEXT", help="part of the file name, path, agency or note, or a sha256"
    )
    p.add_argument("--limit", type=int, default=None, help="at most this many documents")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    return p


def run(args: argparse.Namespace) -> int:
    with open_review(Path(args.db), create=False) as review:
        docs = review.list_documents(
            status=args.status,
            has_errors=args.has_errors,
            has_warnings=args.has_warnings,
            agency=args.agency,
            year=args.year,
            text=args.search,
            limit=args.limit,
        )
    out = sys.stdout
    if args.json:
        for d in docs:
            row = d.to_json()
            out.write(json.dumps({k: row[k] for k in JSON_FIELDS}, ensure_ascii=False) + "\n")
        return 0
    for d in docs:
        counts = "unchecked" if d.errors is None else f"{d.errors} err {d.warnings} warn"
        out.write(
            f"{d.id:>6}  {d.status:<9}  {counts:<16}  {d.year or '----'}  {d.agency or '?'}  {d.name}\n"
        )
    print(f"{len(docs)} document(s)", file=sys.stderr)
    return 0
