"""Opening a review file's SQLite connection, and SQLite's errors in the user's words.

Every connection to a review file goes through :func:`connect`: ``trusted_schema``
is off (a planted view or trigger cannot call application functions), and
its cursors turn the SQLite errors a user can meet — a damaged file, a full
disk, a read-only location, an I/O error, a schema at odds with its version —
into :class:`~app.store.errors.StoreError` subclasses whose one Chinese line
names the file and says what to do. "database is locked" stays raw: the store
retries it. This is the one place that translation happens.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from app.store.errors import (
    CorruptReviewFileError,
    HostileSchemaError,
    NotAReviewFileError,
    ReadOnlyReviewError,
    StoreError,
    StoreFullError,
    StoreIOError,
)

RESTORE = "请恢复一份备份副本，并运行 nianbao verify 检查"


def translate(e: sqlite3.Error, path: str | Path | None) -> StoreError | None:
    """The StoreError a user should see for ``e`` (None: leave it, e.g. a busy lock)."""
    text = str(e).lower()
    name = getattr(e, "sqlite_errorname", "") or ""
    if "locked" in text or "busy" in text:
        return None
    if "malformed" in text or name.startswith("SQLITE_CORRUPT"):
        return CorruptReviewFileError(f"审核文件已损坏（{e}）：{RESTORE}", path=path)
    if "not a database" in text or name == "SQLITE_NOTADB":
        return NotAReviewFileError(f"不是审核文件，或文件头已损坏（{e}）", path=path)
    if "disk is full" in text or name == "SQLITE_FULL":
        return StoreFullError(
            "磁盘已满，这次修改没有写入审核文件（之前保存的内容不受影响）：请腾出空间后重试",
            path=path,
        )
    if "readonly" in text or "read-only" in text or name.startswith("SQLITE_READONLY"):
        return ReadOnlyReviewError(
            "审核文件只读（位于只读位置或没有写权限）：可以查看、校验和导出，不能修改；"
            "请复制到可写的位置再编辑",
            path=path,
        )
    if "disk i/o error" in text or name.startswith("SQLITE_IOERR"):
        return StoreIOError(
            f"读写审核文件时磁盘出错（{e}）：请检查磁盘或网络共享，然后运行 nianbao verify",
            path=path,
        )
    if "already exists" in text:
        return HostileSchemaError(
            f"审核文件的版本号与其内容不符（{e}）：文件被改动过或不完整，{RESTORE}", path=path
        )
    if "unable to open" in text or name.startswith("SQLITE_CANTOPEN"):
        return StoreIOError(f"无法打开审核文件（{e}）：请检查路径和权限", path=path)
    if isinstance(e, sqlite3.DatabaseError) and not isinstance(
        e, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ):
        return StoreError(f"读写审核文件出错（{e}）：{RESTORE}", path=path)
    return None


def _raise(e: sqlite3.Error, path: Any) -> None:
    translated = translate(e, path)
    if translated is None:
        raise e
    raise translated from e


class _Cursor(sqlite3.Cursor):
    """A cursor whose SQLite errors arrive translated (see :func:`translate`)."""

    def _path(self) -> Any:
        return getattr(self.connection, "review_path", None)

    def execute(self, *args: Any) -> Any:
        try:
            return super().execute(*args)
        except sqlite3.Error as e:
            _raise(e, self._path())

    def executemany(self, *args: Any) -> Any:
        try:
            return super().executemany(*args)
        except sqlite3.Error as e:
            _raise(e, self._path())

    def executescript(self, *args: Any) -> Any:
        try:
            return super().executescript(*args)
        except sqlite3.Error as e:
            _raise(e, self._path())

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as e:
            _raise(e, self._path())

    def fetchmany(self, *args: Any) -> Any:
        try:
            return super().fetchmany(*args)
        except sqlite3.Error as e:
            _raise(e, self._path())

    def fetchall(self) -> Any:
        try:
            return super().fetchall()
        except sqlite3.Error as e:
            _raise(e, self._path())

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as e:
            _raise(e, self._path())


class ReviewConnection(sqlite3.Connection):
    """A connection to one review file; its statements raise translated errors."""

    review_path: Path | None = None

    def cursor(self, factory: Any = _Cursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = ()) -> Any:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> Any:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str) -> Any:  # type: ignore[override]
        return self.cursor().executescript(script)


def connect(path: str | Path, *, timeout: float, mode: str = "rw") -> ReviewConnection:
    """A connection to the review file at ``path``, its schema untrusted.

    ``mode``: ``rw`` (read and write), ``ro`` (read-only, ``mode=ro``), or
    ``immutable`` (a read-only medium where SQLite cannot even create the
    -shm file of a WAL file: read as a fixed image).
    """
    path = Path(path)
    target: Any = path
    uri = mode != "rw"
    if uri:
        query = "mode=ro" if mode == "ro" else "immutable=1"
        target = "file:" + quote(str(path.absolute())) + "?" + query
    try:
        conn = sqlite3.connect(
            target, uri=uri, timeout=timeout, isolation_level=None,
            check_same_thread=False, factory=ReviewConnection,
        )  # fmt: skip
    except sqlite3.Error as e:
        _raise(e, path)
    conn.review_path = path
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        conn.close()
        raise
    return conn
