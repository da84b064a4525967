"""``nianbao completeness --db REVIEW.sqlite [--year Y] [--json]``: who has published which year."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.campaign.completeness import STATE_ZH
from app.campaign.model import LEVELS
from app.review import open_review


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "completeness",
        help="show which agencies of the register have published which year's report",
        description="One line per register agency (and per imported report whose agency is "
        "not in the register) with each year's state: missing, failed, imported, in_review, "
        "approved. --json: a list of {agency, level, parent, years: {YEAR: state}}. "
        "--out: also write the grid to an Excel workbook. Exit status: 0 done, 2 could not run.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    p.add_argument("--year", type=int, help="only this report year")
    p.add_argument("--region", help="only agencies in this region (part of an ancestor's name)")
    p.add_argument("--level", choices=LEVELS, help="only agencies of this level")
    p.add_argument("--json", action="store_true", help="print the grid as JSON")
    p.add_argument("--out", metavar="FILE.xlsx", help="also write the grid to this workbook")
    return p


def run(args: argparse.Namespace) -> int:
    with open_review(Path(args.db), create=False) as review:
        grid = review.completeness(year=args.year, region=args.region, level=args.level)
        if args.out:
            review.export_completeness(Path(args.out), grid)
    out = sys.stdout
    if args.json:
        out.write(json.dumps(grid.to_json(), ensure_ascii=False, indent=1) + "\n")
        return 0
    out.write("机关\t" + "\t".join(str(y) for y in grid.years) + "\n")
    for r in grid.rows:
        name = r.agency + ("" if r.registered else "（不在名录）")
        out.write(name + "\t" + "\t".join(STATE_ZH[r.years.get(y, "missing")] for y in grid.years) + "\n")
    for y, counts in grid.counts().items():
        print(f"{y}：" + "，".join(f"{STATE_ZH[s]} {n}" for s, n in counts.items()), file=sys.stderr)
    return 0
