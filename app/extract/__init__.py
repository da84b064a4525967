"""Report PDF → Record: the cells of the three tables with stable ids.

``extract_pdf`` is the one entry point. The stages are separate modules so a
wrong result can be looked at stage by stage: pdfio (validate, fast text),
locate (template, title, sections, which pages), grid (ruled cells and their
context), assign (cells → ids), numbers (text → value).
"""

from __future__ import annotations

from app.extract.record import extract_pdf

__all__ = ["extract_pdf"]
