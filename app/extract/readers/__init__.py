"""The reader registry: which reader opens a file, by its content first.

A reader is one module here with

    FORMAT: str                         one of app.model.FORMATS
    EXTENSIONS: tuple[str, ...]         lower-case, with the dot (".html")
    sniff(head: bytes, name: str) -> bool
        whether the first HEAD bytes are this format's (magic bytes, markup);
        ``name`` is only a hint for formats with no magic of their own
    read(path: Path, options: ReadOptions) -> SourceDocument
        the source in the neutral form (app/extract/source.py); bad input
        raises an app.errors.InputError naming the file (one line)
    read_many(paths: list[Path], options) -> SourceDocument   (optional)
        several files as one report, in the order given (page images)

``reader_for(path)`` asks every reader's ``sniff`` in ``READERS`` order, then
falls back to the file's extension; a new format is a new module plus its
name in ``READERS``. A reader listed but not installed (its module missing)
is skipped.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from app.errors import InputError
from app.extract.source import SourceDocument

HEAD = 8192  # bytes a reader's sniff sees

# Content sniffing order: formats with magic bytes first, text (anything that decodes) last.
READERS = ("pdf", "image", "docx", "html", "text")


class UnknownFormatError(InputError):
    """The file is none of the formats a reader exists for."""


@dataclass(frozen=True)
class ReadOptions:
    """What the caller asks of every reader (readers ignore what does not apply)."""

    ocr: str = "auto"  # "auto" | "off" | "force": PDF and page images (app.extract.ocr.MODES)
    progress: Callable[[int, int], None] | None = None  # OCR pages done / total
    cancelled: Callable[[], bool] | None = None  # True stops OCR (OcrCancelled)


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as e:
        if e.name == f"{__name__}.{name}":
            return None
        raise


def readers() -> list[ModuleType]:
    """The installed readers, in sniffing order."""
    return [m for m in map(_module, READERS) if m is not None]


def extensions() -> tuple[str, ...]:
    """Every file extension some reader opens (for file dialogs and folder scans)."""
    return tuple(ext for m in readers() for ext in m.EXTENSIONS)


def read_bounded(path: Path, limit: int, too_large: str) -> bytes:
    """A reader's file as bytes, or one InputError line: ``too_large`` (``{0}``: its size in
    MiB) for a file over ``limit`` bytes, which no report of that format reaches."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(too_large.format(size // (1 << 20)), path=path)
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"无法读取文件：{e.strerror}", path=path) from None


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(HEAD)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("a folder, not a report file", path=path) from None
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", path=path) from None


def reader_for(path: str | Path) -> ModuleType:
    """The reader for ``path``: by content, then by extension."""
    path = Path(path)
    head = _head(path)
    if not head:
        raise InputError("the file is empty", path=path)
    mods = readers()
    for m in mods:
        if m.sniff(head, path.name):
            return m
    suffix = path.suffix.lower()
    for m in mods:
        if suffix in m.EXTENSIONS:
            return m
    raise UnknownFormatError(
        "not a report file this program reads (PDF, web page, Word, text or page image)", path=path
    )


def read(paths: Sequence[str | Path], options: ReadOptions | None = None) -> SourceDocument:
    """One report from one file, or from several page images in page order."""
    options = options or ReadOptions()
    files = [Path(p) for p in paths]
    if not files:
        raise ValueError("no file to read")
    if len(files) == 1:
        return reader_for(files[0]).read(files[0], options)
    mods = [reader_for(p) for p in files]
    first = mods[0]
    if any(m is not first for m in mods) or not hasattr(first, "read_many"):
        odd = next((p for p, m in zip(files, mods) if m is not first or not hasattr(m, "read_many")), files[0])
        raise InputError("several files make one report only when all are page images (JPG, PNG, TIFF)",
                         path=odd)
    return first.read_many(files, options)
