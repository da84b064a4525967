"""Every rule of the checker on hand-made records, both templates, both forms of （六）."""

from __future__ import annotations

import pytest

from app.model import Record, Section
from app.rules import ERRORS, WARNINGS, Checker, check
from app.rules.localise import slip
from app.rules.plan import plan_for
from app.templates import get_template
from tests.test_rules_support import T2019, T2021, consistent, make_record, recompute, sections

FORMS = [(T2021, "split"), (T2021, "single"), (T2019, "single")]


def base(tid: str = T2021, form: str | None = None, seed: int = 7) -> tuple[dict, list[str]]:
    return consistent(tid, seed, form)


def errors(findings):
    return [f for f in findings if f.severity == "error"]


def rules(findings, severity=None):
    return sorted(f.rule for f in findings if severity is None or f.severity == severity)


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


# ---------------------------------------------------------------- plan


def test_identities_expand_per_column_and_row():
    p21 = plan_for(get_template(T2021))
    p19 = plan_for(get_template(T2019))
    count = {}
    for s in p21.specs:
        count[s.rule] = count.get(s.rule, 0) + 1
    # 7 columns; 26 rows of 三 (25 + the variant （六） row); 3 rows of 四
    assert count == {"balance": 7, "outcomes": 7, "applicants": 26, "review_total": 3}
    outcomes = next(s for s in p21.specs if s.rule == "outcomes")
    assert outcomes.choices == (
        (("requests.other_no_correction.natural", "requests.other_unpaid.natural", "requests.other_other.natural"),
         ("requests.other_handling.natural",)),
    )
    assert sum(s.rule == "applicants" for s in p19.specs) == 23
    assert set(p21.by_cell["requests.handled_total.natural"]) == {
        s.idx for s in p21.specs
        if s.along in ("natural", "handled_total") and s.rule in ("balance", "outcomes", "applicants")
    }


def test_rule_ids_are_the_format_docs():
    assert ERRORS == ("balance", "outcomes", "applicants", "review_total", "counts")
    assert WARNINGS == ("narrative", "carry_over", "in_force", "blank", "structure", "ocr_uncertain")


@pytest.mark.parametrize("tid,form", FORMS)
def test_consistent_record_passes(tid, form):
    values, missing = base(tid, form)
    assert check(make_record(tid, values, missing=missing)) == []


# ---------------------------------------------------------------- the identities


def test_balance_message_and_suspect():
    values, missing = base()
    values.update({"requests.carried_in.natural": 0, "requests.carried_out.natural": 0})
    rows = [r.id for r in get_template(T2021).table("requests").rows]
    for r in rows[rows.index("granted"): rows.index("handled_total")]:
        if f"requests.{r}.natural" in values and f"requests.{r}.natural" not in missing:
            values[f"requests.{r}.natural"] = 0
    values["requests.granted.natural"] = 1474
    recompute(T2021, values, missing)
    assert check(make_record(T2021, values, missing=missing)) == []
    values["requests.handled_total.natural"] = 1473
    found = check(make_record(T2021, values, missing=missing))
    assert rules(found) == ["applicants", "balance", "outcomes"]
    bal = by_rule(found, "balance")[0]
    assert bal.message == "第1列（自然人）：一+二 = 1474+0 = 1474，三（七）+四 = 1473+0 = 1473，相差 1"
    assert bal.message_en == "Column 1 (Natural persons): I+II = 1474+0 = 1474, III(7)+IV = 1473+0 = 1473, off by 1"
    assert (bal.expected, bal.actual) == (1474, 1473)
    assert bal.cells == ["requests.new.natural", "requests.carried_in.natural",
                         "requests.handled_total.natural", "requests.carried_out.natural"]
    for f in found:
        assert [(s.cell, s.suggested, s.confidence) for s in f.suspects] == [
            ("requests.handled_total.natural", 1474, "high")]
        assert "1473" in f.suspects[0].why and "1474" in f.suspects[0].why
        assert f.note is None


