"""``nianbao compare A B``: one agency's two years side by side — changes, carry-over, repeat rate, warnings.

A and B are report files (PDF or record JSON), or with ``--db`` documents of a
review file (id or file name). The later year is "this year"; with years
unknown, B is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands.check import load_record
from app.compare.pair import PairComparison, compare_records
from app.model import Record
from app.rules.messages import names_for, num
from app.templates import get_template


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "compare",
        help="compare an agency's report with last year's: changes, carry-over, repeat rate",
        description="Compare two reports of one agency: every changed cell, the carry-over "
        "(上年结转, 现行有效) against last year's report, the share of the prose repeated from "
        "last year's (per section and overall, template wording left out), and the warnings "
        "these raise (repeat, jump, rate_range). The later year is this year. "
        "Exit status: 0 compared, 2 an input cannot be read.",
    )
    p.add_argument("a", metavar="A", help="a report (PDF or record JSON), or with --db a document id or file name")
    p.add_argument("b", metavar="B", help="the other report")
    p.add_argument("--db", metavar="REVIEW.sqlite", help="take A and B from this review file")
    p.add_argument("--json", action="store_true",
                   help='print {"repeat_rate": {"overall", "sections"}, "changes": {cell: [last, this]}, '
                   '"carry_over": […], "indicators": {…}, "findings": […]}')
    return p


def run(args: argparse.Namespace) -> int:
    if args.db:
        result, names = _from_review(args)
    else:
        a, b = load_record(Path(args.a)), load_record(Path(args.b))
        last, this = _order(a, b)
        result = compare_records(this, last)
        names = (Path(this.source.path).name, Path(last.source.path).name)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(render(result, *names))
    return 0


def _order(a: Record, b: Record) -> tuple[Record, Record]:
    """(last, this): the later year is this year; B when unknown."""
    if a.year is not None and b.year is not None and a.year > b.year:
        return b, a
    return a, b


def _from_review(args: argparse.Namespace) -> tuple[PairComparison, tuple[str, str]]:
    from app.export import find_report
    from app.review import open_review
    from app.review.compare import compare_documents

    with open_review(Path(args.db), create=False) as review:
        ia, ib = find_report(review, args.a), find_report(review, args.b)
        da, db = review.document(ia), review.document(ib)
        if da.year is not None and db.year is not None and da.year > db.year:
            da, db = db, da
        result = compare_documents(review, db.id, da.id, with_spans=False)
        return result, (db.name, da.name)


def render(r: PairComparison, this_name: str, last_name: str) -> str:
    names = names_for(get_template(r.this.template))
    lines = [f"本年：{this_name}（{r.this.agency or '机关不详'} {r.this.year or '年度不详'}）",
             f"上年：{last_name}（{r.last.agency if r.last else ''} {r.last.year if r.last else ''}）"]
    if r.repeat is not None:
        o = r.repeat.overall
        lines.append(f"正文重复率：{'—' if o is None else f'{o * 100:.1f}%'}")
        for s in r.repeat.sections:
            if s.chars:
                lines.append(f"    {s.heading}：{s.rate * 100:.1f}%（{s.repeated}/{s.chars} 字）")  # type: ignore[operator]
    if r.carry:
        lines.append("上年结转与现行有效：")
        for c in r.carry:
            mark = "✔" if c.holds else "✘"
            lines.append(f"    {mark} {names.cell(c.cell)}：本年 {num(c.actual)}，按上年应为 {num(c.expected)}（{c.readable(names)}）")
    changed = [c for c in r.changes if c.changed]
    lines.append(f"变化的单元格：{len(changed)} 个")
    for c in changed:
        delta = "" if c.delta is None else f"（{'+' if c.delta > 0 else ''}{num(c.delta)}）"
        lines.append(f"    {names.cell(c.cell)}：{num(c.last)} → {num(c.this)}{delta}")
    if r.rates:
        lines.append("指标：")
        from app.compare.batch import indicator_labels

        labels = indicator_labels([r.this.template])
        for k, rate in r.rates.items():
            v = rate.value
            shown = "—" if v is None else f"{v * 100:.1f}%"
            small = "（样本不足，仅供参考）" if rate.small else ""
            lines.append(f"    {labels.get(k, (k,))[0]}：{shown}（{num(rate.numerator)}/{num(rate.denominator)}）{small}")
    lines.append(f"提示 {len(r.findings)} 项")
    for f in r.findings:
        lines.append(f"    [{f.rule}] {f.message}")
    return "\n".join(lines) + "\n"
