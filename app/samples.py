"""The sample review a new user opens first: the bundled sample reports, extracted and checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.errors import NianbaoError
from app.extract import extract_pdf
from app.review import DuplicateDocumentError, Review
from resources import SAMPLES


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


def fill_sample_review(
    review: Review,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Add every bundled sample report not yet in ``review``; return how many were added."""
    pdfs = sample_pdfs()
    added = 0
    for i, pdf in enumerate(pdfs):
        if cancelled and cancelled():
            break
        try:
            review.add_record(extract_pdf(pdf), path=pdf)
            added += 1
        except DuplicateDocumentError:
            pass
        except NianbaoError as e:
            review.record_import_error(pdf, str(e))
        if progress:
            progress(i + 1, len(pdfs))
    return added
