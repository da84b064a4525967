"""``nianbao extract REPORT``: print the record as JSON (any format; several page images = one report)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "extract",
        help="extract the report tables of a report file as JSON",
        description="Extract the three report tables of a report — PDF, web page (.html .htm .shtml "
        ".mhtml), Word file (.docx), text (.txt .md) or page images (.jpg .png .tif; several files "
        "are the pages of one report, in the order given) — into a record of cells with stable ids "
        "(value, raw text, page, bounding box, anchor) and print it as JSON.",
    )
    p.add_argument("pdf", type=Path, nargs="+", metavar="REPORT",
                   help="the report file, or the page images of one report in page order")
    p.add_argument("--out", type=Path, help="write the JSON to this file instead of standard output")
    p.add_argument("--debug", type=Path, metavar="DIR",
                   help="also draw what was found (cells, ids) on PNG images of the table pages in DIR")
    add_ocr_options(p)
    add_limit_options(p)
    return p


def add_limit_options(p: argparse.ArgumentParser) -> None:
    """``--time-limit`` / ``--memory-limit`` for reading one untrusted file (see app.limits)."""
    from app.limits import MEMORY_LIMIT_MB, TIME_LIMIT_S

    p.add_argument("--time-limit", type=float, default=TIME_LIMIT_S, metavar="SECONDS",
                   help=f"give up on a file after this long (default {TIME_LIMIT_S:g})")
    p.add_argument("--memory-limit", type=float, default=MEMORY_LIMIT_MB, metavar="MB",
                   help=f"give up on a file whose reader grows past this (default {MEMORY_LIMIT_MB}; "
                   "Linux and macOS)")


def limits_of(args: argparse.Namespace):  # -> app.limits.Limits
    from app.limits import Limits

    return Limits(args.time_limit or None, args.memory_limit or None)


def add_ocr_options(p: argparse.ArgumentParser) -> None:
    """``--no-ocr`` / ``--force-ocr``, shared by extract and import."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--no-ocr", dest="ocr", action="store_const", const="off", default="auto",
                   help="never OCR: a scanned page or a table pasted as a picture is left unread "
                        "(by default they are OCR'd when the OCR extra is installed)")
    g.add_argument("--force-ocr", dest="ocr", action="store_const", const="force",
                   help="OCR every page, ignoring the PDF's text layer (for a text layer that lies)")


def run(args: argparse.Namespace) -> int:
    from app.pipeline.step import StepOptions, read_limited

    source = args.pdf if len(args.pdf) > 1 else args.pdf[0]
    record = read_limited(source, StepOptions(ocr=args.ocr, check=False), limits_of(args))
    text = dumps_record(record.to_json())
    if args.debug and record.source.format == "pdf":
        from app.extract.debug import draw_record

        for png in draw_record(record, args.debug):
            print(f"nianbao: wrote {png}", file=sys.stderr)
    elif args.debug:
        print(f"nianbao: --debug draws PDF pages only; {record.source.format} reports show each cell's "
              "anchor in the JSON", file=sys.stderr)
    if args.out:
        write_text_atomic(args.out, text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


def dumps_record(data: dict) -> str:
    """JSON with one cell per line: readable, and diffs line up with cells."""
    parts = []
    for key, value in data.items():
        if key == "cells":
            rows = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
            block = "{\n" + ",\n".join(rows) + "\n }" if rows else "{}"
        else:
            block = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")
        parts.append(f" {json.dumps(key)}: {block}")
    return "{\n" + ",\n".join(parts) + "\n}"


def write_text_atomic(path: Path, text: str) -> None:
    """Write through the one atomic writer (temporary file beside it, fsync'd, renamed)."""
    from app.atomic import write_text_atomic as write
    from app.errors import NianbaoError

    try:
        write(path, text)
    except OSError as e:
        raise NianbaoError(f"无法写入（{e.strerror or e}）", path=path) from None
