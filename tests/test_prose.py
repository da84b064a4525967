"""The prose checks of issue 13 on generated text (app/rules/prose.py and the new
[[narrative]] figures), and Chinese numerals."""

from __future__ import annotations

import pytest
from test_rules_support import T2019, T2021, consistent, make_record, sections

from app.model import Section
from app.rules import PROSE, Checker, check
from app.rules.cnnum import cn_to_int, replace_counted
from app.templates import get_template

FEE = "本年度未收取信息处理费。"


def rec(values, missing, template=T2021, **texts):
    texts.setdefault("other", FEE)
    texts.setdefault("issues", "存在问题：……改进措施：……")
    return make_record(template, values, missing=missing, sections=sections(template, **texts), year=2024)


def prose_rules(found):
    return [f.rule for f in found if f.rule in PROSE or f.rule == "narrative"]


@pytest.mark.parametrize("text,n", [("十一", 11), ("一百二十三", 123), ("两千零五", 2005), ("十", 10),
                                    ("二十", 20), ("一百零一", 101), ("三万四千", 34000), ("零", 0)])
def test_chinese_numerals(text, n):
    assert cn_to_int(text) == n


def test_counted_numerals_only_before_a_counter():
    assert replace_counted("收到申请一百二十三件，第二十条，行政复议十一起") == "收到申请123件，第二十条，行政复议11起"


def test_figures_in_chinese_numerals_are_compared():
    values, missing = consistent(T2021, 3)
    values["requests.new.total"] = 11
    n = values["requests.new.total"]
    assert prose_rules(check(rec(values, missing, overview="全年共收到政府信息公开申请十一件。"))) == []
    found = check(rec(values, missing, overview="全年共收到政府信息公开申请一百二十三件。"))
    (f,) = [f for f in found if f.rule == "narrative"]
    assert (f.expected, f.actual) == (123, n)


def test_carried_in_answered_and_carried_over_figures():
    values, missing = consistent(T2021, 4)
    cin, h, k = (values[f"requests.{r}.total"] for r in ("carried_in", "handled_total", "carried_out"))
    n = values["requests.new.total"]
    good = (f"全年共收到政府信息公开申请{n}件，上年结转{cin}件；对上述申请已办结{h}件，"
            f"结转下年度继续办理{k}件。")
    assert prose_rules(check(rec(values, missing, requests=good))) == []
    bad = good.replace(f"已办结{h}件", f"已办结{h + 2}件")
    found = check(rec(values, missing, requests=bad))
    assert sorted(prose_rules(found)) == ["narrative", "prose_figures"]
    (f,) = [f for f in found if f.rule == "narrative"]
    assert f.cells == ["requests.handled_total.total"] and f.expected == h + 2
    (p,) = [f for f in found if f.rule == "prose_figures"]
    assert f"办结 {h + 2} 件" in p.message
    # 群众来信 … 办结 is not about requests
    other = good + "“县长信箱”群众来信共计178件，交办178件，已办结178件。"
    assert prose_rules(check(rec(values, missing, requests=other))) == []


def test_all_done_while_carrying_over():
    values, missing = consistent(T2021, 5)
    cell = "requests.carried_out.total"
    text = "收到的政府信息公开申请均已办结。"
    values_zero = dict(values)
    if values[cell] == 0:  # make the table carry some over, keeping the balance
        values = dict(values)
        values[cell] = 2
        values["requests.carried_out.natural"] = values.get("requests.carried_out.natural", 0) + 2
        values["requests.new.total"] += 2
        values["requests.new.natural"] += 2
    found = check(rec(values, missing, requests=text))
    (f,) = [f for f in found if f.rule == "prose_all_done"]
    assert f.cells == [cell] and "均已办结" in f.message and f.actual == values[cell]
    checker = Checker(rec(values, missing, requests=text))
    after = checker.set_value(cell, 0)  # corrected: now it agrees
    assert [f for f in after if f.rule == "prose_all_done"] == []
    del values_zero


def test_headings_misnumbered_second_system_and_order():
    values, missing = consistent(T2021, 6)
    t = get_template(T2021)
    secs = [Section(s.heading, 1, "……") for s in t.sections]
    secs[-1].text = FEE
    base = make_record(T2021, values, missing=missing, sections=secs, year=2024)
    assert prose_rules(check(base)) == []
    secs2 = [Section(s.heading, s.page, s.text) for s in secs]
    secs2[1] = Section("三、主动公开政府信息情况", 1, "……")  # 二 written as 三
    found = [f for f in check(make_record(T2021, values, missing=missing, sections=secs2, year=2024))
             if f.rule == "prose_headings"]
    assert [f.message for f in found] == ["标题“三、主动公开政府信息情况”编号应为“二”"]
    secs3 = [Section(s.heading, s.page, s.text) for s in secs]
    secs3[3] = Section("4.政府信息公开行政复议、行政诉讼情况", 1, "……")
    found = [f for f in check(make_record(T2021, values, missing=missing, sections=secs3, year=2024))
             if f.rule == "prose_headings"]
    assert [f.message[:8] for f in found] == ["标题编号体例不一"]
    secs4 = [secs[0], secs[2], secs[1], *secs[3:]]
    found = [f for f in check(make_record(T2021, values, missing=missing, sections=secs4, year=2024))
             if f.rule == "prose_headings"]
    assert any("顺序不对" in f.message for f in found)


def test_doubled_words():
    values, missing = consistent(T2021, 7)
    found = check(rec(values, missing, overview="加大财政资金资金投入，研究研究工作。"))
    (f,) = [f for f in found if f.rule == "prose_doubled"]
    assert "资金资金" in f.message
    assert [f for f in check(rec(values, missing, overview="加大财政资金投入。")) if f.rule == "prose_doubled"] == []


def test_fee_statement_in_section_six():
    values, missing = consistent(T2021, 8)
    assert [f for f in check(rec(values, missing)) if f.rule == "prose_fee"] == []
    (f,) = [f for f in check(rec(values, missing, other="无其他需要报告的事项。")) if f.rule == "prose_fee"]
    assert "信息处理费" in f.message
    v19, m19 = consistent(T2019, 8)  # the 2019 form predates 信息处理费
    r19 = make_record(T2019, v19, missing=m19, sections=sections(T2019, other="无。", issues="问题……"), year=2020)
    assert [f for f in check(r19) if f.rule == "prose_fee"] == []


def to_cn(n: int) -> str:
    """An integer below 10^8 in Chinese numerals (二万七千二百八十三), for generated prose."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d == 0:
                zero = bool(out)
                continue
            out += ("零" if zero else "") + digits[d] + name
            zero = False
        return out

    high, low = divmod(n, 10000)
    if not high:
        return below_10k(low)
    return below_10k(high) + "万" + ("零" if 0 < low < 1000 else "") + below_10k(low)


@pytest.mark.parametrize("n", [0, 7, 10, 11, 101, 123, 1005, 19108, 27283, 100001])
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(to_cn(n)) == n


def test_reconsideration_and_lawsuit_counts_in_chinese_numerals():
    values, missing = consistent(T2021, 9)
    rec_n = values["review.reconsideration.total"]
    lit = values["review.litigation_direct.total"] + values["review.litigation_after.total"]
    text = f"因政府信息公开引起行政复议案件{to_cn(rec_n)}件、行政诉讼案件{to_cn(lit + 1)}件。"
    found = [f for f in check(rec(values, missing, requests=text)) if f.rule == "narrative"]
    assert [(f.cells[0], f.expected, f.actual) for f in found] == [("review.litigation_direct.total", lit + 1, lit)]
