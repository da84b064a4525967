"""Reading an untrusted file within time and memory limits: the one place that says how.

A report file is untrusted: a hostile or broken one can make a reader run for
minutes or grow to many gigabytes (a 14,400-point page rendered at 200 dpi is
a 1.6-gigapixel image). Every entry point that reads one — ``extract``,
``check``, ``import`` and the GUI (through the import workers), the cluster
step — reads it in a worker process that

- caps its own address space (``RLIMIT_AS``, set inside the worker, on Linux
  and macOS), so a runaway allocation fails there, not in the machine;
- dies with its parent (``PR_SET_PDEATHSIG`` on Linux; elsewhere a thread
  watching the pipe to the parent), so an orphan never runs on without limits;
- is killed by the parent when it runs past the time limit.

``Sandbox(limits).call(fn, arg)`` runs calls so in a kept worker (``run_limited``
one call in a fresh one) — for extract, check and the cluster step; app.workers
keeps a pool of such workers for a local import (``confine`` is what each of
them runs first).
Renders are capped too: ``capped_scale`` keeps any page raster under
``MAX_PIXELS``, and a page that would need to be read below ``MIN_OCR_DPI`` to
fit is refused with a problem instead.
"""

from __future__ import annotations

import math
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import InputError, NianbaoError

TIME_LIMIT_S = 120.0
MEMORY_LIMIT_MB = 2048
MAX_PIXELS = 16_000_000  # any one page raster (≈ four A4 pages at 200 dpi)
MIN_OCR_DPI = 100  # below this, characters of a report's size are not read reliably
# The address-space cap is the memory limit plus this: a worker reserves far more than it
# touches (libraries, thread stacks), and the resident memory is what the limit is about.
AS_HEADROOM_MB = 512
SANDBOX_FLAG = "--nianbao-sandbox"  # a frozen program started with this is a Sandbox worker


@dataclass(frozen=True)
class Limits:
    """Per-file limits. ``memory_mb`` None: no memory cap; ``time_s`` None: no time limit."""

    time_s: float | None = TIME_LIMIT_S
    memory_mb: float | None = MEMORY_LIMIT_MB


class LimitError(InputError):
    """A file's read went past a limit, or its reader died: the file is the problem.

    ``kind``: "TimeLimit", "MemoryLimit" or "WorkerDied" (as a local import records them).
    """

    def __init__(self, message: str, *, path: str | Path | None = None, kind: str = "WorkerDied"):
        super().__init__(message, path=path)
        self.kind = kind


class PageTooLargeError(NianbaoError):
    """A page whose raster would exceed MAX_PIXELS even at the lowest usable resolution."""


# ------------------------------------------------------------------ renders


def capped_scale(width_pt: float, height_pt: float, scale: float, max_pixels: int = MAX_PIXELS) -> float:
    """``scale`` (pixels per point), lowered so a width × height point area stays under ``max_pixels``."""
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    return min(scale, math.sqrt(max_pixels / area))


def ocr_scale(width_pt: float, height_pt: float, dpi: float, page: int | None = None) -> float:
    """The scale to OCR an area at: ``dpi``, lowered to fit MAX_PIXELS; PageTooLargeError below MIN_OCR_DPI."""
    scale = capped_scale(width_pt, height_pt, dpi / 72)
    if scale * 72 < MIN_OCR_DPI:
        where = f"page {page} " if page else ""
        raise PageTooLargeError(
            f"{where}is too large to read by OCR ({width_pt:.0f} × {height_pt:.0f} pt; "
            f"it would need more than {MAX_PIXELS // 1_000_000} million pixels at {MIN_OCR_DPI} dpi)"
        )
    return scale


# ------------------------------------------------------------------ inside a worker


