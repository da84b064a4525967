"""Batch import: extract many PDFs on every core, store them through one writer.

The calling process is the only writer: it hashes each file (to skip what the
review file already holds), hands the rest to a pool of worker processes, and
stores each result the moment it comes back, one transaction per report — so
an interruption loses nothing that was finished.

Each worker (app.workers) runs the per-file step (app.pipeline.step: read
once, check) on one file at a time; a cluster import (app.cluster) runs the
same step on Dask and stores through the same functions here. A file that fails becomes
an import error and the batch goes on; a file that runs past the time limit,
or whose worker grows past the memory limit, is abandoned the same way: its
worker is killed and replaced. Setting ``stop`` (Ctrl-C in the CLI) ends the
batch cleanly: nothing new starts, work in flight is abandoned, everything
stored stays stored.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import NianbaoError
from app.filenames import readable
from app.limits import MEMORY_LIMIT_MB, TIME_LIMIT_S
from app.model import Record
from app.pipeline.step import FileResult, Job, StepOptions
from app.pipeline.step import hash_file as sha256_of
from app.review import Conflict, DuplicateDocumentError, Review
from app.store.errors import StoreError
from app.workers import WorkerPool, resolve

STEP = "app.pipeline.step:run_job"
POLL_S = 0.1

__all__ = ["MEMORY_LIMIT_MB", "TIME_LIMIT_S", "ImportSummary", "import_paths", "sha256_of"]

Extractor = Callable[[Any], Record]  # a path (str), or a list of paths: the page images of one report


class NothingToImportError(StoreError):
    """A path does not exist, or the paths hold no report file."""


@dataclass
class ImportSummary:
    total: int = 0  # reports found (a set of page images counts once)
    imported: int = 0  # new documents
    reextracted: int = 0  # documents refreshed by --reextract
    skipped: int = 0  # already in the review file (same sha256)
    failed: int = 0  # recorded in import_errors
    with_errors: int = 0  # imported or refreshed reports whose tables break an identity
    conflicts: list[Conflict] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    interrupted: bool = False
    elapsed: float = 0.0
    last_file: str = ""  # the name of the file handled last (progress display)

    @property
    def done(self) -> int:
        return self.imported + self.reextracted + self.skipped + self.failed


Progress = Callable[[ImportSummary], None]


def find_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """The PDF files named, and those under the folders named (recursively), in order, once each."""
    return [f for group in find_reports(paths) for f in group if f.suffix.lower() == ".pdf"]


def find_reports(paths: Iterable[str | Path]) -> list[list[Path]]:
    """The reports named, and those under the folders named: each a list of its files.

    Every format a reader opens (app.extract.readers.extensions()); page images
    of one report become one entry (app.extract.pages.group_pages). Under a
    folder, text and web pages count only when they read like a report, so a
    README beside the reports is not an import error.
    """
    from app.extract.pages import group_pages, is_image, looks_like_report
    from app.extract.readers import extensions

    exts = set(extensions())
    found: list[list[Path]] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            candidates = sorted(
                q for q in p.rglob("*")
                if q.suffix.lower() in exts and q.is_file() and (is_image(q) or looks_like_report(q))
            )
            groups = group_pages(candidates, folders=True)
        elif p.is_file():
            groups = [[p]]
        else:
            raise NothingToImportError("no such file or folder", path=p)
        for group in groups:
            keys = [q.resolve() for q in group]
            if any(k in seen for k in keys):
                continue
            seen.update(keys)
            found.append(group)
    return _regroup_named(found)


def _regroup_named(found: list[list[Path]]) -> list[list[Path]]:
    """Page images named one by one (NAME-p1.jpg NAME-p2.jpg) are one report too."""
    from app.extract.pages import group_pages, is_image

    singles = [g[0] for g in found if len(g) == 1 and is_image(g[0])]
    if len(singles) < 2:
        return found
    grouped = {id(g[0]): g for g in group_pages(singles, folders=False)}
    out: list[list[Path]] = []
    placed: set[Path] = set()
    for g in found:
        if len(g) == 1 and is_image(g[0]):
            if g[0] in placed:
                continue
            group = next(x for x in grouped.values() if g[0] in x)
            placed.update(group)
            out.append(group)
        else:
            out.append(g)
    return out


def import_paths(
    review: Review,
    paths: Iterable[str | Path],
    *,
    reextract: bool = False,
    workers: int | None = None,
    time_limit: float = TIME_LIMIT_S,
    memory_limit_mb: float | None = MEMORY_LIMIT_MB,
    extractor: Extractor | str | None = None,
    ocr: str = "auto",
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> ImportSummary:
    """Import every report under ``paths`` into the review; return what happened.

    ``extractor`` replaces the readers: a picklable function path → Record, or
    "module:function". ``ocr`` is the readers' OCR mode. ``stop`` ends the batch early.
    """
    files = files_to_import(paths)
    options = step_options(review, extractor, ocr)
    summary = ImportSummary(total=len(files))
    started = time.monotonic()
    stop = stop or threading.Event()
    todo = pending(review, files, reextract, summary)
    pool = WorkerPool(
        workers or cpu_count(),
        STEP,
        time_limit=time_limit,
        memory_limit_mb=memory_limit_mb,
    )
    try:
        _run(review, pool, todo, summary, progress, stop, options)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        pool.close()
        summary.elapsed = time.monotonic() - started
    if stop.is_set():
        summary.interrupted = True
    if progress:
        progress(summary)
    return summary


def files_to_import(paths: Iterable[str | Path]) -> list[list[Path]]:
    """``find_reports`` (each report a list of its files), or NothingToImportError when it finds nothing."""
    paths = list(paths)
    files = find_reports(paths)
    if not files:
        names = ", ".join(str(p) for p in paths[:3]) + (" …" if len(paths) > 3 else "")
        raise NothingToImportError(f"no PDF files or other reports in {names}")
    return files


def step_options(review: Review, extractor: Extractor | str | None, ocr: str) -> StepOptions:
    """The per-file step's options: checks in the worker unless the review has a checker of its own."""
    if isinstance(extractor, str):
        _check_extractor(extractor)
    return StepOptions(ocr=ocr, check=review.default_checker, reader=extractor)