@pytest.mark.parametrize("tid,form", FORMS)
def test_outcomes_in_either_form_of_six(tid, form):
    values, missing = base(tid, form, seed=11)
    cell = "requests.other_other.business" if form == "split" else "requests.other_handling.business"
    values[cell] += 3  # a slip in the （六） row, whichever form is printed
    found = check(make_record(tid, values, missing=missing))
    assert rules(found) == ["applicants", "outcomes"]
    out = by_rule(found, "outcomes")[0]
    assert cell in out.cells
    if form == "split":
        assert "requests.other_handling.business" not in out.cells
    else:
        assert not any(c.startswith("requests.other_other") for c in out.cells)
    assert out.message.startswith("第2列（商业企业）：三（七） = ")
    assert "至" in out.message and "之和" in out.message
    assert [(s.cell, s.suggested) for s in out.suspects] == [(cell, values[cell] - 3)]


def test_applicants_row_total_slip():
    values, missing = base(seed=3)
    values["requests.unable_not_held.natural"] = 702
    recompute(T2021, values, missing)
    cell = "requests.unable_not_held.total"
    right = values[cell]
    values[cell] = right + 1 if right % 10 != 9 else right - 1
    found = check(make_record(T2021, values, missing=missing))
    assert rules(found) == ["applicants", "outcomes"]
    app = by_rule(found, "applicants")[0]
    assert app.message.startswith("三（四）1 本机关不掌握相关政府信息：总计 = ")
    assert app.message_en.startswith("Row III(4).1 (Unable: not held): Total = ")
    assert app.message.endswith("相差 1")
    assert [(s.cell, s.suggested, s.confidence) for s in app.suspects] == [(cell, right, "high")]


def test_review_total_hongze_2023():
    """10 1 0 0 | 0: only the total can change alone (a part would go negative); 5 0 0 0 | 0: ambiguous."""
    values, missing = base(seed=5)
    values.update({"review.reconsideration.upheld": 10, "review.reconsideration.corrected": 1,
                   "review.reconsideration.other": 0, "review.reconsideration.pending": 0,
                   "review.reconsideration.total": 0,
                   "review.litigation_after.upheld": 5, "review.litigation_after.corrected": 0,
                   "review.litigation_after.other": 0, "review.litigation_after.pending": 0,
                   "review.litigation_after.total": 0})
    found = check(make_record(T2021, values, missing=missing))
    assert rules(found) == ["review_total", "review_total"]
    recon, after = found
    assert recon.message == "行政复议：总计 = 0，结果维持+结果纠正+其他结果+尚未审结 = 10+1+0+0 = 11，相差 11"
    assert [(s.cell, s.suggested, s.confidence) for s in recon.suspects] == [
        ("review.reconsideration.total", 11, "low")]
    assert recon.note is None
    assert {(s.cell, s.suggested) for s in after.suspects} == {
        ("review.litigation_after.total", 5), ("review.litigation_after.upheld", 0)}
    assert all(s.confidence == "low" for s in after.suspects)
    assert after.note and "不作建议" in after.note and "no suggestion" in after.note


def test_single_identity_suggestion_is_never_high():
    values, missing = base(seed=5)
    values.update({"review.reconsideration.upheld": 25, "review.reconsideration.corrected": 0,
                   "review.reconsideration.other": 0, "review.reconsideration.pending": 0,
                   "review.reconsideration.total": 2})
    (f,) = check(make_record(T2021, values, missing=missing))
    top = f.suspects[0]
    assert (top.cell, top.suggested, top.confidence) == ("review.reconsideration.total", 25, "low")
    assert "漏了一位" in top.why
    assert f.note is None


def test_two_slips_in_a_cross_are_paired():
    values, missing = base(seed=21)
    a, b = "requests.granted.natural", "requests.partial.business"
    orig = {a: values[a], b: values[b]}
    values[a] = orig[a] + 10
    values[b] = orig[b] + 1
    found = check(make_record(T2021, values, missing=missing))
    assert len(found) == 4
    sugg = {(s.cell, s.suggested) for f in found for s in f.suspects}
    assert sugg == {(a, orig[a]), (b, orig[b])}


