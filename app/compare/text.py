"""Repeat rate: the share of this year's prose found in last year's.

A character of this year's prose counts as repeated when it lies in a run of
``ngram`` characters that last year's prose also has, or in a sentence that is
at least ``sentence_similarity`` (rapidfuzz ratio) like one of last year's.
Only letters and digits count (punctuation and spacing do not), digits count
as one kind (a report that only changed "2023" to "2024" repeats itself), and
the template's own wording — its headings, table labels and the ``[compare]
boilerplate`` patterns — is left out of both years, since every report prints it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from app.compare.config import CompareConfig, config_for
from app.model import Section
from app.templates import Template, get_template

SENTENCE_END = re.compile(r"[。！？；!?;]+")
WHITESPACE = re.compile(r"\s+")
NON_SPACE = re.compile(r"\S")
COUNTED = re.compile(r"[^\W_]")  # letters and digits, any script
NOT_COUNTED = re.compile(r"[\W_]+")
DIGITS = str.maketrans("0123456789", "##########")
ONE = b"\x01"


@dataclass
class Prepared:
    """One text, normalised for matching: the counted characters, and (on demand) where each sits."""

    text: str
    flat: str  # NFKC, no whitespace, boilerplate blanked to NUL
    content: str  # letters and digits only, digits as '#'
    sentences: list[tuple[int, int]]  # content spans
    _grams: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)
    _origin: list[int] | None = field(default=None, repr=False)

    def grams(self, n: int) -> frozenset[str]:
        if n not in self._grams:
            c = self.content
            self._grams[n] = frozenset(c[i : i + n] for i in range(len(c) - n + 1))
        return self._grams[n]

    def sentence_texts(self, min_len: int) -> list[str]:
        return [self.content[a:b] for a, b in self.sentences if b - a >= min_len]

    @property
    def origin(self) -> list[int]:
        """The index in ``text`` of each content character (computed only for highlighting)."""
        if self._origin is None:
            idx = [m.start() for m in NON_SPACE.finditer(normalise(self.text))]
            self._origin = [idx[m.start()] for m in COUNTED.finditer(self.flat)]
        return self._origin


@dataclass(frozen=True)
class SectionRepeat:
    section: str  # the template's section id, or the printed heading when none matches
    heading: str
    chars: int  # counted characters (boilerplate left out)
    repeated: int
    spans: tuple[tuple[int, int], ...]  # repeated runs in the section's original text

    @property
    def rate(self) -> float | None:
        return None if not self.chars else self.repeated / self.chars


@dataclass(frozen=True)
class RepeatRate:
    overall: float | None  # None: no prose to compare
    sections: tuple[SectionRepeat, ...]

    def by_section(self) -> dict[str, float | None]:
        return {s.section: s.rate for s in self.sections if s.chars}

    def to_json(self) -> dict:
        return {
            "overall": None if self.overall is None else round(self.overall, 4),
            "sections": {k: None if v is None else round(v, 4) for k, v in self.by_section().items()},
        }


def normalise(text: str) -> str:
    """NFKC, one character per character where NFKC would change the length (positions stay valid)."""
    s = unicodedata.normalize("NFKC", text)
    if len(s) == len(text):
        return s
    return "".join(n[0] if (n := unicodedata.normalize("NFKC", ch)) else ch for ch in text)


@dataclass(frozen=True)
class Boilerplate:
    """The template's own wording: its labels where they stand alone (a line or a space-separated
    fragment, as a table's labels land in extracted prose), and the [compare] patterns anywhere."""

    labels: re.Pattern[str] | None
    patterns: re.Pattern[str] | None


@cache
def boilerplate_pattern(template_id: str) -> Boilerplate:
    template = get_template(template_id)
    cfg = config_for(template_id)
    words = {re.sub(r"\s+", "", normalise(w)) for w in template_words(template)}
    parts = [re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) >= 2]
    labels = re.compile(r"(?:(?<=\s)|^)(?:" + "|".join(parts) + r")(?=\s|$)", re.M) if parts else None
    patterns = re.compile("|".join(cfg.boilerplate)) if cfg.boilerplate else None
    return Boilerplate(labels, patterns)


def _blank(m: re.Match[str]) -> str:
    return "\0" * len(m.group())


