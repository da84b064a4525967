"""The review API: the use cases the CLI and the GUI share, over one review file.

Open a file with :func:`open_review`; every operation that changes something
runs in one transaction, returns once it is on disk, and tells what it changed
(:class:`OpChanges`: the document, the cells whose value changed, the new
findings, other documents whose findings moved), so a view redraws only that.

Undo and redo belong to the audit trail: an undo is a new edit (``how='undo'``)
that reverts the newest undoable operation, a redo (``how='redo'``) re-applies
the newest undone one, and both stacks are replayed from the trail (see
:func:`undo_stacks`). Nothing is ever deleted from the trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.errors import TemplateError
from app.filenames import raw_bytes, readable
from app.model import Cell, Finding, Number, Record
from app.review.decisions import DecisionsMixin
from app.review.integrity import IntegrityMixin
from app.review.records import (
    cell_fields,
    document_fields,
    is_edited,
    record_from_rows,
    undo_stacks,
)
from app.review.register import RegisterMixin
from app.review.reviewing import ReviewingMixin
from app.review.types import (
    EXTRACT,
    NOTE,
    REVIEWER_HOWS,
    STATUS,
    STATUSES,
    Checker,
    Conflict,
    DocumentSummary,
    DuplicateDocumentError,
    Edit,
    LoadedDocument,
    OpChanges,
    ReextractResult,
)
from app.settings import reviewer_name
from app.store.db import Store
from app.store.errors import (
    CheckerMissingError,
    EditError,
    NoSuchDocumentError,
    StoreError,
    UndoConflictError,
)
from app.store.keys import agency_key, check_number, same_value, utc_now
from app.store.seal import SEAL
from app.templates import get_template


def default_checker() -> Checker:
    """The rules engine's ``check``; a clear error, never a silent no-op, when it is missing."""
    try:
        from app.rules import check
    except ImportError as e:
        raise CheckerMissingError(
            f"the rules engine (app.rules) cannot be loaded ({e}); findings cannot be computed"
        ) from e
    return check


def open_review(
    path: str | Path,
    *,
    create: bool = True,
    reviewer: str | None = None,
    checker: Checker | None = None,
    busy_timeout: float | None = None,
    readonly: bool = False,
) -> Review:
    """Open a review file (creating it unless ``create=False``), upgrade it, check unchecked documents.

    ``reviewer`` signs the audit entries; default: the settings' reviewer, else
    the OS user. ``checker`` replaces the rules engine (tests). ``readonly``
    (reading commands) opens without writing; a file on a read-only location
    is opened so by itself, and an edit then says 只读.
    """
    kwargs: dict[str, Any] = {} if busy_timeout is None else {"busy_timeout": busy_timeout}
    store = Store(path, create=create and not readonly, readonly=readonly, **kwargs)
    try:
        review = Review(store, who=reviewer or reviewer_name(), checker=checker)
        if not store.readonly:
            review.recheck(store.unchecked_document_ids())
    except BaseException:
        store.close()
        raise
    return review