def test_no_single_cell_explains():
    values, missing = base(seed=21)
    values["requests.granted.business"] += 5
    recompute(T2021, values, missing)
    # two slips that cancel in their row: two column breaks and no cell in both
    values["requests.granted.natural"] += 2
    values["requests.granted.business"] -= 2
    found = check(make_record(T2021, values, missing=missing))
    assert [(f.rule, f.cells[0]) for f in found] == [
        ("outcomes", "requests.handled_total.natural"), ("outcomes", "requests.handled_total.business")]
    for f in found:
        assert f.suspects == [] and f.note and "不止一处" in f.note


# ---------------------------------------------------------------- counts, unknowns, blanks


def test_counts():
    values, missing = base(seed=9)
    values["requests.granted.research"] = -1
    values["active.licensing.decisions"] = 2.5
    values["active.fees.amount"] = -3.0
    found = check(make_record(T2021, values, missing=missing))
    counts = by_rule(found, "counts")
    assert [f.cells for f in counts] == [["active.licensing.decisions"], ["active.fees.amount"],
                                         ["requests.granted.research"]]
    assert counts[0].message == "行政许可·本年处理决定数量：印为“2.5”，应为不小于 0 的整数"
    assert counts[1].message.endswith("应为不小于 0 的数")
    neg = counts[2]
    assert neg.severity == "error" and neg.actual == -1


def test_negative_count_suggests_balancing_value():
    values, missing = base(seed=9)
    right = values["requests.granted.research"]
    values["requests.granted.research"] = -1
    found = check(make_record(T2021, values, missing=missing))
    (neg,) = by_rule(found, "counts")
    assert [(s.cell, s.suggested, s.confidence) for s in neg.suspects] == [
        ("requests.granted.research", right, "high")]
    # the broken identities point at the same cell
    assert all(f.suspects[0].cell == "requests.granted.research" for f in errors(found))


def test_signed_change_may_be_negative():
    values, missing = base(T2019, seed=2)
    values["active.coercion.change"] = -66
    assert check(make_record(T2019, values, missing=missing)) == []


def test_unreadable_cell_is_the_suspect():
    values, missing = base(seed=13)
    right = values["requests.partial.natural"]
    values["requests.partial.natural"] = None
    rec = make_record(T2021, values, missing=missing, raw={"requests.partial.natural": "l2"})
    found = check(rec)
    assert rules(found) == ["counts"]  # identities with an unknown term are neither broken nor held
    (f,) = found
    assert f.message == "三（二）·自然人：无法读取为数字（印为“l2”）"
    assert [(s.cell, s.suggested, s.confidence) for s in f.suspects] == [("requests.partial.natural", right, "high")]
    # in the review row one identity determines it: "low"
    values, missing = base(seed=13)
    right = values["review.litigation_direct.pending"]
    values["review.litigation_direct.pending"] = None
    (f,) = check(make_record(T2021, values, missing=missing))
    assert [(s.cell, s.suggested, s.confidence) for s in f.suspects] == [
        ("review.litigation_direct.pending", right, "low")]


def test_two_unreadable_cells_in_one_row():
    values, missing = base(seed=13)
    a, b = "requests.partial.natural", "requests.partial.business"
    right = values[a], values[b]
    values[a] = values[b] = None
    found = check(make_record(T2021, values, missing=missing))
    assert [(s.cell, s.suggested) for f in found for s in f.suspects] == [(a, right[0]), (b, right[1])]


def test_blank_warning_and_blank_suspect():
    values, missing = base(seed=17)
    for c in ("corrected", "other", "pending"):
        values[f"review.reconsideration.{c}"] = 0
    values["review.reconsideration.total"] = values["review.reconsideration.upheld"]
    blank = ["review.reconsideration.corrected", "review.reconsideration.other", "review.reconsideration.pending"]
    found = check(make_record(T2021, values, missing=missing, blank=blank))
    (b,) = found
    assert (b.rule, b.severity, b.cells) == ("blank", "warning", blank)
    assert b.message == "行政复议：结果纠正、其他结果、尚未审结 印为“/”，按 0 计"
    # a number lost in print: a blank cell at a cross is the likely culprit
    values, missing = base(seed=17)
    cell = "requests.granted.business"
    values[cell] = 4
    recompute(T2021, values, missing)
    values[cell] = 0  # printed "/"
    found = check(make_record(T2021, values, missing=missing, blank=[cell]))
    errs = errors(found)
    assert rules(errs) == ["applicants", "outcomes"]
    for f in errs:
        assert [(s.cell, s.suggested, s.confidence) for s in f.suspects] == [(cell, 4, "high")]
        assert "空白" in f.suspects[0].why


