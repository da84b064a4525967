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
def seal_records(db: Database) -> None:
    """Seal each document's extracted record into the audit chain; audited deletions.

    The trail gains two kinds of entry: ``@seal`` (``how='seal'``: the hash of a
    document's extracted record, see app/store/seal.py) and ``@delete``
    (``how='delete'``: a document removed). ``edits`` is rebuilt for its new
    ``how`` values — every row kept, in order, hashes untouched — and without
    the foreign key to ``documents``, since a deleted document's trail stays.
    Documents imported before are sealed now, each with an entry saying so.
    """
    from app.store.seal import seal_unsealed

    for sql in (
        "DROP TRIGGER edits_append_only_update",
        "DROP TRIGGER edits_append_only_delete",
        """CREATE TABLE edits_sealed (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL,
            cell TEXT NOT NULL,
            old_value,
            new_value,
            who TEXT NOT NULL,
            at TEXT NOT NULL,
            how TEXT NOT NULL CHECK (how IN
                ('manual', 'suggestion', 'undo', 'redo', 'reextract', 'seal', 'delete')),
            reason TEXT,
            op INTEGER NOT NULL,
            reverts INTEGER,
            hash TEXT NOT NULL
        )""",
        "INSERT INTO edits_sealed SELECT id, document_id, cell, old_value, new_value, who, at,"
        " how, reason, op, reverts, hash FROM edits ORDER BY id",
        "DROP INDEX edits_document",
        "DROP TABLE edits",
        "ALTER TABLE edits_sealed RENAME TO edits",
        "CREATE INDEX edits_document ON edits (document_id, id)",
        "CREATE INDEX edits_cell ON edits (cell, document_id)",
        """CREATE TRIGGER edits_append_only_update BEFORE UPDATE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TRIGGER edits_append_only_delete BEFORE DELETE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        # Diagnosis aid beside each document's newest seal (not a proof: the chain is).
        """CREATE TABLE seals (
            document_id INTEGER PRIMARY KEY,
            edit_id INTEGER NOT NULL,
            digests TEXT NOT NULL
        )""",
    ):
        db.execute(sql)
    seal_unsealed(db.conn, who="nianbao", reason="升级审核文件时封存（封存功能之前导入的记录）")


@migration
def raw_file_names(db: Database) -> None:
    """The exact bytes of file names that are not valid UTF-8 (``path_raw``, else NULL).

    ``path`` and ``name`` hold such a name decoded for display (GBK where it
    decodes); ``path_raw`` keeps it losslessly, so the file can be found again.
    """
    db.execute("ALTER TABLE documents ADD COLUMN path_raw BLOB")
    db.execute("ALTER TABLE import_errors ADD COLUMN path_raw BLOB")


REVIEW_STATUSES_BEFORE = "CHECK (status IN ('new', 'in_review', 'approved'))"
REVIEW_STATUSES_RETURNED_DOUBTFUL = (
    "CHECK (status IN ('new', 'in_review', 'approved', 'returned', 'doubtful'))"
)


@migration
def v_review_statuses_returned_doubtful(db: Database) -> None:
    """Two more review statuses: returned (退回) and doubtful (存疑), besides approved.

    Only the CHECK constraint of ``documents.status`` widens; no stored byte
    changes, so the table definition is edited in place (SQLite's documented
    procedure for such a change) and every row stays as it is.
    """
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
    ).fetchone()
    if row is None or REVIEW_STATUSES_BEFORE not in row[0]:
        return  # already widened (or a schema this migration does not know)
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'documents'",
            [REVIEW_STATUSES_BEFORE, REVIEW_STATUSES_RETURNED_DOUBTFUL],
        )
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migration
def finding_decisions(db: Database) -> None:
    """A reviewer's decision on each finding, by its stable key; documents count their open findings.

    ``open_findings`` starts as errors + warnings (no decision exists yet);
    NULL, like the counts, means "not checked yet".
    """
    db.execute(
        """CREATE TABLE decisions (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            key TEXT NOT NULL,
            decision TEXT NOT NULL
                CHECK (decision IN ('pending', 'confirmed', 'extraction', 'dismissed')),
            comment TEXT,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL,
            finding TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (document_id, key)
        )"""
    )
    db["documents"].add_column("open_findings", int)
    db.execute(
        "UPDATE documents SET open_findings = errors + warnings WHERE errors IS NOT NULL"
    )


@migration
def agency_register(db: Database) -> None:
    """The agency register (issue 13): agencies, their name keys, deadlines per level,
    each document's agency, and the publication dates read from PDF metadata.

    ``agency_keys`` holds every normalised name and alias of an agency (one key,
    one agency), so matching a report is one lookup. ``agency_deadlines`` is the
    statutory deadline per level and kind as MM-DD of the year after the report
    year ('*' level: any level without its own row); an agency's own
    ``deadline`` overrides it. ``documents.agency_id`` is the register agency a
    report belongs to, ``agency_match`` how it was found (name, alias, suffix,
    manual; 'none' once a reviewer says it has none).
    """
    for sql in (
        """CREATE TABLE agencies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            aliases TEXT NOT NULL DEFAULT '[]',
            level TEXT CHECK (level IS NULL OR level IN ('省', '市', '县', '乡')),
            kind TEXT NOT NULL DEFAULT 'department' CHECK (kind IN ('government', 'department')),
            parent_id INTEGER REFERENCES agencies(id),
            code TEXT,
            deadline TEXT,
            aggregates INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )""",
        "CREATE INDEX agencies_parent ON agencies (parent_id)",
        """CREATE TABLE agency_keys (
            key TEXT PRIMARY KEY,
            agency_id INTEGER NOT NULL REFERENCES agencies(id)
        )""",
        "CREATE INDEX agency_keys_agency ON agency_keys (agency_id)",
        """CREATE TABLE agency_deadlines (
            level TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('government', 'department')),
            deadline TEXT NOT NULL,
            PRIMARY KEY (level, kind)
        )""",
        """CREATE TABLE publication_dates (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            date TEXT,
            source TEXT NOT NULL,
            detail TEXT
        )""",
    ):
        db.execute(sql)
    # 条例 第五十条: departments by 1月31日, governments at county level and above by 3月31日.
    db.conn.executemany(
        "INSERT INTO agency_deadlines (level, kind, deadline) VALUES (?, ?, ?)",
        [(lv, "government", "03-31") for lv in ("*", "省", "市", "县")]
        + [(lv, "department", "01-31") for lv in ("*", "省", "市", "县")],
    )
    documents = db["documents"]
    documents.add_column("agency_id", int)
    documents.add_column("agency_match", str)
    documents.create_index(["agency_id", "year"], index_name="documents_agency_id_year")


@migration
def compare_cache_repeat_rates(db: Database) -> None:
    """Repeat rates against last year's report, kept so the queue lists them without re-reading prose.

    A row is valid while its ``key`` (both documents' content and extraction
    times, and the [compare] settings) matches; otherwise it is recomputed and
    replaced. Derived data only: deleting the table loses nothing.
    """
    db.execute(
        """CREATE TABLE compare_cache (
            document_id INTEGER PRIMARY KEY,
            previous_id INTEGER,
            key TEXT NOT NULL,
            result TEXT NOT NULL
        )"""
    )


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
