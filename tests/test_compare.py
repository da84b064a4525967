"""Comparison across years and across the batch: planted shares and changes, the real hongze pair, the CLI."""

from __future__ import annotations

import json

import pytest
from compare_pairs import prose_pair, record, table_pair

from app.cli import main
from app.compare.batch import Entry, analyse
from app.compare.config import config_for
from app.compare.indicators import spread
from app.compare.pair import compare_records
from app.compare.text import repeat_rate
from app.review import open_review
from app.review.compare import batch, compare_documents, repeat_rates, summary
from app.store.migrations import MIGRATIONS, compare_cache_repeat_rates

T21 = "gov-info-annual-2021"
SHARES = (0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0)


@pytest.mark.parametrize("share", SHARES)
@pytest.mark.parametrize("seed", (0, 1, 2))
def test_repeat_rate_is_within_two_points_of_the_planted_share(share, seed):
    this, last, planted = prose_pair(share, seed)
    r = repeat_rate(this, last, T21)
    assert abs(r.overall - planted) <= 0.02, (r.overall, planted)
    for s in r.sections:  # every section of a fully reused or fully new text follows it
        if share in (0.0, 1.0) and s.chars:
            assert s.rate == share


def test_repeat_rate_ignores_the_template_wording_and_the_year():
    from app.model import Section

    last = [Section("六、其他需要报告的事项", 1, "2023年，本机关未收取信息处理费。（一）主动公开情况。")]
    this = [Section("六、其他需要报告的事项", 1, "2024 年，本机关未收取信息处理费。（一）主动公开情况。"
                    "今年新建了一个便民查询窗口，群众办事更方便。")]
    r = repeat_rate(this, last, T21, with_spans=True)
    (s,) = r.sections
    text = this[0].text
    assert [text[a:b] for a, b in s.spans] == ["2024 年，本机关未收取信息处理费"]
    fresh = sum(ch.isalnum() for ch in "今年新建了一个便民查询窗口群众办事更方便")
    assert s.repeated == sum(ch.isalnum() for ch in "2024年本机关未收取信息处理费")
    assert s.chars == s.repeated + fresh  # the sub-heading counts neither way


def test_planted_table_changes_carry_over_and_flags():
    last_v, this_v, planted = table_pair()
    this_s, last_s, share = prose_pair(0.8, 0)
    result = compare_records(record(this_v, 2024, this_s), record(last_v, 2023, last_s))
    data = result.to_json()
    assert data["changes"] == planted
    assert abs(data["repeat_rate"]["overall"] - share) <= 0.02
    broken = [c for c in result.carry if not c.holds]
    nd = "active.normative_docs."
    expected = last_v[nd + "in_force"] + this_v[nd + "issued"] - this_v[nd + "repealed"]
    assert [(c.cell, c.expected, c.actual) for c in broken] == [(nd + "in_force", expected, 9)]
    assert {c.cell for c in result.carry if c.holds} >= {"requests.carried_in.total", "requests.carried_in.natural"}
    rules = {(f.rule, tuple(f.cells)) for f in result.findings}
    assert ("repeat", ()) in rules
    assert ("jump", ("active.licensing.decisions",)) in rules
    assert not any(f.rule == "jump" and "penalty" in f.cells[0] for f in result.findings)  # +7 is no jump
    jump = next(f for f in result.findings if f.rule == "jump")
    assert "550" in jump.message and "5500" in jump.message and "×5" in jump.message


def test_no_repeat_flag_below_the_threshold():
    last_v, this_v, _ = table_pair()
    this_s, last_s, _ = prose_pair(0.35, 1)
    result = compare_records(record(this_v, 2024, this_s), record(last_v, 2023, last_s))
    assert not [f for f in result.findings if f.rule == "repeat"]


