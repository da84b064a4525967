"""Property tests of the checks: consistent records pass, single slips are
found and localised, and "high" confidence is rarely wrong with two slips."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.rules import Checker, check
from app.rules.plan import plan_for
from app.templates import get_template
from tests.test_rules_support import (
    T2019,
    T2021,
    consistent,
    digit_change,
    drop,
    make_record,
    slip_of,
    swap,
)

FORMS = [(T2021, "split"), (T2021, "single"), (T2019, "single")]
PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def identity_cells(template_id: str, values: dict, missing: list[str]) -> list[str]:
    plan = plan_for(get_template(template_id))
    return sorted(c for c in plan.by_cell if c in values and c not in missing)


@PROFILE
@given(form=st.sampled_from(FORMS), seed=st.integers(0, 2**32))
def test_consistent_record_has_no_error(form, seed):
    tid, shape = form
    values, missing = consistent(tid, seed, shape)
    findings = check(make_record(tid, values, missing=missing))
    assert [f.to_json() for f in findings if f.severity == "error"] == []


@st.composite
def one_slip(draw):
    tid, shape = draw(st.sampled_from(FORMS))
    values, missing = consistent(tid, draw(st.integers(0, 2**32)), shape)
    cell = draw(st.sampled_from(identity_cells(tid, values, missing)))
    v = values[cell]
    s = str(v)
    kind = draw(st.sampled_from(["change", "swap", "drop"] if len(s) > 1 else ["change"]))
    if kind == "change":
        pos = draw(st.integers(0, len(s) - 1))
        new = digit_change(v, pos, draw(st.sampled_from([d for d in "0123456789" if d != s[pos]])))
    elif kind == "swap":
        pos = draw(st.integers(0, len(s) - 2))
        new = swap(v, pos)
    else:
        new = drop(v, draw(st.integers(0, len(s) - 1)))
    return tid, values, missing, cell, v, new


@settings(PROFILE, max_examples=200)
@given(case=one_slip())
def test_single_slip_is_detected_and_localised(case):
    tid, values, missing, cell, original, printed = case
    if printed == original:  # a swap of equal digits changes nothing
        return
    values = {**values, cell: printed}
    findings = check(make_record(tid, values, missing=missing))
    hit = [f for f in findings if f.severity == "error" and cell in f.cells]
    assert hit, f"{cell} {original}→{printed} not detected"
    crossed = len({f.rule + str(sorted(f.cells)) for f in hit}) >= 2
    if cell.startswith("requests."):  # a row and a column identity both cover the cell
        assert crossed
        for f in hit:
            assert f.note is None, f.note
            assert [(s.cell, s.suggested) for s in f.suspects][:1] == [(cell, original)], f.to_json()


def test_two_slips_high_confidence_is_rarely_wrong():
    """Two slips at random: a "high" suggestion must almost never be wrong."""
    rng = random.Random(20240501)
    trials = with_high = wrong_trials = high = wrong = 0
    while trials < 1500:
        tid, shape = rng.choice(FORMS)
        values, missing = consistent(tid, rng.randrange(2**32), shape)
        a, b = rng.sample(identity_cells(tid, values, missing), 2)
        printed = {c: slip_of(values[c], rng) for c in (a, b)}
        if None in printed.values():
            continue
        trials += 1
        findings = check(make_record(tid, {**values, **printed}, missing=missing))
        sure = [s for f in findings for s in f.suspects if s.confidence == "high"]
        bad = [s for s in sure if s.cell not in printed or s.suggested != values[s.cell]]
        high += len(sure)
        wrong += len(bad)
        with_high += bool(sure)
        wrong_trials += bool(bad)
    rate = wrong_trials / trials
    print(f"\ntwo slips: {trials} trials, {with_high} with a high-confidence suggestion "
          f"({high} suggestions), {wrong_trials} trials with a wrong one ({rate:.3%}; {wrong} suggestions)")
    assert with_high > trials / 2  # the bound means something: most double slips are still localised
    assert rate < 0.002


@settings(max_examples=40, deadline=None)
@given(form=st.sampled_from(FORMS), seed=st.integers(0, 2**32),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.none() | st.integers(-3, 2000)),
                      min_size=1, max_size=8))
def test_incremental_equals_full(form, seed, edits):
    tid, shape = form
    values, missing = consistent(tid, seed, shape)
    cells = identity_cells(tid, values, missing)
    checker = Checker(make_record(tid, values, missing=missing))
    for pick, value in edits:
        cell = cells[pick % len(cells)]
        values[cell] = value
        got = checker.set_value(cell, value)
        want = check(make_record(tid, values, missing=missing))
        assert [f.to_json() for f in got] == [f.to_json() for f in want]
