"""The checks on OCR'd cells: ``ocr_uncertain`` warnings and look-alike digits ranked first."""

from __future__ import annotations

from test_rules import T2021, base, errors, make_record, recompute

from app.rules import WARNINGS, Checker, check
from app.rules.localise import slip
from app.rules.ocr import THRESHOLD


def test_low_confidence_cells_are_warned_once_each():
    values, missing = base(seed=5)
    rec = make_record(T2021, values, missing=missing)
    for c in rec.cells.values():
        c.confidence = 0.99
    rec.cells["requests.granted.natural"].confidence = THRESHOLD - 0.2
    rec.cells["review.reconsideration.total"].confidence = THRESHOLD - 0.01
    found = check(rec)
    assert "ocr_uncertain" in WARNINGS
    assert [(f.rule, f.severity, f.cells) for f in found] == [
        ("ocr_uncertain", "warning", ["requests.granted.natural"]),
        ("ocr_uncertain", "warning", ["review.reconsideration.total"]),
    ]
    assert "OCR" in found[0].message and "low confidence" in found[0].message_en


def test_text_layer_cells_are_never_uncertain():
    values, missing = base(seed=5)
    assert check(make_record(T2021, values, missing=missing)) == []


def test_an_edit_clears_the_warning():
    values, missing = base(seed=6)
    rec = make_record(T2021, values, missing=missing)
    rec.cells["requests.partial.total"].confidence = 0.5
    checker = Checker(rec)
    assert [f.rule for f in checker.findings()] == ["ocr_uncertain"]
    assert checker.set_value("requests.partial.total", values["requests.partial.total"]) == []


def test_ocr_look_alike_ranks_before_other_slips():
    """Three cells balance the broken row with one slip each: 9 → 4 and 22 → 27 (a digit
    changed) or 18 → 13 (8 read for 3). Typed, none is preferred; read by OCR, the look-alike is.
    """
    values, missing = base(seed=3)
    row = "review.reconsideration"
    values.update({f"{row}.upheld": 13, f"{row}.corrected": 9, f"{row}.other": 0, f"{row}.pending": 0})
    recompute(T2021, values, missing)
    assert values[f"{row}.total"] == 22
    values[f"{row}.upheld"] = 18
    rec = make_record(T2021, values, missing=missing)
    (typed,) = errors(check(rec))
    assert typed.note and len(typed.suspects) == 3  # several cells explain it equally
    for c in rec.cells.values():
        c.confidence = 0.97
    (read,) = errors(check(rec))
    assert read.note is None
    assert (read.suspects[0].cell, read.suspects[0].suggested) == (f"{row}.upheld", 13)
    assert {(s.cell, s.suggested) for s in read.suspects[1:]} == {(f"{row}.corrected", 4), (f"{row}.total", 27)}
    assert slip(18, 13) == "ocr" and slip(9, 4) == slip(22, 27) == "changed"


def _scanned(values, missing, drop=()):
    """A record as OCR gives it, with the cells ``drop`` not placed (missing, like a lost page)."""
    missing = [*missing, *drop]
    rec = make_record(T2021, values, missing=missing)
    for c in rec.cells.values():
        c.confidence = 0.99
    return rec


def test_a_cell_ocr_could_not_place_is_warned():
    """A misread header leaves one cell of a printed row unnamed: the identities that need it
    are skipped, so only this warning says so."""
    values, missing = base(seed=8)
    gone = "review.litigation_direct.pending"
    found = check(_scanned(values, missing, [gone]))
    assert [(f.rule, f.cells) for f in found] == [("ocr_uncertain", [gone])]
    assert "not read by OCR" in found[0].message_en


def test_a_row_between_printed_rows_is_warned_a_lost_page_is_not():
    values, missing = base(seed=8)
    row = [f"requests.denied_law.{c}" for c in
           ("natural", "business", "research", "nonprofit", "legal", "other", "total")]
    found = check(_scanned(values, missing, row))
    assert [f.cells[0] for f in found if f.rule == "ocr_uncertain"] == row
    top = [cid for cid in values if cid.startswith(("requests.new.", "requests.carried_in."))]
    assert [f for f in check(_scanned(values, missing, top)) if f.rule == "ocr_uncertain"] == []


def test_the_other_form_of_a_variant_row_is_not_unplaced():
    for form in ("split", "single"):
        values, missing = base(form=form, seed=9)
        assert check(_scanned(values, missing)) == [], form


def test_text_layer_records_with_missing_cells_are_not_warned():
    values, missing = base(seed=8)
    rec = make_record(T2021, values, missing=[*missing, "review.litigation_direct.pending"])
    assert [f for f in check(rec) if f.rule == "ocr_uncertain"] == []