def test_real_hongze_pair_shows_its_carry_over_and_repeat_rate(hongze_pair):
    r23, r24 = hongze_pair
    result = compare_records(r24, r23)
    carried = {c.cell: c for c in result.carry}
    assert carried["requests.carried_in.total"].holds
    assert carried["requests.carried_in.total"].expected == r23.value("requests.carried_out.total")
    assert carried["active.normative_docs.in_force"].holds
    assert carried["active.normative_docs.in_force"].expected == 8  # 5 + 3 − 0
    rate = result.repeat
    assert 0.35 < rate.overall < 0.65  # read by hand: about half of 2024's prose is 2023's
    assert rate.by_section()["other"] == 1.0  # 其他需要报告的事项: the same sentence, year changed
    assert set(rate.by_section()) == {"overview", "issues", "other"}  # the table sections hold no prose
    assert result.to_json()["changes"]["active.licensing.decisions"] == [550, 9487]
    assert [f.cells for f in result.findings if f.rule == "jump"] == [["active.licensing.decisions"]]


@pytest.fixture(scope="module")
def hongze_pair():
    from app.extract import extract_pdf
    from resources import ROOT

    return tuple(extract_pdf(ROOT / "samples" / f"真实-hongze-{y}.pdf") for y in (2023, 2024))


def test_indicators_guard_quartiles_and_outliers():
    cfg = config_for(T21)
    big = {"requests.handled_total.total": 100, "requests.granted.total": 60, "requests.partial.total": 10,
           "requests.new.total": 100, "active.licensing.decisions": 40}
    entries = [Entry(i, T21, 2024, "同批", {**big, "requests.granted.total": 40 + 5 * i}) for i in range(8)]
    small = {"requests.handled_total.total": 10, "requests.granted.total": 10, "requests.new.total": 0,
             "review.reconsideration.corrected": 3, "review.reconsideration.upheld": 0}
    entries.append(Entry(100, T21, 2024, "同批", small))
    result = analyse(entries)
    m = result.metrics[100]
    assert m.rates["substantive_rate"].value == 1.0 and m.rates["substantive_rate"].small
    assert result.spreads["substantive_rate"].n == 8  # the small one is left out
    vals = sorted((40 + 5 * i + 10) / 100 for i in range(8))
    s = spread("x", vals)
    assert result.spreads["substantive_rate"].median == pytest.approx(s.median)
    assert result.spreads["substantive_rate"].q1 < s.median < result.spreads["substantive_rate"].q3
    zero = {(f.rule, f.cells[0]) for f in m.findings}
    assert ("peer_zero", "requests.new.total") in zero  # 0 where 8 peers' median is 100
    assert ("peer_zero", "active.licensing.decisions") in zero  # blank where peers have 40
    pz = next(f for f in m.findings if f.cells == ["requests.new.total"])
    assert "8 家" in pz.message and "中位数为 100" in pz.message and "同批" in pz.message
    assert m.rates["reconsideration_corrected"].value == 1.0 and m.rates["reconsideration_corrected"].small
    assert cfg.min_n == 30
    pooled = result.groups["同批"]["substantive_rate"]
    assert pooled.denominator == 810


def test_rate_above_one_is_flagged():
    entries = [Entry(1, T21, 2024, "g", {"requests.handled_total.total": 40, "requests.granted.total": 50})]
    (f,) = [f for f in analyse(entries).metrics[1].findings if f.rule == "rate_range"]
    assert "125%" in f.message and "50 / 40" in f.message


def _review_with_pair(tmp_path, share=0.8):
    last_v, this_v, _ = table_pair()
    this_s, last_s, planted = prose_pair(share, 0)
    review = open_review(tmp_path / "r.sqlite")
    a = review.add_record(record(last_v, 2023, last_s)).document_id
    b = review.add_record(record(this_v, 2024, this_s)).document_id
    return review, a, b, planted


