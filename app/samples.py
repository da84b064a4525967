"""The sample review a new user opens first: the bundled sample reports, imported and checked.

They go through the importer like any other report (worker processes under
the file limits of app.limits), never through pdfium in the caller's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from app.review import Review
from resources import SAMPLES


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


class _Cancelled(threading.Event):
    """A stop event that also asks ``cancelled()`` (the caller's cancel button)."""

    def __init__(self, cancelled: Callable[[], bool] | None):
        super().__init__()
        self.cancelled = cancelled

    def is_set(self) -> bool:
        return super().is_set() or bool(self.cancelled and self.cancelled())


def fill_sample_review(
    review: Review,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Add every bundled sample report not yet in ``review``; return how many were added."""
    from app.importer import cpu_count, import_paths

    pdfs = sample_pdfs()
    summary = import_paths(
        review,
        pdfs,
        workers=min(cpu_count(), len(pdfs)),
        progress=(lambda s: progress(s.done, s.total)) if progress else None,
        stop=_Cancelled(cancelled),
    )
    return summary.imported