def template_words(template: Template) -> Iterable[str]:
    """Every heading and label the template prints."""
    yield template.name
    for s in template.sections:
        yield s.heading
        yield from s.keywords
    for t in template.tables:
        yield from (t.title, *(x for x in (t.corner,) if x))
        for c in t.columns:
            yield from (c.label, *c.aliases, *c.groups)
        for r in t.rows:
            yield from (r.label, *r.aliases, *r.groups, *(x for x in (r.block,) if x))


def prepare(text: str, boilerplate: Boilerplate | None) -> Prepared:
    norm = normalise(text)
    if boilerplate is not None and boilerplate.labels is not None:
        norm = boilerplate.labels.sub(_blank, norm)  # same length: positions stay valid
    flat = WHITESPACE.sub("", norm)
    if boilerplate is not None and boilerplate.patterns is not None:
        flat = boilerplate.patterns.sub(_blank, flat)
    content = NOT_COUNTED.sub("", flat).translate(DIGITS)
    sentences, at = [], 0
    for piece in SENTENCE_END.split(flat):
        n = len(NOT_COUNTED.sub("", piece))
        if n:
            sentences.append((at, at + n))
        at += n
    return Prepared(text, flat, content, sentences)


def repeated_mask(this: Prepared, last: Prepared | Sequence[Prepared], cfg: CompareConfig) -> bytearray:
    """1 for each content character of ``this`` that repeats ``last``."""
    lasts = [last] if isinstance(last, Prepared) else list(last)
    c, n = this.content, cfg.ngram
    mask = bytearray(len(c))
    grams: set[str] | frozenset[str]
    grams = lasts[0].grams(n) if len(lasts) == 1 else set().union(*(p.grams(n) for p in lasts))
    ones = ONE * n
    for i in range(len(c) - n + 1):
        if c[i : i + n] in grams:
            mask[i : i + n] = ones
    choices = [s for p in lasts for s in p.sentence_texts(cfg.min_sentence)]
    if choices:
        for a, b in this.sentences:
            if b - a < cfg.min_sentence or mask.count(1, a, b) == b - a:
                continue
            if process.extractOne(c[a:b], choices, scorer=fuzz.ratio,
                                  score_cutoff=cfg.sentence_similarity) is not None:
                mask[a:b] = ONE * (b - a)
    return mask


def spans(p: Prepared, mask: bytearray) -> tuple[tuple[int, int], ...]:
    """The runs of ``mask`` as (start, end) in the original text."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(mask)
    while i < n:
        if not mask[i]:
            i += 1
            continue
        j = i
        while j < n and mask[j]:
            j += 1
        start, end = p.origin[i], p.origin[j - 1] + 1
        if out and start - out[-1][1] <= 2:  # bridge punctuation between two runs
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        i = j
    return tuple(out)


def section_id(template: Template, heading: str) -> str:
    h = re.sub(r"\s+", "", normalise(heading))
    for s in template.sections:
        if any(k in h for k in s.keywords):
            return s.id
    return h


def repeat_rate(this: Sequence[Section], last: Sequence[Section], template_id: str,
                *, with_spans: bool = False) -> RepeatRate:
    """How much of this year's prose (sections) repeats last year's, per section and overall."""
    template = get_template(template_id)
    cfg = config_for(template_id)
    bp = boilerplate_pattern(template_id)
    lasts = [prepare(s.text, bp) for s in last]
    out, chars, repeated = [], 0, 0
    for s in this:
        p = prepare(s.text, bp)
        mask = repeated_mask(p, lasts, cfg) if lasts else bytearray(len(p.content))
        r = mask.count(1)
        chars += len(p.content)
        repeated += r
        out.append(SectionRepeat(section_id(template, s.heading), s.heading, len(p.content), r,
                                 spans(p, mask) if with_spans else ()))
    return RepeatRate(repeated / chars if chars and lasts else None, tuple(out))


def reused_spans(last: Sequence[Section], this: Sequence[Section], template_id: str) -> list[tuple[tuple[int, int], ...]]:
    """For each of last year's sections, the runs this year reused (the other side of the view)."""
    cfg = config_for(template_id)
    bp = boilerplate_pattern(template_id)
    thises = [prepare(s.text, bp) for s in this]
    out = []
    for s in last:
        p = prepare(s.text, bp)
        out.append(spans(p, repeated_mask(p, thises, cfg)) if thises else ())
    return out