@dataclass
class Task:
    path: Path
    sha256: str
    doc_id: int | None  # set when re-extracting
    files: list[Path] = field(default_factory=list)  # several files that are one report (page images)

    @property
    def arg(self) -> str | list[str]:
        """What the extractor is given: the path, or the list of a report's files."""
        return [str(f) for f in self.files] if len(self.files) > 1 else str(self.path)

    def job(self, options: StepOptions) -> Job:
        return Job(self.arg, self.sha256, options)


def pending(
    review: Review, files: list[list[Path]], reextract: bool, summary: ImportSummary
) -> Iterator[Task]:
    """The reports to extract, hashed lazily; reports already present are counted as skipped."""
    from app.extract.readers.image import group_sha256

    known = review.store.known_shas()
    queued: set[str] = set()
    for group in files:
        path = group[0]
        try:
            sha = sha256_of(path) if len(group) == 1 else group_sha256(group)
        except OSError as e:
            record_failure(review, summary, path, f"cannot read the file: {e.strerror}", None, "OSError")
            continue
        except NianbaoError as e:  # not a regular file (a FIFO named .pdf): never stop the batch
            record_failure(review, summary, path, e.message, None, type(e).__name__)
            continue
        if sha in queued or (sha in known and not reextract):
            summary.skipped += 1
            continue
        queued.add(sha)
        yield Task(path, sha, review.find(sha) if sha in known else None, list(group))


def _run(
    review: Review,
    pool: WorkerPool,
    todo: Iterator[Task],
    summary: ImportSummary,
    progress: Progress | None,
    stop: threading.Event,
    options: StepOptions,
) -> None:
    last_report = 0.0
    _feed(pool, todo, options)
    while pool.busy() and not stop.is_set():
        ended = pool.collect(POLL_S)
        _feed(pool, todo, options)  # workers go on while this process writes
        for task, (kind, payload) in ended:
            if kind == "ok":
                store_result(review, summary, task, payload)
            else:
                message, error_kind = payload
                record_failure(review, summary, task.path, message, task.sha256, error_kind)
        now = time.monotonic()
        if progress and now - last_report >= 0.2:
            last_report = now
            progress(summary)


def _feed(pool: WorkerPool, todo: Iterator[Task], options: StepOptions) -> None:
    """Give every idle worker a file, while there are files."""
    while pool.idle():
        task = next(todo, None)
        if task is None:
            return
        pool.submit(task, task.job(options))


def store_result(review: Review, summary: ImportSummary, task: Task, result: FileResult) -> None:
    """Store one file's result: its record and findings, or its error (one transaction)."""
    summary.last_file = task.path.name
    if result.record is None:
        record_failure(review, summary, task.path, result.error or "", task.sha256, result.error_kind)
        return
    record: Record = result.record
    record.source.sha256 = task.sha256
    try:
        if task.doc_id is None:
            changes = review.add_record(record, path=task.path, findings=result.findings)
            summary.imported += 1
        else:
            result = review.reextract(task.doc_id, record, path=task.path)
            changes = result.changes
            summary.conflicts += result.conflicts
            summary.reextracted += 1
    except DuplicateDocumentError:  # another process imported it meanwhile
        summary.skipped += 1
        return
    except NianbaoError as e:
        record_failure(review, summary, task.path, e.message, task.sha256, type(e).__name__)
        return
    except (ValueError, TypeError, UnicodeError) as e:  # one odd record never stops the batch
        record_failure(review, summary, task.path, f"cannot store the record ({type(e).__name__}: {e})",
              task.sha256, type(e).__name__)  # fmt: skip
        return
    if changes.errors:
        summary.with_errors += 1


def record_failure(
    review: Review,
    summary: ImportSummary,
    path: Path,
    message: str,
    sha: str | None,
    kind: str | None,
) -> None:
    review.record_import_error(path, message, sha256=sha, kind=kind)
    summary.failed += 1
    summary.failures.append((readable(str(path)), readable(message)))


def cpu_count() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_extractor(extractor: str) -> None:
    """Fail before starting when the extractor cannot load (it would fail every file)."""
    try:
        resolve(extractor)
    except (ImportError, AttributeError) as e:
        raise StoreError(f"the extractor cannot be loaded: {e}") from e