def confine(memory_mb: float | None, parent_pid: int | None = None, sentinel: Any = None) -> None:
    """Run first in a worker: cap its memory, and make it die when its parent does.

    Linux kills the worker with its parent (PR_SET_PDEATHSIG); elsewhere a
    thread watches ``sentinel`` (a multiprocessing parent sentinel) or, lacking
    one, whether the parent is still ``parent_pid``.
    """
    if memory_mb:
        set_memory_limit(memory_mb + AS_HEADROOM_MB)
    if _pdeathsig(parent_pid):
        return
    if sentinel is not None or parent_pid is not None:
        threading.Thread(target=_watchdog, args=(sentinel, parent_pid), daemon=True,
                         name="parent-watchdog").start()


def set_memory_limit(memory_mb: float) -> bool:
    """Cap this process's address space; False where the OS has no such limit (Windows)."""
    try:
        import resource
    except ImportError:
        return False
    limit = int(memory_mb * 2**20)
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return False
    return True


def _pdeathsig(parent_pid: int | None) -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
            return False
    except (OSError, AttributeError):
        return False
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(3)  # the parent died before the signal was armed
    return True


def _watchdog(sentinel: Any, parent_pid: int | None) -> None:
    """Exit the moment the parent is gone."""
    if sentinel is not None:
        from multiprocessing.connection import wait

        wait([sentinel])
    elif os.name == "nt" and parent_pid is not None:
        if not _wait_for_process_windows(parent_pid):
            return  # cannot watch it: the time limit still ends a stray call
    else:  # macOS, BSD: an orphan is adopted by another process
        while os.getppid() == parent_pid:
            time.sleep(0.5)
    os._exit(3)


def _wait_for_process_windows(pid: int) -> bool:
    """Block until process ``pid`` ends (a handle to it becomes signalled); False if it cannot be watched."""
    import ctypes

    synchronize, infinite = 0x00100000, 0xFFFFFFFF
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return False
    try:
        kernel32.WaitForSingleObject(handle, infinite)
    finally:
        kernel32.CloseHandle(handle)
    return True


# ------------------------------------------------------------------ limited calls


def resolve(fn: Any) -> Any:
    """The function itself, for a function or a "module:function" name."""
    if isinstance(fn, str):
        import importlib

        module, _, name = fn.partition(":")
        return getattr(importlib.import_module(module), name)
    return fn


