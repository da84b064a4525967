"""Import on a Dask cluster: the per-file step on many machines, the one writer here.

``nianbao import PATH… --db R.sqlite --cluster tcp://HOST:8786`` (or
``--cluster local:N`` for a LocalCluster of N worker processes on this
machine) submits app.pipeline.step for each file to the Dask scheduler and
stores each result through app.importer's writer functions as it finishes —
the same records, findings and failures as a local import, one transaction
per file. Resume is the local import's: files already in the review file are
not submitted.

On each Dask worker the step runs inside app.limits.Sandbox: a subprocess
with the same time and memory limits as a local import, kept for the next
file, restarted after a file that broke a limit. A Dask worker that dies
(killed, out of memory) has its files rescheduled by Dask on the others; a
file that kills workers repeatedly fails on its own (Dask's KilledWorker),
recorded like any failure. Workers must have nianbao installed (same
version) and see the files at the same paths (a shared file system).

Dask is the optional extra ``nianbao[cluster]``; nothing here is imported
unless ``--cluster`` is given.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.errors import NianbaoError
from app.importer import (
    Extractor,
    ImportSummary,
    Progress,
    Task,
    files_to_import,
    pending,
    record_failure,
    step_options,
    store_result,
)
from app.limits import MEMORY_LIMIT_MB, TIME_LIMIT_S, LimitError, Limits, Sandbox
from app.pipeline.step import FileResult, Job
from app.review import Review

POLL_S = 0.1
CONNECT_TIMEOUT_S = 20.0
IN_FLIGHT_PER_THREAD = 4  # files submitted ahead per worker thread: busy workers, bounded memory


class ClusterError(NianbaoError):
    """The cluster cannot be reached or started, or Dask is not installed."""


def import_on_cluster(
    review: Review,
    paths: Iterable[str | Path],
    cluster: str,
    *,
    reextract: bool = False,
    time_limit: float = TIME_LIMIT_S,
    memory_limit_mb: float | None = MEMORY_LIMIT_MB,
    extractor: Extractor | str | None = None,
    ocr: str = "auto",
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> ImportSummary:
    """Import every PDF under ``paths`` on the Dask cluster ``cluster``; return what happened."""
    files = files_to_import(paths)
    options = step_options(review, extractor, ocr)
    limits = Limits(time_limit, memory_limit_mb)
    summary = ImportSummary(total=len(files))
    started = time.monotonic()
    stop = stop or threading.Event()
    todo = pending(review, files, reextract, summary)
    first = next(todo, None)
    if first is None:  # everything is in the review file already: no cluster needed
        summary.elapsed = time.monotonic() - started
        if progress:
            progress(summary)
        return summary
    client, local = connect(cluster)
    try:
        _run(client, review, itertools.chain([first], todo), options, limits, summary, progress, stop)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        client.close()
        if local is not None:
            local.close()
        summary.elapsed = time.monotonic() - started
    if stop.is_set():
        summary.interrupted = True
    if progress:
        progress(summary)
    return summary


def connect(cluster: str) -> tuple[Any, Any]:
    """A Dask client for ``tcp://HOST:PORT`` (or any scheduler address) or ``local:N``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: install nianbao[cluster]") from None
    local = None
    try:
        if cluster.startswith("local:") or cluster == "local":
            n = cluster.partition(":")[2]
            if n and not n.isdigit():
                raise ClusterError(f"--cluster local:N needs a number of workers, not {n!r}")
            local = LocalCluster(n_workers=int(n or 1) or 1, threads_per_worker=1, processes=True,
                                 dashboard_address=None)
            return Client(local), local
        return Client(cluster, timeout=CONNECT_TIMEOUT_S), None
    except (OSError, TimeoutError) as e:
        if local is not None:
            local.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {cluster} ({e})") from None


def _run(client: Any, review: Review, todo: Iterable[Task], options: Any, limits: Limits,
         summary: ImportSummary, progress: Progress | None, stop: threading.Event) -> None:
    from dask.distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    todo = iter(todo)
    tasks: dict[str, Task] = {}
    running = as_completed([], with_results=False)

    def feed() -> None:
        while len(tasks) < threads * IN_FLIGHT_PER_THREAD and not stop.is_set():
            task = next(todo, None)
            if task is None:
                return
            future = client.submit(run_step, task.job(options), limits, pure=False,
                                   key=f"nianbao-{task.sha256}-{time.monotonic_ns()}")
            tasks[future.key] = task
            running.add(future)

    last_report = 0.0
    feed()
    while tasks and not stop.is_set():
        if not running.has_ready():
            time.sleep(POLL_S)
        else:
            for future in running.next_batch(block=False):
                task = tasks.pop(future.key)
                try:
                    result = future.result()
                except Exception as e:  # KilledWorker, a lost connection: this file's failure
                    kind = type(e).__name__
                    record_failure(review, summary, task.path, f"the cluster could not process it ({kind}: {e})",
                                   task.sha256, kind)
                    continue
                finally:
                    future.release()
                store_result(review, summary, task, result)
        feed()
        now = time.monotonic()
        if progress and now - last_report >= 0.2:
            last_report = now
            progress(summary)
    for key in list(tasks):  # stopped: abandon what is in flight
        tasks.pop(key)
    running.clear()


_local = threading.local()


def run_step(job: Job, limits: Limits) -> FileResult:
    """The cluster task: the per-file step inside this Dask worker's sandbox (one per thread)."""
    sandbox = getattr(_local, "sandbox", None)
    if sandbox is None or sandbox.limits != limits:
        if sandbox is not None:
            sandbox.close()
        sandbox = _local.sandbox = Sandbox(limits)
    for attempt in (1, 2):
        try:
            return sandbox.call("app.pipeline.step:run_job", job, path=job.path)
        except LimitError as e:
            if e.kind == "WorkerDied" and attempt == 1:
                continue  # once more on a fresh sandbox, as a local import does
            return FileResult(job.path, job.sha256, error=e.message, error_kind=e.kind)
        except NianbaoError as e:  # the step could not even start on this file
            return FileResult(job.path, job.sha256, error=e.message, error_kind=type(e).__name__)
    raise AssertionError("unreachable")
