"""``nianbao list --db REVIEW.sqlite``: the documents of a review file, filtered."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.commands.filters import add_filter_arguments, filters_of
from app.review import open_review

JSON_FIELDS = (
    "id", "name", "sha256", "agency", "year", "template", "status", "errors", "warnings",
    "open_findings",
)  # fmt: skip


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "list",
        help="list the documents of a review file",
        description="List documents with their error and warning counts; filters combine.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=None, help="at most this many documents")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    return p


def run(args: argparse.Namespace) -> int:
    with open_review(Path(args.db), create=False) as review:
        docs = review.list_documents(**filters_of(args), limit=args.limit)
    out = sys.stdout
    if args.json:
        for d in docs:
            row = d.to_json()
            out.write(json.dumps({k: row[k] for k in JSON_FIELDS}, ensure_ascii=False) + "\n")
        return 0
    for d in docs:
        counts = (
            "unchecked"
            if d.errors is None
            else f"{d.errors} err {d.warnings} warn {d.open_findings or 0} open"
        )
        out.write(
            f"{d.id:>6}  {d.status:<9}  {counts:<23}  {d.year or '----'}  {d.agency or '?'}  {d.name}\n"
        )
    print(f"{len(docs)} document(s)", file=sys.stderr)
    return 0
