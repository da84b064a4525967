"""Batch import: extract many PDFs on every core, store them through one writer.

The calling process is the only writer: it hashes each file (to skip what the
review file already holds), hands the rest to a pool of worker processes, and
stores each record the moment it comes back, one transaction per report — so
an interruption loses nothing that was finished.

Each worker runs one file at a time. A file that fails becomes an import
error and the batch goes on; a file that runs past the time limit, or whose
worker grows past the memory limit (checked on Linux through /proc), is
abandoned the same way: its worker is killed and replaced. ``stop()``
(Ctrl-C in the CLI) ends the batch cleanly: nothing new starts, work in
flight is abandoned, everything stored stays stored.
"""

from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from app.errors import NianbaoError
from app.model import Record
from app.review import Conflict, DuplicateDocumentError, Review
from app.store.errors import StoreError

TIME_LIMIT_S = 120.0
MEMORY_LIMIT_MB = 2048
POLL_S = 0.1

Extractor = Callable[[str], Record]


class NothingToImportError(StoreError):
    """The paths name no PDF files (or do not exist)."""


@dataclass
class ImportSummary:
    total: int = 0  # PDF files found
    imported: int = 0  # new documents
    reextracted: int = 0  # documents refreshed by --reextract
    skipped: int = 0  # already in the review file (same sha256)
    failed: int = 0  # recorded in import_errors
    with_errors: int = 0  # imported or refreshed reports whose tables break an identity
    conflicts: list[Conflict] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    interrupted: bool = False
    elapsed: float = 0.0

    @property
    def done(self) -> int:
        return self.imported + self.reextracted + self.skipped + self.failed


Progress = Callable[[ImportSummary], None]


def find_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """The PDF files named, and those under the folders named (recursively), in order, once each."""
    found: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            candidates = sorted(
                q for q in p.rglob("*") if q.suffix.lower() == ".pdf" and q.is_file()
            )
        elif p.is_file():
            candidates = [p]
        else:
            raise NothingToImportError("no such file or folder", path=p)
        for q in candidates:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                found.append(q)
    return found


