"""A reviewer's decision on every finding, kept by the finding's stable key.

Four decisions (:data:`DECISIONS`): 待定 (``pending``, the default), 确认为报告错误
(``confirmed``: the report itself is wrong), 识别错误 (``extraction``: our reading
was wrong — the cell is corrected through the ordinary edit path, one undoable
operation), 不是问题 (``dismissed``, a reason required). Each decision is a row of
``decisions`` and an audit entry (cell ``@decision:KEY``, old and new decision,
the comment as the reason), so the trail tells who decided what and when.

A decision applies while the finding's key (:func:`app.rules.keys.finding_key`:
rule, cells, values) is the same: a re-check or a re-extraction that reads the
same values keeps it; a changed value makes a new key, and the finding is 待定
again. :meth:`DecisionsMixin.open_findings` is the one place that says what is
still open; the queue's count, the approval guard and the GUI all use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.model import Finding, Number, Record
from app.review.records import record_from_rows
from app.review.types import OpChanges
from app.rules.keys import keyed
from app.store.decided import decision_rows, put_decision, set_open_count
from app.store.errors import StoreError

if TYPE_CHECKING:
    from app.store.db import Store

DECISIONS = ("pending", "confirmed", "extraction", "dismissed")
DECISION_NAMES = {
    "pending": "待定",
    "confirmed": "确认为报告错误",
    "extraction": "识别错误",
    "dismissed": "不是问题",
}
DECISION_CELL = "@decision:"  # trail entries: @decision:KEY


class DecisionError(StoreError):
    """A decision that cannot be taken: unknown finding key, no reason to dismiss, no value to correct."""


class ApprovalBlockedError(StoreError):
    """A report with findings still 待定 cannot be approved without an override reason."""


@dataclass(frozen=True)
class Decision:
    """One stored decision; ``finding`` is the finding as it was decided, with its cells' values."""

    document_id: int
    key: str
    decision: str
    comment: str | None
    reviewer: str
    at: str
    finding: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return DECISION_NAMES[self.decision]


@dataclass(frozen=True)
class KeyedFinding:
    """A current finding with its key and the decision that applies to it (None: never decided)."""

    key: str
    finding: Finding
    decision: Decision | None = None

    @property
    def state(self) -> str:
        return self.decision.decision if self.decision else "pending"

    @property
    def open(self) -> bool:
        return self.state == "pending"


def _decisions_by_key(store: Store, doc_id: int) -> dict[str, Decision]:
    return {r["key"]: Decision(**r) for r in decision_rows(store, doc_id)}


