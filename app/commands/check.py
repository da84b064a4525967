"""``nianbao check REPORT``: the identities, the likely wrong cell, the value that balances.

REPORT is a report file of any format (several page images: one report), or
a record JSON from ``nianbao extract``. Exit status: 0 when
every check passes (warnings may remain), 1 when any error is found, 2 when
an input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands.extract import add_limit_options, limits_of
from app.errors import InputError, NianbaoError, RecordError
from app.filenames import readable
from app.inputs import require_regular_file
from app.limits import Limits
from app.model import Finding, Record


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "check",
        help="check a report's accounting identities and point at the likely wrong cell",
        description="Check the accounting identities (勾稽关系) of a report, the prose figures and "
        "(with --previous) the previous year's report; for each broken identity, name the cell "
        "whose single change would balance it and the value that does. Exit status: 0 no error, "
        "1 errors found, 2 an input cannot be read.",
    )
    p.add_argument("report", type=Path, nargs="+", metavar="REPORT",
                   help="the report (PDF, web page, Word, text; or its page images in page order), "
                   "or its record JSON from `nianbao extract`")
    p.add_argument("--previous", type=Path, metavar="OTHER",
                   help="the same body's report of the year before (PDF or record JSON), "
                   "for the carry-over and in-force checks")
    p.add_argument("--json", action="store_true",
                   help="print the record as JSON with a \"findings\" list added")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the text output")
    add_limit_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from app.rules import Checker
    from app.rules.keys import keyed

    limits = limits_of(args)
    record = load_record(args.report, limits)
    args.report = args.report[0]
    previous = load_record(args.previous, limits) if args.previous else None
    if previous is not None and record.year and previous.year and previous.year != record.year - 1:
        print(f"nianbao: {args.previous.name} is the {previous.year} report, not {record.year - 1}'s; "
              "the cross-year checks are skipped", file=sys.stderr)
    checker = Checker(record, previous)
    findings = checker.findings()
    if args.json:
        data = record.to_json()
        data["findings"] = [{"key": key, **f.to_json()} for key, f in keyed(findings, record)]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(render(args.report, record, findings, checker.skipped(), en=args.lang == "en"))
    return 1 if any(f.severity == "error" for f in findings) else 0


def load_record(path: Path | list[Path], limits: Limits | None = None) -> Record:
    """A record from a report file (read under ``limits``), several page images, or a record JSON;
    InputError/RecordError naming the file."""
    paths = path if isinstance(path, list) else [path]
    path = paths[0]
    for p in paths:
        require_regular_file(p)  # a FIFO would block the open forever
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError as e:
        raise InputError(f"cannot open: {e.strerror or e}", path=path) from None
    if len(paths) > 1 or not _is_record_json(head, path):
        from app.pipeline.step import StepOptions, read_limited

        try:
            return read_limited(paths if len(paths) > 1 else path, StepOptions(check=False), limits)
        except NianbaoError:
            raise
        except Exception as e:  # an extractor failure is still this file's failure: one line
            raise InputError(f"cannot read: {type(e).__name__}: {e}", path=path) from None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RecordError(f"neither a PDF nor a record JSON ({e})", path=path) from None
    try:
        record = Record.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise RecordError(f"not a Nianbao record: {type(e).__name__} {e}", path=path) from None
    from app.templates import get_template

    try:
        get_template(record.template)
    except NianbaoError as e:
        raise RecordError(e.message, path=path) from None
    for cid, cell in record.cells.items():
        if cell.value is not None and (isinstance(cell.value, bool) or not isinstance(cell.value, int | float)):
            raise RecordError(f"cell {cid}: value {cell.value!r} is not a number", path=path)
    return record


def _is_record_json(head: bytes, path: Path) -> bool:
    """A record JSON starts with ``{`` (after a BOM and whitespace); a report never does."""
    return path.suffix.lower() == ".json" or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _lang(text: str, en: bool) -> str:
    """The Chinese or English half of a "zh / en" text."""
    zh, sep, rest = text.partition(" / ")
    return (rest if en else zh) if sep else text


def render(path: Path, record: Record, findings: list[Finding], skipped: list[str], en: bool) -> str:
    """The findings as an auditor reads them: errors first, each with its suspects."""
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    who = " ".join(str(x) for x in (record.agency, record.year) if x)
    name = readable(path.name)  # a GBK file name, decoded
    lines = [f"{name} — {who} ({record.template})" if who else f"{name} ({record.template})"]
    if en:
        lines.append(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    else:
        lines.append(f"错误 {len(errors)} 项，警告 {len(warnings)} 项")
    if skipped:
        lines.append(f"{len(skipped)} identities not checked: the report does not print all their terms"
                     if en else f"{len(skipped)} 个勾稽关系未检查：报告未印全其中的项")
    for f in errors + warnings:
        tag = ("ERROR" if en else "错误") if f.severity == "error" else ("warning" if en else "警告")
        lines.append("")
        lines.append(f"[{tag}] {f.rule}  {f.message_en if en else f.message}")
        for s in f.suspects:
            pick = "?" if f.note else "→"
            conf = s.confidence if en else {"high": "高", "low": "低"}.get(s.confidence, s.confidence)
            cell = record.cells.get(s.cell)
            printed = "?" if cell is None else (cell.raw or ("" if cell.value is None else str(cell.value)))
            lines.append(f"    {pick} {s.cell}: {printed or '空白'} → {s.suggested}  [{conf}]  {_lang(s.why, en)}")
        if f.note:
            lines.append(f"    {_lang(f.note, en)}")
    if not findings:
        lines.append("all checks pass" if en else "全部检查通过")
    return "\n".join(lines) + "\n"
