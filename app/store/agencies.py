"""The SQL of the agency register (issue 13), beside db.py's: agencies, their keys,
deadlines, each document's agency, publication dates from PDF metadata.

Plain reads and writes in the file's terms; call the writes inside
``Store.write()``. What they mean belongs to app/review/register.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from app.store.db import Store

AGENCY_FIELDS = (
    "id", "name", "key", "aliases", "level", "kind", "parent_id", "code",
    "deadline", "aggregates", "updated_at", "updated_by",
)  # fmt: skip


def _rows(store: Store, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    cur = store.db.execute(sql, list(params))
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r, strict=True)) for r in cur]


def _agency(row: dict[str, Any]) -> dict[str, Any]:
    row["aliases"] = json.loads(row["aliases"] or "[]")
    row["aggregates"] = bool(row["aggregates"])
    return row


def agency_rows(store: Store) -> list[dict[str, Any]]:
    """Every agency, by id, aliases as a list."""
    return [_agency(r) for r in _rows(store, f"SELECT {', '.join(AGENCY_FIELDS)} FROM agencies ORDER BY id")]


def agency_briefs(store: Store) -> list[tuple[Any, ...]]:
    """(id, name, level, kind, parent_id) of every agency: what the completeness grid needs."""
    return store.db.execute("SELECT id, name, level, kind, parent_id FROM agencies").fetchall()


def agency_row(store: Store, agency_id: int) -> dict[str, Any] | None:
    rows = _rows(store, f"SELECT {', '.join(AGENCY_FIELDS)} FROM agencies WHERE id = ?", [agency_id])
    return _agency(rows[0]) if rows else None


def has_agencies(store: Store) -> bool:
    """Whether the file has a register (False too for a file not yet migrated to have one)."""
    if store.db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agencies'"
    ).fetchone() is None:
        return False
    return store.db.execute("SELECT 1 FROM agencies LIMIT 1").fetchone() is not None


def agency_id_for_key(store: Store, key: str) -> int | None:
    row = store.db.execute("SELECT agency_id FROM agency_keys WHERE key = ?", [key]).fetchone()
    return None if row is None else int(row[0])


def insert_agency(store: Store, fields: Mapping[str, Any]) -> int:
    fields = {**fields, "aliases": json.dumps(list(fields.get("aliases") or []), ensure_ascii=False)}
    cur = store.db.execute(
        f"INSERT INTO agencies ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
        list(fields.values()),
    )
    return int(cur.lastrowid)


def update_agency(store: Store, agency_id: int, fields: Mapping[str, Any]) -> None:
    if not fields:
        return
    fields = dict(fields)
    if "aliases" in fields:
        fields["aliases"] = json.dumps(list(fields["aliases"] or []), ensure_ascii=False)
    if "aggregates" in fields:
        fields["aggregates"] = int(bool(fields["aggregates"]))
    store.db.execute(
        f"UPDATE agencies SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
        [*fields.values(), agency_id],
    )


def delete_agency(store: Store, agency_id: int) -> None:
    """Remove an agency: its reports become unmatched, its units lose their parent."""
    db = store.db
    db.execute("UPDATE documents SET agency_id = NULL, agency_match = NULL WHERE agency_id = ?", [agency_id])
    db.execute("UPDATE agencies SET parent_id = NULL WHERE parent_id = ?", [agency_id])
    db.execute("DELETE FROM agency_keys WHERE agency_id = ?", [agency_id])
    db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])


def agency_id_for_name(store: Store, key: str) -> int | None:
    """The agency whose own name has this key (aliases aside)."""
    row = store.db.execute("SELECT id FROM agencies WHERE key = ?", [key]).fetchone()
    return None if row is None else int(row[0])


def set_keys(store: Store, agency_id: int, keys: Iterable[str | None], *, own: str | None = None) -> list[str]:
    """Replace an agency's match keys; return the keys another agency already holds (not taken).

    ``own``, the key of the agency's own name, is taken even from another
    agency's aliases: a name wins over an alias.
    """
    store.db.execute("DELETE FROM agency_keys WHERE agency_id = ?", [agency_id])
    if own is not None:
        store.db.execute("DELETE FROM agency_keys WHERE key = ?", [own])
    taken = []
    for key in dict.fromkeys(k for k in keys if k):
        other = agency_id_for_key(store, key)
        if other is not None:
            taken.append(key)
            continue
        store.db.execute("INSERT INTO agency_keys (key, agency_id) VALUES (?, ?)", [key, agency_id])
    return taken


def key_rows(store: Store) -> list[tuple[str, int, bool]]:
    """(key, agency id, whether the key is the agency's own name) for every key."""
    return [
        (k, int(a), bool(own))
        for k, a, own in store.db.execute(
            "SELECT k.key, k.agency_id, k.key = a.key FROM agency_keys k JOIN agencies a ON a.id = k.agency_id"
        )
    ]


def deadlines(store: Store) -> dict[tuple[str, str], str]:
    """(level, kind) → MM-DD."""
    return {(lv, k): d for lv, k, d in store.db.execute("SELECT level, kind, deadline FROM agency_deadlines")}


def set_deadline(store: Store, level: str, kind: str, deadline: str | None) -> None:
    if deadline is None:
        store.db.execute("DELETE FROM agency_deadlines WHERE level = ? AND kind = ?", [level, kind])
    else:
        store.db.execute(
            "INSERT OR REPLACE INTO agency_deadlines (level, kind, deadline) VALUES (?, ?, ?)",
            [level, kind, deadline],
        )


# ---------------------------------------------------------------- documents


def document_rows(store: Store, year: int | None = None) -> list[tuple[Any, ...]]:
    """(id, agency, agency_key, year, status, errors, agency_id, agency_match) of every document."""
    sql = "SELECT id, agency, agency_key, year, status, errors, agency_id, agency_match FROM documents"
    if year is not None:
        return store.db.execute(sql + " WHERE year = ?", [year]).fetchall()
    return store.db.execute(sql).fetchall()


def document_agency(store: Store, doc_id: int) -> tuple[int | None, str | None]:
    row = store.db.execute("SELECT agency_id, agency_match FROM documents WHERE id = ?", [doc_id]).fetchone()
    return (None, None) if row is None else (row[0], row[1])


def set_document_agency(store: Store, doc_id: int, agency_id: int | None, how: str | None) -> None:
    store.db.execute(
        "UPDATE documents SET agency_id = ?, agency_match = ? WHERE id = ?", [agency_id, how, doc_id]
    )


def agency_year_ids(store: Store, agency_id: int, year: int) -> list[int]:
    """An agency's reports of one year, the one to use first (approved, then newest)."""
    return [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM documents WHERE agency_id = ? AND year = ? ORDER BY status = 'approved' DESC, id DESC",
            [agency_id, year],
        )
    ]


def unit_ids(store: Store, parent_id: int) -> list[int]:
    return [r[0] for r in store.db.execute("SELECT id FROM agencies WHERE parent_id = ? ORDER BY id", [parent_id])]


def publication_date(store: Store, doc_id: int) -> dict[str, Any] | None:
    rows = _rows(store, "SELECT date, source, detail FROM publication_dates WHERE document_id = ?", [doc_id])
    return rows[0] if rows else None


def set_publication_date(store: Store, doc_id: int, date: str | None, source: str, detail: str | None) -> None:
    store.db.execute(
        "INSERT OR REPLACE INTO publication_dates (document_id, date, source, detail) VALUES (?, ?, ?, ?)",
        [doc_id, date, source, detail],
    )
