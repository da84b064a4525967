"""The schema check on open: a review file's objects must be those its version declares.

A review file received from someone else is untrusted. SQLite runs a
trigger planted in the file on the application's own writes, and a view or an
extra column can hide or change what is read. So before anything reads or
migrates a file, its schema objects — tables with their columns, indexes,
triggers with their SQL, views — are compared with the objects the
migrations create at the file's version (worked out once per version by
running them on an in-memory database). Anything unknown, missing or changed
is refused with one line naming it. SQLite's own objects (``sqlite_*``) are
ignored.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.store.errors import HostileSchemaError

KIND_NAMES = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}

Schema = dict[tuple[str, str], Any]  # (type, name) -> what must match


def _normal_sql(sql: str | None) -> str:
    """SQL compared without regard to spacing, quoting brackets or case."""
    text = re.sub(r"[\[\]\"`]", "", sql or "")
    return re.sub(r"\s+", " ", text).strip().lower()


def describe(conn: sqlite3.Connection) -> Schema:
    """The schema objects of a connection's main database, in comparable form."""
    out: Schema = {}
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite^_%' ESCAPE '^'"
    ).fetchall()
    for kind, name, table, sql in rows:
        if kind == "table":
            cols = conn.execute(
                'SELECT name, upper(type), "notnull", dflt_value, pk, hidden'
                " FROM pragma_table_xinfo(?)",
                [name],
            ).fetchall()
            out[(kind, name)] = tuple(tuple(c) for c in cols)
        elif kind == "index":
            cols = conn.execute("SELECT name FROM pragma_index_info(?)", [name]).fetchall()
            out[(kind, name)] = (table, tuple(c[0] for c in cols), _normal_sql(sql))
        else:  # trigger, view: their SQL is what they do
            out[(kind, name)] = (table, _normal_sql(sql))
    return out


@cache
def expected(version: int) -> Schema:
    """The objects the first ``version`` migrations create (computed in memory, cached)."""
    from app.store.migrations import MIGRATIONS

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn, execute_plugins=False)
        for fn in MIGRATIONS[:version]:
            fn(db)
        return describe(conn)
    finally:
        conn.close()


def check_schema(conn: sqlite3.Connection, version: int, path: str | Path | None) -> None:
    """Raise :class:`HostileSchemaError` unless the file's schema is exactly that of ``version``."""
    want = expected(version)
    have = describe(conn)
    for key in sorted(set(have) - set(want)):
        kind, name = key
        raise HostileSchemaError(
            f"审核文件含有第 {version} 版结构中没有的{KIND_NAMES.get(kind, kind)} {name}，"
            "可能被人改动过，拒绝打开：请向对方索取原始文件",
            path=path,
        )
    for key in sorted(set(want) - set(have)):
        kind, name = key
        raise HostileSchemaError(
            f"审核文件缺少第 {version} 版结构应有的{KIND_NAMES.get(kind, kind)} {name}，"
            "文件不完整或被改动过，拒绝打开：请恢复一份备份副本",
            path=path,
        )
    for key in sorted(want):
        if have[key] != want[key]:
            kind, name = key
            what = KIND_NAMES.get(kind, kind)
            detail = _column_difference(have[key], want[key]) if kind == "table" else ""
            raise HostileSchemaError(
                f"审核文件的{what} {name} 与第 {version} 版结构不符{detail}，"
                "可能被人改动过，拒绝打开：请向对方索取原始文件",
                path=path,
            )


def _column_difference(have: tuple, want: tuple) -> str:
    names_have = [c[0] for c in have]
    names_want = [c[0] for c in want]
    extra = [n for n in names_have if n not in names_want]
    if extra:
        return f"（多出列 {', '.join(extra)}）"
    missing = [n for n in names_want if n not in names_have]
    if missing:
        return f"（缺少列 {', '.join(missing)}）"
    for h, w in zip(have, want, strict=False):
        if h != w:
            return f"（列 {w[0]} 的定义不同）"
    return ""
