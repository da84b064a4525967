"""What every export shares: its errors, progress and cancelling, and the atomic write.

An export never leaves a half-written file under the name asked for: the
workbook is saved to a temporary file beside the target and renamed over it
only once complete, so a cancelled, failed or killed export leaves either the
old file or none.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import NianbaoError

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]  # True: stop as soon as possible


class ExportError(NianbaoError):
    """An export cannot run or cannot be written (an unknown report, an unwritable path)."""


class UnknownReportError(ExportError):
    """No document in the review file has that id or file name (or several share the name)."""


class ExportCancelled(ExportError):
    """The export was cancelled; nothing was written under the target name."""


class Ticker:
    """Reports progress at most every ``interval`` seconds (first and last always) and checks for a cancel."""

    def __init__(
        self,
        total: int,
        progress: Progress | None,
        cancel: CancelCheck | None,
        *,
        interval: float = 0.1,
    ):
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancel = cancel
        self._interval = interval
        self._last = -1.0

    def step(self, n: int = 1) -> None:
        """Count ``n`` units done; raise :class:`ExportCancelled` if asked to stop."""
        if self._cancel is not None and self._cancel():
            raise ExportCancelled("export cancelled")
        self.done = min(self.total, self.done + n)
        if self._progress is None:
            return
        now = time.monotonic()
        if self.done >= self.total or self._last < 0 or now - self._last >= self._interval:
            self._last = now
            self._progress(self.done, self.total)

    def start(self) -> None:
        self.step(0)

    def finish(self) -> None:
        """Report the end: the work is done (and written), too late to cancel."""
        self.done = self.total
        if self._progress is not None:
            self._progress(self.total, self.total)


def check_target(path: str | Path, suffix: str = ".xlsx") -> Path:
    """The output path, if a ``suffix`` file can be written there; else an :class:`ExportError`."""
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise ExportError(f"the output must be an {suffix} file", path=path)
    if path.is_dir():
        raise ExportError("is a folder, not a file", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"no such folder: {folder}", path=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write in {folder}", path=path)
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError("the file exists and cannot be replaced", path=path)
    return path


@contextmanager
def atomic_target(path: str | Path, suffix: str = ".xlsx") -> Iterator[Path]:
    """A temporary path to write to; renamed to ``path`` when the block ends without error."""
    path = check_target(path, suffix)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f"{suffix}.tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        try:
            os.replace(tmp, path)
        except OSError as e:  # e.g. the target is open in Excel on Windows
            raise ExportError(
                f"cannot replace the file ({e.strerror}); is it open?", path=path
            ) from e
    except OSError as e:
        raise ExportError(f"cannot write the workbook: {e}", path=path) from e
    finally:
        if tmp.exists():
            tmp.unlink()
