"""Read a report again, with or without OCR (a recovery tool for OCR'd reports).

Goes through the importer (a worker process with the import's time and memory
limits, never pdfium on the caller's thread) with ``reextract``: cells the
reviewer has not changed take the new reading, a reviewer's value is kept and
a differing new reading is reported as a conflict (``Review.reextract``).
"""

from __future__ import annotations

import threading

from app.importer import ImportSummary, Progress, import_paths
from app.review import Review

MODES = ("auto", "force", "off")  # as extract_pdf's ocr: as imported, every page by OCR, text layer only


def reread(
    review: Review,
    doc_id: int,
    ocr: str = "auto",
    *,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> ImportSummary:
    """Read document ``doc_id``'s file again (``ocr``: one of MODES); return what the import did."""
    if ocr not in MODES:
        raise ValueError(f"ocr must be one of {MODES}, not {ocr!r}")
    path = review.source_path(doc_id)  # exactly, even a name that is not UTF-8
    return import_paths(review, [path], reextract=True, workers=1, ocr=ocr,
                        progress=progress, stop=stop)
