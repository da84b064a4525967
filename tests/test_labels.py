from hypothesis import given
from hypothesis import strategies as st

from app.extract.labels import LabelMatcher, core, normalise
from app.templates import all_templates


def test_normalise_kangxi_and_width():
    assert normalise("⼀、本年新收 政府信息公开申请数量") == "一、本年新收政府信息公开申请数量"
    assert normalise("（一）予以公开") == "(一)予以公开"
    assert normalise("１２３") == "123"


def test_core_strips_enumerators_and_punctuation():
    for printed in ["（一）予以公开", "(一) 予以公开", "一、予以公开", "1.予以公开", "1、予以公开", "１．予以公开"]:
        assert core(printed) == "予以公开", printed
    assert core("三\n、\n本\n年\n度\n办\n理\n结\n果") == "本年度办理结果"
    assert core("3.危及“三安全一稳定”") == "危及三安全一稳定"


def _requests_rows():
    t = all_templates()[0].table("requests")
    return LabelMatcher((r.id, (r.label, *r.aliases)) for r in t.rows)


def test_misprints_and_wrapping_match():
    m = _requests_rows()
    assert m.match("2.其他法律行政止公开").id == "denied_law"
    assert m.match("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）").id == "partial"
    assert m.match("5.要求行政机关确认或重 新出具\n已获取信息").id == "rejected_confirmation"
    assert m.match("（六）其他处理").id == "other_handling"
    assert m.match("3. 其他").id == "other_other"


def test_unrelated_text_matches_nothing():
    m = _requests_rows()
    for text in ["申请人情况", "法人或其他组织", "第二十条第（一）项", "本报告由淮安市洪泽区人民政府办公室编制", ""]:
        assert m.match(text) is None, text


@given(st.text(max_size=30))
def test_match_never_raises(text):
    _requests_rows().match(text)
