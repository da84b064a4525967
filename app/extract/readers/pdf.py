"""PDF reports (text layer, scans, tables pasted as pictures): the geometric pipeline of record.py.

Which pages need OCR is decided by what the naming finds on them, so this
reader runs the whole PDF pipeline (pdfio → locate → pdfpage/ocr → grid →
assign, the same LabelMatcher and value parser as every format) and hands the
assembler the finished record; each cell's anchor is its page box.
"""

from __future__ import annotations

from pathlib import Path

from app.extract.readers import ReadOptions
from app.extract.source import SourceDocument

FORMAT = "pdf"
EXTENSIONS = (".pdf",)


def sniff(head: bytes, name: str) -> bool:
    return b"%PDF-" in head[:1024]


def read(path: Path, options: ReadOptions) -> SourceDocument:
    from app.extract.record import extract_pdf

    record = extract_pdf(path, ocr=options.ocr, progress=options.progress, cancelled=options.cancelled)
    return SourceDocument(str(path), FORMAT, record.source.sha256, record.source.pages, record=record)
