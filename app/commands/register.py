"""``nianbao register import|export FILE --db REVIEW.sqlite``: the agency register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.review import open_review


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "register",
        help="import or export the agency register of a review file",
        description="import: add or update agencies from an .xlsx or .csv register (headers "
        "名称/name, 别名/aliases, 层级/level, 上级/parent, 区划代码/code, 类别/kind, 期限/deadline, "
        "汇总下级/aggregates; only the name is required), then match the reports to them. "
        "export: write the register as an .xlsx workbook. "
        "Exit status: 0 done, 1 imported with warnings or unmatched reports, 2 could not run.",
    )
    p.add_argument("action", choices=("import", "export"), help="import a register file, or export one")
    p.add_argument("file", metavar="AGENCIES.xlsx|.csv", help="the register file to read or write")
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    return p


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if args.action == "export":
        with open_review(Path(args.db), create=False) as review:
            review.export_register(path)
            n = len(review.agencies())
        print(f"{path.name}：已导出 {n} 个机关", file=sys.stderr)
        return 0
    with open_review(Path(args.db), create=True) as review:
        changes = review.import_register(path)
        unmatched = review.unmatched_documents(limit=0)
    for w in changes.warnings:
        print(f"{path.name}：{w}", file=sys.stderr)
    for u in unmatched:
        print(f"未匹配到名录机关：#{u.document_id} {u.agency or '（未识别机关）'} {u.year or ''} {u.name}",
              file=sys.stderr)  # fmt: skip
    print(
        f"{path.name}：新增 {changes.added} 个、更新 {changes.updated} 个机关；"
        f"{len(unmatched)} 份报告未匹配",
        file=sys.stderr,
    )
    return 1 if changes.warnings or unmatched else 0
