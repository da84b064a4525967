"""This year's report against the same body's previous one (warnings).

``carry_over``: what a report carries in (二、上年结转) is what the previous
report carried out (四、结转下年度继续办理). ``in_force``: documents in force
now are those in force last year, plus those issued, minus those repealed.
The template's ``[[cross_year]]`` entries state both; see the comments there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.model import Finding, Number, Record
from app.rules.messages import Names, num
from app.templates import Template


@dataclass(frozen=True)
class Comparison:
    """One cross-year equation: current = previous + Σ plus − Σ minus."""

    rule: str
    current: str
    previous: str
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.current, *self.plus, *self.minus)


def comparisons(template: Template) -> list[Comparison]:
    """Expand the template's [[cross_year]] entries into one equation per column or row."""
    out = []
    for e in template.cross_year:
        table = template.table(e["table"])
        if e.get("over") == "columns":
            # current / previous / plus / minus are row ids; one equation per column
            out.extend(_one(e, f"{table.id}.{{}}.{col.id}") for col in table.columns)
        else:
            # current / previous / plus / minus are column ids; one equation per listed row
            rows = e.get("rows") or [r.id for r in table.rows]
            out.extend(_one(e, f"{table.id}.{row}.{{}}") for row in rows)
    return out


def _one(e: dict[str, Any], cell: str) -> Comparison:
    """``cell``: a cell id with {} where the entry's row or column id goes."""
    return Comparison(
        e["rule"],
        cell.format(e["current"]),
        cell.format(e["previous"]),
        tuple(cell.format(p) for p in e.get("plus", ())),
        tuple(cell.format(m) for m in e.get("minus", ())),
    )


def consecutive(record_year: int | None, previous: Record | None) -> bool:
    """Whether ``previous`` can stand as the year before (unknown years are given the benefit)."""
    if previous is None:
        return False
    return record_year is None or previous.year is None or previous.year == record_year - 1


def previous_values(previous: Record) -> dict[str, Number | None]:
    missing = set(previous.missing)
    return {k: c.value for k, c in previous.cells.items() if k not in missing}


def check(comps: list[Comparison], values: dict[str, Number | None],
          prev: dict[str, Number | None], names: Names) -> list[Finding]:
    """A warning for each equation the two years break."""
    out = []
    for c in comps:
        if any(values.get(x) is None for x in c.cells) or prev.get(c.previous) is None:
            continue
        p = prev[c.previous]
        assert p is not None
        expected = p + sum(values[x] or 0 for x in c.plus) - sum(values[x] or 0 for x in c.minus)
        actual = values[c.current]
        assert actual is not None
        if abs(expected - actual) < 1e-9:
            continue
        cur_zh, cur_en = names.cell(c.current), names.cell(c.current, en=True)
        prev_zh, prev_en = names.cell(c.previous), names.cell(c.previous, en=True)
        if c.plus or c.minus:
            terms_zh = "".join([f" + 本年{names.cell(x)} {num(values[x])}" for x in c.plus]
                               + [f" − 本年{names.cell(x)} {num(values[x])}" for x in c.minus])
            terms_en = "".join([f" + {names.cell(x, en=True)} {num(values[x])}" for x in c.plus]
                               + [f" − {names.cell(x, en=True)} {num(values[x])}" for x in c.minus])
            zh = f"{cur_zh}：本年为 {num(actual)}，上年{prev_zh} {num(p)}{terms_zh} = {num(expected)}"
            en = f"{cur_en}: {num(actual)} this year; last year's {prev_en} {num(p)}{terms_en} = {num(expected)}"
        else:
            zh = f"{cur_zh}：本年为 {num(actual)}，上年报告{prev_zh}为 {num(p)}"
            en = f"{cur_en}: {num(actual)} this year, but last year's report has {prev_en} = {num(p)}"
        out.append(Finding(c.rule, "warning", list(c.cells), expected, actual, zh, en))
    return out
