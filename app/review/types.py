"""What the review API hands back: plain data a view can keep (snapshots, not live rows)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.model import Finding, Number, Record
from app.store.errors import StoreError

STATUSES = ("new", "in_review", "approved", "returned", "doubtful")  # returned 退回, doubtful 存疑
REVIEWER_HOWS = ("manual", "suggestion")  # how a reviewer's own edit came about
STATUS, NOTE, EXTRACT = "@status", "@note", "@extract"  # trail entries for document fields

Checker = Callable[..., list[Finding]]  # check(record, previous=None) -> findings


class DuplicateDocumentError(StoreError):
    """A report with the same content (sha256) is already in the review file."""


@dataclass(slots=True)  # not frozen: a frozen dataclass builds 20× slower, and lists are long
class DocumentSummary:
    """One row of the document list: a snapshot, changing it changes nothing stored."""

    id: int
    sha256: str
    path: str
    name: str
    pages: int
    template: str
    agency: str | None
    year: int | None
    status: str
    errors: int | None  # None: not checked yet
    warnings: int | None
    reviewer: str | None
    note: str | None
    imported_at: str
    imported_by: str | None
    extracted_at: str
    open_findings: int | None = None  # findings without a reviewer's decision; None: not checked

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(cls.__dataclass_fields__)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> DocumentSummary:
        return cls(**{f: row[f] for f in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


@dataclass(frozen=True)
class Edit:
    """One entry of the audit trail."""

    id: int
    document_id: int
    cell: str  # a cell id, or @status / @note / @extract for document fields
    old_value: Any
    new_value: Any
    who: str
    at: str  # UTC, ISO 8601
    how: str  # manual | suggestion | undo | redo | reextract
    reason: str | None
    op: int  # the operation: the id of its first edit
    reverts: int | None  # undo/redo: the operation undone or redone
    hash: str


@dataclass(frozen=True)
class OpChanges:
    """What one operation changed, so views redraw only that."""

    document_id: int
    cells: frozenset[str] = frozenset()  # cells whose current value changed
    findings: tuple[Finding, ...] | None = None  # the document's findings, if recomputed
    errors: int | None = None
    warnings: int | None = None
    status: str | None = None  # the new status, if it changed
    note: bool = False  # the note changed
    related: tuple[int, ...] = ()  # other documents whose findings were recomputed
    edits: tuple[int, ...] = ()  # the audit entries written
    decisions: frozenset[str] = frozenset()  # finding keys whose decision changed
    open_findings: int | None = None  # findings still 待定 after the operation, if counted

    @property
    def empty(self) -> bool:
        return not self.edits


@dataclass
class LoadedDocument:
    """A document as the review screen shows it."""

    summary: DocumentSummary
    record: Record  # current values (the reviewer's where edited)
    extracted: dict[str, Number | None]  # the extracted value of every extracted cell
    edited: frozenset[str]  # cells whose current value differs from the extracted one
    findings: list[Finding]
    can_undo: bool
    can_redo: bool
    previous_id: int | None  # the same body's report of the year before


@dataclass(frozen=True)
class Conflict:
    """A re-extraction found a new value for a cell the reviewer had changed; theirs was kept."""

    document_id: int
    cell: str
    current: Number | None
    extracted_before: Number | None
    extracted_now: Number | None  # None also when the cell is no longer extracted


@dataclass
class ReextractResult:
    changes: OpChanges
    conflicts: list[Conflict] = field(default_factory=list)
