"""The review file and the review API: round trips, edits, undo/redo, status, links, filters."""

from __future__ import annotations

import sqlite3

import pytest
from test_store_helpers import fake_check, truth_record, with_sha

from app.model import Cell
from app.review import (
    DuplicateDocumentError,
    open_review,
    undo_stacks,
)
from app.store.errors import EditError, NoSuchDocumentError, StoreError
from app.store.migrations import APPLICATION_ID, latest_version


@pytest.fixture
def review(tmp_path):
    r = open_review(tmp_path / "review.sqlite", reviewer="tester", checker=fake_check)
    yield r
    r.close()


@pytest.fixture
def pair(review):
    """The hongze 2023 and 2024 reports, imported; returns their ids."""
    ids = []
    for year in (2023, 2024):
        rec = with_sha(truth_record(f"hongze-{year}", path=f"/r/hongze-{year}.pdf"), str(year))
        ids.append(review.add_record(rec).document_id)
    return ids


def test_new_file_settings(review):
    conn = review.store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert {"documents", "cells", "edits", "findings", "import_errors"} <= set(
        review.store.db.table_names()
    )


def test_record_round_trips_exactly(review):
    rec = with_sha(truth_record("hongze-2023", path="/r/a.pdf"), "a")
    rec.cells["active.fees.amount"].value = 7730.28
    rec.cells["requests.new.total"].confidence = 0.8731
    rec.cells["active.regulations.issued"] = Cell(0.1 + 0.2, "0.3", 3, (1 / 3, 2 / 3, 1.0, 2.0))
    doc_id = review.add_record(rec).document_id
    back = review.record(doc_id)
    assert back.cells == rec.cells
    for cell, c in rec.cells.items():
        assert type(back.cells[cell].value) is type(c.value), cell
    assert back.cells["active.fees.amount"].value == 7730.28
    assert back.missing == rec.missing
    assert back.sections == rec.sections and back.problems == rec.problems
    assert (back.template, back.agency, back.year) == (rec.template, rec.agency, rec.year)
    assert back.source.sha256 == rec.source.sha256 and back.source.pages == 5
    assert review.record(doc_id, extracted=True).cells == rec.cells


def test_same_content_twice_is_refused(review):
    rec = with_sha(truth_record("hongze-2023"), "x")
    review.add_record(rec)
    with pytest.raises(DuplicateDocumentError):
        review.add_record(rec)
    assert len(review.list_documents()) == 1


def test_findings_are_stored_with_counts(review, pair):
    y2023, y2024 = pair
    doc = review.load_document(y2023)
    assert doc.summary.errors == 2 and doc.summary.warnings == 0  # review row as printed
    assert {f.rule for f in doc.findings} == {"review_total"}
    assert review.document(y2024).errors == 0


def test_edit_is_durable_audited_and_side_by_side(review, pair):
    doc_id = pair[0]
    changes = review.apply_edit(
        doc_id, "review.reconsideration.total", 11, reason="printed total is 0"
    )
    assert changes.cells == {"review.reconsideration.total"}
    assert changes.errors == 1 and len(changes.findings) == 1
    assert len(changes.edits) == 1
    doc = review.load_document(doc_id)
    assert doc.record.value("review.reconsideration.total") == 11
    assert doc.extracted["review.reconsideration.total"] == 0
    assert doc.edited == {"review.reconsideration.total"}
    assert doc.can_undo and not doc.can_redo
    (edit,) = review.history(doc_id)
    assert (edit.cell, edit.old_value, edit.new_value) == ("review.reconsideration.total", 0, 11)
    assert (edit.who, edit.how, edit.reason) == ("tester", "manual", "printed total is 0")
    assert edit.at.endswith("Z") and edit.at[:2] == "20"
    # another connection sees it at once: it is committed
    other = sqlite3.connect(review.path)
    assert other.execute("SELECT count(*) FROM edits WHERE how != 'seal'").fetchone()[0] == 1
    other.close()


def test_setting_the_current_value_changes_nothing(review, pair):
    changes = review.apply_edit(pair[0], "requests.new.total", 21)
    assert changes.empty and not changes.cells
    assert review.history(pair[0]) == []


def test_edit_values_are_checked(review, pair):
    doc_id = pair[0]
    with pytest.raises(EditError):
        review.apply_edit(doc_id, "requests.nonsense.total", 1)
    with pytest.raises(EditError):
        review.apply_edit(doc_id, "requests.new.total", 2.5)  # a count
    with pytest.raises(EditError):
        review.apply_edit(doc_id, "requests.new.total", True)
    with pytest.raises(EditError):
        review.apply_edit(doc_id, "requests.new.total", float("nan"))
    with pytest.raises(EditError):
        review.apply_edit(doc_id, "requests.new.total", 3, how="undo")
    with pytest.raises(NoSuchDocumentError):
        review.apply_edit(999, "requests.new.total", 3)
    review.apply_edit(doc_id, "requests.new.total", 22.0)
    assert type(review.record(doc_id).value("requests.new.total")) is int
    review.apply_edit(doc_id, "active.fees.amount", 7730.29, how="suggestion")
    assert review.record(doc_id).value("active.fees.amount") == 7730.29
    assert review.history(doc_id)[-1].how == "suggestion"


