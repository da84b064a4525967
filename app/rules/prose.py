"""Checks of the report's prose itself (issue 13), all warnings; the wording is the
template's ``[prose]`` data.

- ``prose_figures``: the figures the prose states do not add up among
  themselves: received (+ carried in) ≠ answered + carried over.
- ``prose_all_done``: the prose says every request was answered (全部办结,
  均已办结 …) while the table carries requests over to next year.
- ``prose_headings``: a mandated section's heading numbered wrong (二 written as
  三), headings numbered in two systems (一、 beside 1.), sections out of order.
- ``prose_doubled``: a word written twice (资金资金).
- ``prose_fee``: section 六 has text, but it does not say whether 信息处理费
  was charged.

The text is read once per record (``read``); ``check`` compares with the
table's current values, cheaply, after every edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.model import Finding, Number, Record
from app.rules.messages import Names, num
from app.rules.narrative import Stated, normalise
from app.templates import Template

_NUMBERED = re.compile(r"^\s*(?:第([一二三四五六七八九十]+)部分|([一二三四五六七八九十]+)\s*[、.．,，]|(\d+)\s*[、.．]|[(（]([一二三四五六七八九十]+)[)）])")
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")


@dataclass
class ProseReading:
    """What the prose says, read once."""

    stated: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first cell → numbers
    all_done: str = ""  # the passage saying every request was answered
    headings: list[Finding] = field(default_factory=list)
    doubled: list[Finding] = field(default_factory=list)
    fee: list[Finding] = field(default_factory=list)


def _style(heading: str) -> tuple[str, str] | None:
    """(numbering system, numeral) of a heading: ('cn', '二'), ('arabic', '2'), ('part', '二')."""
    m = _NUMBERED.match(heading)
    if not m:
        return None
    if m.group(1):
        return "part", m.group(1)
    if m.group(2):
        return "cn", m.group(2)
    if m.group(3):
        return "arabic", m.group(3)
    return "paren", m.group(4)


def read(template: Template, record: Record, stated: list[Stated]) -> ProseReading:
    spec = template.prose
    out = ProseReading()
    if not spec or not record.sections:
        return out
    for s in stated:
        if s.numbers and s.cells:
            out.stated[s.cells[0]] = s.numbers
    text = "。".join(normalise(s.text) for s in record.sections if s.text)
    for p in spec.get("all_done_patterns", ()):
        m = re.search(p, text)
        if m:
            out.all_done = m.group(0)
            break
    out.headings = _headings(template, record)
    out.doubled = _doubled(text, set(spec.get("doubled_allow", ())))
    out.fee = _fee(template, record)
    return out


def _headings(template: Template, record: Record) -> list[Finding]:
    numerals = list(template.prose.get("numerals", ()))
    keywords = {s.id: [normalise(k) for k in s.keywords] for s in template.sections}
    order = [s.id for s in template.sections]
    found: list[tuple[int, str, str]] = []  # (template position, heading, its numeral)
    styles: dict[str, str] = {}
    out = []
    for sec in record.sections:
        h = normalise(sec.heading)
        where = next((i for i, sid in enumerate(order) if any(k in h for k in keywords[sid])), None)
        if where is None:
            continue
        st = _style(sec.heading)
        if st is None:
            continue
        styles.setdefault(st[0], sec.heading.strip())
        found.append((where, sec.heading.strip(), st[1]))
        want = numerals[where] if where < len(numerals) else None
        if st[0] in ("cn", "part") and want and st[1] != want:
            out.append(_warn("prose_headings", f"标题“{sec.heading.strip()}”编号应为“{want}”",
                             f"heading “{sec.heading.strip()}” should be numbered {want}"))
        elif st[0] == "arabic" and st[1] != str(where + 1):
            out.append(_warn("prose_headings", f"标题“{sec.heading.strip()}”编号应为“{where + 1}”",
                             f"heading “{sec.heading.strip()}” should be numbered {where + 1}"))
    if len(styles) > 1:
        out.append(_warn("prose_headings", "标题编号体例不一：" + "、".join(f"“{h}”" for h in styles.values()),
                         "headings numbered in more than one system"))
    positions = [w for w, _, _ in found]
    if positions != sorted(positions):
        out.append(_warn("prose_headings", "规定的六个部分顺序不对：" + "、".join(h for _, h, _ in found),
                         "the mandated sections are out of order"))
    return out


def _doubled(text: str, allow: set[str]) -> list[Finding]:
    out, seen = [], set()
    for m in _DOUBLED.finditer(text):
        word = m.group(1)
        if m.group(0) in allow or word in allow or word in seen:
            continue
        seen.add(word)
        a, b = max(0, m.start() - 8), m.end() + 8
        out.append(_warn("prose_doubled", f"正文疑有重复字词“{m.group(0)}”（“{text[a:b]}”）",
                         f"a word written twice: {m.group(0)}"))
    return out


def _fee(template: Template, record: Record) -> list[Finding]:
    spec = template.prose
    sid = spec.get("fee_section")
    sec_spec = next((s for s in template.sections if s.id == sid), None)
    if sec_spec is None:
        return []
    keys = [normalise(k) for k in sec_spec.keywords]
    texts = [normalise(s.heading + s.text) for s in record.sections
             if s.text.strip() and any(k in normalise(s.heading) for k in keys)]
    if not texts:
        return []  # the section is missing (structure says so) or its text was not read
    if any(re.search(p, t) for p in spec.get("fee_patterns", ()) for t in texts):
        return []
    return [_warn("prose_fee", f"“{sec_spec.heading}”未说明是否收取信息处理费",
                  f"section “{sec_spec.heading}” does not say whether information processing fees were charged")]


def _warn(rule: str, zh: str, en: str, cells: list[str] | None = None,
          expected: Number | None = None, actual: Number | None = None) -> Finding:
    return Finding(rule, "warning", cells or [], expected, actual, zh, en)


def check(reading: ProseReading, template: Template, values: dict[str, Number | None], names: Names) -> list[Finding]:
    """Every prose warning, given the table's current values."""
    out = list(reading.headings)
    spec = template.prose
    got = {k: reading.stated.get(spec.get(k, "")) for k in ("received", "carried_in", "handled", "carried_out")}
    r, h, k = got["received"], got["handled"], got["carried_out"]
    if r and h and k:
        c = got["carried_in"][0] if got["carried_in"] else 0
        if r[0] + c != h[0] + k[0] and r[0] != h[0] + k[0]:
            cin = f"＋上年结转 {c} " if got["carried_in"] else ""
            out.append(_warn(
                "prose_figures",
                f"正文所述数字不能相互印证：收到 {r[0]} 件{cin}≠ 办结 {h[0]} 件＋结转下年度 {k[0]} 件",
                f"the prose's figures do not add up: received {r[0]} (+{c}) ≠ answered {h[0]} + carried over {k[0]}",
            ))  # fmt: skip
    cell = spec.get("carried_out")
    v = values.get(cell) if cell else None
    if reading.all_done and cell and v:
        out.append(_warn(
            "prose_all_done",
            f"正文称“{reading.all_done}”，但表中{names.cell(cell)}为 {num(v)}",
            f"the prose says all requests were answered, but {names.cell(cell, en=True)} is {num(v)}",
            [cell], 0, v,
        ))  # fmt: skip
    out.extend(reading.doubled)
    out.extend(reading.fee)
    return out