class Sandbox:
    """A worker process that runs calls on untrusted files under ``limits``, one at a time.

    ``call(fn, arg)`` returns ``fn(arg)`` (``fn`` a "module:function" name) or
    raises: the worker's NianbaoError as it was, a LimitError naming ``path``
    when the call runs past the time limit, runs out of memory or kills its
    worker. A worker past a limit is killed; the next call starts a fresh one,
    so the imports are paid once per worker, not per file. Safe from any
    thread (a GUI task, a Dask worker): the worker is a plain subprocess, not a
    multiprocessing child.
    """

    def __init__(self, limits: Limits = Limits()):
        self.limits = limits
        self.proc: Any = None  # a subprocess.Popen, or a _Forked worker

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> Any:
        if _can_fork():
            return _Forked(self.limits.memory_mb)
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent)
        # the caller's import path (as multiprocessing gives its children), the project first
        paths = [root, *(p for p in sys.path if p and os.path.isdir(p))]
        env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
        if getattr(sys, "frozen", False):  # the bundle's executable turns into the worker (packaging/launch.py)
            program = [sys.executable, SANDBOX_FLAG]
        else:
            program = [sys.executable, "-c", "from app.limits import _child; _child()"]
        proc = subprocess.Popen(
            [*program, str(os.getpid()), str(self.limits.memory_mb or 0)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        return proc

    def call(self, fn: str, arg: Any, *, path: str | Path | None = None) -> Any:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        proc = self.proc
        answer: list[Any] = []
        reader = threading.Thread(target=lambda: answer.append(_receive(proc.stdout)), daemon=True)
        try:
            _send(proc.stdin, (fn, arg))
        except OSError:
            pass  # the worker is gone: its exit code says why, below
        reader.start()
        reader.join(self.limits.time_s)
        if reader.is_alive():
            self._kill()
            raise LimitError(f"gave up after {self.limits.time_s:g} s (time limit)", path=path,
                             kind="TimeLimit")
        kind, payload = answer[0] if answer and answer[0] is not None else (None, None)
        if kind == "ok":
            return payload
        if kind == "error":
            raise payload
        code = self._kill()
        if kind == "memory":
            raise LimitError(f"ran out of memory (memory limit {self.limits.memory_mb:g} MB)", path=path,
                             kind="MemoryLimit")
        raise LimitError(f"the reader crashed (exit code {code})", path=path)

    def _kill(self) -> int | None:
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        code = proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()  # type: ignore[union-attr]
            except OSError:
                pass
        return code

    def close(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            try:
                proc.stdin.close()  # type: ignore[union-attr]  # the worker's cue to leave
                proc.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()


def run_limited(fn: str, arg: Any, limits: Limits = Limits(), *, path: str | Path | None = None) -> Any:
    """``fn(arg)`` once, in a fresh worker under ``limits`` (see Sandbox.call)."""
    with Sandbox(limits) as sandbox:
        return sandbox.call(fn, arg, path=path)


def _send(stream: Any, obj: Any) -> None:
    data = pickle.dumps(obj)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _receive(stream: Any) -> Any:
    """One message, or None at the end of the stream."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    (size,) = struct.unpack("<Q", head)
    data = stream.read(size)
    if len(data) < size:
        return None
    try:
        return pickle.loads(data)
    except Exception:
        return None


def _can_fork() -> bool:
    """Whether a worker can be forked from this process: Linux, and no other thread (a lean
    one-shot command such as ``nianbao extract``) — then it costs no interpreter start-up."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class _Forked:
    """A forked Sandbox worker, with the parts of Popen's interface the Sandbox uses."""

    def __init__(self, memory_mb: float | None):
        requests_r, requests_w = os.pipe()
        answers_r, answers_w = os.pipe()
        parent = os.getpid()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            try:
                os.close(requests_w)
                os.close(answers_r)
                out = os.fdopen(answers_w, "wb")
                os.dup2(2, 1)
                confine(memory_mb, parent)
                _serve(os.fdopen(requests_r, "rb"), out)
            finally:
                os._exit(0)
        os.close(requests_r)
        os.close(answers_w)
        self.pid = pid
        self.stdin = os.fdopen(requests_w, "wb")
        self.stdout = os.fdopen(answers_r, "rb")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(["sandbox"], timeout or 0)
            time.sleep(0.01)
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass


def _child() -> None:
    """The worker side of Sandbox (a fresh interpreter): calls from stdin, answers on stdout."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a reader prints goes to stderr, not into the answers
    parent, memory_mb = int(sys.argv[-2]), float(sys.argv[-1])
    confine(memory_mb or None, parent)
    _serve(sys.stdin.buffer, out)
    os._exit(0)


def _serve(stdin: Any, out: Any) -> None:
    """Answer calls until the requests end."""
    while (request := _receive(stdin)) is not None:
        fn, arg = request
        try:
            answer: tuple[str, Any] = ("ok", resolve(fn)(arg))
        except NianbaoError as e:
            answer = ("error", e)
        except MemoryError:
            answer = ("memory", None)
        except Exception as e:
            answer = ("error", InputError(f"cannot read: {type(e).__name__}: {e}", path=_path_of(arg)))
        try:
            _send(out, answer)
        except MemoryError:
            _send(out, ("memory", None))
        except Exception as e:  # an unpicklable result or error: its text still reaches the user
            _send(out, ("error", InputError(f"{type(e).__name__}: {e}", path=_path_of(arg))))


def _path_of(arg: Any) -> str | None:
    if isinstance(arg, str | Path):
        return str(arg)
    path = getattr(arg, "path", None)
    return None if path is None else str(path)
