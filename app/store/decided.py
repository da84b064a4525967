"""The SQL of reviewers' decisions on findings (table ``decisions``, see docs/review-file.md).

What a decision means and when one applies belong to :mod:`app.review.decisions`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from app.store.db import Store

DECISION_FIELDS = ("document_id", "key", "decision", "comment", "reviewer", "at", "finding")


def decision_rows(store: Store, doc_id: int | None = None) -> list[dict[str, Any]]:
    """Decisions of one document (or of the whole file), ``finding`` parsed, by document and key."""
    if store.db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decisions'"
    ).fetchone() is None:
        return []  # a file pinned at a version before decisions
    where = "" if doc_id is None else " WHERE document_id = ?"
    cur = store.db.execute(
        f"SELECT {', '.join(DECISION_FIELDS)} FROM decisions{where} ORDER BY document_id, key",
        [] if doc_id is None else [doc_id],
    )
    rows = [dict(zip(DECISION_FIELDS, r, strict=True)) for r in cur]
    for r in rows:
        r["finding"] = json.loads(r["finding"] or "{}")
    return rows


def put_decision(store: Store, row: Mapping[str, Any]) -> None:
    """Insert or replace one document's decision on one key (inside a write)."""
    store.db.execute(
        f"INSERT OR REPLACE INTO decisions ({', '.join(DECISION_FIELDS)})"
        f" VALUES ({', '.join('?' * len(DECISION_FIELDS))})",
        [
            json.dumps(row[f], ensure_ascii=False) if f == "finding" else row.get(f)
            for f in DECISION_FIELDS
        ],
    )


def set_open_count(store: Store, doc_id: int, n: int) -> None:
    if "open_findings" not in store._columns("documents"):
        return  # a file pinned at a version before decisions
    store.db.execute("UPDATE documents SET open_findings = ? WHERE id = ?", [n, doc_id])


def decisions_disagreeing_with_trail(store: Store) -> list[dict[str, Any]]:
    """Decisions whose row is not what the newest ``@decision:KEY`` entry set (should be none).

    A decision with no entry at all disagrees too: every decision is written with one.
    """
    return store._rows(
        "SELECT x.document_id, x.key, x.decision, e.id AS edit_id, e.new_value FROM decisions x"
        " LEFT JOIN (SELECT document_id, cell, max(id) AS id FROM edits"
        "            WHERE cell LIKE '@decision:%' GROUP BY document_id, cell) m"
        "   ON m.document_id = x.document_id AND m.cell = '@decision:' || x.key"
        " LEFT JOIN edits e ON e.id = m.id"
        " WHERE e.new_value IS NOT x.decision"
    )
