"""A pool of worker processes for slow, fallible work on files (extraction).

Each worker runs one task at a time, so one bad file costs one worker, not
the batch: a task that runs past the time limit, or whose worker grows past
the memory limit (read from /proc on Linux), is abandoned — the worker is
killed and replaced — and reported like any other failure. Each worker also
caps its own memory and dies with its parent (app.limits.confine), so a
worker never runs on without its limits. A worker that dies under a task is
replaced and the task run once more on the fresh one; a second death is the
file's failure. Workers are
spawned (no inherited SQLite handles; the same on every OS) and ignore
Ctrl-C: the parent decides when to stop.

Outcomes are ``("ok", value)`` or ``("error", (message, kind))``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

from app.errors import NianbaoError
from app.limits import confine, resolve

Outcome = tuple[str, Any]
Task = Callable[[Any], Any] | str  # a picklable function, or "module:function"
STARTUP_FAILURES = 3  # fresh workers dying before they are ready, in a row: give up


class WorkersCannotStartError(NianbaoError):
    """Worker processes die as soon as they start (a broken installation, or no __main__ file)."""


def _worker_main(conn: Connection, fn: Task, memory_limit_mb: float | None = None,
                 parent_pid: int | None = None) -> None:
    """Announce readiness, then run tasks until told to stop (None) or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    confine(memory_limit_mb, parent_pid, parent.sentinel if parent else None)  # limits of its own
    try:
        work = resolve(fn)
    except Exception as e:
        message = f"cannot load {fn!r}: {type(e).__name__}: {e}"
        conn.send(("ready", None))
        while conn.recv() is not None:  # every task fails with the reason; the batch still ends
            conn.send(("error", (message, "WorkerSetup")))
        return
    conn.send(("ready", None))
    while True:
        try:
            arg = conn.recv()
        except EOFError:
            return
        if arg is None:
            return
        try:
            outcome: Outcome = ("ok", work(arg))
        except NianbaoError as e:
            outcome = ("error", (e.message, type(e).__name__))
        except MemoryError:
            limit = f" (memory limit {memory_limit_mb:g} MB)" if memory_limit_mb else ""
            outcome = ("error", (f"ran out of memory{limit}", "MemoryLimit"))
        except Exception as e:
            outcome = ("error", (f"internal error: {type(e).__name__}: {e}", type(e).__name__))
        conn.send(outcome)


class _Worker:
    def __init__(self, ctx: Any, fn: Task, memory_limit_mb: float | None = None):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, fn, memory_limit_mb, os.getpid()), daemon=True
        )
        _start_ignoring_sigint(self.process)
        child.close()
        self.ready = False
        self.key: Any = None
        self.arg: Any = None
        self.started = 0.0

    @property
    def busy(self) -> bool:
        return self.arg is not None

    def send(self, key: Any, arg: Any) -> None:
        self.key, self.arg, self.started = key, arg, time.monotonic()
        self.conn.send(arg)

    def free(self) -> None:
        self.key = self.arg = None

    def rss_mb(self) -> float | None:
        """Resident memory, where the OS tells (Linux)."""
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
    """Start a child that ignores Ctrl-C from its first instruction."""
    if threading.current_thread() is not threading.main_thread():
        process.start()
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.start()
    finally:
        signal.signal(signal.SIGINT, old)


class WorkerPool:
    """``size`` workers running ``fn``; submit (key, arg) pairs, collect (key, outcome) pairs."""

    def __init__(
        self,
        size: int,
        fn: Task,
        *,
        time_limit: float,
        memory_limit_mb: float | None = None,
    ):
        self.ctx = multiprocessing.get_context("spawn")
        self.fn = fn
        self.time_limit = time_limit
        self.memory_limit_mb = memory_limit_mb
        self.startup_failures = 0
        self.retry: deque[tuple[Any, Any]] = deque()  # tasks to run again on a fresh worker
        self.retried: dict[int, Any] = {}  # id → task whose worker died under it once already
        self.size = max(1, size)
        self.workers: list[_Worker] = []  # started on demand: a batch of skips starts none

    def _free(self) -> bool:
        return len(self.workers) < self.size or any(not w.busy for w in self.workers)

    def idle(self) -> bool:
        """A worker is free (and no task is waiting to be retried)."""
        return not self.retry and self._free()

    def busy(self) -> bool:
        return bool(self.retry) or any(w.busy for w in self.workers)

    def submit(self, key: Any, arg: Any) -> None:
        worker = next((w for w in self.workers if not w.busy), None)
        if worker is None:
            worker = self._new()
            self.workers.append(worker)
        elif not worker.process.is_alive():  # died while idle: do not blame this task
            worker = self._replace(worker)
        try:
            worker.send(key, arg)
        except OSError:
            self._replace(worker).send(key, arg)

    def collect(self, timeout: float) -> list[tuple[Any, Outcome]]:
        """Wait up to ``timeout`` for results; return (key, outcome) for each task that ended."""
        while self.retry and self._free():
            self.submit(*self.retry.popleft())
        busy = [w for w in self.workers if w.busy]
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        now = time.monotonic()
        ended = []
        for w in busy:
            outcome, replace = self._outcome(w, ready, now)
            if outcome is None:
                continue
            key, arg = w.key, w.arg
            if replace:
                self._replace(w)
            else:
                w.free()
            if outcome[0] == "retry":
                self.retry.append((key, arg))
            else:
                ended.append((key, outcome))
        return ended

    def _outcome(self, w: _Worker, ready: set[Any], now: float) -> tuple[Outcome | None, bool]:
        """How the worker's task ended, if it did, and whether the worker must be replaced."""
        if w.conn in ready or w.process.sentinel in ready:
            try:
                while w.conn.poll():
                    message = w.conn.recv()
                    if message[0] != "ready":
                        return message, False
                    w.ready = True
                    self.startup_failures = 0
            except (EOFError, OSError):
                pass
            if w.process.is_alive():
                return None, False  # only the ready message: the task goes on
            code = w.process.exitcode
            if not w.ready:
                self.startup_failures += 1
                if self.startup_failures >= STARTUP_FAILURES:
                    raise WorkersCannotStartError(
                        f"worker processes exit as soon as they start (exit code {code})"
                    )
                return ("retry", None), True
            if id(w.key) not in self.retried:  # perhaps not this file's fault: once more, afresh
                self.retried[id(w.key)] = w.key
                return ("retry", None), True
            return ("error", (f"the worker crashed twice (exit code {code})", "WorkerDied")), True
        if now - w.started > self.time_limit:
            return (
                "error",
                (f"gave up after {self.time_limit:g} s (time limit)", "TimeLimit"),
            ), True
        limit = self.memory_limit_mb
        if limit and (rss := w.rss_mb()) is not None and rss > limit:
            message = f"gave up at {rss:.0f} MB (memory limit {limit:g} MB)"
            return ("error", (message, "MemoryLimit")), True
        return None, False

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = self._new()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def _new(self) -> _Worker:
        return _Worker(self.ctx, self.fn, self.memory_limit_mb)

    def close(self) -> None:
        """Stop idle workers politely, kill busy ones (their work is abandoned)."""
        for w in self.workers:
            if w.busy:
                w.kill()
            else:
                w.stop()
