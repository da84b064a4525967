"""The SQL the comparison needs: batch reads of cells and prose, and the repeat-rate cache."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from app.store.db import Store


def document_rows(store: Store) -> list[dict[str, Any]]:
    """Every document's identity and status, by id."""
    return store._rows(
        "SELECT id, sha256, name, template, agency, agency_key, year, extracted_at, status"
        " FROM documents ORDER BY id"
    )


def cell_values(store: Store, cells: Sequence[str] | None = None,
                ids: Iterable[int] | None = None) -> dict[int, dict[str, Any]]:
    """document id → {cell: current value}; only ``cells`` and only documents ``ids`` if given
    (both given: primary-key lookups, no scan of the cells table)."""
    out: dict[int, dict[str, Any]] = {}
    if ids is not None:
        ids = list(ids)
        if not ids:
            return out
        chunks: list[list[int] | None] = [ids[k : k + 500] for k in range(0, len(ids), 500)]
    else:
        chunks = [None]
    for part in chunks:
        where, params = [], []
        if part is not None:
            where.append(f"document_id IN ({', '.join('?' * len(part))})")
            params += part
        if cells is not None:
            where.append(f"cell IN ({', '.join('?' * len(cells))})")
            params += list(cells)
        sql = "SELECT document_id, cell, value FROM cells" + (" WHERE " + " AND ".join(where) if where else "")
        for doc_id, cell, value in store.db.execute(sql, params):
            if not isinstance(value, int | float) or isinstance(value, bool):
                value = None  # text or a blob where a number belongs (a damaged or hostile file)
            out.setdefault(doc_id, {})[cell] = value
    return out


def sections(store: Store, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    ids = list(ids)
    out: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ", ".join("?" * len(part))
        for doc_id, text in store.db.execute(
            f"SELECT document_id, sections FROM record_extras WHERE document_id IN ({marks})", part
        ):
            out[doc_id] = json.loads(text or "[]")
    return out


def cached(store: Store) -> dict[int, tuple[int | None, str, dict[str, Any]]]:
    """document id → (previous id, key, result)."""
    return {
        r[0]: (r[1], r[2], json.loads(r[3]))
        for r in store.db.execute("SELECT document_id, previous_id, key, result FROM compare_cache")
    }


def put(store: Store, rows: Iterable[tuple[int, int | None, str, dict[str, Any]]]) -> None:
    """Replace cache rows (inside a write)."""
    store.db.conn.executemany(
        "INSERT OR REPLACE INTO compare_cache (document_id, previous_id, key, result) VALUES (?, ?, ?, ?)",
        [(d, p, k, json.dumps(r, ensure_ascii=False)) for d, p, k, r in rows],
    )


def findings_by_rule(store: Store) -> list[tuple[int, str, int, int]]:
    """(document id, rule, errors, warnings) for every document and rule with findings."""
    rows = store.db.execute(
        "SELECT document_id, rule, SUM(severity = 'error'), SUM(severity = 'warning') FROM findings"
        " GROUP BY document_id, rule"
    )
    return [(d, r, int(e or 0), int(w or 0)) for d, r, e, w in rows]


def register_groups(store: Store) -> dict[str, str]:
    """agency key → "level·kind" from the agency register, when the file has one (else empty)."""
    try:
        cols = {r[1] for r in store.db.execute("PRAGMA table_info(register)")}
    except Exception:  # noqa: BLE001 - an unexpected register shape is no register
        return {}
    if "agency_key" not in cols or not cols & {"level", "kind"}:
        return {}
    level = "level" if "level" in cols else "NULL"
    kind = "kind" if "kind" in cols else "NULL"
    out = {}
    for key, lv, kd in store.db.execute(f"SELECT agency_key, {level}, {kind} FROM register"):
        label = "·".join(str(x) for x in (lv, kd) if x)
        if key and label:
            out[key] = label
    return out
