"""``nianbao decide --db R.sqlite DOC [KEY confirm|extraction|dismiss|pending]``: decide a finding.

With DOC only: the report's findings, each with its key and decision. With a
key (repeat ``--key`` for more, decided alike in one transaction) and a
decision: record it, signed by the reviewer, in the audit trail.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.export import find_report
from app.review import DECISION_NAMES, DecisionError, open_review
from app.store.keys import check_number

VERBS = {
    "confirm": "confirmed",
    "extraction": "extraction",
    "dismiss": "dismissed",
    "pending": "pending",
}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "decide",
        help="decide a finding of a report: confirm, extraction error, dismiss",
        description="Decide a finding of a report in the review file: confirm (确认为报告错误: the "
        "report is wrong), extraction (识别错误: our reading was wrong; the cell is corrected to "
        "its single suggestion or to --value CELL=N), dismiss (不是问题: --comment gives the "
        "reason, required) or pending (待定 again). Keys come from `nianbao check --json` or from "
        "this command with DOC alone, which lists the report's findings. Exit status: 0 done, "
        "2 could not run.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    p.add_argument("doc", metavar="DOC", help="the report: its id or its file name as imported")
    p.add_argument("key", metavar="FINDING-KEY", nargs="?", help="the finding's key")
    p.add_argument("decision", nargs="?", choices=tuple(VERBS), help="the decision")
    p.add_argument(
        "--key",
        dest="more",
        action="append",
        default=[],
        metavar="FINDING-KEY",
        help="another finding to decide alike (repeatable)",
    )
    p.add_argument("--comment", help="the reviewer's comment (the reason, for dismiss)")
    p.add_argument(
        "--value",
        action="append",
        default=[],
        metavar="CELL=N",
        help="extraction: the correct value of a cell (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print the findings or the result as JSON")
    return p


def _values(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        cell, sep, text = pair.partition("=")
        try:
            value = None if text.strip() == "" else json.loads(text)
            out[cell.strip()] = check_number(value)
        except (ValueError, json.JSONDecodeError):
            raise DecisionError(f"--value {pair!r}：应为 单元格=数值") from None
        if not sep:
            raise DecisionError(f"--value {pair!r}：应为 单元格=数值")
    return out


def run(args: argparse.Namespace) -> int:
    keys = ([args.key] if args.key else []) + args.more
    if args.key in VERBS and args.decision is None and args.more:  # DOC confirm --key K …
        keys, args.decision = args.more, args.key
    if keys and args.decision is None:
        raise DecisionError("请给出决定：confirm、extraction、dismiss 或 pending")
    with open_review(Path(args.db), create=False) as review:
        doc_id = find_report(review, args.doc)
        if not keys:
            return _list(review, doc_id, args.json)
        changes = review.decide_many(
            doc_id, keys, VERBS[args.decision], comment=args.comment, values=_values(args.value)
        )
        name = review.document(doc_id).name
    decided = DECISION_NAMES[VERBS[args.decision]]
    if args.json:
        print(json.dumps({"document": doc_id, "decision": VERBS[args.decision],
                          "keys": sorted(changes.decisions), "cells": sorted(changes.cells),
                          "open_findings": changes.open_findings}, ensure_ascii=False))  # fmt: skip
    elif changes.decisions:
        print(f"{name} (#{doc_id})：{len(changes.decisions)} 项判为{decided}，"
              f"仍有 {changes.open_findings} 项待定")  # fmt: skip
    else:
        print(f"{name} (#{doc_id})：决定未变", file=sys.stderr)
    return 0


def _list(review: Any, doc_id: int, as_json: bool) -> int:
    kfs = review.keyed_findings(doc_id)
    if as_json:
        for kf in kfs:
            d = kf.decision
            print(json.dumps({"key": kf.key, "decision": kf.state, "rule": kf.finding.rule,
                              "severity": kf.finding.severity, "message": kf.finding.message,
                              "comment": d.comment if d else None,
                              "reviewer": d.reviewer if d else None}, ensure_ascii=False))  # fmt: skip
        return 0
    for kf in kfs:
        print(f"{kf.key:<28}  {DECISION_NAMES[kf.state]:<8}  {kf.finding.message}")
    print(f"{len(kfs)} 项问题，{sum(kf.open for kf in kfs)} 项待定", file=sys.stderr)
    return 0
