"""Reviewing use cases beyond editing cells: approving with open errors, failed imports still open.

A mixin of :class:`app.review.Review` (it uses the store and the entry builder
of the class it is mixed into). Approving a report whose tables still break an
identity needs a reason, written with the status change into the audit trail.

Which errors are still *open* is decided in one place, :meth:`open_errors`:
today every error finding; once findings carry decisions, only the undecided
ones (filter them there and every caller follows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.model import Finding
from app.review.types import STATUS, OpChanges
from app.store.errors import EditError, StoreError
from app.store.keys import agency_key

if TYPE_CHECKING:
    from app.store.db import Store

APPROVED = "approved"
AGENCY, YEAR = "@agency", "@year"  # trail entries for the report's details
CONFIRM = "@confirm"  # a cell confirmed as printed: new_value names it, old_value its OCR confidence
CONFIRMED = 1.0  # the confidence of a reading a reviewer compared with the page
YEARS = range(2000, 2101)


class OpenErrorsError(StoreError):
    """Approving a report that still breaks an identity needs a reason."""

    def __init__(self, message: str, *, count: int, path: Any = None):
        super().__init__(message, path=path)
        self.count = count


@dataclass(frozen=True)
class ImportFailure:
    """A file whose newest import attempt failed and which is not in the review file since."""

    id: int
    path: str
    name: str
    at: str  # UTC, ISO 8601
    message: str
    kind: str | None
    attempts: int  # failed attempts recorded for this path


class ReviewingMixin:
    store: Store
    who: str

    # supplied by Review
    def _document_row(self, doc_id: int) -> dict[str, Any]: ...  # pragma: no cover
    def _entry(self, *args: Any, **kwargs: Any) -> dict[str, Any]: ...  # pragma: no cover
    def _recheck_with_related(self, *args: Any, **kwargs: Any) -> OpChanges: ...  # pragma: no cover

    def set_details(
        self, doc_id: int, *, agency: str | None = None, year: int | None = None, reason: str | None = None
    ) -> OpChanges:
        """Correct the agency and/or year read from a report (OCR misreads them); audited, and the
        report and the same bodies' next-year reports are checked again (the previous-year link moves)."""
        fields: dict[str, Any] = {}
        with self.store.write():
            row = self._document_row(doc_id)
            entries = []
            if agency is not None:
                agency = agency.strip()
                if not agency:
                    raise EditError("the agency cannot be empty", path=row["path"])
                if agency != row["agency"]:
                    fields |= {"agency": agency, "agency_key": agency_key(agency)}
                    entries.append(self._entry(doc_id, AGENCY, row["agency"], agency, "manual", reason=reason))
            if year is not None:
                if int(year) not in YEARS:
                    raise EditError(f"{year} is not a report year", path=row["path"])
                if int(year) != row["year"]:
                    fields["year"] = int(year)
                    entries.append(self._entry(doc_id, YEAR, row["year"], int(year), "manual", reason=reason))
            if not entries:
                return OpChanges(doc_id)
            ids = self.store.append_edits(entries)
            self.store.update_document(doc_id, fields)
            return self._recheck_with_related(self._document_row(doc_id), frozenset(), ids, also=row)

    def confirm_as_printed(self, doc_id: int, cells: list[str]) -> OpChanges:
        """The reviewer compared these uncertain OCR readings with the page: they stand as printed.

        Their confidence becomes certain (the ``ocr_uncertain`` warning goes), one
        ``@confirm`` audit entry per cell keeps what it was. Cells not read by OCR,
        or already certain, are left alone.
        """
        with self.store.write():
            row = self._document_row(doc_id)
            entries = []
            for cell in cells:
                current = self.store.cell_row(doc_id, cell)
                if current is None or current["confidence"] is None or current["confidence"] >= CONFIRMED:
                    continue
                entries.append(self._entry(doc_id, CONFIRM, current["confidence"], cell, "manual",
                                           reason="对照原件确认为原印数值"))
                self.store.update_cell(doc_id, cell, {"confidence": CONFIRMED})
            if not entries:
                return OpChanges(doc_id)
            ids = self.store.append_edits(entries)
            return self._recheck_with_related(row, frozenset(), ids)

    def open_errors(self, doc_id: int) -> list[Finding]:
        """The document's error findings still open: the one place that decides what counts."""
        return [kf.finding for kf in self.open_findings(doc_id) if kf.finding.severity == "error"]

    def approve(self, doc_id: int, *, reason: str | None = None) -> OpChanges:
        """Approve a report; with open errors only with a reason, which the audit trail keeps."""
        reason = (reason or "").strip() or None
        with self.store.write():
            row = self._document_row(doc_id)
            if row["status"] == APPROVED:
                return OpChanges(doc_id)
            n = len(self.open_findings(doc_id))  # undecided findings (decisions.py)
            if n and reason is None:
                raise OpenErrorsError(
                    f"report #{doc_id} still has {n} open error(s); approving it needs a reason",
                    count=n,
                    path=row["path"],
                )
            if n:
                reason = f"有 {n} 项问题待定时通过：{reason}"  # shown as is in the audit sheet
            ids = self.store.append_edits(
                [self._entry(doc_id, STATUS, row["status"], APPROVED, "manual", reason=reason)]
            )
            self.store.update_document(doc_id, {"status": APPROVED, "reviewer": self.who})
            return OpChanges(doc_id, status=APPROVED, edits=tuple(ids))

    def open_import_failures(self) -> list[ImportFailure]:
        """Files whose newest import attempt failed, not imported since (by path or content), oldest first."""
        rows = self.store.import_error_rows()  # append-only log: resolved ones stay, hidden here
        newest: dict[str, dict[str, Any]] = {}
        attempts: dict[str, int] = {}
        for r in rows:
            newest[r["path"]] = r
            attempts[r["path"]] = attempts.get(r["path"], 0) + 1
        if not newest:
            return []
        with self.store.read():
            known_shas = self.store.known_shas()
            known_paths = {p for (p,) in self.store.list_documents(("path",))}
        out = []
        for path, r in newest.items():
            if path in known_paths or (r["sha256"] and r["sha256"] in known_shas):
                continue
            out.append(ImportFailure(r["id"], path, r["name"], r["at"], r["message"], r["kind"], attempts[path]))
        return sorted(out, key=lambda f: f.id)


def failure_matches(f: ImportFailure, text: str | None) -> bool:
    """Whether a search text (as ``list_documents(text=…)``) finds a failed import: in its path or reason."""
    text = (text or "").strip().lower()
    return not text or text in f.path.lower() or text in f.message.lower()
