"""All the SQL of the review file, and nothing else.

``Store`` opens (or creates) a review file, upgrades its schema, and offers
small reads and writes in the file's own terms (rows as dicts). Decisions —
what an undo reverts, when findings are recomputed, what a re-extraction may
overwrite — belong to :mod:`app.review`.

Every write happens inside ``Store.write()``: ``BEGIN IMMEDIATE`` takes the
write lock up front (waiting for other processes through the busy timeout, so
"database is locked" never reaches the user), and ``COMMIT`` returns once the
transaction is on disk (WAL, ``synchronous=FULL``).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.store.chain import FIELDS as HASHED_FIELDS
from app.store.connection import connect
from app.store.errors import (
    HostileSchemaError,
    NewerSchemaError,
    NotAReviewFileError,
    ReadOnlyReviewError,
    StoreBusyError,
    StoreError,
    StoreIOError,
)
from app.store.migrations import APPLICATION_ID, MIGRATIONS, latest_version, seal_records
from app.store.schema import check_schema
from app.store.seal import DELETE, append_chained, seal_document

BUSY_TIMEOUT_S = 30.0
SEALED_SINCE = MIGRATIONS.index(seal_records) + 1  # the first schema version with seals

DOCUMENT_FIELDS = (
    "id",
    "sha256",
    "path",
    "name",
    "pages",
    "template",
    "agency",
    "agency_key",
    "year",
    "imported_at",
    "imported_by",
    "extracted_at",
    "extractor",
    "status",
    "reviewer",
    "note",
    "errors",
    "warnings",
    "checked_at",
    "open_findings",
    "format",
    "published",
    "files",
)
EXTRA_FIELDS = ("missing", "sections", "problems")
CELL_FIELDS = (
    "cell",
    "extracted",
    "raw",
    "page",
    "x0",
    "top",
    "x1",
    "bottom",
    "blank",
    "confidence",
    "value",
    "origin",
    "anchor",
)
EDIT_FIELDS = (*HASHED_FIELDS, "hash")


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _is_busy(e: sqlite3.OperationalError) -> bool:
    text = str(e).lower()
    return "locked" in text or "busy" in text


class Store:
    """One open review file. Use from one thread at a time.

    ``create=False`` refuses a missing file; ``upgrade=False`` opens without
    writing (no WAL switch, no migration: for ``verify``); ``schema_version``
    stops the migrations at that version (tests of old files); ``readonly``
    opens with ``mode=ro``. A file on a read-only location is opened read-only
    by itself (``self.readonly``): reads work, a write says 只读.

    Before anything is read, the file's schema is checked against the one its
    version declares (:mod:`app.store.schema`), and ``trusted_schema`` is off.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        busy_timeout: float = BUSY_TIMEOUT_S,
        schema_version: int | None = None,
        upgrade: bool = True,
        readonly: bool = False,
        schema: str = "refuse",
    ):
        self.path = Path(path)
        self._schema_mode = schema  # "report": keep a schema problem in schema_problem (verify)
        self.schema_problem: str | None = None
        self.busy_timeout = busy_timeout
        self.readonly = readonly
        self._pending_seals: dict[int, str] = {}  # documents inserted in this write: who
        self._column_cache: dict[str, frozenset[str]] = {}  # table → columns (see _columns)
        if not create and not self.path.exists():
            raise NotAReviewFileError("no review file here", path=self.path)
        self._open("ro" if readonly else "rw")
        if not self._looked():
            if not self.path.exists():
                self._check_kind()  # raises the error
            self.readonly = True  # a read-only location: try again without writing
            if readonly or not self._looked():
                self._open("immutable")  # no -shm can be made there: read the file as it is
                self._check_kind()
        conn = self.db.conn
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if not self.readonly:
                conn.execute("PRAGMA synchronous = FULL")
            if upgrade and not self.readonly:  # both write; verify looks without touching
                try:
                    self._retry(self.db.enable_wal)
                    self.migrate(schema_version)
                except ReadOnlyReviewError:
                    if self.schema_version < latest_version():
                        raise ReadOnlyReviewError(
                            f"审核文件是旧版本（第 {self.schema_version} 版），需要升级才能打开，"
                            "但它位于只读位置：请复制到可写的位置再打开",
                            path=self.path,
                        ) from None
                    self.readonly = True
        except BaseException:
            conn.close()
            raise

    def _open(self, mode: str) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()
        conn = connect(self.path, timeout=self.busy_timeout, mode=mode)
        self.db = Database(conn, execute_plugins=False)

    def _looked(self) -> bool:
        """Check the file's kind and schema; False if it cannot even be read here (read-only place)."""
        try:
            self._check_kind()
        except (StoreIOError, ReadOnlyReviewError):
            self.db.close()
            self.db = None  # type: ignore[assignment]
            return False
        except BaseException:
            self.db.close()
            raise
        return True

    # ------------------------------------------------------------ housekeeping

    def close(self) -> None:
        self.db.close()

    def _check_kind(self) -> None:
        if self.db is None:
            self._open("ro")
        try:
            app_id = self._pragma("application_id")
            version = self._pragma("user_version")
            tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except NotAReviewFileError:
            raise
        except sqlite3.DatabaseError as e:
            raise NotAReviewFileError(f"not a review file ({e})", path=self.path) from e
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and (version or tables)):
            raise NotAReviewFileError(
                "an SQLite database, but not a Nianbao review file", path=self.path
            )
        if version > latest_version():
            raise NewerSchemaError(
                f"审核文件由更新版本的年报审核工作台写入（文件结构第 {version} 版，"
                f"本程序只能读到第 {latest_version()} 版）：请升级本程序后再打开",
                path=self.path,
            )
        try:
            check_schema(self.db.conn, version, self.path)
        except HostileSchemaError as e:
            if self._schema_mode != "report":
                raise
            self.schema_problem = e.message

    def _pragma(self, name: str) -> Any:
        return self.db.execute(f"PRAGMA {name}").fetchone()[0]

    @property
    def schema_version(self) -> int:
        return int(self._pragma("user_version"))

    def migrate(self, target: int | None = None) -> int:
        """Apply the migrations the file lacks (up to ``target``); return the new version."""
        target = latest_version() if target is None else target
        self._column_cache.clear()
        for version, fn in enumerate(MIGRATIONS[:target], start=1):
            if self.schema_version >= version:
                continue
            with self.write():
                if self.schema_version >= version:  # another process did it while we waited
                    continue
                fn(self.db)
                self.db.execute(f"PRAGMA user_version = {version}")
        return self.schema_version

    def _retry(self, fn: Any, *args: Any) -> Any:
        """Call ``fn``, retrying while another process holds a lock, up to the busy timeout."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.005
        while True:
            try:
                return fn(*args)
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise
                if time.monotonic() > deadline:
                    raise StoreBusyError(
                        "another program has kept the review file busy for too long; "
                        "close it and try again",
                        path=self.path,
                    ) from e
                time.sleep(delay)
                delay = min(delay * 2, 0.2)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction: all or nothing, durable when the block ends."""
        conn = self.db.conn
        if conn.in_transaction:
            raise StoreError("a write transaction is already open (nested write)")
        if self.readonly:
            raise ReadOnlyReviewError(
                "审核文件以只读方式打开（只读位置或只读文件）：不能修改；请复制到可写的位置再编辑",
                path=self.path,
            )
        self._retry(conn.execute, "BEGIN IMMEDIATE")
        try:
            yield
            if self._pending_seals and self.schema_version >= SEALED_SINCE:
                for doc_id, who in self._pending_seals.items():  # every import path seals
                    seal_document(conn, doc_id, who=who, reason="导入时封存提取记录")
        except BaseException:
            self._pending_seals.clear()
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._pending_seals.clear()
        try:
            self._retry(conn.execute, "COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @contextmanager
    def read(self) -> Iterator[None]:
        """A consistent snapshot for several reads (joins a write already open)."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        self._retry(conn.execute, "BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def _rows(
        self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
    ) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row, strict=True)) for row in cur]

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # ------------------------------------------------------------ documents

    def document_id_for_sha(self, sha256: str) -> int | None:
        return self._scalar("SELECT id FROM documents WHERE sha256 = ?", [sha256])

    def known_shas(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT sha256 FROM documents")}

    def document_row(self, doc_id: int) -> dict[str, Any] | None:
        """A document's columns, with its record extras (missing, sections, problems)."""
        return self._one(
            f"SELECT {self._select('documents', DOCUMENT_FIELDS, 'd.')}, {', '.join(EXTRA_FIELDS)}"
            " FROM documents d LEFT JOIN record_extras x ON x.document_id = d.id WHERE d.id = ?",
            [doc_id],
        )

    def insert_document(self, fields: Mapping[str, Any]) -> int:
        """Insert a document; record extras among ``fields`` go to their own table."""
        columns = self._columns("documents")  # a file pinned at an older version lacks newer ones
        own = {k: v for k, v in fields.items() if k not in EXTRA_FIELDS and k in columns}
        if "id" not in own:  # never reuse a deleted document's id: its trail stays
            own = {"id": self._next_document_id(), **own}
        cur = self.db.execute(
            f"INSERT INTO documents ({', '.join(own)}) VALUES ({', '.join('?' * len(own))})",
            list(own.values()),
        )
        doc_id = int(cur.lastrowid)
        self.db.execute("INSERT INTO record_extras (document_id) VALUES (?)", [doc_id])
        self.update_document(doc_id, {k: v for k, v in fields.items() if k in EXTRA_FIELDS})
        self._pending_seals[doc_id] = str(fields.get("imported_by") or "nianbao")
        return doc_id

    def _columns(self, table: str) -> frozenset[str]:
        """The table's columns, read once per table (a migration clears them): reads and inserts
        of every document ask, and the schema does not change under an open store otherwise."""
        if table not in self._column_cache:
            self._column_cache[table] = frozenset(
                r[1] for r in self.db.execute(f"PRAGMA table_info({table})").fetchall()
            )
        return self._column_cache[table]

    def _select(self, table: str, fields: Iterable[str], prefix: str = "") -> str:
        """The select list of ``fields``; a column newer than this file's version reads as NULL
        (only a file pinned at an older version, as tests of migrations make, lacks one)."""
        columns = self._columns(table)
        return ", ".join(prefix + f if f in columns else f"NULL AS {f}" for f in fields)

    def _next_document_id(self) -> int:
        used = self._scalar(
            "SELECT max(coalesce((SELECT max(id) FROM documents), 0),"
            " coalesce((SELECT max(document_id) FROM edits), 0))"
        )
        return int(used or 0) + 1

    def seal(self, doc_id: int, *, who: str, reason: str) -> int:
        """Seal the document's extracted record now (inside a write), e.g. after re-extraction."""
        self._pending_seals.pop(doc_id, None)
        return seal_document(self.db.conn, doc_id, who=who, reason=reason)

    def delete_document(self, doc_id: int) -> None:
        """Remove a document and everything stored for it but its trail (inside a write)."""
        self._pending_seals.pop(doc_id, None)
        for table, key in (
            ("findings", "document_id"),
            ("cells", "document_id"),
            ("record_extras", "document_id"),
            ("seals", "document_id"),
            ("documents", "id"),
        ):
            self.db.execute(f"DELETE FROM {table} WHERE {key} = ?", [doc_id])

    def audit_fingerprint(self) -> tuple[str, int]:
        """(hash of the newest trail entry, number of entries): what an export records."""
        row = self.db.execute("SELECT id, hash FROM edits ORDER BY id DESC LIMIT 1").fetchone()
        # ids run 1, 2, 3… without gaps (append-only), so the newest id is the count
        return (row[1], int(row[0])) if row else ("0" * 64, 0)

    def update_document(self, doc_id: int, fields: Mapping[str, Any]) -> None:
        own = {k: v for k, v in fields.items() if k not in EXTRA_FIELDS}
        extras = {k: v for k, v in fields.items() if k in EXTRA_FIELDS}
        for table, key, cols in (
            ("documents", "id", own),
            ("record_extras", "document_id", extras),
        ):
            if cols:
                self.db.execute(
                    f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE {key} = ?",
                    [*cols.values(), doc_id],
                )

    def list_documents(
        self,
        fields: Sequence[str] = DOCUMENT_FIELDS,
        *,
        status: str | None = None,
        has_errors: bool | None = None,
        has_warnings: bool | None = None,
        agency: str | None = None,
        year: int | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Any, ...]]:
        """Documents matching every filter given, by id: tuples of ``fields`` (one query)."""
        where, params = [], []
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if has_errors is not None:
            where.append("errors > 0" if has_errors else "coalesce(errors, 0) = 0")
        if has_warnings is not None:
            where.append("warnings > 0" if has_warnings else "coalesce(warnings, 0) = 0")
        if agency is not None:  # a normalised agency key, or part of one
            where.append("agency_key LIKE ? ESCAPE '\\'")
            params.append(_like(agency))
        if year is not None:
            where.append("year = ?")
            params.append(year)
        if text:
            like = _like(text)
            where.append(
                "(name LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\' OR agency LIKE ? ESCAPE '\\'"
                " OR note LIKE ? ESCAPE '\\' OR sha256 = ?)"
            )
            params += [like, like, like, like, text.lower()]
        unknown = set(fields) - set(DOCUMENT_FIELDS)
        if unknown:
            raise ValueError(f"not document fields: {sorted(unknown)}")
        sql = f"SELECT {self._select('documents', fields)} FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return self.db.execute(sql, params).fetchall()

    def same_body_ids(self, agency_key: str, year: int, exclude: int) -> list[int]:
        """Documents of one body and year, the one to compare with first.

        Several reports of one body and year happen (a corrected re-issue): an
        approved one wins, then the most recently imported.
        """
        return [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM documents WHERE agency_key = ? AND year = ? AND id != ?"
                " ORDER BY status = 'approved' DESC, id DESC",
                [agency_key, year, exclude],
            )
        ]

    def unchecked_document_ids(self) -> list[int]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM documents WHERE checked_at IS NULL ORDER BY id"
            )
        ]

    def all_document_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    # ------------------------------------------------------------ cells

    def cell_rows(self, doc_id: int) -> list[dict[str, Any]]:
        return self._rows(
            f"SELECT {self._select('cells', CELL_FIELDS)} FROM cells WHERE document_id = ? ORDER BY rowid",
            [doc_id],
        )

    def cell_row(self, doc_id: int, cell: str) -> dict[str, Any] | None:
        return self._one(
            f"SELECT {self._select('cells', CELL_FIELDS)} FROM cells WHERE document_id = ? AND cell = ?",
            [doc_id, cell],
        )

    def insert_cells(self, doc_id: int, rows: Iterable[Mapping[str, Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        # the columns the rows name (a row without ``anchor`` fits a file from before that column)
        columns = self._columns("cells")  # a file pinned at an older version lacks newer ones
        fields = [f for f in CELL_FIELDS if f in columns and any(f in r for r in rows)]
        self.db.conn.executemany(
            f"INSERT INTO cells (document_id, {', '.join(fields)})"
            f" VALUES (?, {', '.join('?' * len(fields))})",
            ([doc_id, *(r.get(f) for f in fields)] for r in rows),
        )

    def update_cell(self, doc_id: int, cell: str, fields: Mapping[str, Any]) -> None:
        cols = list(fields)
        self.db.execute(
            f"UPDATE cells SET {', '.join(f'{c} = ?' for c in cols)} WHERE document_id = ? AND cell = ?",
            [*(fields[c] for c in cols), doc_id, cell],
        )

    def delete_cell(self, doc_id: int, cell: str) -> None:
        self.db.execute("DELETE FROM cells WHERE document_id = ? AND cell = ?", [doc_id, cell])

    # ------------------------------------------------------------ edits

    def append_edits(self, edits: list[dict[str, Any]]) -> list[int]:
        """Append one operation's edits to the trail, chained; return their ids.

        The edits share an ``op`` (the id of the first). Must run inside
        ``write()``, which serialises writers, so the chain never forks.
        """
        if not self.db.conn.in_transaction:
            raise StoreError("edits can only be appended inside a write transaction")
        return append_chained(self.db.conn, edits)

    def edit_rows(self, doc_id: int | None = None) -> list[dict[str, Any]]:
        """The trail in order: one document's, or the whole file's."""
        where = "" if doc_id is None else " WHERE document_id = ?"
        return self._rows(
            f"SELECT {', '.join(EDIT_FIELDS)} FROM edits{where} ORDER BY id",
            [] if doc_id is None else [doc_id],
        )

    def iter_edits(self) -> Iterator[dict[str, Any]]:
        """Every edit in chain order, streamed (the trail can be long)."""
        cur = self.db.conn.execute(f"SELECT {', '.join(EDIT_FIELDS)} FROM edits ORDER BY id")
        for row in cur:
            yield dict(zip(EDIT_FIELDS, row, strict=True))

    def cells_disagreeing_with_trail(self) -> list[dict[str, Any]]:
        """Cells whose current value is not the new value of their newest edit (should be none).

        A cell with no row reads as NULL: right when re-extraction removed it.
        """
        return self._rows(
            "SELECT e.document_id, e.cell, e.id AS edit_id, e.new_value, c.value FROM edits e"
            " JOIN (SELECT max(id) AS id FROM edits WHERE cell NOT LIKE '@%'"
            "       GROUP BY document_id, cell) m ON e.id = m.id"
            " LEFT JOIN cells c ON c.document_id = e.document_id AND c.cell = e.cell"
            " WHERE c.value IS NOT e.new_value"
            " AND NOT EXISTS (SELECT 1 FROM edits x WHERE x.document_id = e.document_id"
            f"  AND x.cell = '{DELETE}' AND x.id > e.id)"
        )

    def cells_differing_unedited(self) -> list[dict[str, Any]]:
        """Cells never edited whose current value is not the extracted one (should be none)."""
        return self._rows(
            "SELECT c.document_id, c.cell, c.extracted, c.value FROM cells c"
            " WHERE c.value IS NOT c.extracted AND NOT EXISTS"
            " (SELECT 1 FROM edits e WHERE e.document_id = c.document_id AND e.cell = c.cell)"
        )

    def documents_disagreeing_with_trail(self, column: str, default: Any) -> list[dict[str, Any]]:
        """Documents whose ``column`` (status, note) is not what their trail (@column) last set."""
        if column not in ("status", "note"):
            raise ValueError(column)
        return self._rows(
            f"SELECT d.id AS document_id, d.{column} AS value, e.id AS edit_id, e.new_value"
            " FROM documents d LEFT JOIN"
            "  (SELECT document_id, max(id) AS id FROM edits WHERE cell = ? GROUP BY document_id) m"
            "  ON m.document_id = d.id"
            " LEFT JOIN edits e ON e.id = m.id"
            f" WHERE d.{column} IS NOT coalesce(e.new_value, ?)",
            ["@" + column, default],
        )

    # ------------------------------------------------------------ findings

    def replace_findings(
        self, doc_id: int, findings: list[dict[str, Any]], *, checked_at: str
    ) -> tuple[int, int]:
        """Store a document's findings (their JSON forms) and counts; return (errors, warnings)."""
        self.db.execute("DELETE FROM findings WHERE document_id = ?", [doc_id])
        self.db.conn.executemany(
            "INSERT INTO findings (document_id, severity, rule, cells, message, finding) VALUES (?, ?, ?, ?, ?, ?)",
            (
                [
                    doc_id,
                    f["severity"],
                    f["rule"],
                    json.dumps(f.get("cells", []), ensure_ascii=False),
                    f.get("message", ""),
                    json.dumps(f, ensure_ascii=False),
                ]
                for f in findings
            ),
        )
        errors = sum(1 for f in findings if f["severity"] == "error")
        warnings = len(findings) - errors
        self.update_document(
            doc_id, {"errors": errors, "warnings": warnings, "checked_at": checked_at}
        )
        return errors, warnings

    def finding_rows(self, doc_id: int) -> list[dict[str, Any]]:
        return [
            json.loads(r[0])
            for r in self.db.execute(
                "SELECT finding FROM findings WHERE document_id = ? ORDER BY id", [doc_id]
            )
        ]

    # ------------------------------------------------------------ import errors

    def add_import_error(self, fields: Mapping[str, Any]) -> int:
        cols = list(fields)
        cur = self.db.execute(
            f"INSERT INTO import_errors ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [fields[c] for c in cols],
        )
        return int(cur.lastrowid)

    def import_error_rows(self) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT id, path, name, sha256, at, message, kind FROM import_errors ORDER BY id"
        )

    # ------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """SQLite's own check: ``["ok"]`` for a sound file."""
        return [r[0] for r in self.db.execute("PRAGMA integrity_check")]

    def foreign_key_problems(self) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.db.execute("PRAGMA foreign_key_check")]