def test_missing_terms_skip_the_identity():
    """Seed 003 lacks the top rows of 三: balance and outcomes are skipped, not flagged."""
    values, missing = base(T2019, seed=4)
    lost = [f"requests.{r}.{c}" for r in ("new", "carried_in", "granted", "partial") for c in
            ("natural", "business", "research", "nonprofit", "legal", "other", "total")]
    values["requests.handled_total.natural"] += 10  # would break outcomes, but its terms are not all printed
    values["requests.handled_total.total"] += 10
    checker = Checker(make_record(T2019, values, missing=lost))
    assert checker.findings() == []
    assert len(checker.skipped()) == 7 * 2 + 4
    # the same record with every row printed is an error
    assert rules(check(make_record(T2019, values))) == ["balance", "balance", "outcomes", "outcomes"]


def test_variant_rows_are_not_reported_skipped():
    values, missing = base(T2021, "single")
    checker = Checker(make_record(T2021, values, missing=missing))
    assert checker.findings() == [] and checker.skipped() == []


# ---------------------------------------------------------------- narrative


def prose_record(tid, values, missing, text, **kw):
    secs = sections(tid, overview=text, issues="存在问题：……改进措施：……")
    return make_record(tid, values, missing=missing, sections=secs, **kw)


def test_narrative_agrees_and_disagrees():
    values, missing = base(seed=1)
    n = values["requests.new.total"]
    lit = values["review.litigation_direct.total"] + values["review.litigation_after.total"]
    rec = values["review.reconsideration.total"]
    text = (f"截至目前，共收到政府信息公开申请 {n} 件，均已及时办理答复。"
            f"累计应对行政复议案件 {rec}件，行政\n诉讼案件 {lit}件，均无败诉。")
    assert check(prose_record(T2021, values, missing, text)) == []
    text = text.replace(f"申请 {n} 件", f"申请 {n + 1} 件").replace(f"诉讼案件 {lit}件", f"诉讼案件 {lit + 2}件")
    found = check(prose_record(T2021, values, missing, text))
    assert rules(found) == ["narrative", "narrative"]
    req, litf = found
    assert (req.cells, req.expected, req.actual) == (["requests.new.total"], n + 1, n)
    assert req.message.startswith(f"正文称收到政府信息公开申请 {n + 1} 件")
    assert litf.cells == ["review.litigation_direct.total", "review.litigation_after.total"]
    assert (litf.expected, litf.actual) == (lit + 2, lit)


def test_narrative_zero_statements():
    values, missing = base(seed=1)
    values.update({f"review.{r}.{c}": 0 for r in ("reconsideration", "litigation_direct", "litigation_after")
                   for c in ("upheld", "corrected", "other", "pending", "total")})
    text = "全部依法依规答复，无因政府信息公开申请引起的行政复议、行政诉讼案件。"
    assert check(prose_record(T2021, values, missing, text)) == []
    values["review.reconsideration.upheld"] = values["review.reconsideration.total"] = 2
    found = check(prose_record(T2021, values, missing, text))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("narrative", 0, 2)]


def test_narrative_fallback_when_new_is_not_printed():
    """Seed 003: 共受理政府信息公开申请 11 件 while （七）总计 is 12 and 一 is on a lost page."""
    values, _ = base(T2019, seed=4)
    lost = [f"requests.new.{c}" for c in ("natural", "business", "research", "nonprofit", "legal", "other", "total")]
    values["requests.handled_total.total"] = 12
    text = "2020 年，共受理政府信息公开申请 11 件，其中县政府办公室受理 8 件，各部门受理 3 件。"
    found = by_rule(check(prose_record(T2019, values, lost, text)), "narrative")
    assert [(f.cells, f.expected, f.actual) for f in found] == [(["requests.handled_total.total"], 11, 12)]
    assert "表中未印" in found[0].message


