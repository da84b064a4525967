"""Reviewing use cases (app/review/reviewing.py): approving with open errors, the report's details,
failed imports still open, the statuses 退回 and 存疑 and their migration."""

from __future__ import annotations

import pytest

from app.extract import extract_pdf
from app.review import OpenErrorsError, open_review
from app.store.db import Store
from app.store.errors import EditError
from app.store.migrations import MIGRATIONS, v_review_statuses_returned_doubtful
from tests.fixtures.catalog import build_case, case


@pytest.fixture
def typo_record(generated_dir):
    return extract_pdf(build_case(case("gen-2021-typo-single-digit"), generated_dir))


def test_approving_with_open_errors_needs_a_reason_kept_in_the_trail(tmp_path, typo_record):
    with open_review(tmp_path / "r.sqlite", reviewer="甲") as review:
        doc = review.add_record(typo_record).document_id
        assert len(review.open_errors(doc)) == review.document(doc).errors > 0
        n = len(review.open_findings(doc))  # every undecided finding, warnings too
        with pytest.raises(OpenErrorsError) as caught:
            review.approve(doc, reason="  ")
        assert caught.value.count == n and review.document(doc).status == "new"
        review.approve(doc, reason="原文如此")
        assert review.document(doc).status == "approved"
        entry = review.history(doc)[-1]
        assert (entry.cell, entry.new_value, entry.who) == ("@status", "approved", "甲")
        assert entry.reason == f"有 {n} 项问题待定时通过：原文如此"


def test_approving_a_clean_report_needs_no_reason(tmp_path, generated_dir):
    record = extract_pdf(build_case(case("gen-2021-plain"), generated_dir))
    with open_review(tmp_path / "r.sqlite", reviewer="甲") as review:
        doc = review.add_record(record).document_id
        assert review.approve(doc).status == "approved"
        assert review.history(doc)[-1].reason is None


def test_agency_and_year_can_be_corrected_and_are_audited(tmp_path, typo_record):
    with open_review(tmp_path / "r.sqlite", reviewer="甲") as review:
        doc = review.add_record(typo_record).document_id
        changes = review.set_details(doc, agency="某某县人民政府", year=2020, reason="识别有误")
        d = review.document(doc)
        assert (d.agency, d.year) == ("某某县人民政府", 2020) and changes.edits
        assert [(e.cell, e.new_value, e.reason) for e in review.history(doc)[-2:]] == [
            ("@agency", "某某县人民政府", "识别有误"), ("@year", 2020, "识别有误")]
        assert review.set_details(doc, year=2020).empty
        with pytest.raises(EditError):
            review.set_details(doc, year=1870)
        with pytest.raises(EditError):
            review.set_details(doc, agency=" ")


def test_failed_imports_stay_open_until_the_file_is_imported(tmp_path, typo_record):
    with open_review(tmp_path / "r.sqlite") as review:
        review.record_import_error(tmp_path / "a.pdf", "broken", kind="BrokenPdfError")
        review.record_import_error(tmp_path / "a.pdf", "broken again", kind="BrokenPdfError")
        review.record_import_error(tmp_path / "b.pdf", "encrypted", kind="EncryptedPdfError")
        failures = review.open_import_failures()
        assert [(f.name, f.message, f.attempts) for f in failures] == [("a.pdf", "broken again", 2), ("b.pdf", "encrypted", 1)]
        review.add_record(typo_record, path=tmp_path / "a.pdf")
        assert [f.name for f in review.open_import_failures()] == ["b.pdf"]
        assert len(review.import_errors()) == 3, "the log itself is kept"


def test_returned_and_doubtful_statuses_after_migrating_a_file_with_reports(tmp_path, typo_record):
    path = tmp_path / "old.sqlite"
    before = MIGRATIONS.index(v_review_statuses_returned_doubtful)
    Store(path, schema_version=before).close()  # a file from before the migration
    with open_review(path, reviewer="甲") as review:  # (opening migrates it)
        doc = review.add_record(typo_record).document_id
    with open_review(path, reviewer="甲") as review:
        assert review.store.schema_version == len(MIGRATIONS)
        for status in ("returned", "doubtful", "in_review"):
            review.set_status(doc, status)
            assert review.document(doc).status == status
        assert [d.id for d in review.list_documents(status="in_review")] == [doc]
        assert review.store.integrity_check() == ["ok"] and not review.store.foreign_key_problems()


def test_the_migration_keeps_every_row(tmp_path, typo_record):
    path = tmp_path / "old.sqlite"
    before = MIGRATIONS.index(v_review_statuses_returned_doubtful)
    store = Store(path, schema_version=before)
    store.close()
    import sqlite3

    from app.review.api import Review

    with Review(Store(path, schema_version=before), who="甲") as review:
        doc = review.add_record(typo_record).document_id
        review.apply_edit(doc, "requests.new.natural", 5)
        review.set_status(doc, "approved", override="迁移测试")
        counts = {t: review.store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "cells", "edits", "findings")}
        with pytest.raises(sqlite3.IntegrityError):
            review.store.db.execute("UPDATE documents SET status = 'returned'")
    with open_review(path) as review:
        after = {t: review.store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts}
        assert after == counts and review.document(doc).status == "approved"
        assert review.record(doc).value("requests.new.natural") == 5


def test_a_file_with_every_new_kind_of_entry_still_verifies(tmp_path, typo_record, capsys):
    from app.cli import main

    for c in typo_record.cells.values():
        c.confidence = 0.99
    typo_record.cells["requests.new.natural"].confidence = 0.5
    typo_record.cells["requests.new.business"].confidence = None  # read from a text layer
    path = tmp_path / "r.sqlite"
    with open_review(path, reviewer="甲") as review:
        doc = review.add_record(typo_record).document_id
        review.confirm_as_printed(doc, ["requests.new.natural", "requests.new.business"])
        assert [e.cell for e in review.history(doc)] == ["@confirm"], "a text-layer reading needs no confirming"
        assert not [f for f in review.load_document(doc).findings if f.rule == "ocr_uncertain"]
        review.set_details(doc, agency="某县人民政府", year=2021)
        review.set_status(doc, "returned")
        review.approve(doc, reason="原文如此")
    assert main(["verify", str(path)]) == 0, capsys.readouterr()
