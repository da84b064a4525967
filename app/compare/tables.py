"""The tables of two years side by side: the change of every cell, and the carry-over in place.

The carry-over equations are the template's ``[[cross_year]]`` entries (the
same ones the carry_over and in_force warnings use, app/rules/crossyear.py):
here each becomes, for its cell, the value last year's report implies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model import Number, Record
from app.rules.crossyear import comparisons, previous_values
from app.rules.messages import Names
from app.templates import Template, get_template

CELL_ID = re.compile(r"\b[a-z_]+\.[a-z_]+\.[a-z_]+\b")


@dataclass(frozen=True)
class CellChange:
    cell: str
    last: Number | None
    this: Number | None

    @property
    def delta(self) -> Number | None:
        if self.last is None or self.this is None:
            return None
        return self.this - self.last

    @property
    def changed(self) -> bool:
        return self.last != self.this


@dataclass(frozen=True)
class CarryOver:
    """A cell whose value last year's report fixes: ``expected`` from ``rule``."""

    rule: str
    cell: str
    expected: Number
    actual: Number | None
    formula: str  # the cells it came from: "上年 requests.carried_out.total"

    @property
    def holds(self) -> bool:
        return self.actual is not None and abs(self.expected - self.actual) < 1e-9

    def readable(self, names: Names) -> str:
        """The formula with cells named as the form prints them: 上年 四·总计."""
        return CELL_ID.sub(lambda m: names.cell(m.group()), self.formula)


def values(record: Record) -> dict[str, Number | None]:
    return previous_values(record)


def cell_changes(this: Record, last: Record | None, template: Template | None = None) -> list[CellChange]:
    """Every cell of this year's template, in print order, with last year's value beside it."""
    template = template or get_template(this.template)
    now = values(this)
    before = values(last) if last is not None else {}
    ids = [c for c in template.cell_ids() if c in now or c in before]
    return [CellChange(c, before.get(c), now.get(c)) for c in ids]


def carry_overs(this: Record, last: Record | None, template: Template | None = None) -> list[CarryOver]:
    """For each cross-year equation whose terms are known, what last year implies for this year's cell."""
    if last is None:
        return []
    template = template or get_template(this.template)
    now, before = values(this), values(last)
    out = []
    for c in comparisons(template):
        p = before.get(c.previous)
        terms = [*c.plus, *c.minus]
        if p is None or any(now.get(x) is None for x in terms):
            continue
        expected = p + sum(now[x] or 0 for x in c.plus) - sum(now[x] or 0 for x in c.minus)
        formula = " ".join([f"上年 {c.previous}", *(f"+ 本年 {x}" for x in c.plus), *(f"− 本年 {x}" for x in c.minus)])
        out.append(CarryOver(c.rule, c.current, expected, now.get(c.current), formula))
    return out
