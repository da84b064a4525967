"""The schema of the review file, as a list of forward migrations.

Migration N takes a file from ``PRAGMA user_version`` N-1 to N. Each runs in
one transaction together with the version bump (see ``db.migrate``), so a
crash leaves the file at N-1 or at N, and a second process opening the file
at the same moment finds the work done and skips it. A released migration is
never edited: change the schema by adding one at the end.

Value columns (``cells.extracted``, ``cells.value``, ``edits.old_value``,
``edits.new_value``) are declared without a type on purpose: with no type
affinity SQLite keeps an integer an INTEGER and an amount a REAL, so 7730.28
and 5 come back exactly as they went in.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from app.store.keys import agency_key

# 'NBRV' — marks the file as a Nianbao review file for `file(1)` and for us.
APPLICATION_ID = 0x4E425256

Migration = Callable[[Database], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next schema version."""
    MIGRATIONS.append(fn)
    return fn


def latest_version() -> int:
    return len(MIGRATIONS)


@migration
def v1_documents_cells_edits(db: Database) -> None:
    """Reports, their cells (extracted and current), the audit trail, import errors."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for sql in (
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            pages INTEGER NOT NULL DEFAULT 0,
            template TEXT NOT NULL,
            agency TEXT,
            year INTEGER,
            imported_at TEXT NOT NULL,
            imported_by TEXT,
            extracted_at TEXT NOT NULL,
            extractor TEXT,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_review', 'approved')),
            reviewer TEXT,
            note TEXT
        )""",
        # The record's parts that are not cells, as JSON: kept out of `documents`
        # so listing thousands of documents reads small rows.
        """CREATE TABLE record_extras (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            missing TEXT NOT NULL DEFAULT '[]',
            sections TEXT NOT NULL DEFAULT '[]',
            problems TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE cells (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            cell TEXT NOT NULL,
            extracted,
            raw TEXT NOT NULL DEFAULT '',
            page INTEGER NOT NULL DEFAULT 0,
            x0 REAL, top REAL, x1 REAL, bottom REAL,
            blank INTEGER NOT NULL DEFAULT 0,
            confidence REAL,
            value,
            origin TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'reviewer')),
            PRIMARY KEY (document_id, cell)
        )""",
        """CREATE TABLE edits (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            cell TEXT NOT NULL,
            old_value,
            new_value,
            who TEXT NOT NULL,
            at TEXT NOT NULL,
            how TEXT NOT NULL CHECK (how IN ('manual', 'suggestion', 'undo', 'redo', 'reextract')),
            reason TEXT,
            op INTEGER NOT NULL,
            reverts INTEGER,
            hash TEXT NOT NULL
        )""",
        "CREATE INDEX edits_document ON edits (document_id, id)",
        """CREATE TRIGGER edits_append_only_update BEFORE UPDATE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TRIGGER edits_append_only_delete BEFORE DELETE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TABLE import_errors (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT,
            at TEXT NOT NULL,
            message TEXT NOT NULL
        )""",
    ):
        db.execute(sql)


@migration
def v2_findings_and_agency_key(db: Database) -> None:
    """Stored findings and their counts (fast listing); agency keys (previous-year links).

    Counts start NULL — "not checked yet" — and the review layer checks those
    documents when it opens the file, since checking needs the rules engine.
    """
    db.execute(
        """CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
            rule TEXT NOT NULL,
            cells TEXT NOT NULL DEFAULT '[]',
            message TEXT NOT NULL DEFAULT '',
            finding TEXT NOT NULL
        )"""
    )
    db["findings"].create_index(["document_id"], index_name="findings_document")
    db["findings"].create_index(["rule"], index_name="findings_rule")
    documents = db["documents"]
    documents.add_column("errors", int)
    documents.add_column("warnings", int)
    documents.add_column("checked_at", str)
    documents.add_column("agency_key", str)
    for row in db.query("SELECT id, agency FROM documents WHERE agency IS NOT NULL"):
        db.execute(
            "UPDATE documents SET agency_key = ? WHERE id = ?",
            [agency_key(row["agency"]), row["id"]],
        )
    documents.create_index(["agency_key", "year"], index_name="documents_agency_year")
    documents.create_index(["status"], index_name="documents_status")
    db["import_errors"].add_column("kind", str)


@migration
def readers_anchor_format_published(db: Database) -> None:
    """Reports in every format (issue 12): where each cell sits in its source, the source's
    format, its publication date, and the files of a report read from several.

    ``cells.anchor`` is the cell's anchor as JSON (app.model.Anchor); NULL means
    the page box of ``page`` and ``x0 top x1 bottom`` — every cell of a file
    written before, all from PDFs. ``documents.format`` is ``pdf`` for them.
    """
    db["cells"].add_column("anchor", str)
    db.execute("ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'pdf'")
    db["documents"].add_column("published", str)
    db["documents"].add_column("files", str)
