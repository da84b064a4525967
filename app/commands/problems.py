"""``nianbao problems --db R.sqlite --out DIR``: the problem lists to send back to the agencies."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.commands.filters import add_filter_arguments, filters_of
from app.commands.progress import ProgressBar
from app.export.problem_list import export_problem_list
from app.review import open_review


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "problems",
        help="write the problem lists: a Word document per agency and a 问题清单 workbook",
        description="Write into DIR one Word document per agency with confirmed problems "
        "(确认为报告错误: each in plain words with a crop of the page around the cell, the "
        "reviewer and date) and the workbook 问题清单.xlsx listing every finding with its "
        "decision, grouped by region and agency. Filters combine. Exit status: 0 written, "
        "2 could not run.",
    )
    p.add_argument("--db", required=True, metavar="REVIEW.sqlite", help="the review file")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write into (created)")
    g = p.add_argument_group("filters")
    add_filter_arguments(g, "reports")
    return p


def run(args: argparse.Namespace) -> int:
    bar = ProgressBar()
    with open_review(Path(args.db), create=False) as review:
        result = export_problem_list(
            review, args.out, progress=lambda d, t: bar.update(d, t, "files"), **filters_of(args)
        )
    print(
        f"{result.folder}：{len(result.letters)} 份机关问题清单（{result.confirmed} 项确认问题），"
        f"{result.workbook.name if result.workbook else ''} 列出 {result.findings} 项问题"
    )
    return 0
