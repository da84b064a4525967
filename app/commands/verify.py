"""``nianbao verify DB``: check a review file, the seals of its records and its audit trail."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from app.errors import NianbaoError
from app.store.db import Store
from app.store.verify import verify_store


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "verify",
        help="check a review file and its audit trail",
        description="Run SQLite's integrity check and the schema check, walk the hash chain of "
        "the audit trail (reporting the first broken link), recompute the seal of every "
        "document's extracted record, check that every current value is the one the record "
        "plus the trail explain and that the stored findings are the rules'. Prints the chain "
        "head and count (the 审计指纹 exports carry): give them back with --head/--count to "
        "prove the trail was not cut back since. The file is opened read-only. "
        "Exit status: 0 sound, 1 a problem found, 2 could not run.",
    )
    p.add_argument("db", metavar="DB", help="the review file")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--head", metavar="HASH",
        help="a chain head noted earlier (an export's 审计指纹): fail if the trail no longer holds it",
    )  # fmt: skip
    p.add_argument(
        "--count", type=int, metavar="N",
        help="with --head: the number of entries the trail had then",
    )  # fmt: skip
    p.add_argument(
        "--skip-findings", action="store_true",
        help="do not recompute the findings with the rules (faster; hidden findings go unseen)",
    )  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    head = getattr(args, "head", None)
    count = getattr(args, "count", None)
    if head is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", head):
        raise NianbaoError(f"--head 应是 64 位十六进制的链头（审计指纹），而不是 {head!r}")
    store = Store(Path(args.db), create=False, upgrade=False, readonly=True, schema="report")
    try:
        findings = None
        if not getattr(args, "skip_findings", False) and store.schema_problem is None:
            from app.review import Review

            review = Review(store, who="verify")
            findings = review.findings_problems
        report = verify_store(store, head=head, count=count, findings=findings)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0 if report.ok else 1
    if report.integrity != ["ok"]:
        print("integrity check failed:")
        for line in report.integrity[:20]:
            print(f"  {line}")
        print("  审核文件已损坏：请恢复一份备份副本")
    if report.broken_at is not None:
        print(f"audit trail broken at edit #{report.broken_at}: {report.broken_reason}")
    for problem in report.problems:
        print(f"inconsistent: {problem}")
    if not report.sealed:
        print("note: 此文件还没有封存提取记录（旧版本写入）：用本程序打开一次即封存")
    verdict = "ok" if report.ok else "FAILED"
    print(f"{verdict}: {report.edits} edit(s) in the trail, head {report.head}")
    return 0 if report.ok else 1