class DecisionsMixin:
    """Decisions on findings, mixed into :class:`app.review.Review` (uses its store and edit path)."""

    store: Store
    who: str

    # ------------------------------------------------------------ reading

    def keyed_findings(self, doc_id: int) -> list[KeyedFinding]:
        """The document's current findings, each with its key and decision."""
        with self.store.read():
            record, findings = self._record_and_findings(doc_id)
            decided = _decisions_by_key(self.store, doc_id)
        return [KeyedFinding(k, f, decided.get(k)) for k, f in keyed(findings, record)]

    def open_findings(self, doc_id: int) -> list[KeyedFinding]:
        """The findings still 待定: never decided, or whose values changed since the decision."""
        return [kf for kf in self.keyed_findings(doc_id) if kf.open]

    def decisions(self, doc_id: int | None = None) -> list[Decision]:
        """Stored decisions (one document's or all), including those on findings now gone."""
        return [Decision(**r) for r in decision_rows(self.store, doc_id)]

    # ------------------------------------------------------------ deciding

    def decide(
        self,
        doc_id: int,
        key: str,
        decision: str,
        *,
        comment: str | None = None,
        values: Mapping[str, Number | None] | None = None,
    ) -> OpChanges:
        """Decide one finding; ``values`` corrects its cells for 识别错误 (default: its one suggestion)."""
        return self.decide_many(doc_id, [key], decision, comment=comment, values=values)

    def decide_many(
        self,
        doc_id: int,
        keys: Iterable[str],
        decision: str,
        *,
        comment: str | None = None,
        values: Mapping[str, Number | None] | None = None,
    ) -> OpChanges:
        """Decide several findings of one document alike, in one transaction (all or nothing)."""
        if decision not in DECISIONS:
            raise DecisionError(f"未知的决定 {decision!r}：应为 {'、'.join(DECISIONS)} 之一")
        comment = (comment or "").strip() or None
        if decision == "dismissed" and not comment:
            raise DecisionError("判为“不是问题”须说明理由（--comment）")
        keys = list(dict.fromkeys(keys))
        if not keys:
            return OpChanges(doc_id)
        with self.store.write():
            row = self._document_row(doc_id)  # type: ignore[attr-defined]
            record, findings = self._record_and_findings(doc_id)
            current = dict(keyed(findings, record))
            missing = [k for k in keys if k not in current]
            if missing:
                raise DecisionError(
                    f"文档 #{doc_id} 当前没有键为 {'、'.join(missing)} 的问题（数值可能已变，请重新查看）",
                    path=row["path"],
                )
            snapshots = {k: _snapshot(current[k], record) for k in keys}
            edit = OpChanges(doc_id)
            if decision == "extraction":
                fixes = _corrections([current[k] for k in keys], values, row["path"])
                clean = {c: self._valid_value(row, c, v) for c, v in fixes.items()}  # type: ignore[attr-defined]
                reason = "识别错误" + (f"：{comment}" if comment else "")
                edit = self._set_values(row, clean, how="manual", reason=reason)  # type: ignore[attr-defined]
            ids = self._write_decisions(doc_id, snapshots, decision, comment)
            open_n = self._refresh_open(doc_id)
        if not ids and edit.empty:
            return OpChanges(doc_id)
        return OpChanges(
            doc_id,
            cells=edit.cells,
            findings=edit.findings,
            errors=edit.errors,
            warnings=edit.warnings,
            related=edit.related,
            edits=edit.edits + tuple(ids),
            decisions=frozenset(keys) if ids else frozenset(),
            open_findings=open_n,
        )

    # ------------------------------------------------------------ hooks for Review

    def _count_open(self, doc_id: int, record: Record, findings: list[Finding]) -> int:
        """Store how many of these (just computed) findings are still 待定 (inside a write)."""
        decided = _decisions_by_key(self.store, doc_id)
        n = sum(
            1
            for k, _ in keyed(findings, record)
            if k not in decided or decided[k].decision == "pending"
        )
        set_open_count(self.store, doc_id, n)
        return n

    def _approval_reason(self, doc_id: int, status: str, override: str | None) -> str | None:
        """The reason logged with a status change; refuses approval while findings are 待定."""
        override = (override or "").strip() or None
        if status != "approved":
            return override
        n = len(self.open_findings(doc_id))
        if n == 0:
            return override
        if override is None:
            raise ApprovalBlockedError(
                f"文档 #{doc_id} 还有 {n} 项问题待定：请逐项决定，或说明理由后强制批准"
            )
        return f"强制批准（{n} 项待定）：{override}"

    # ------------------------------------------------------------ internals

    def _record_and_findings(self, doc_id: int) -> tuple[Record, list[Finding]]:
        row = self._document_row(doc_id)  # type: ignore[attr-defined]
        record = record_from_rows(row, self.store.cell_rows(doc_id))
        findings = [Finding.from_json(f) for f in self.store.finding_rows(doc_id)]
        return record, findings

    def _refresh_open(self, doc_id: int) -> int:
        record, findings = self._record_and_findings(doc_id)
        return self._count_open(doc_id, record, findings)

    def _write_decisions(
        self,
        doc_id: int,
        snapshots: Mapping[str, dict[str, Any]],
        decision: str,
        comment: str | None,
    ) -> list[int]:
        decided = _decisions_by_key(self.store, doc_id)
        entries, rows = [], []
        for key, snap in snapshots.items():
            old = decided.get(key)
            if old is not None and (old.decision, old.comment) == (decision, comment):
                continue
            entry = self._entry(  # type: ignore[attr-defined]
                doc_id,
                DECISION_CELL + key,
                old.decision if old else "pending",
                decision,
                "manual",
                reason=comment,
            )
            entries.append(entry)
            rows.append(
                {
                    "document_id": doc_id,
                    "key": key,
                    "decision": decision,
                    "comment": comment,
                    "reviewer": self.who,
                    "at": entry["at"],
                    "finding": snap,
                }
            )
        if not entries:
            return []
        ids = self.store.append_edits(entries)
        for r in rows:
            put_decision(self.store, r)
        return ids


def _snapshot(f: Finding, record: Record) -> dict[str, Any]:
    """The finding as decided, with the values of its cells and suspects then."""
    cells = list(dict.fromkeys([*f.cells, *(s.cell for s in f.suspects)]))
    return {**f.to_json(), "values": {c: record.value(c) for c in cells}}


def _corrections(
    findings: list[Finding], values: Mapping[str, Number | None] | None, path: str
) -> dict[str, Number | None]:
    """The cell values 识别错误 writes: those given, else each finding's single suggestion."""
    if values:
        return dict(values)
    out: dict[str, Number | None] = {}
    for f in findings:
        if len(f.suspects) != 1 or f.note:
            raise DecisionError(
                f"“{f.message}”没有唯一的建议值：判为识别错误时请给出正确数值（--value 单元格=数值）",
                path=path,
            )
        s = f.suspects[0]
        if s.cell in out and out[s.cell] != s.suggested:
            raise DecisionError(
                f"两项问题对 {s.cell} 的建议值不同（{out[s.cell]} 与 {s.suggested}）：请逐项决定",
                path=path,
            )
        out[s.cell] = s.suggested
    return out


def decision_json(d: Decision) -> dict[str, Any]:
    return {
        "document": d.document_id,
        "key": d.key,
        "decision": d.decision,
        "name": d.name,
        "comment": d.comment,
        "reviewer": d.reviewer,
        "at": d.at,
        "finding": d.finding,
    }
