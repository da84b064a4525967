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
from app.rules.messages import Names, num

_SPACE = re.compile(r"[\s*_#>]+")


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
    """NFKC, no whitespace, no markdown emphasis: the text the patterns see."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


_COMPILED: dict[str, re.Pattern[str]] = {}


def _rx(p: str) -> re.Pattern[str]:
    rx = _COMPILED.get(p)
    if rx is None:
        rx = _COMPILED[p] = re.compile(p)
    return rx


def read(entries: tuple[dict[str, Any], ...], sections: list[Section]) -> list[Stated]:
    """Find, in the prose of ``sections``, each figure the template's entries describe."""
    text = "。".join(normalise(s.text) for s in sections if s.text)
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
