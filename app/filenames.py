"""File names that are not valid UTF-8 (GBK names from a Windows zip, common for these reports).

Python hands such a name over with its undecodable bytes as lone surrogates
(``surrogateescape``); SQLite, JSON and the terminal refuse those. The review
file keeps the raw bytes losslessly (``path_raw``) and shows the name decoded
as GBK where it decodes — else with � for the bytes that do not.
"""

from __future__ import annotations

import os
from pathlib import Path


def readable(text: str) -> str:
    """``text`` safe to store and print: surrogate-escaped bytes decoded as UTF-8, GBK, or replaced."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    raw = text.encode("utf-8", "surrogateescape")
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def raw_bytes(path: str | Path) -> bytes | None:
    """The path's bytes when its name is not valid UTF-8 (to store losslessly); else None."""
    text = str(path)
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError:
        return os.fsencode(text)


def from_raw(raw: bytes) -> Path:
    """The path a stored ``path_raw`` names on this system."""
    return Path(os.fsdecode(raw))

