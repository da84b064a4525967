"""The seal: each document's extracted record, hashed into the audit chain.

The trail's hash chain proves the edits were not changed; the seal proves the
numbers they start from were not. When a document is stored (and again after
a re-extraction) the canonical form of its extracted record — source sha256,
template, agency, year, pages, the record's extras, and every extracted
cell's value, raw text and anchor (page, box, blank, confidence) — is hashed
and appended to the chain as an ``@seal`` entry (``how='seal'``), the
document's first. ``verify`` recomputes it: a changed extracted value, raw
text, box, agency, year or sha256, an inserted or removed cell row, a
document deleted without an audited ``@delete`` entry — each breaks it.

To say *what* changed, the table ``seals`` keeps short digests of every
field and cell beside the seal. It is only a diagnosis aid: the hash in the
chain is the proof, so rewriting ``seals`` hides nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from app.store.chain import GENESIS, edit_hash
from app.store.keys import utc_now

SEAL, DELETE = "@seal", "@delete"  # trail entries: a record sealed, a document deleted
SEAL_FORMAT = "nianbao-seal-1"
EDIT_FIELDS = (
    "id", "document_id", "cell", "old_value", "new_value", "who", "at", "how",
    "reason", "op", "reverts", "hash",
)  # fmt: skip
DOC_PARTS = ("sha256", "template", "agency", "year", "pages")
EXTRA_PARTS = ("missing", "sections", "problems")
CELL_PARTS = {
    "value": ("extracted",),
    "text": ("raw",),
    "anchor": ("page", "x0", "top", "x1", "bottom", "blank", "confidence"),
}
PART_NAMES = {
    "sha256": "源文件 SHA-256（sha256）",
    "template": "模板（template）",
    "agency": "机关（agency）",
    "year": "年度（year）",
    "pages": "页数（pages）",
    "missing": "未印单元格清单（missing）",
    "sections": "章节（sections）",
    "problems": "提取问题（problems）",
    "value": "提取值（extracted）",
    "text": "原文（raw）",
    "anchor": "位置（page/box）",
}
log = logging.getLogger("nianbao.store")


def _blob(b: Any) -> Any:
    if isinstance(b, bytes):
        return {"blob": b.hex()}
    raise TypeError(type(b).__name__)


# One encoder for every call: json.dumps with options builds a new one each time (slow).
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_blob).encode


def _digest(value: Any, n: int = 8) -> str:
    """A short digest that names what changed (not the proof: the seal hash is). CRC-32 of
    the repr — exact for these plain values, and fast enough for every cell of every import."""
    return f"{zlib.crc32(repr(value).encode('utf-8', 'surrogatepass')):08x}"[-n:]


def append_chained(conn: sqlite3.Connection, edits: Iterable[Mapping[str, Any]]) -> list[int]:
    """Append one operation's entries to the trail, each chained to the one before; their ids.

    Must run inside a write transaction (which serialises writers: the chain never forks).
    """
    last = conn.execute("SELECT id, hash FROM edits ORDER BY id DESC LIMIT 1").fetchone()
    prev, next_id = (last[1], last[0] + 1) if last else (GENESIS, 1)
    op, ids = next_id, []
    for e in edits:
        row = {**e, "id": next_id, "op": op, "reverts": e.get("reverts"), "reason": e.get("reason")}
        row["hash"] = prev = edit_hash(prev, row)
        conn.execute(
            f"INSERT INTO edits ({', '.join(EDIT_FIELDS)}) VALUES ({', '.join('?' * len(EDIT_FIELDS))})",
            [row[f] for f in EDIT_FIELDS],
        )
        ids.append(next_id)
        next_id += 1
    return ids


def record_parts(conn: sqlite3.Connection, doc_id: int) -> tuple[dict, dict] | None:
    """The sealed parts of a document as stored now: (document parts, cell parts); None if gone."""
    doc = conn.execute(
        f"SELECT {', '.join(DOC_PARTS)} FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    if doc is None:
        return None
    extras = conn.execute(
        f"SELECT {', '.join(EXTRA_PARTS)} FROM record_extras WHERE document_id = ?", [doc_id]
    ).fetchone()
    parts = dict(zip(DOC_PARTS, doc, strict=True))
    parts |= dict(zip(EXTRA_PARTS, extras or (None,) * len(EXTRA_PARTS), strict=True))
    _unwind_details(conn, doc_id, parts)
    cols = [c for group in CELL_PARTS.values() for c in group]
    cells = {}
    for row in conn.execute(
        f"SELECT cell, {', '.join(cols)} FROM cells WHERE document_id = ? AND origin = 'extracted'"
        " ORDER BY cell",
        [doc_id],
    ).fetchall():
        values = dict(zip(cols, row[1:], strict=True))
        cells[row[0]] = {k: [values[c] for c in group] for k, group in CELL_PARTS.items()}
    _unwind_confirmations(conn, doc_id, cells)
    return parts, cells


def _unwind_confirmations(conn: sqlite3.Connection, doc_id: int, cells: dict) -> None:
    """A reading confirmed as printed (@confirm: old_value the OCR confidence, new_value the
    cell id) raised the cell's confidence to 1.0: the seal holds the confidence as read."""
    at = CELL_PARTS["anchor"].index("confidence")
    for old, cell in conn.execute(
        "SELECT old_value, new_value FROM edits WHERE document_id = ? AND cell = '@confirm' AND id >"
        " (SELECT coalesce(max(id), 0) FROM edits WHERE document_id = ? AND cell = '@seal')"
        " ORDER BY id DESC",
        [doc_id, doc_id],
    ):
        if cell in cells:
            cells[cell]["anchor"][at] = old