# ---------------------------------------------------------------- across years


def test_carry_over_and_in_force():
    prev_vals, _ = base(seed=31)
    cur_vals, _ = base(seed=32)
    for c in ("natural", "business", "research", "nonprofit", "legal", "other", "total"):
        cur_vals[f"requests.carried_in.{c}"] = prev_vals[f"requests.carried_out.{c}"]
    for r in ("regulations", "normative_docs"):
        cur_vals[f"active.{r}.in_force"] = (prev_vals[f"active.{r}.in_force"] + cur_vals[f"active.{r}.issued"]
                                            - cur_vals[f"active.{r}.repealed"])
    prev = make_record(T2021, prev_vals, year=2022)
    cur_ok = {k: v for k, v in cur_vals.items()}
    rec = make_record(T2021, cur_ok, year=2023)
    xy = [f for f in check(rec, prev) if f.rule in ("carry_over", "in_force")]
    assert xy == []
    cur_vals["requests.carried_in.legal"] += 1
    cur_vals["active.normative_docs.in_force"] += 2
    found = check(make_record(T2021, cur_vals, year=2023), prev)
    assert rules(found, "warning") == ["carry_over", "in_force"]
    co = by_rule(found, "carry_over")[0]
    assert co.cells == ["requests.carried_in.legal"]
    assert co.expected == prev_vals["requests.carried_out.legal"]
    inf = by_rule(found, "in_force")[0]
    assert inf.cells == ["active.normative_docs.in_force", "active.normative_docs.issued",
                         "active.normative_docs.repealed"]
    assert inf.actual == inf.expected + 2
    # a previous record that is not the year before is not compared
    assert [f for f in check(make_record(T2021, cur_vals, year=2024), prev)
            if f.rule in ("carry_over", "in_force")] == []
    assert [f for f in check(make_record(T2021, cur_vals, year=2023)) if f.rule in ("carry_over", "in_force")] == []


def test_carry_over_across_templates():
    prev_vals, _ = base(T2019, seed=41)
    cur_vals, missing = base(T2021, seed=42)
    cur_vals["requests.carried_in.total"] = prev_vals["requests.carried_out.total"] + 1
    found = check(make_record(T2021, cur_vals, missing=missing, year=2021), make_record(T2019, prev_vals, year=2020))
    assert "carry_over" in rules(found)
    assert "in_force" not in rules(found)  # the 2019 form has no 现行有效件数


# ---------------------------------------------------------------- structure


def test_structure():
    values, missing = base(T2019, seed=1)
    rec = make_record(T2019, values, missing=missing, year=2021)
    (f,) = check(rec)
    assert (f.rule, f.severity) == ("structure", "warning") and "2021" in f.message
    assert check(make_record(T2019, values, missing=missing, year=2020)) == []
    secs = sections(T2021, overview="总体情况……", issues="无。", other="无")
    values, missing = base(T2021)
    found = check(make_record(T2021, values, missing=missing, sections=secs, year=2022))
    assert [f.message for f in found if f.rule == "structure"] == ["“五、存在的主要问题及改进情况”为空或只写“无”"]
    assert [f.rule for f in found if f.rule != "structure"] == ["prose_fee"]  # 六 says 无, not whether fees were charged
    secs = sections(T2021, overview="总体情况……", issues="存在问题：……")
    found = check(make_record(T2021, values, missing=missing, sections=secs[:3] + secs[4:], year=2022))
    assert [f.message for f in found] == ["缺少规定的部分：四、政府信息公开行政复议、行政诉讼情况"]


# ---------------------------------------------------------------- incremental


def test_set_value_rechecks_only_what_it_touches():
    values, missing = base(seed=3)
    checker = Checker(make_record(T2021, values, missing=missing))
    assert checker.findings() == []
    right = values["requests.partial.legal"]
    found = checker.set_value("requests.partial.legal", right + 100)
    assert rules(found) == ["applicants", "outcomes"]
    assert found[0].suspects[0].suggested == right
    assert checker.has_errors()
    assert checker.set_value("requests.partial.legal", right) == []
    assert not checker.has_errors()
    # the record itself is untouched
    assert checker.record.cells["requests.partial.legal"].value == right
    with pytest.raises(KeyError):
        checker.set_value("requests.nonsense.legal", 1)


