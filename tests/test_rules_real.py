"""The checks on real reports (../shared/real truth) and on the seeds' truth with their prose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.model import Record, Section
from app.rules import check
from app.templates import get_template
from tests.conftest import real_reports
from tests.test_rules_support import make_record

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
# The sentence of each real report's prose that states the requests received (quoted from the PDFs).
REAL_PROSE = {
    2023: "（二）依申请公开情况。进一步规范依申请公开流程，畅通\n依申请公开受理渠。2023 年全区受理政府信息公开申请 21 件，\n均在法定期限答复。",
    2024: "2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。",
}
# Seed truth prose keys → the template's section ids.
PROSE_SECTIONS = {"overview": "overview", "problems": "issues", "other": "other"}


def from_truth(truth: dict, prose: dict[str, str] | None = None) -> Record:
    """A record of a truth JSON: its cells (no bbox), missing and blank ids, and its prose by section id."""
    t = get_template(truth["template"])
    prose = prose or {}
    secs = [Section(s.heading, 1, prose.get(s.id, "")) for s in t.sections] if prose else []
    return make_record(truth["template"], truth["cells"], missing=truth.get("missing", []),
                       blank=truth.get("blank", []), sections=secs, year=truth.get("year"))


def real(year: int) -> dict:
    for _pdf, truth in real_reports():
        if truth["year"] == year:
            return truth
    pytest.skip("../shared/real is not available")


def test_hongze_2023_review_breaks():
    truth = real(2023)
    found = check(from_truth(truth, {"overview": REAL_PROSE[2023], "issues": "主要问题是……"}))
    assert [(f.rule, f.severity, f.cells[0]) for f in found] == [
        ("review_total", "error", "review.reconsideration.total"),
        ("review_total", "error", "review.litigation_after.total"),
    ]
    recon, after = found
    assert [(s.cell, s.suggested, s.confidence) for s in recon.suspects] == [
        ("review.reconsideration.total", 11, "low")]
    assert recon.note is None
    assert {(s.cell, s.suggested) for s in after.suspects} == {
        ("review.litigation_after.total", 5), ("review.litigation_after.upheld", 0)}
    assert after.note is not None  # ambiguous: both shown, neither picked


def test_hongze_2024_balances_and_follows_2023():
    prev = from_truth(real(2023))
    truth = real(2024)
    found = check(from_truth(truth, {"overview": REAL_PROSE[2024], "issues": "主要问题是……"}), prev)
    assert [f for f in found if f.severity == "error"] == []
    assert [f for f in found if f.rule in ("carry_over", "in_force")] == []
    # the prose counts the office alone (17), the table the whole government (95): a warning, expected
    (narr,) = found
    assert (narr.rule, narr.expected, narr.actual) == ("narrative", 17, 95)
    assert truth["narrative"] == {"requests.new.total": 17}


def test_hongze_2024_carry_over_break_is_seen():
    prev_truth = json.loads(json.dumps(real(2023)))
    prev_truth["cells"]["requests.carried_out.natural"] = 3
    found = check(from_truth(real(2024)), from_truth(prev_truth))
    assert [(f.rule, f.cells, f.expected, f.actual) for f in found if f.severity == "warning"] == [
        ("carry_over", ["requests.carried_in.natural"], 3, 0)]


def seed(n: int) -> tuple[dict, Record]:
    truth = json.loads((SEEDS / f"seed-00{n}.json").read_text(encoding="utf-8"))
    prose = {sid: "\n".join(truth["prose"].get(key, [])) for key, sid in PROSE_SECTIONS.items()}
    return truth, from_truth(truth, prose)


def test_seed_003_narrative_break():
    """Prose: 共受理政府信息公开申请 11 件; table: （七）总计 12, the rows of 一 on a lost page."""
    truth, rec = seed(3)
    found = check(rec)
    assert [(f.rule, f.expected, f.actual) for f in found] == [("narrative", 11, 12)]
    assert found[0].cells == ["requests.handled_total.total"]
    assert truth["narrative"]["requests.new.total"] == 11


@pytest.mark.parametrize("n,expected", [
    (0, []),
    (1, ["blank", "blank", "blank"]),  # seed 001's review row prints empty cells
    (2, ["prose_fee"]),  # its 六 says only 无。: not whether 信息处理费 was charged (issue 13)
    (4, []),
])
def test_seeds(n, expected):
    truth, rec = seed(n)
    found = check(rec)
    assert [f.rule for f in found] == expected
    for f in found:
        assert f.severity == "warning"