def sha256_of(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def import_paths(
    review: Review,
    paths: Iterable[str | Path],
    *,
    reextract: bool = False,
    workers: int | None = None,
    time_limit: float = TIME_LIMIT_S,
    memory_limit_mb: float | None = MEMORY_LIMIT_MB,
    extractor: Extractor | str | None = None,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> ImportSummary:
    """Import every PDF under ``paths`` into the review; return what happened.

    ``extractor`` is a picklable function path → Record, or "module:function"
    (default: ``app.extract.extract_pdf``). ``stop`` ends the batch early.
    """
    files = find_pdfs(paths)
    if extractor is None or isinstance(extractor, str):
        _check_extractor(extractor)
    summary = ImportSummary(total=len(files))
    started = time.monotonic()
    stop = stop or threading.Event()
    todo = _todo(review, files, reextract, summary)
    pool = _Pool(workers or _cpu_count(), extractor, memory_limit_mb)
    try:
        _run(review, pool, todo, summary, time_limit, progress, stop)
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


@dataclass
class _Task:
    path: Path
    sha256: str
    doc_id: int | None  # set when re-extracting


def _todo(
    review: Review, files: list[Path], reextract: bool, summary: ImportSummary
) -> Iterator[_Task]:
    """The files to extract, hashed lazily; files already present are counted as skipped."""
    known = review.store.known_shas()
    queued: set[str] = set()
    for path in files:
        try:
            sha = sha256_of(path)
        except OSError as e:
            _fail(review, summary, path, f"cannot read the file: {e.strerror}", None, "OSError")
            continue
        if sha in queued or (sha in known and not reextract):
            summary.skipped += 1
            continue
        queued.add(sha)
        yield _Task(path, sha, review.find(sha) if sha in known else None)


def _run(
    review: Review,
    pool: _Pool,
    todo: Iterator[_Task],
    summary: ImportSummary,
    time_limit: float,
    progress: Progress | None,
    stop: threading.Event,
) -> None:
    pending = True
    last_report = 0.0
    while not stop.is_set():
        while pending and pool.idle():
            task = next(todo, None)
            if task is None:
                pending = False
            else:
                pool.submit(task)
        if not pool.busy():
            break
        for task, outcome in pool.collect(POLL_S, time_limit):
            _store(review, summary, task, outcome)
        now = time.monotonic()
        if progress and now - last_report >= 0.2:
            last_report = now
            progress(summary)


def _store(review: Review, summary: ImportSummary, task: _Task, outcome: tuple[str, Any]) -> None:
    kind, payload = outcome
    if kind != "ok":
        message, error_kind = payload
        _fail(review, summary, task.path, message, task.sha256, error_kind)
        return
    record: Record = payload
    record.source.sha256 = task.sha256
    try:
        if task.doc_id is None:
            changes = review.add_record(record, path=task.path)
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
        _fail(review, summary, task.path, e.message, task.sha256, type(e).__name__)
        return
    if changes.errors:
        summary.with_errors += 1


def _fail(
    review: Review,
    summary: ImportSummary,
    path: Path,
    message: str,
    sha: str | None,
    kind: str | None,
) -> None:
    review.record_import_error(path, message, sha256=sha, kind=kind)
    summary.failed += 1
    summary.failures.append((str(path), message))


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------- the pool


def _resolve(extractor: Extractor | str | None) -> Extractor:
    if extractor is None:
        from app.extract import extract_pdf

        return extract_pdf
    if isinstance(extractor, str):
        module, _, name = extractor.partition(":")
        return getattr(importlib.import_module(module), name)
    return extractor


def _check_extractor(extractor: str | None) -> None:
    """Fail before starting when the extractor cannot load (it would fail every file)."""
    try:
        _resolve(extractor)
    except (ImportError, AttributeError) as e:
        raise StoreError(f"the extractor cannot be loaded: {e}") from e


def _worker_main(conn: Connection, extractor: Extractor | str | None) -> None:
    """A worker: receive paths, send back ("ok", Record) or ("error", (message, kind))."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        extract = _resolve(extractor)
    except Exception as e:  # report it for the first file, then the parent replaces us
        message = f"cannot load the extractor: {type(e).__name__}: {e}"
        while conn.recv() is not None:  # fail every file: the batch still ends, with the reason
            conn.send(("error", (message, "ExtractorMissing")))
        return
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            outcome: tuple[str, Any] = ("ok", extract(path))
        except NianbaoError as e:
            outcome = ("error", (e.message, type(e).__name__))
        except MemoryError:
            outcome = ("error", ("ran out of memory", "MemoryError"))
        except Exception as e:
            outcome = ("error", (f"internal error: {type(e).__name__}: {e}", type(e).__name__))
        conn.send(outcome)


class _Worker:
    def __init__(self, ctx: Any, extractor: Extractor | str | None):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, extractor), daemon=True)
        _start_ignoring_sigint(self.process)
        child.close()
        self.task: _Task | None = None
        self.started = 0.0

    def send(self, task: _Task) -> None:
        self.task = task
        self.started = time.monotonic()
        self.conn.send(str(task.path))

    def rss_mb(self) -> float | None:
        """Resident memory of the worker, where the OS tells (Linux)."""
        try:
            with open(f"/proc/{self.process.pid}/statm") as f:
                pages = int(f.read().split()[1])
        except (OSError, ValueError, IndexError):
            return None
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(1)
        self.kill()


def _start_ignoring_sigint(process: Any) -> None:
    """Start a child that ignores Ctrl-C from its first instruction (the parent handles it)."""
    if threading.current_thread() is not threading.main_thread():
        process.start()
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.start()
    finally:
        signal.signal(signal.SIGINT, old)


class _Pool:
    """Worker processes, each on one file at a time, replaced when killed or dead."""

    def __init__(self, size: int, extractor: Extractor | str | None, memory_limit_mb: float | None):
        self.ctx = multiprocessing.get_context(
            "spawn"
        )  # no inherited SQLite handles, same on every OS
        self.extractor = extractor
        self.memory_limit_mb = memory_limit_mb
        self.workers = [_Worker(self.ctx, extractor) for _ in range(max(1, size))]

    def idle(self) -> bool:
        return any(w.task is None for w in self.workers)

    def busy(self) -> bool:
        return any(w.task is not None for w in self.workers)

    def submit(self, task: _Task) -> None:
        worker = next(w for w in self.workers if w.task is None)
        if not worker.process.is_alive():  # died while idle: do not blame this file
            worker = self._replace(worker)
        try:
            worker.send(task)
        except OSError:
            self._replace(worker).send(task)

    def collect(self, timeout: float, time_limit: float) -> list[tuple[_Task, tuple[str, Any]]]:
        """Wait up to ``timeout`` for results; return (task, outcome) for each task that ended."""
        busy = [w for w in self.workers if w.task is not None]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        now = time.monotonic()
        ended = []
        for w in busy:
            outcome, replace = self._outcome(w, ready, now, time_limit)
            if outcome is None:
                continue
            ended.append((w.task, outcome))
            if replace:
                self._replace(w)
            else:
                w.task = None
        return ended  # type: ignore[return-value]

    def _outcome(
        self, w: _Worker, ready: set[Any], now: float, time_limit: float
    ) -> tuple[tuple[str, Any] | None, bool]:
        """How the worker's task ended, if it did, and whether the worker must be replaced."""
        if w.conn in ready or w.process.sentinel in ready:
            try:
                if w.conn.poll():
                    return w.conn.recv(), False
            except (EOFError, OSError):
                pass
            code = w.process.exitcode
            return ("error", (f"the extractor crashed (exit code {code})", "WorkerDied")), True
        if now - w.started > time_limit:
            return ("error", (f"gave up after {time_limit:g} s (time limit)", "TimeLimit")), True
        limit = self.memory_limit_mb
        if limit and (rss := w.rss_mb()) is not None and rss > limit:
            message = f"gave up at {rss:.0f} MB (memory limit {limit:g} MB)"
            return ("error", (message, "MemoryLimit")), True
        return None, False

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = _Worker(self.ctx, self.extractor)
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for w in self.workers:
            if w.task is None:
                w.stop()
            else:
                w.kill()