def test_a_cell_the_report_lacks_can_be_filled_and_emptied(review, pair):
    doc_id = pair[0]
    cell = "requests.other_other.total"  # hongze prints （六） as one row
    assert cell in review.record(doc_id).missing
    review.apply_edit(doc_id, cell, 3)
    rec = review.record(doc_id)
    assert rec.value(cell) == 3 and cell not in rec.missing
    assert cell not in review.record(doc_id, extracted=True).cells
    review.undo(doc_id)
    rec = review.record(doc_id)
    assert cell not in rec.cells and cell in rec.missing


def test_undo_redo_are_new_audit_entries(review, pair):
    doc_id = pair[1]
    a = review.apply_edit(doc_id, "requests.new.natural", 1)
    b = review.apply_edits(doc_id, {"requests.new.total": 2, "requests.new.other": 3})
    assert review.undo_state(doc_id) == (True, False)

    u = review.undo(doc_id)  # reverts both cells of b
    assert u.cells == {"requests.new.total", "requests.new.other"}
    rec = review.record(doc_id)
    assert rec.value("requests.new.total") == 95 and rec.value("requests.new.other") == 0
    assert rec.value("requests.new.natural") == 1
    assert review.undo_state(doc_id) == (True, True)

    r = review.redo(doc_id)
    assert r.cells == {"requests.new.total", "requests.new.other"}
    assert review.record(doc_id).value("requests.new.total") == 2

    review.undo(doc_id)
    review.undo(doc_id)  # now a too
    assert review.record(doc_id).value("requests.new.natural") == 95
    assert review.undo_state(doc_id) == (False, True)
    assert review.undo(doc_id).empty

    review.redo(doc_id)  # a again
    review.apply_edit(doc_id, "requests.new.legal", 4)  # a new edit clears what could be redone
    assert review.undo_state(doc_id) == (True, False)
    assert review.redo(doc_id).empty

    trail = review.history(doc_id)
    hows = [e.how for e in trail]
    assert hows.count("undo") == 5 and hows.count("redo") == 3
    undos = [e for e in trail if e.how == "undo"]
    assert {e.reverts for e in undos} == {a.edits[0], b.edits[0]}
    assert [e.id for e in trail] == sorted(e.id for e in trail)


def test_undo_stacks_replay():
    def e(op, how, reverts=None, cell="x"):
        return {"op": op, "how": how, "reverts": reverts, "cell": cell}

    trail = [e(1, "manual"), e(2, "suggestion"), e(3, "undo", 2), e(4, "@", cell="@status")]
    assert undo_stacks(trail) == ([1], [2])
    assert undo_stacks([*trail, e(5, "redo", 2)]) == ([1, 2], [])
    assert undo_stacks([*trail, e(5, "manual")]) == ([1, 5], [])
    assert undo_stacks([*trail, e(5, "reextract", cell="@extract")]) == ([], [])


def test_status_and_note(review, pair):
    doc_id = pair[0]
    ch = review.set_status(doc_id, "in_review")
    assert ch.status == "in_review" and len(ch.edits) == 1
    assert review.set_status(doc_id, "in_review").empty
    review.set_note(doc_id, "total row checked against the paper copy")
    review.set_status(doc_id, "approved", override="checked against the paper copy")
    doc = review.document(doc_id)
    assert (doc.status, doc.reviewer) == ("approved", "tester")
    assert doc.note.startswith("total row")
    with pytest.raises(StoreError):
        review.set_status(doc_id, "done")
    trail = review.history(doc_id)
    assert [(e.cell, e.new_value) for e in trail] == [
        ("@status", "in_review"),
        ("@note", "total row checked against the paper copy"),
        ("@status", "approved"),
    ]
    assert review.undo(doc_id).empty  # status is set again, not undone
    assert [d.id for d in review.list_documents(status="approved")] == [doc_id]


def test_list_filters(review, pair):
    y2023, y2024 = pair
    other = truth_record("hongze-2024", path="/r/其他/other.pdf")
    other.agency, other.year = "某某县 人民政府", 2022
    z = review.add_record(with_sha(other, "z")).document_id
    review.set_note(y2024, "needs a second look")

    def ids(**kw):
        return [d.id for d in review.list_documents(**kw)]

    assert ids() == [y2023, y2024, z]
    assert ids(has_errors=True) == [y2023]
    assert ids(has_errors=False) == [y2024, z]
    assert ids(year=2024) == [y2024]
    assert ids(agency="洪泽区") == [y2023, y2024]
    assert ids(agency="某某县人民政府") == [z]  # spaces do not matter
    assert ids(text="second look") == [y2024]
    assert ids(text="其他") == [z]
    assert ids(text="100%") == []
    assert ids(text=review.document(z).sha256) == [z]
    assert ids(limit=1, offset=1) == [y2024]
    summary = review.list_documents(year=2023)[0]
    assert summary.to_json()["errors"] == 2


