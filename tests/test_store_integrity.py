"""Tamper evidence (`nianbao verify`), schema migrations, and files that are not review files."""

from __future__ import annotations

import argparse
import json
import sqlite3

import pytest
from test_store_helpers import fake_check, truth_record, with_sha

from app.commands import verify as verify_cmd
from app.review import open_review
from app.store.chain import edit_hash
from app.store.db import EDIT_FIELDS, Store
from app.store.errors import NewerSchemaError, NotAReviewFileError
from app.store.keys import agency_key
from app.store.migrations import latest_version
from app.store.verify import verify_store


@pytest.fixture
def db_path(tmp_path):
    """A review file with two documents and a few edits, undos and status changes."""
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="tester", checker=fake_check) as r:
        a = r.add_record(with_sha(truth_record("hongze-2023"), "a")).document_id
        b = r.add_record(with_sha(truth_record("hongze-2024"), "b")).document_id
        r.apply_edit(a, "requests.new.total", 30)
        r.apply_edits(b, {"requests.new.total": 96, "active.fees.amount": 7545.5})
        r.undo(b)
        r.redo(b)
        r.set_status(a, "approved", override="fixture")
        r.set_note(b, "checked")
        r.reextract(a, truth_record("hongze-2023"))
    return path


def verify(path):
    store = Store(path, create=False, upgrade=False)
    try:
        return verify_store(store)
    finally:
        store.close()


def tamper(path, *sql):
    """Change the file behind Nianbao's back, as anyone with an SQLite tool could."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS edits_append_only_update")
    conn.execute("DROP TRIGGER IF EXISTS edits_append_only_delete")
    for s in sql:
        conn.execute(s)
    # a careful forger puts the triggers back, or the schema check gives them away at once
    conn.execute("""CREATE TRIGGER edits_append_only_update BEFORE UPDATE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""")
    conn.execute("""CREATE TRIGGER edits_append_only_delete BEFORE DELETE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""")
    conn.commit()
    conn.close()


def test_sound_file_verifies(db_path, capsys):
    report = verify(db_path)
    assert report.ok, report.to_json()
    assert report.edits == 13 and len(report.head) == 64  # 10 edits, 3 seals (2 imports, 1 re-extraction)
    args = argparse.Namespace(db=str(db_path), json=False, skip_findings=True)  # fake_check's findings
    assert verify_cmd.run(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 13 edit(s)") and report.head in out


def test_changed_edit_is_the_broken_link(db_path):
    tamper(
        db_path,
        "UPDATE edits SET new_value = 31 WHERE id = 1",
        "UPDATE cells SET value = 31 WHERE value = 30",
    )
    report = verify(db_path)
    assert not report.ok and report.broken_at == 1


def test_deleted_edit_breaks_the_next_link(db_path):
    tamper(db_path, "DELETE FROM edits WHERE id = 4")
    assert verify(db_path).broken_at == 5


def test_rehashed_edit_breaks_the_next_link(db_path):
    conn = sqlite3.connect(db_path)
    edit = dict(zip(EDIT_FIELDS, conn.execute("SELECT * FROM edits WHERE id = 2").fetchone()))
    prev = conn.execute("SELECT hash FROM edits WHERE id = 1").fetchone()[0]
    conn.close()
    edit["who"] = "someone else"
    new_hash = edit_hash(prev, edit)  # a careful forger rehashes the edit they changed …
    tamper(db_path, f"UPDATE edits SET who = 'someone else', hash = '{new_hash}' WHERE id = 2")
    assert verify(db_path).broken_at == 3  # … and the next link gives them away


def test_value_changed_without_an_edit_is_reported(db_path, capsys):
    tamper(
        db_path,
        "UPDATE cells SET value = 5 WHERE document_id = 2 AND cell = 'requests.new.natural'",
    )
    report = verify(db_path)
    assert report.broken_at is None and not report.ok
    assert "requests.new.natural" in report.problems[0]
    assert verify_cmd.run(argparse.Namespace(db=str(db_path), json=True)) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False


def test_status_changed_without_an_edit_is_reported(db_path):
    tamper(db_path, "UPDATE documents SET status = 'approved' WHERE id = 2")
    (problem,) = verify(db_path).problems
    assert "status" in problem


def test_verify_does_not_touch_the_file(db_path):
    before = db_path.read_bytes()
    verify(db_path)
    assert db_path.read_bytes() == before


# ---------------------------------------------------------------- migrations


def make_v1_file(path):
    """A file as the first schema version wrote it, with a document, cells and an edit."""
    store = Store(path, schema_version=1)
    assert store.schema_version == 1
    rec = truth_record("hongze-2023")
    with store.write():
        doc = store.insert_document(
            {"sha256": "ab" * 32, "path": "/r/a.pdf", "name": "a.pdf", "pages": 5,
             "template": rec.template, "agency": rec.agency, "year": rec.year,
             "imported_at": "2024-01-01T00:00:00.000000Z", "extracted_at": "2024-01-01T00:00:00.000000Z",
             "missing": json.dumps(rec.missing)}
        )  # fmt: skip
        store.insert_cells(
            doc,
            [{"cell": k, "extracted": c.value, "raw": c.raw, "page": c.page, "value": c.value,
              "blank": 0, "origin": "extracted"} for k, c in rec.cells.items()],
        )  # fmt: skip
        store.db.execute("UPDATE cells SET value = 11 WHERE cell = 'review.reconsideration.total'")
        store.append_edits(
            [{"document_id": doc, "cell": "review.reconsideration.total", "old_value": 0, "new_value": 11,
              "who": "old", "at": "2024-01-02T00:00:00.000000Z", "how": "manual"}]
        )  # fmt: skip
    store.close()
    return doc


def test_first_schema_version_opens_and_upgrades(tmp_path):
    path = tmp_path / "v1.sqlite"
    doc = make_v1_file(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "findings" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    with open_review(path, reviewer="old", checker=fake_check) as r:  # undo: one's own edits only
        assert r.store.schema_version == latest_version()
        summary = r.document(doc)
        assert (summary.errors, summary.warnings) == (1, 0)  # checked on opening
        assert r.record(doc).value("review.reconsideration.total") == 11
        assert r.store.document_row(doc)["agency_key"] == agency_key("淮安市洪泽区人民政府")
        assert r.undo_state(doc) == (True, False)
        r.apply_edit(doc, "requests.new.total", 22)
    assert verify(path).ok


def test_migrations_run_once(tmp_path):
    path = tmp_path / "r.sqlite"
    open_review(path, checker=fake_check).close()
    with open_review(path, checker=fake_check) as r:
        assert r.store.migrate() == latest_version()


def test_newer_file_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    open_review(path, checker=fake_check).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(NewerSchemaError, match=f"第 {latest_version() + 1} 版.*第 {latest_version()} 版"):
        open_review(path, checker=fake_check)


def test_other_files_are_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NotAReviewFileError, match="not a Nianbao review file"):
        open_review(other, checker=fake_check)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"%PDF-1.7 not a database at all" * 100)
    with pytest.raises(NotAReviewFileError):
        open_review(junk, checker=fake_check)
    with pytest.raises(NotAReviewFileError, match="no review file"):
        open_review(tmp_path / "missing.sqlite", create=False)