def _unwind_details(conn: sqlite3.Connection, doc_id: int, parts: dict) -> None:
    """The agency and year as sealed: a reviewer's audited corrections (@agency, @year entries
    since the newest seal) are walked back from the current values, newest first."""
    for part, cell in (("agency", "@agency"), ("year", "@year")):
        for old, new in conn.execute(
            "SELECT old_value, new_value FROM edits WHERE document_id = ? AND cell = ? AND id >"
            " (SELECT coalesce(max(id), 0) FROM edits WHERE document_id = ? AND cell = '@seal')"
            " ORDER BY id DESC",
            [doc_id, cell, doc_id],
        ):
            if new == parts[part] or (new is not None and str(new) == str(parts[part])):
                parts[part] = old


def seal_of(doc_id: int, parts: Mapping[str, Any], cells: Mapping[str, Any]) -> tuple[str, dict]:
    """The seal hash of a record, and the short digests that name what changed."""
    canonical = [
        SEAL_FORMAT,
        doc_id,
        [[k, parts[k]] for k in (*DOC_PARTS, *EXTRA_PARTS)],
        [[cell, [c[k] for k in CELL_PARTS]] for cell, c in sorted(cells.items())],
    ]
    full = hashlib.sha256(_json(canonical).encode("utf-8")).hexdigest()
    digests = {
        "doc": {k: _digest(parts[k]) for k in (*DOC_PARTS, *EXTRA_PARTS)},
        "cells": {
            cell: ".".join(_digest(c[k], 4) for k in CELL_PARTS) for cell, c in cells.items()
        },
    }
    return full, digests


def latest_seals(conn: sqlite3.Connection) -> dict[int, tuple[int, str]]:
    """Each document's newest seal: {document id: (edit id, hash)}."""
    return {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT e.document_id, e.id, e.new_value FROM edits e JOIN"
            " (SELECT max(id) AS id FROM edits WHERE cell = ? GROUP BY document_id) m"
            " ON e.id = m.id",
            [SEAL],
        )
    }


def seal_document(conn: sqlite3.Connection, doc_id: int, *, who: str, reason: str) -> int:
    """Append the document's seal to the trail (inside a write); return the entry's id."""
    found = record_parts(conn, doc_id)
    if found is None:
        raise ValueError(f"no document #{doc_id} to seal")
    full, digests = seal_of(doc_id, *found)
    previous = conn.execute(  # by the (document_id, id) index: no scan of every seal
        "SELECT id, new_value FROM edits WHERE document_id = ? AND cell = ? ORDER BY id DESC LIMIT 1",
        [doc_id, SEAL],
    ).fetchone()
    [edit_id] = append_chained(
        conn,
        [
            {
                "document_id": doc_id,
                "cell": SEAL,
                "old_value": previous[1] if previous else None,
                "new_value": full,
                "who": who,
                "at": utc_now(),
                "how": "seal",
                "reason": reason,
            }
        ],
    )
    conn.execute(
        "INSERT OR REPLACE INTO seals (document_id, edit_id, digests) VALUES (?, ?, ?)",
        [doc_id, edit_id, _json(digests)],
    )
    return edit_id


