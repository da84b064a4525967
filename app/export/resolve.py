"""Which document the user means: an id, or the file name it was imported under."""

from __future__ import annotations

from pathlib import Path

from app.export.common import UnknownReportError
from app.review import Review
from app.store.errors import NoSuchDocumentError


def find_report(review: Review, key: str | int) -> int:
    """The id of the document ``key`` names: its id, else its file name (or path) as imported.

    Raises :class:`UnknownReportError` when none matches, or when several
    documents share the name (the message lists their ids).
    """
    text = str(key).strip()
    if text.isdigit():
        try:
            return review.document(int(text)).id
        except NoSuchDocumentError:
            pass
    name = Path(text).name
    candidates = review.list_documents(text=name)
    found = [d for d in candidates if text in (d.name, d.path)]
    if not found:  # Windows users type names in any case
        found = [d for d in candidates if d.name.lower() == text.lower()]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise UnknownReportError(
            f"no report {text!r} in this review file (give its id or its file name; "
            "see `nianbao list`)",
            path=review.path,
        )
    ids = ", ".join(str(d.id) for d in found)
    raise UnknownReportError(
        f"{len(found)} reports are named {text!r} (ids {ids}); give the id", path=review.path
    )
