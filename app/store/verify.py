"""``nianbao verify``: is the review file sound, and is its audit trail intact?

Three checks, cheapest first: SQLite's own ``integrity_check`` and foreign
keys; the hash chain of the trail (the first broken link is reported); and
that the current values agree with the trail — every cell holds the new value
of its newest edit (or its extracted value when it was never edited), and the
status and note of every document are those its trail last set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.store.chain import GENESIS, edit_hash
from app.store.db import Store
from app.store.decided import decisions_disagreeing_with_trail

MAX_PROBLEMS = 20  # enough to act on; the first is what matters


@dataclass
class VerifyReport:
    edits: int = 0  # entries in the trail
    head: str = GENESIS  # hash of the newest entry: note it to detect a rewritten tail later
    integrity: list[str] = field(default_factory=list)  # SQLite's messages; ["ok"] when sound
    broken_at: int | None = None  # id of the first edit whose hash does not match
    broken_reason: str | None = None
    problems: list[str] = field(default_factory=list)  # current values the trail does not explain

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and self.broken_at is None and not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "edits": self.edits,
            "head": self.head,
            "integrity": self.integrity,
            "broken_at": self.broken_at,
            "broken_reason": self.broken_reason,
            "problems": self.problems,
        }


def verify_store(store: Store) -> VerifyReport:
    report = VerifyReport()
    with store.read():
        report.integrity = store.integrity_check()
        for table, rowid, parent, _ in store.foreign_key_problems()[:MAX_PROBLEMS]:
            report.problems.append(f"{table} row {rowid} points to a missing {parent} row")
        _check_chain(store, report)
        _check_values(store, report)
    del report.problems[MAX_PROBLEMS:]
    return report


def _check_chain(store: Store, report: VerifyReport) -> None:
    prev = GENESIS
    for edit in store.iter_edits():
        report.edits += 1
        if report.broken_at is not None:
            continue  # keep counting
        expected = edit_hash(prev, edit)
        if edit["hash"] != expected:
            report.broken_at = edit["id"]
            report.broken_reason = (
                f"edit #{edit['id']} (document {edit['document_id']}, {edit['cell']}) does not match "
                "its hash: it, or the edit before it, was changed, inserted or deleted"
            )
        prev = edit["hash"]
    report.head = prev


def _check_values(store: Store, report: VerifyReport) -> None:
    for c in store.cells_disagreeing_with_trail()[:MAX_PROBLEMS]:
        report.problems.append(
            f"document {c['document_id']}, {c['cell']}: holds {c['value']!r} but its newest "
            f"edit (#{c['edit_id']}) set {c['new_value']!r}"
        )
    for c in store.cells_differing_unedited()[:MAX_PROBLEMS]:
        report.problems.append(
            f"document {c['document_id']}, {c['cell']}: holds {c['value']!r}, extracted "
            f"{c['extracted']!r}, and no edit explains the difference"
        )
    if "decisions" in store.db.table_names():  # a file older than decisions has none
        for d in decisions_disagreeing_with_trail(store)[:MAX_PROBLEMS]:
            said = f"edit #{d['edit_id']} set {d['new_value']!r}" if d["edit_id"] else "no edit set it"
            report.problems.append(
                f"document {d['document_id']}, finding {d['key']}: decided {d['decision']!r} but {said}"
            )
    for column, default in (("status", "new"), ("note", None)):
        for d in store.documents_disagreeing_with_trail(column, default)[:MAX_PROBLEMS]:
            said = (
                f"edit #{d['edit_id']} set {d['new_value']!r}" if d["edit_id"] else "no edit set it"
            )
            report.problems.append(
                f"document {d['document_id']}: {column} is {d['value']!r} but {said}"
            )
