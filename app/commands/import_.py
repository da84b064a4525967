"""``nianbao import PATH... --db REVIEW.sqlite``: extract reports of every format into a review file."""

from __future__ import annotations

import argparse
import functools
import signal
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

from app.commands.extract import add_ocr_options
from app.commands.progress import ProgressBar
from app.importer import MEMORY_LIMIT_MB, TIME_LIMIT_S, ImportSummary, import_paths
from app.review import open_review


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "import",
        help="extract reports (PDF, web page, Word, text, page images) into a review file",
        description="Extract every report named (folders: recursively) into the review file: PDFs, "
        "web pages, Word files, text and page images (NAME-p1.jpg NAME-p2.jpg …, or a folder holding "
        "only page images, are the pages of one report), "
        "on every core. Files already imported (same content) are skipped. A file that "
        "fails is recorded and the batch goes on; Ctrl-C stops cleanly, keeping what is done. "
        "Exit status: 0 all imported or skipped, 1 some failed, 2 could not run.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    p.add_argument(
        "--db", required=True, metavar="REVIEW.sqlite", help="the review file (created if new)"
    )
    p.add_argument(
        "--reextract",
        action="store_true",
        help="extract files already imported again; cells a reviewer changed are kept "
        "and each conflict is reported",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: every core)",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=TIME_LIMIT_S,
        metavar="SECONDS",
        help=f"give up on a file after this long (default {TIME_LIMIT_S:g})",
    )
    p.add_argument(
        "--memory-limit",
        type=float,
        default=MEMORY_LIMIT_MB,
        metavar="MB",
        help=f"give up on a file whose worker grows past this (default {MEMORY_LIMIT_MB}; Linux)",
    )
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="extract on a Dask cluster: the scheduler's address (tcp://HOST:8786), or "
        "local:N for N worker processes here; needs nianbao[cluster] on every worker and "
        "the files at the same paths",
    )
    p.add_argument(
        "--reviewer",
        default=None,
        help="name for the audit trail (default: settings, else OS user)",
    )
    add_ocr_options(p)
    return p


class Bar(ProgressBar):
    """The shared progress bar, fed with an import's running summary."""

    def __call__(self, s: ImportSummary) -> None:
        counts = f"{s.imported + s.reextracted} imported, {s.skipped} skipped, {s.failed} failed"
        # skips are nearly free: the ETA counts only the files worked on
        self.update(
            s.done,
            s.total,
            counts,
            final=s.done >= s.total or s.interrupted,
            worked=s.done - s.skipped,
        )


def run(args: argparse.Namespace) -> int:
    stop = threading.Event()

    def on_sigint(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C: leave now (open transactions roll back)
        stop.set()
        print(
            "\nnianbao: stopping after the files in progress… (Ctrl-C again to quit now)",
            file=sys.stderr,
        )

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        with open_review(Path(args.db), reviewer=args.reviewer) as review:
            if getattr(args, "cluster", None):
                from app.cluster import import_on_cluster

                run_import: Any = functools.partial(import_on_cluster, cluster=args.cluster)
            else:
                run_import = functools.partial(import_paths, workers=args.workers)
            summary = run_import(
                review,
                args.paths,
                reextract=args.reextract,
                time_limit=args.time_limit,
                memory_limit_mb=args.memory_limit or None,
                progress=Bar(),
                stop=stop,
                ocr=args.ocr,
            )
    finally:
        signal.signal(signal.SIGINT, previous)
    report(summary)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


def report(s: ImportSummary, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    for path, message in s.failures:
        print(f"failed: {Path(path).name}: {message}", file=out)
    for c in s.conflicts:
        now = (
            "no longer extracted"
            if c.extracted_now is None
            else f"now extracted as {c.extracted_now!r}"
        )
        print(
            f"conflict: document {c.document_id}, {c.cell}: kept the reviewer's {c.current!r} "
            f"(was extracted as {c.extracted_before!r}, {now})",
            file=out,
        )
    refreshed = f", {s.reextracted} re-extracted" if s.reextracted else ""
    print(
        f"{s.imported} imported{refreshed}, {s.skipped} skipped, {s.failed} failed, "
        f"{s.with_errors} with errors ({s.total} files, {s.elapsed:.1f} s)"
        + (" — interrupted" if s.interrupted else ""),
        file=out,
    )
