"""Printed label → template id: one matcher for the text layer and for OCR.

Real labels vary: Kangxi-radical code points, full/half-width brackets and
digits, whitespace and line breaks inside a label, ``1、`` vs ``1.``,
enumerators dropped or kept, misprints. Everything is compared after
``normalise`` + ``core``; known misprints are aliases in the template; what is
left is caught by a similarity ratio with a margin over the runner-up, so a
label is never matched by position alone and never to two ids by accident.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

# CJK Radicals Supplement code points that NFKC leaves alone but that stand for
# ordinary characters in badly made text layers.
_RADICALS = str.maketrans(
    {
        "⺠": "民", "⻔": "门", "⻓": "长", "⻅": "见", "⻋": "车", "⻆": "角", "⻛": "风",
        "⻢": "马", "⻚": "页", "⻜": "飞", "⻝": "食", "⻣": "骨", "⻥": "鱼", "⻬": "齐",
        "⻰": "龙", "⻳": "龟", "⺟": "母", "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜",
        "⺌": "小", "⺗": "心", "⺮": "竹", "⺶": "羊", "⻉": "贝", "⻊": "足", "⻌": "辶",
        "⻍": "辶", "⻎": "辶", "⻘": "青", "⻟": "食", "⻤": "鬼", "⻨": "麦", "⻩": "黄",
    }
)
_DROP = dict.fromkeys(map(ord, "“”‘’\"'「」『』·•:：;；,，。"), None)
_SPACE = re.compile(r"\s+")
_ENUM = re.compile(
    r"^(?:"
    r"[一二三四五六七八九十]+[、.．]"  # 一、  三.
    r"|\([一二三四五六七八九十]+\)[、.]?"  # (一)
    r"|\d+[、.．)]"  # 1.  1、  1)
    r"|\(\d+\)"  # (1)
    r")"
)


def normalise(text: str) -> str:
    """Text as the matcher compares it: NFKC, radicals mapped, no whitespace."""
    t = unicodedata.normalize("NFKC", text).translate(_RADICALS)
    t = t.replace("〔", "[").replace("〕", "]").replace("【", "[").replace("】", "]")
    return _SPACE.sub("", t)


def core(text: str) -> str:
    """A label without enumerator prefixes and punctuation: ``（一）予以公开`` → ``予以公开``."""
    t = normalise(text)
    while True:
        stripped = _ENUM.sub("", t, count=1)
        if stripped == t:
            break
        t = stripped
    return t.translate(_DROP)


@dataclass(frozen=True)
class Match:
    id: str
    score: float  # 1.0 exact; below: similarity of the closest form


class LabelMatcher:
    """Matches printed texts against the labels (and aliases) of a set of ids."""

    def __init__(self, labels: Iterable[tuple[str, Iterable[str]]], threshold: float = 0.78):
        self._forms: list[tuple[str, str]] = []  # (core form, id)
        self._exact: dict[str, str | None] = {}
        for ident, forms in labels:
            for form in forms:
                c = core(form)
                if not c:
                    continue
                self._forms.append((c, ident))
                prev = self._exact.get(c, ident)
                self._exact[c] = ident if prev == ident else None  # None: ambiguous form
        self.threshold = threshold
        self._cache: dict[str, Match | None] = {}

    def match(self, text: str) -> Match | None:
        """The id whose label this text is, or None when none or several fit."""
        if text in self._cache:
            return self._cache[text]
        c = core(text)
        result: Match | None = None
        if c:
            if c in self._exact:
                ident = self._exact[c]
                result = Match(ident, 1.0) if ident else None
            else:
                result = self._fuzzy(c)
        self._cache[text] = result
        return result

    def _fuzzy(self, c: str) -> Match | None:
        best: dict[str, float] = {}
        for form, ident in self._forms:
            # cheap bound first: the ratio cannot exceed 2*min/(len sum)
            if 2 * min(len(form), len(c)) / (len(form) + len(c)) < self.threshold:
                continue
            r = SequenceMatcher(None, c, form, autojunk=False).ratio()
            if r > best.get(ident, 0.0):
                best[ident] = r
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        ident, score = ranked[0]
        if score < self.threshold:
            return None
        if len(ranked) > 1 and ranked[1][1] > score - 0.08:
            return None  # two ids fit about equally: refuse rather than guess
        return Match(ident, score)