def test_review_use_cases_and_the_cache(tmp_path):
    review, a, b, planted = _review_with_pair(tmp_path)
    with review:
        assert MIGRATIONS.index(compare_cache_repeat_rates) < len(MIGRATIONS)
        rates = repeat_rates(review)
        assert set(rates) == {b} and abs(rates[b]["overall"] - planted) <= 0.02
        assert rates[b]["previous_id"] == a
        rows = review.store._rows("SELECT document_id, previous_id FROM compare_cache")
        assert rows == [{"document_id": b, "previous_id": a}]
        review.store.db.execute("UPDATE compare_cache SET result = '{\"overall\": 0.123, \"sections\": {}}'")
        assert repeat_rates(review)[b]["overall"] == 0.123  # read from the cache
        review.store.db.execute("UPDATE compare_cache SET key = 'stale'")
        assert abs(repeat_rates(review)[b]["overall"] - planted) <= 0.02  # recomputed
        pair = compare_documents(review, b)
        assert pair.last is not None and pair.last.year == 2023
        result = batch(review)
        assert {f.rule for f in result.metrics[b].findings} >= {"repeat", "jump"}
        s = summary(review, result)
        assert s.statuses == {"new": 2, "in_review": 0, "approved": 0}
        assert s.outcome_labels == ["公开（含部分公开）", "不予公开", "无法提供", "其他结果"]


def test_cli_compare_files_and_review_documents(tmp_path, capsys):
    last_v, this_v, planted = table_pair()
    this_s, last_s, share = prose_pair(0.65, 2)
    fa, fb = tmp_path / "a.json", tmp_path / "b.json"
    fa.write_text(json.dumps(record(last_v, 2023, last_s).to_json(), ensure_ascii=False), encoding="utf-8")
    fb.write_text(json.dumps(record(this_v, 2024, this_s).to_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["compare", str(fb), str(fa), "--json"]) == 0  # order does not matter: the later year is this
    data = json.loads(capsys.readouterr().out)
    assert data["changes"] == planted
    assert abs(data["repeat_rate"]["overall"] - share) <= 0.02
    assert {"overview", "issues", "other"} == set(data["repeat_rate"]["sections"])
    assert any(f["rule"] == "repeat" for f in data["findings"])
    assert main(["compare", str(fa), str(fb)]) == 0
    out = capsys.readouterr().out
    assert "正文重复率" in out and "行政许可·本年处理决定数量：550 → 5500" in out
    review, a, b, _ = _review_with_pair(tmp_path)
    review.close()
    assert main(["compare", "--db", str(tmp_path / "r.sqlite"), str(a), str(b), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["this"]["year"] == 2024


def test_cli_compare_bad_input_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["compare", str(bad), str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.json" in err[0]


def test_the_comparison_names_peer_zero_for_its_report(tmp_path):
    last_v, this_v, _ = table_pair()
    this_s, last_s, _ = prose_pair(0.2, 0)
    with open_review(tmp_path / "r.sqlite") as review:
        for k in range(6):  # six agencies of the 2024 batch that license a lot
            review.add_record(record({**this_v, "active.licensing.decisions": 40 + k}, 2024, this_s, agency=f"区{k}"))
        review.add_record(record(last_v, 2023, last_s))
        me = review.add_record(record({**this_v, "active.licensing.decisions": 0}, 2024, this_s)).document_id
        result = compare_documents(review, me)
        (f,) = [f for f in result.findings if f.rule == "peer_zero"]
        assert f.cells == ["active.licensing.decisions"] and f.expected == 42.5
        assert "同批 2024 年报告中 6 家可比机关的中位数为 42.5" in f.message
        assert main(["compare", "--db", str(tmp_path / "r.sqlite"), str(me - 1), str(me), "--json"]) == 0


@pytest.mark.parametrize("template", ["gov-info-annual-2021", "gov-info-annual-2019"])
def test_the_prescribed_opening_paragraph_is_boilerplate(template):
    from app.model import Section
    from tests.fixtures.prose import opening

    text = opening(template, "示例市示例区人民政府", 2024) + "今年新建了一个便民查询窗口。"
    r = repeat_rate([Section("一、总体情况", 1, text)], [Section("一、总体情况", 1, "无关的一句话，完全不同。")], template)
    assert r.sections[0].chars == sum(ch.isalnum() for ch in "今年新建了一个便民查询窗口")