class Review(RegisterMixin, DecisionsMixin, ReviewingMixin, IntegrityMixin):  # register.py, decisions.py, reviewing.py, integrity.py
    """An open review file. Use from one thread at a time; several processes may share the file."""

    def __init__(self, store: Store, *, who: str, checker: Checker | None = None):
        self.store = store
        self.who = who
        self._checker = checker
        self.default_checker = checker is None  # findings made elsewhere by app.rules are valid here

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Review:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = default_checker()
        return self._checker

    # ------------------------------------------------------------ reading

    def list_documents(
        self,
        *,
        status: str | None = None,
        has_errors: bool | None = None,
        has_warnings: bool | None = None,
        agency: str | None = None,
        year: int | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DocumentSummary]:
        """Documents matching every filter given, by id, with their error and warning counts.

        ``agency`` matches part of the normalised agency name; ``text`` part of
        the file name, path, agency or note, or a whole sha256.
        """
        if status is not None and status not in STATUSES:
            raise StoreError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        rows = self.store.list_documents(
            DocumentSummary.fields(),
            status=status,
            has_errors=has_errors,
            has_warnings=has_warnings,
            agency=None if agency is None else (agency_key(agency) or ""),
            year=year,
            text=text,
            limit=limit,
            offset=offset,
        )
        return [DocumentSummary(*r) for r in rows]

    def document(self, doc_id: int) -> DocumentSummary:
        return DocumentSummary.from_row(self._document_row(doc_id))

    def find(self, sha256: str) -> int | None:
        """The id of the document with this content, if imported."""
        return self.store.document_id_for_sha(sha256)

    def load_document(self, doc_id: int) -> LoadedDocument:
        """A document's record with current values, its extracted values and its findings."""
        with self.store.read():
            row = self._document_row(doc_id)
            cells = self.store.cell_rows(doc_id)
            findings = [Finding.from_json(f) for f in self.store.finding_rows(doc_id)]
            edits = self.store.edit_rows(doc_id)
            undo, redo = undo_stacks(edits)
            previous = self._previous_id(row)
        extracted = {c["cell"]: c["extracted"] for c in cells if c["origin"] == "extracted"}
        return LoadedDocument(
            summary=DocumentSummary.from_row(row),
            record=record_from_rows(row, cells),
            extracted=extracted,
            edited=frozenset(c["cell"] for c in cells if is_edited(c)),
            findings=findings,
            can_undo=self._own_top(edits, undo),
            can_redo=self._own_top(edits, redo),
            previous_id=previous,
        )

    def record(self, doc_id: int, *, extracted: bool = False) -> Record:
        """A document's record: current values, or as extracted."""
        with self.store.read():
            row = self._document_row(doc_id)
            return record_from_rows(row, self.store.cell_rows(doc_id), extracted=extracted)

    def previous_record(self, doc_id: int) -> Record | None:
        """The same body's record of the year before (current values), if imported."""
        with self.store.read():
            prev = self._previous_id(self._document_row(doc_id))
            return None if prev is None else self.record(prev)

    def previous_id(self, doc_id: int) -> int | None:
        """The id of the same body's report of the year before, if imported."""
        return self._previous_id(self._document_row(doc_id))

    def history(self, doc_id: int | None = None, *, seals: bool = False) -> list[Edit]:
        """The audit trail, oldest first: one document's, or the whole file's (seals: see
        app/store/seal.py; left out unless asked for — they are the file's, not a reviewer's)."""
        rows = self.store.edit_rows(doc_id)
        return [Edit(**e) for e in rows if seals or e["cell"] != SEAL]

    def import_errors(self) -> list[dict[str, Any]]:
        return self.store.import_error_rows()

    # ------------------------------------------------------------ editing

    def apply_edit(
        self,
        doc_id: int,
        cell: str,
        value: Number | None,
        *,
        how: str = "manual",
        reason: str | None = None,
    ) -> OpChanges:
        """Set one cell's current value; durable on return. Setting the current value changes nothing."""
        return self.apply_edits(doc_id, {cell: value}, how=how, reason=reason)

    def apply_edits(
        self,
        doc_id: int,
        values: Mapping[str, Number | None],
        *,
        how: str = "manual",
        reason: str | None = None,
    ) -> OpChanges:
        """Set several cells in one operation (undone together); durable on return."""
        if how not in REVIEWER_HOWS:
            raise EditError(f"an edit is {' or '.join(REVIEWER_HOWS)}, not {how!r}")
        with self.store.write():
            row = self._document_row(doc_id)
            clean = {cell: self._valid_value(row, cell, v) for cell, v in values.items()}
            return self._set_values(row, clean, how=how, reason=reason)

    def undo(self, doc_id: int) -> OpChanges:
        """Revert the document's newest undoable operation (a new audit entry); empty if none."""
        return self._step(doc_id, "undo")

    def redo(self, doc_id: int) -> OpChanges:
        """Re-apply the document's newest undone operation (a new audit entry); empty if none."""
        return self._step(doc_id, "redo")

    def undo_state(self, doc_id: int) -> tuple[bool, bool]:
        """(can undo, can redo) for the document."""
        edits = self.store.edit_rows(doc_id)
        undo, redo = undo_stacks(edits)
        return self._own_top(edits, undo), self._own_top(edits, redo)

    def _own_top(self, edits: list[dict[str, Any]], stack: list[int]) -> bool:
        """Whether the operation on top of ``stack`` is this reviewer's (only those are undone)."""
        return bool(stack) and all(e["who"] == self.who for e in edits if e["op"] == stack[-1])

    def set_status(self, doc_id: int, status: str, *, override: str | None = None) -> OpChanges:
        """Move the document to new / in_review / approved, signed by the reviewer.

        Approval is refused while findings are 待定, unless ``override`` gives the reason (logged).
        """
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        with self.store.write():
            row = self._document_row(doc_id)
            if row["status"] == status:
                return OpChanges(doc_id)
            reason = self._approval_reason(doc_id, status, override)
            ids = self.store.append_edits(
                [self._entry(doc_id, STATUS, row["status"], status, "manual", reason=reason)]
            )
            self.store.update_document(doc_id, {"status": status, "reviewer": self.who})
            related: list[int] = []
            if "approved" in (status, row["status"]) and row["agency_key"] and row["year"]:
                # an approved report is the one the next year compares with: recheck that year
                for other in self.store.same_body_ids(row["agency_key"], row["year"] + 1, doc_id):
                    self._recheck(other)
                    related.append(other)
            return OpChanges(doc_id, status=status, related=tuple(related), edits=tuple(ids))

    def set_note(self, doc_id: int, note: str | None) -> OpChanges:
        """Replace the document's note (None or '' clears it)."""
        note = note or None
        with self.store.write():
            row = self._document_row(doc_id)
            if row["note"] == note:
                return OpChanges(doc_id)
            ids = self.store.append_edits([self._entry(doc_id, NOTE, row["note"], note, "manual")])
            self.store.update_document(doc_id, {"note": note})
            return OpChanges(doc_id, note=True, edits=tuple(ids))

    # ------------------------------------------------------------ import

    def add_record(
        self, record: Record, *, path: str | Path | None = None, findings: list[Finding] | None = None
    ) -> OpChanges:
        """Store a newly extracted report with its findings; raise DuplicateDocumentError if present.

        ``findings``: the record's own, made by app.rules in an import worker; used as they are
        unless a previous year's report is in the file (then the cross-year checks need it).
        """
        sha = record.source.sha256
        if not sha:
            raise StoreError(
                "a record without a sha256 cannot be stored", path=path or record.source.path
            )
        raw = raw_bytes(path or record.source.path)
        path = readable(str(path or record.source.path))
        now = utc_now()
        with self.store.write():
            if self.store.document_id_for_sha(sha) is not None:
                raise DuplicateDocumentError("already in the review file", path=path)
            doc_id = self.store.insert_document(
                {
                    "sha256": sha,
                    "path": path,
                    "path_raw": raw,
                    "name": Path(path).name,
                    "imported_at": now,
                    "imported_by": self.who,
                    **document_fields(record, now),
                }
            )
            self.store.insert_cells(
                doc_id, (cell_fields(c, cell) for cell, c in record.cells.items())
            )
            return self._recheck_with_related(
                self._document_row(doc_id), frozenset(record.cells), (), findings=findings
            )

    def reextract(
        self, doc_id: int, record: Record, *, path: str | Path | None = None
    ) -> ReextractResult:
        """Refresh a document's extracted values from a new extraction.

        Cells the reviewer has not changed take the new values (each change is
        an audit entry, ``how='reextract'``); a cell the reviewer changed keeps
        the reviewer's value, and a new reading that differs from both the old
        one and the reviewer's is reported as a conflict (an unchanged reading
        is not news: the reviewer already overrode it). The re-extraction
        itself is an entry on ``@extract``, and an undo barrier.
        """
        now = utc_now()
        with self.store.write():
            row = self._document_row(doc_id)
            old_cells = {c["cell"]: c for c in self.store.cell_rows(doc_id)}
            values, conflicts = self._merge_extraction(doc_id, old_cells, record.cells)
            fields = document_fields(record, now)
            if path is not None:
                shown = readable(str(path))
                fields |= {"path": shown, "name": Path(shown).name, "path_raw": raw_bytes(path)}
            self.store.update_document(doc_id, fields)
            reason = f"{len(values)} value(s) refreshed, {len(conflicts)} conflict(s) kept the reviewer's value"
            entries = [
                self._entry(doc_id, EXTRACT, row["extracted_at"], now, "reextract", reason=reason)
            ]
            entries += [
                self._entry(doc_id, c, old, new, "reextract") for c, (old, new) in values.items()
            ]
            ids = self.store.append_edits(entries)
            self.store.seal(doc_id, who=self.who, reason="重新提取后封存提取记录")
            changes = self._recheck_with_related(
                self._document_row(doc_id), frozenset(values), ids, also=row
            )
        return ReextractResult(changes, conflicts)

    def record_import_error(
        self, path: str | Path, message: str, *, sha256: str | None = None, kind: str | None = None
    ) -> int:
        """Log a file that could not be imported (a name that is not UTF-8 kept losslessly)."""
        shown = readable(str(path))
        with self.store.write():
            return self.store.add_import_error(
                {
                    "path": shown,
                    "path_raw": raw_bytes(path),
                    "name": Path(shown).name,
                    "sha256": sha256,
                    "at": utc_now(),
                    "message": readable(message),
                    "kind": kind,
                }
            )

    def recheck(self, doc_ids: Iterable[int] | None = None, *, batch: int = 100) -> int:
        """Recompute findings (all documents by default, e.g. after a rules update); return how many."""
        ids = list(self.store.all_document_ids() if doc_ids is None else doc_ids)
        for start in range(0, len(ids), batch):
            with self.store.write():
                for doc_id in ids[start : start + batch]:
                    self._recheck(doc_id)
        return len(ids)

    # ------------------------------------------------------------ internals

    def _document_row(self, doc_id: int) -> dict[str, Any]:
        row = self.store.document_row(doc_id)
        if row is None:
            raise NoSuchDocumentError(f"no document #{doc_id} in this review file", path=self.path)
        return row

    def _previous_id(self, row: Mapping[str, Any]) -> int | None:
        if not row["agency_key"] or row["year"] is None:
            return None
        ids = self.store.same_body_ids(row["agency_key"], row["year"] - 1, row["id"])
        return ids[0] if ids else None

    def _entry(
        self,
        doc_id: int,
        cell: str,
        old: Any,
        new: Any,
        how: str,
        *,
        reason: str | None = None,
        reverts: int | None = None,
    ) -> dict[str, Any]:
        return {
            "document_id": doc_id,
            "cell": cell,
            "old_value": old,
            "new_value": new,
            "who": self.who,
            "at": utc_now(),
            "how": how,
            "reason": reason,
            "reverts": reverts,
        }

    def _valid_value(self, row: Mapping[str, Any], cell: str, value: Any) -> Number | None:
        try:
            value = check_number(value)
        except ValueError as e:
            raise EditError(f"{cell}: {e}") from e
        try:
            template = get_template(row["template"])
        except TemplateError:
            template = None
        if template is not None:
            if cell not in template.cell_ids():
                raise EditError(f"{cell}: not a cell of template {row['template']}")
            if template.kind(cell) in ("count", "signed") and isinstance(value, float):
                if not value.is_integer():
                    raise EditError(f"{cell}: a count is a whole number, not {value}")
                value = int(value)
        elif self.store.cell_row(row["id"], cell) is None:
            raise EditError(f"{cell}: no such cell in this document")
        return value

    def _step(self, doc_id: int, how: str) -> OpChanges:
        """Undo or redo: write back the old or the new values of the operation on top of its stack."""
        with self.store.write():
            row = self._document_row(doc_id)
            edits = self.store.edit_rows(doc_id)
            undo, redo = undo_stacks(edits)
            stack = undo if how == "undo" else redo
            if not stack:
                return OpChanges(doc_id)
            op = [e for e in edits if e["op"] == stack[-1]]
            others = sorted({e["who"] for e in op} - {self.who})
            if others:  # several reviewers share the file: undo only one's own work
                verb = "撤销" if how == "undo" else "重做"
                raise UndoConflictError(
                    f"文档 #{doc_id} 最近一次可{verb}的修改是 {'、'.join(others)} 做的（{op[0]['at']}），"
                    f"不是 {self.who} 的：只能{verb}自己的修改；如需更改，请直接改写该单元格",
                    path=self.path,
                )
            if how == "undo":
                values = {e["cell"]: e["old_value"] for e in reversed(op)}
            else:
                values = {e["cell"]: e["new_value"] for e in op}
            return self._set_values(row, values, how=how, reverts=stack[-1], force=True)

    def _set_values(
        self,
        row: Mapping[str, Any],
        values: Mapping[str, Number | None],
        *,
        how: str,
        reason: str | None = None,
        reverts: int | None = None,
        force: bool = False,
    ) -> OpChanges:
        """Write values as one audited operation (inside a write); ``force`` logs unchanged cells too."""
        doc_id = row["id"]
        entries, changed = [], set()
        for cell, value in values.items():
            current = self.store.cell_row(doc_id, cell)
            old = None if current is None else current["value"]
            if same_value(old, value) and not force:
                continue
            entries.append(
                self._entry(doc_id, cell, old, value, how, reason=reason, reverts=reverts)
            )
            if same_value(old, value):
                continue
            changed.add(cell)
            if current is None:
                self.store.insert_cells(doc_id, [{**cell_fields(None, cell), "value": value}])
            else:
                self.store.update_cell(doc_id, cell, {"value": value})
        if not entries:
            return OpChanges(doc_id)
        ids = self.store.append_edits(entries)
        return self._recheck_with_related(row, frozenset(changed), ids)

    def _merge_extraction(
        self, doc_id: int, old_cells: Mapping[str, Mapping[str, Any]], new_cells: Mapping[str, Cell]
    ) -> tuple[dict[str, tuple[Any, Any]], list[Conflict]]:
        """Write a new extraction over the old one; return the value changes and the conflicts."""
        values: dict[str, tuple[Any, Any]] = {}
        conflicts: list[Conflict] = []
        for cell, c in new_cells.items():
            old = old_cells.get(cell)
            fields = cell_fields(c, cell)
            if old is None:
                self.store.insert_cells(doc_id, [fields])
                if c.value is not None:
                    values[cell] = (None, c.value)
                continue
            if is_edited(old):
                del fields["value"]
                news = not same_value(old["extracted"], c.value)  # not what the reviewer overrode
                if news and not same_value(old["value"], c.value):
                    conflicts.append(
                        Conflict(doc_id, cell, old["value"], old["extracted"], c.value)
                    )
            elif not same_value(old["value"], c.value):
                values[cell] = (old["value"], c.value)
            self.store.update_cell(doc_id, cell, fields)
        for cell, old in old_cells.items():
            if cell in new_cells or old["origin"] == "reviewer":
                continue
            if is_edited(old):  # the value now stands only by the reviewer's word
                conflicts.append(Conflict(doc_id, cell, old["value"], old["extracted"], None))
                self.store.update_cell(
                    doc_id, cell, {**cell_fields(None, cell), "value": old["value"]}
                )
            else:
                self.store.delete_cell(doc_id, cell)
                if old["value"] is not None:
                    values[cell] = (old["value"], None)
        return values, conflicts

    def _recheck(self, doc_id: int, made: list[Finding] | None = None) -> tuple[list[Finding], int, int]:
        """Recompute and store one document's findings (inside a write); ``made``: already computed
        without a previous year (used when there is none and the checker is the default)."""
        row = self._document_row(doc_id)
        prev_id = self._previous_id(row)
        record = record_from_rows(row, self.store.cell_rows(doc_id))
        if made is not None and prev_id is None and self.default_checker:
            findings = list(made)
        else:
            previous = None if prev_id is None else self.record(prev_id)
            findings = list(self.checker(record, previous=previous))
        findings += self._campaign_findings(row, record)  # timeliness, parent_units (register)
        errors, warnings = self.store.replace_findings(
            doc_id, [f.to_json() for f in findings], checked_at=utc_now()
        )
        self._count_open(doc_id, record, findings)
        return findings, errors, warnings

    def _recheck_with_related(
        self,
        row: Mapping[str, Any],
        cells: frozenset[str],
        ids: Iterable[int],
        *,
        also: Mapping[str, Any] | None = None,
        findings: list[Finding] | None = None,
    ) -> OpChanges:
        """Recheck a document and the same body's next-year reports (whose cross-year warnings depend on it)."""
        doc_id = row["id"]
        findings, errors, warnings = self._recheck(doc_id, findings)
        related: list[int] = []
        for r in (row, also) if also else (row,):
            if r["agency_key"] and r["year"] is not None:
                for other in self.store.same_body_ids(r["agency_key"], r["year"] + 1, doc_id):
                    if other not in related:
                        self._recheck(other)
                        related.append(other)
        for other in self._campaign_related(row):  # the parent's report sums this one
            if other != doc_id and other not in related:
                self._recheck(other)
                related.append(other)
        return OpChanges(
            doc_id,
            cells=cells,
            findings=tuple(findings),
            errors=errors,
            warnings=warnings,
            related=tuple(related),
            edits=tuple(ids),
        )
