"""``nianbao verify DB``: check a review file and the hash chain of its audit trail."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.store.db import Store
from app.store.verify import verify_store


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "verify",
        help="check a review file and its audit trail",
        description="Run SQLite's integrity check, walk the hash chain of the audit trail "
        "(reporting the first broken link), and check that every current value is the one "
        "the trail explains. Prints the chain head: note it to detect a rewritten trail later. "
        "Exit status: 0 sound, 1 a problem found, 2 could not run.",
    )
    p.add_argument("db", metavar="DB", help="the review file")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    return p


def run(args: argparse.Namespace) -> int:
    store = Store(Path(args.db), create=False, upgrade=False)
    try:
        report = verify_store(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0 if report.ok else 1
    if report.integrity != ["ok"]:
        print("integrity check failed:")
        for line in report.integrity[:20]:
            print(f"  {line}")
    if report.broken_at is not None:
        print(f"audit trail broken at edit #{report.broken_at}: {report.broken_reason}")
    for problem in report.problems:
        print(f"inconsistent: {problem}")
    verdict = "ok" if report.ok else "FAILED"
    print(f"{verdict}: {report.edits} edit(s) in the trail, head {report.head}")
    return 0 if report.ok else 1
