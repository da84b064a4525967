"""Figures written in Chinese numerals (十一件, 一百二十三件, 两千零五件) as integers."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇○一二两三四五六七八九十百千万"
# A Chinese numeral followed by a counter word: the figures prose states.
_COUNTED = re.compile(rf"([{NUMERAL}]+)(?=件|起|次|宗|项|个|人次)")


def cn_to_int(text: str) -> int:
    """十一 → 11, 一百二十三 → 123, 一万零五 → 10005, 二〇二五 → 2025; ValueError if not a numeral."""
    if not text or any(c not in _DIGITS and c not in _UNITS and c != "万" for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in _DIGITS for c in text) and len(text) > 1:  # digit by digit: 二〇二五
        return int("".join(str(_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + section + (digit or 0)


def replace_counted(text: str) -> str:
    """``text`` with each counted Chinese numeral as digits: 收到申请十一件 → 收到申请11件."""

    def sub(m: re.Match[str]) -> str:
        try:
            return str(cn_to_int(m.group(1)))
        except ValueError:
            return m.group(0)

    return _COUNTED.sub(sub, text)
