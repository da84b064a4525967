"""Report text pasted into the workstation: kept as a text file beside the review file, then imported.

The pasted text becomes a file (``粘贴的报告/粘贴-YYYYMMDD-HHMMSS.txt`` next to
the review file) so the report has a source like any other — the source view
shows it, re-extraction reads it again, the same text pasted twice is the same
document (by content). Written through a temporary file: never half a file.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from app.errors import InputError

FOLDER = "粘贴的报告"
MAX_CHARS = 5_000_000


def save_pasted_text(text: str, review_path: str | Path, now: datetime | None = None) -> Path:
    """Write pasted ``text`` as UTF-8 beside the review file; return the new file's path."""
    if not text or not text.strip():
        raise InputError("the clipboard holds no text")
    if len(text) > MAX_CHARS:
        raise InputError(f"the pasted text is too long to be a report ({len(text)} characters)")
    folder = Path(review_path).resolve().parent / FOLDER
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(exist_ok=True)
        path = folder / f"粘贴-{stamp}.txt"
        k = 2
        while path.exists():
            path = folder / f"粘贴-{stamp}-{k}.txt"
            k += 1
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".paste-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text.replace("\r\n", "\n").replace("\r", "\n"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        raise InputError(f"cannot keep the pasted text: {e.strerror or e}", path=folder) from None
    return path
