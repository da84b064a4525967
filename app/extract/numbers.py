"""Printed cell text → value.

Integers, decimals (万元), signed changes (``+ 54``, ``-66``), thousands
separators, full-width digits. An empty cell or a "nothing to report" marker
(/ — - 无) reads as 0 and is flagged blank. Anything else is unreadable: the
caller keeps the raw text with value None and reports a problem.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from app.model import Number

_MINUS = str.maketrans({"−": "-", "－": "-", "﹣": "-", "＋": "+", "﹢": "+"})
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_UNIT = re.compile(r"(?:件|万元|元|个|项|次|条|家|人次)$")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Parsed:
    value: Number | None
    blank: bool = False

    @property
    def readable(self) -> bool:
        return self.value is not None


def clean(raw: str) -> str:
    """The raw text as stored: whitespace runs collapsed to one space, trimmed."""
    return _WS.sub(" ", raw).strip()


@cache
def _markers(blank_markers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_WS.sub("", unicodedata.normalize("NFKC", m)).translate(_MINUS) for m in blank_markers)


def parse_value(raw: str, blank_markers: tuple[str, ...] = ("/", "—", "-", "无")) -> Parsed:
    text = _WS.sub("", unicodedata.normalize("NFKC", raw)).translate(_MINUS)
    if not text:
        return Parsed(0, blank=True)
    if text in _markers(blank_markers):
        return Parsed(0, blank=True)
    text = _UNIT.sub("", text)
    m = _NUMBER.match(text)
    if not m:
        return Parsed(None)
    sign, digits, frac = m.groups()
    digits = digits.replace(",", "")
    if frac:
        value: Number = float(sign + digits + frac)
    else:
        value = int(sign + digits)
    return Parsed(value)


def looks_numeric(raw: str, blank_markers: tuple[str, ...]) -> bool:
    """Whether a cell's text is a value (or blank) rather than a label.

    Labels in these tables always carry CJK characters; a short text with none
    (``1O``, ``l2``) is a misread value, not a label.
    """
    p = parse_value(raw, blank_markers)
    if p.readable:
        return True
    text = unicodedata.normalize("NFKC", raw)
    return not any("\u4e00" <= ch <= "\u9fff" for ch in text) and len(text.strip()) <= 12
