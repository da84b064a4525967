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
from contextlib import contextmanager, suppress
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.worksheet import _writer as _sheet_writer
from openpyxl.writer.excel import ExcelWriter

from app.atomic import atomic_path, temp_folder
from app.errors import NianbaoError

try:  # openpyxl streams write-only sheets through lxml when it is installed
    from lxml.etree import SerialisationError as _LxmlWriteError
except ImportError:  # pragma: no cover
    _LxmlWriteError = OSError  # type: ignore[assignment,misc]

# What writing a sheet's temporary file raises when the disk is full.
WRITE_ERRORS: tuple[type[BaseException], ...] = (OSError, _LxmlWriteError)

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
    """A temporary path to write to; renamed to ``path`` when the block ends without error.

    Through the one atomic writer (:mod:`app.atomic`): the temporary file is
    beside the target, fsync'd before the rename, and removed on failure (or,
    after a kill, by the next export into that folder).
    """
    path = check_target(path, suffix)
    try:
        with atomic_path(path) as tmp:
            yield tmp
    except ExportError:
        raise
    except WRITE_ERRORS as e:
        if getattr(e, "filename2", None) is not None:  # the rename: the target open in Excel?
            raise ExportError(
                f"cannot replace the file ({getattr(e, 'strerror', e)}); is it open?", path=path
            ) from e
        why = getattr(e, "strerror", None) or e
        raise ExportError(f"cannot write the workbook: {why}", path=path) from e


@contextmanager
def scratch_beside(path: str | Path) -> Iterator[Path]:
    """Let openpyxl's write-only sheets stream to a scratch folder beside ``path``, not /tmp.

    A killed export then leaves nothing in /tmp, and its scratch folder is
    removed by the next export into the same folder (:mod:`app.atomic`).
    """
    with temp_folder(path) as scratch, _as_export_error(path):
        original = _sheet_writer.create_temporary_file

        def create(suffix: str = "") -> str:
            f = tempfile.NamedTemporaryFile(
                mode="w+", suffix=suffix, prefix="sheet.", delete=False, dir=scratch
            )
            f.close()
            _sheet_writer.ALL_TEMP_FILES.append(f.name)
            return f.name

        _sheet_writer.create_temporary_file = create
        try:
            yield scratch
        finally:
            _sheet_writer.create_temporary_file = original


@contextmanager
def _as_export_error(path: Path | str) -> Iterator[None]:
    try:
        yield
    except ExportError:
        raise
    except WRITE_ERRORS as e:
        why = getattr(e, "strerror", None) or str(e)
        raise ExportError(
            f"无法写入工作簿的临时文件（{why}）：磁盘可能已满，请腾出空间后重试", path=path
        ) from None


def save_workbook(wb: Workbook, tmp: Path) -> None:
    """``wb.save(tmp)``, but a failed save (a full disk) closes its zip at once: no second
    error from the zip's finaliser reaches the user later."""
    archive = ZipFile(tmp, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        if wb.write_only and not wb.worksheets:
            wb.create_sheet()
        ExcelWriter(wb, archive).save()
    except BaseException:
        fp, archive.fp = archive.fp, None  # the finaliser must not write the directory again
        if fp is not None:
            with suppress(OSError):
                fp.close()
        raise
