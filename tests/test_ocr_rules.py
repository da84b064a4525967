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