def test_previous_year_link_and_cross_year_recheck(review, pair):
    y2023, y2024 = pair
    assert review.previous_id(y2024) == y2023
    assert review.previous_id(y2023) is None
    prev = review.previous_record(y2024)
    assert prev.year == 2023 and prev.source.sha256 == review.document(y2023).sha256
    assert review.load_document(y2024).previous_id == y2023
    # last year's carried_out is this year's carried_in: changing it moves this year's warnings
    carried = review.record(y2024).value("requests.carried_in.natural")
    changes = review.apply_edit(y2023, "requests.carried_out.natural", carried + 1)
    assert changes.related == (y2024,)
    assert review.document(y2024).warnings == 1
    assert {f.rule for f in review.load_document(y2024).findings} == {"carry_over"}
    review.undo(y2023)
    assert review.document(y2024).warnings == 0


def test_agency_names_are_normalised_for_the_link(review):
    a = truth_record("hongze-2023")
    b = truth_record("hongze-2024")
    b.agency = "淮安市 洪泽区⼈民政府"  # a space and a Kangxi radical ⼈ (U+2F08)
    ida = review.add_record(with_sha(a, "a")).document_id
    idb = review.add_record(with_sha(b, "b")).document_id
    assert review.previous_id(idb) == ida


def test_import_order_does_not_matter_for_the_link(review):
    b = review.add_record(with_sha(truth_record("hongze-2024"), "b"))
    bad_prev = truth_record("hongze-2023")
    bad_prev.cells["requests.carried_out.total"].value = 99
    a = review.add_record(with_sha(bad_prev, "a"))
    assert a.related == (b.document_id,)  # the later year is rechecked when its previous arrives
    assert review.document(b.document_id).warnings == 1


def test_reextract_keeps_reviewer_values_and_reports_conflicts(review, pair):
    doc_id = pair[0]
    review.apply_edit(doc_id, "review.reconsideration.total", 11)
    review.apply_edit(doc_id, "requests.new.total", 30)
    new = truth_record("hongze-2023", path="/moved/hongze-2023.pdf")
    new.cells["review.reconsideration.total"].value = 11  # the extractor now agrees
    new.cells["requests.new.total"].value = 22  # and disagrees with the reviewer here
    new.cells["active.fees.amount"].value = 7730.3  # unedited: refreshed
    del new.cells["active.coercion.decisions"]  # no longer extracted
    result = review.reextract(doc_id, new, path="/moved/hongze-2023.pdf")
    assert [(c.cell, c.current, c.extracted_before, c.extracted_now) for c in result.conflicts] == [
        ("requests.new.total", 30, 21, 22)
    ]
    assert result.changes.cells == {"active.fees.amount", "active.coercion.decisions"}
    rec = review.record(doc_id)
    assert rec.value("requests.new.total") == 30
    assert rec.value("active.fees.amount") == 7730.3
    assert "active.coercion.decisions" not in rec.cells
    loaded = review.load_document(doc_id)
    assert loaded.edited == {"requests.new.total"}
    assert loaded.summary.path == "/moved/hongze-2023.pdf"
    assert not loaded.can_undo  # re-extraction is an undo barrier
    trail = review.history(doc_id)[2:]
    assert {e.how for e in trail} == {"reextract"} and trail[0].cell == "@extract"
    assert len({e.op for e in trail}) == 1


def test_reextract_of_an_edited_cell_no_longer_extracted_keeps_it(review, pair):
    doc_id = pair[0]
    review.apply_edit(doc_id, "active.coercion.decisions", 200)
    new = truth_record("hongze-2023")
    del new.cells["active.coercion.decisions"]
    (conflict,) = review.reextract(doc_id, new).conflicts
    assert (conflict.current, conflict.extracted_now) == (200, None)
    assert review.record(doc_id).value("active.coercion.decisions") == 200
    assert "active.coercion.decisions" not in review.record(doc_id, extracted=True).cells


def test_import_errors_are_logged(review):
    review.record_import_error("/x/broken.pdf", "not a PDF", kind="NotAPdfError")
    (err,) = review.import_errors()
    assert (err["name"], err["message"], err["kind"]) == ("broken.pdf", "not a PDF", "NotAPdfError")


def test_the_trail_cannot_be_changed_through_sql(review, pair):
    review.apply_edit(pair[0], "requests.new.total", 30)
    conn = review.store.db.conn
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE edits SET new_value = 31")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM edits")