def seal_unsealed(conn: sqlite3.Connection, *, who: str, reason: str) -> int:
    """Seal every document that has no seal yet (an older file's first open); return how many."""
    sealed = latest_seals(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id") if r[0] not in sealed]
    for doc_id in ids:
        seal_document(conn, doc_id, who=who, reason=reason)
    if ids:
        log.info("sealed %d document(s) imported before seals existed", len(ids))
    return len(ids)


def _doc_label(conn: sqlite3.Connection, doc_id: int) -> str:
    row = conn.execute("SELECT name FROM documents WHERE id = ?", [doc_id]).fetchone()
    return f"文档 #{doc_id}（{row[0]}）" if row else f"文档 #{doc_id}"


def check_seals(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Every way the stored records differ from their seals, one line each (at most ``limit``)."""
    problems: list[str] = []
    seals = latest_seals(conn)
    deleted = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT document_id, max(id) FROM edits WHERE cell = ? GROUP BY document_id", [DELETE]
        )
    }
    present = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    for doc_id in present:
        if len(problems) >= limit:
            break
        if doc_id not in seals:
            problems.append(
                f"{_doc_label(conn, doc_id)}：没有封存记录（导入记录不在审计链中，文件被改动过）"
            )
            continue
        edit_id, sealed = seals[doc_id]
        if deleted.get(doc_id, 0) > edit_id:
            problems.append(
                f"{_doc_label(conn, doc_id)}：审计记录 #{deleted[doc_id]} 已删除此文档，"
                "它却仍在文件中（被改动过）"
            )
            continue
        found = record_parts(conn, doc_id)
        assert found is not None
        full, digests = seal_of(doc_id, *found)
        if full != sealed:
            problems += _diagnose(conn, doc_id, edit_id, digests)
    for doc_id, (edit_id, _) in sorted(seals.items()):
        if doc_id not in set(present) and deleted.get(doc_id, 0) < edit_id:
            problems.append(
                f"文档 #{doc_id}：已在审计记录 #{edit_id} 封存，但已不在文件中，"
                "且审计记录里没有删除操作（被直接删除）"
            )
    return problems[:limit]


def _diagnose(conn: sqlite3.Connection, doc_id: int, edit_id: int, now: dict) -> list[str]:
    """Lines naming what differs from the seal of entry ``edit_id``, by the stored digests."""
    label = _doc_label(conn, doc_id)
    row = conn.execute(
        "SELECT edit_id, digests FROM seals WHERE document_id = ?", [doc_id]
    ).fetchone()
    general = [f"{label}：提取记录与审计记录 #{edit_id} 的封存值不符（记录被改动过）"]
    try:
        then = json.loads(row[1]) if row and row[0] == edit_id else None
    except (TypeError, ValueError):
        then = None
    if not isinstance(then, dict):
        return general
    lines = []
    for k, d in now["doc"].items():
        if then.get("doc", {}).get(k) != d:
            lines.append(f"{label}：{PART_NAMES[k]} 与导入时的封存记录不符")
    old_cells = then.get("cells", {})
    for cell, d in now["cells"].items():
        if cell not in old_cells:
            lines.append(f"{label}，单元格 {cell}：封存时没有这一格（被插入）")
            continue
        for name, a, b in zip(
            CELL_PARTS, d.split("."), str(old_cells[cell]).split("."), strict=False
        ):
            if a != b:
                lines.append(f"{label}，单元格 {cell}：{PART_NAMES[name]} 与导入时的封存记录不符")
    for cell in old_cells:
        if cell not in now["cells"]:
            lines.append(f"{label}，单元格 {cell}：封存时有这一格，现在没有（被删除）")
    return lines or general
