"""``nianbao verify``: is the review file sound, and is its audit trail intact?

Checks, cheapest first: SQLite's own ``integrity_check`` and foreign keys;
the hash chain of the trail (the first broken link is reported); the seal of
every document's extracted record (:mod:`app.store.seal`: a changed extracted
value, raw text, box, agency, year or sha256, an inserted or removed cell, a
document deleted without an audited deletion); that the current values agree
with the record plus the trail — every cell holds the new value of its newest
edit (or its extracted value when it was never edited), and the status and
note of every document are those its trail last set; with a checker, that the
stored findings are those the rules give; and, given a head noted earlier
(``--head``), that the trail was not cut back since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.store.chain import GENESIS, edit_hash
from app.store.db import Store
from app.store.decided import decisions_disagreeing_with_trail
from app.store.migrations import MIGRATIONS, seal_records
from app.store.seal import check_seals

MAX_PROBLEMS = 20  # enough to act on; the first is what matters


@dataclass
class VerifyReport:
    edits: int = 0  # entries in the trail
    head: str = GENESIS  # hash of the newest entry: note it to detect a rewritten tail later
    integrity: list[str] = field(default_factory=list)  # SQLite's messages; ["ok"] when sound
    broken_at: int | None = None  # id of the first edit whose hash does not match
    broken_reason: str | None = None
    problems: list[str] = field(default_factory=list)  # current values the trail does not explain
    sealed: bool = True  # False: a file from before seals, not opened since (nothing to check)

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
            "sealed": self.sealed,
        }


def verify_store(
    store: Store,
    *,
    head: str | None = None,
    count: int | None = None,
    findings: Callable[[], list[str]] | None = None,
) -> VerifyReport:
    """Check ``store``; ``head``/``count``: a fingerprint noted earlier (an export's);
    ``findings``: a check that the stored findings are the rules' (see app.review.integrity).
    """
    report = VerifyReport()
    with store.read():
        report.integrity = store.integrity_check()
        if report.integrity != ["ok"]:
            return report  # a damaged file: the rest would only repeat it
        if store.schema_problem:
            report.problems.append(store.schema_problem)
        for table, rowid, parent, _ in store.foreign_key_problems()[:MAX_PROBLEMS]:
            report.problems.append(f"{table} row {rowid} points to a missing {parent} row")
        _check_chain(store, report, head, count)
        report.sealed = store.schema_version > MIGRATIONS.index(seal_records)
        if report.sealed:
            report.problems += check_seals(store.db.conn, MAX_PROBLEMS)
        _check_values(store, report)
        if findings is not None and len(report.problems) < MAX_PROBLEMS:
            report.problems += findings()
    del report.problems[MAX_PROBLEMS:]
    return report


def _check_chain(store: Store, report: VerifyReport, head: str | None, count: int | None) -> None:
    prev = GENESIS
    seen_head = head is None
    for edit in store.iter_edits():
        report.edits += 1
        if head is not None and edit["hash"] == head.lower():
            seen_head = True
            if count is not None and report.edits != count:
                report.problems.append(
                    f"记录的链头 {head[:12]}… 是第 {report.edits} 条审计记录，而不是第 {count} 条"
                    "（审计记录被改写过）"
                )
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
    if head is None:
        return
    if head.lower() == GENESIS and not count:
        return
    if not seen_head:
        cut = count is not None and report.edits < count
        report.problems.append(
            f"审计链中找不到此前记录的链头 {head[:12]}…"
            + (f"（当时 {count} 条，现在只有 {report.edits} 条）" if count is not None else "")
            + ("：审计记录的末尾被截断" if cut else "：审计记录被截断或改写")
        )


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
