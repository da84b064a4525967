import pytest

from app.extract.numbers import looks_numeric, parse_value

MARKERS = ("/", "—", "——", "-", "无", "_")


@pytest.mark.parametrize(
    "raw,value",
    [("18", 18), ("0", 0), ("7730.28", 7730.28), ("+ 54", 54), ("-66", -66), ("－66", -66),
     ("1,483", 1483), ("１２", 12), ("1 483", 1483), ("12件", 12), ("98.7", 98.7)],
)
def test_values(raw, value):
    p = parse_value(raw, MARKERS)
    assert p.value == value and type(p.value) is type(value) and not p.blank


@pytest.mark.parametrize("raw", ["", " ", "/", "／", "—", "-", "无", "——"])
def test_blank_reads_zero(raw):
    p = parse_value(raw, MARKERS)
    assert p.value == 0 and p.blank


@pytest.mark.parametrize("raw", ["1O", "l2", "?", "12..3", "1,2,3", "abc"])
def test_unreadable_is_none(raw):
    assert parse_value(raw, MARKERS).value is None


def test_labels_are_not_values():
    assert not looks_numeric("行政许可", MARKERS)
    assert not looks_numeric("（四）无", MARKERS)
    assert looks_numeric("1O", MARKERS)
    assert looks_numeric("无", MARKERS)
