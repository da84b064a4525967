"""Checks every reader makes before opening an input file it was given.

Opening a FIFO (or a device) named ``report.pdf`` blocks forever, or reads
without end; a reader asks :func:`require_regular_file` first — ``stat``
never blocks — and answers with one line instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.errors import InputError


def require_regular_file(path: str | Path) -> Path:
    """``path`` if it names a regular file (after symlinks); an InputError naming it otherwise."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", path=path) from None
    if stat.S_ISDIR(mode):
        raise InputError("is a folder, not a PDF file", path=path)
    if not stat.S_ISREG(mode):
        kind = "命名管道（FIFO）" if stat.S_ISFIFO(mode) else "设备或套接字"
        raise InputError(f"不是普通文件，而是{kind}：无法作为报告读取", path=path)
    return path
