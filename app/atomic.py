"""The one atomic writer: a file appears whole under its name, or not at all.

The content is written to a temporary file in the target's own folder (a
rename across file systems would not be atomic, and nothing is left in /tmp),
flushed to disk (``fsync``), then renamed over the target, and the folder is
synced so the rename itself survives a power cut. A failed or cancelled write
removes its temporary file; one left by a killed process (its name carries
the process id) is removed by the next write into that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".nianbao-tmp-"
_STALE = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")


def temp_name_prefix(path: Path) -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{path.name}."


def remove_stale_temps(folder: Path) -> int:
    """Remove temporary files of writers that died (killed) in ``folder``; return how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        m = _STALE.match(name)
        if not m or _alive(int(m.group(1))):
            continue
        target = folder / name
        try:
            if target.is_dir():
                for child in target.iterdir():
                    child.unlink()
                target.rmdir()
            else:
                target.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's, still running
    return True


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system lets a folder be opened
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; on success synced and renamed over it.

    Raises OSError as the system gives it (callers word it for the user).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temps(folder)
    fd, name = tempfile.mkstemp(dir=folder, prefix=temp_name_prefix(path), suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        if mode is None:
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def temp_folder(near: str | Path) -> Iterator[Path]:
    """A private scratch folder beside ``near`` (removed afterwards; by the next write if killed)."""
    near = Path(near)
    folder = near.parent if str(near.parent) else Path(".")
    scratch = Path(tempfile.mkdtemp(dir=folder, prefix=temp_name_prefix(near)))
    try:
        yield scratch
    finally:
        for child in scratch.iterdir():
            with contextlib.suppress(OSError):
                child.unlink()
        with contextlib.suppress(OSError):
            scratch.rmdir()


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically and durably."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
