"""A report file → Record: the cells of the three tables with stable ids.

``extract(path_or_paths)`` is the one entry point for every format: the
reader registry (app/extract/readers) picks the reader by the file's content,
the reader turns the source into the neutral form (source.py), and the one
assembler (assemble.py) names and parses the cells. ``extract_pdf`` remains
for callers that only ever read PDFs. The PDF stages are separate modules so
a wrong result can be looked at stage by stage: pdfio (validate, fast text),
locate (template, title, sections, which pages), grid (ruled cells and their
context), assign (cells → ids), numbers (text → value).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.extract.record import extract_pdf
from app.model import Record

__all__ = ["extract", "extract_pdf"]


def extract(source: str | Path | Sequence[str | Path], ocr: str = "auto",
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Record:
    """Extract the report tables of one report file of any format, or of several page images.

    ``source``: a path, or a list of paths that are the pages of one report
    (page images, in page order). ``ocr``, ``progress`` and ``cancelled`` as
    for ``extract_pdf`` (PDFs and page images). Raises an InputError subclass
    (one line naming the file) when the source is not a readable report.
    """
    from app.extract.assemble import assemble
    from app.extract.readers import ReadOptions, read

    paths = [source] if isinstance(source, (str, Path)) else list(source)
    return assemble(read(paths, ReadOptions(ocr, progress, cancelled)))