def test_set_value_on_unprinted_cell_prints_it():
    values, missing = base(T2021, "single", seed=3)
    checker = Checker(make_record(T2021, values, missing=missing))
    found = checker.set_value("requests.other_other.natural", 5)
    # the 3 sub-rows are not all printed: outcomes still sums the single row; the new row breaks nothing
    # but its own applicants identity cannot be checked (the rest of the row is not printed)
    assert found == []
    found = checker.set_value("requests.other_handling.natural", None)
    assert rules(found) == ["counts"]


def test_blank_cleared_by_edit():
    values, missing = base(seed=17)
    values["review.litigation_direct.other"] = 0
    checker = Checker(make_record(T2021, values, missing=missing, blank=["review.litigation_direct.other"]))
    assert rules(checker.findings()) == ["blank"]
    assert checker.set_value("review.litigation_direct.other", 0) == []


# ---------------------------------------------------------------- slips and JSON


@pytest.mark.parametrize("printed,value,kind", [
    (1473, 1474, "changed"), (1478, 1474, "changed"), (1497, 1474, None), (1474, 1474, None),
    (1, 7, "ocr"), (8, 3, "ocr"), (60, 80, "ocr"), (5, 6, "ocr"),
    (147, 1474, "dropped"), (0, 10, "dropped"), (14474, 1474, "doubled"),
    (1447, 1474, "swapped"), (30, 3, None), (0, 11, None), (5, 0, "changed"),
])
def test_slip(printed, value, kind):
    assert slip(printed, value) == kind


def test_ocr_slips_of_several_digits_only_for_ocr_cells():
    assert slip(88, 66) is None
    assert slip(88, 66, ocr=True) == "ocr"


def test_finding_json_shape():
    values, missing = base(seed=3)
    values["requests.partial.legal"] += 1
    f = check(make_record(T2021, values, missing=missing))[0].to_json()
    assert list(f) == ["rule", "severity", "cells", "expected", "actual", "message", "message_en", "suspects"]
    assert list(f["suspects"][0]) == ["cell", "suggested", "confidence", "why"]


def test_unknown_template_is_a_template_error():
    from app.errors import TemplateError
    rec = Record.from_json({"template": "no-such-template", "cells": {}})
    with pytest.raises(TemplateError):
        check(rec)


def test_sections_without_text():
    values, missing = base(seed=1)
    secs = [Section(s.heading, 1, "") for s in get_template(T2021).sections]
    found = check(make_record(T2021, values, missing=missing, sections=secs))
    assert [f.rule for f in found] == ["structure"]  # 五 says nothing


def test_an_edit_evaluates_only_its_identities(monkeypatch):
    values, missing = base(seed=3)
    checker = Checker(make_record(T2021, values, missing=missing))
    calls = []
    real_eval = Checker._eval
    monkeypatch.setattr(Checker, "_eval", lambda self, i: (calls.append(i), real_eval(self, i))[1])
    checker.set_value("requests.handled_total.legal", values["requests.handled_total.legal"] + 1)
    specs = plan_for(get_template(T2021)).specs
    assert sorted((specs[i].rule, specs[i].along) for i in calls) == [
        ("applicants", "handled_total"), ("balance", "legal"), ("outcomes", "legal")]


def test_ocr_cell_several_look_alike_digits():
    values, missing = base(seed=3)
    values["requests.unable_not_held.natural"] = 66
    recompute(T2021, values, missing)
    values["requests.unable_not_held.natural"] = 88  # OCR read both 6s as 8s
    rec = make_record(T2021, values, missing=missing)
    found = errors(check(rec))
    assert found[0].suspects[0].confidence == "low"  # not one keystroke from a typed report
    rec.cells["requests.unable_not_held.natural"].confidence = 0.62
    found = errors(check(rec))
    assert [(s.cell, s.suggested, s.confidence) for s in found[0].suspects] == [
        ("requests.unable_not_held.natural", 66, "high")]
    assert "易混字形" in found[0].suspects[0].why
