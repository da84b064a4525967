"""The review file's integrity as the review API offers it: audited deletion,
the audit fingerprint exports and the GUI show, and the findings check of ``verify``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.filenames import from_raw
from app.review.records import record_from_rows
from app.review.types import OpChanges
from app.store.keys import utc_now
from app.store.seal import DELETE

if TYPE_CHECKING:
    from app.model import Finding
    from app.store.db import Store


@dataclass(frozen=True)
class AuditFingerprint:
    """The newest trail entry's hash and the number of entries: noted elsewhere (an export),
    they let ``nianbao verify --head HASH --count N`` prove the trail was not cut back since."""

    head: str
    count: int

    @property
    def short(self) -> str:
        """The 审计指纹 shown to people: 12 hex digits and the count."""
        return f"{self.head[:12]}·{self.count}"


class IntegrityMixin:
    """Operations of :class:`app.review.Review` that concern the file's integrity."""

    store: Store
    who: str

    def audit_fingerprint(self) -> AuditFingerprint:
        head, count = self.store.audit_fingerprint()
        return AuditFingerprint(head, count)

    def source_path(self, doc_id: int) -> Path:
        """Where the document's PDF was, exactly: a name that is not UTF-8 from its stored bytes."""
        row = self.store.db.execute(
            "SELECT path, path_raw FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            self._document_row(doc_id)  # type: ignore[attr-defined]  # raises NoSuchDocumentError
        return from_raw(row[1]) if row[1] is not None else Path(row[0])

    def delete_document(self, doc_id: int, *, reason: str | None = None) -> OpChanges:
        """Remove a document from the review file, as an audited operation (``@delete``).

        Its cells, findings and extras go; its trail stays, ending in the
        deletion, so ``verify`` knows the document was removed on purpose.
        """
        with self.store.write():
            row = self._document_row(doc_id)  # type: ignore[attr-defined]
            ids = self.store.append_edits(
                [
                    {
                        "document_id": doc_id,
                        "cell": DELETE,
                        "old_value": row["sha256"],
                        "new_value": None,
                        "who": self.who,
                        "at": utc_now(),
                        "how": "delete",
                        "reason": reason or f"删除 {row['name']}",
                    }
                ]
            )
            self.store.delete_document(doc_id)
            related = []
            if row["agency_key"] and row["year"] is not None:
                for other in self.store.same_body_ids(row["agency_key"], row["year"] + 1, doc_id):
                    self._recheck(other)  # type: ignore[attr-defined]
                    related.append(other)
            return OpChanges(doc_id, related=tuple(related), edits=tuple(ids))

    def findings_problems(self, limit: int = 20) -> list[str]:
        """Documents whose stored findings or counts are not what the rules give (hidden findings)."""
        store = self.store
        problems: list[str] = []
        for doc_id in store.all_document_ids():
            row = store.document_row(doc_id)
            if row is None or row["checked_at"] is None:
                continue
            record = record_from_rows(row, store.cell_rows(doc_id))
            prev_id = self._previous_id(row)  # type: ignore[attr-defined]
            previous = None if prev_id is None else self.record(prev_id)  # type: ignore[attr-defined]
            want = _summary(self.checker(record, previous=previous))  # type: ignore[attr-defined]
            have = _summary_json(store.finding_rows(doc_id))
            errors = sum(1 for f in want if f[0] == "error")
            if want != have or (row["errors"], row["warnings"]) != (errors, len(want) - errors):
                problems.append(
                    f"文档 #{doc_id}（{row['name']}）：保存的问题清单或错误/提示数与按规则重新计算的"
                    f"不符（现存 {row['errors']} 错 {row['warnings']} 提示，应为 {errors} 错 "
                    f"{len(want) - errors} 提示）：问题被隐藏或改动过"
                )
                if len(problems) >= limit:
                    break
        return problems


def _summary(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return sorted((f.severity, f.rule, tuple(f.cells)) for f in findings)


def _summary_json(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((f["severity"], f["rule"], tuple(f.get("cells", []))) for f in rows)
