"""Figures the report's prose states, against its table (warning ``narrative``).

The template's ``[[narrative]]`` entries say which cells a figure is about and
the regexes that find it in the prose (共收到政府信息公开申请 19 件 …). Prose
is read once per record; the comparison is redone when one of its cells is
edited.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from app.model import Finding, Number, Section
from app.rules.cnnum import replace_counted
from app.rules.messages import Names, num

_SPACE = re.compile(r"[\s*_#>]+")
# NFKC, for the characters where it matters here: fullwidth forms (１９ → 19,
# （ → (), Kangxi and CJK radicals (⾏ → 行), compatibility ideographs, enclosed
# numbers. Mapping these one by one is ~5x faster than unicodedata.normalize on
# a report's prose, and the patterns see the same text.
_RANGES = ((0x2460, 0x24FF), (0x2E80, 0x2FDF), (0x3000, 0x3000), (0xF900, 0xFAFF),
           (0xFE30, 0xFE6F), (0xFF00, 0xFFEF))
_NFKC = {
    c: n for lo, hi in _RANGES for c in map(chr, range(lo, hi + 1))
    if (n := unicodedata.normalize("NFKC", c)) != c
}
_SPECIAL = re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _RANGES) + "]")


@dataclass(frozen=True)
class Stated:
    """What the prose says about one [[narrative]] entry."""

    cells: tuple[str, ...]
    fallback: tuple[str, ...]
    label: str
    label_en: str
    numbers: tuple[int, ...]  # distinct, in order of appearance; empty: the prose is silent
    quote: str  # the first passage that states it


def normalise(text: str) -> str:
    """NFKC (see _NFKC), no whitespace, no markdown emphasis: the text the patterns see."""
    return _SPACE.sub("", _SPECIAL.sub(lambda m: _NFKC.get(m.group(), m.group()), text))


_COMPILED: dict[str, re.Pattern[str]] = {}


def _rx(p: str) -> re.Pattern[str]:
    rx = _COMPILED.get(p)
    if rx is None:
        rx = _COMPILED[p] = re.compile(p)
    return rx


def read(entries: tuple[dict[str, Any], ...], sections: list[Section]) -> list[Stated]:
    """Find, in the prose of ``sections``, each figure the template's entries describe."""
    text = replace_counted("。".join(normalise(s.text) for s in sections if s.text))
    out = []
    for e in entries:
        numbers: list[int] = []
        quote = ""
        for p in e.get("patterns", ()):
            for m in _rx(p).finditer(text):
                n = int(m.group(1))
                if n not in numbers:
                    numbers.append(n)
                quote = quote or m.group(0)
        if not numbers:
            for p in e.get("zero_patterns", ()):
                m = _rx(p).search(text)
                if m:
                    numbers, quote = [0], m.group(0)
                    break
        out.append(
            Stated(
                cells=tuple(e["cells"]),
                fallback=tuple(e.get("fallback", ())),
                label=e.get("label", ""),
                label_en=e.get("label_en", e.get("label", "")),
                numbers=tuple(numbers),
                quote=quote,
            )
        )
    return out


def check(stated: list[Stated], values: dict[str, Number | None], names: Names) -> list[Finding]:
    """A ``narrative`` warning for each stated figure the table contradicts."""
    out = []
    for s in stated:
        if not s.numbers:
            continue
        cells = s.cells if all(c in values for c in s.cells) else s.fallback
        if not cells or not all(c in values and values[c] is not None for c in cells):
            continue
        table = sum(values[c] or 0 for c in cells)
        if any(abs(table - n) < 1e-9 for n in s.numbers):
            continue
        stated_zh = "、".join(str(n) for n in s.numbers)
        where_zh = "＋".join(names.cell(c) for c in cells)
        where_en = " + ".join(names.cell(c, en=True) for c in cells)
        if cells is s.fallback:
            where_zh += f"（表中未印 {'、'.join(names.cell(c) for c in s.cells)}，以此比较）"
            where_en += f" (the table does not print {', '.join(names.cell(c, en=True) for c in s.cells)})"
        out.append(
            Finding(
                rule="narrative",
                severity="warning",
                cells=list(cells),
                expected=s.numbers[0],
                actual=table,
                message=f"正文称{s.label} {stated_zh} 件（“{s.quote}”），表中为 {num(table)}（{where_zh}）",
                message_en=f"The text states {', '.join(map(str, s.numbers))} for {s.label_en}; "
                f"the table has {num(table)} ({where_en})",
            )
        )
    return out
