"""Indicators: rates per report and per group, with a small-sample guard and the batch's quartiles.

Each indicator is template data (``[[compare.indicators]]``): Σ numerator
cells over Σ denominator cells. A report whose denominator is below
``min_n`` still gets its value, marked ``small`` — too few cases to read a
rate into — and is left out of the quartiles.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.compare.config import CompareConfig, Indicator
from app.model import Number


@dataclass(frozen=True)
class Rate:
    id: str
    numerator: Number
    denominator: Number
    small: bool  # denominator below the guard

    @property
    def value(self) -> float | None:
        return None if not self.denominator else self.numerator / self.denominator

    def to_json(self) -> dict:
        v = self.value
        return {"value": None if v is None else round(v, 4), "n": self.denominator, "small": self.small}


def rate(ind: Indicator, values: Mapping[str, Number | None], min_n: int) -> Rate | None:
    """The indicator for one report; None when the report prints none of its cells."""
    if all(values.get(c) is None for c in (*ind.numerator, *ind.denominator)):
        return None
    num = sum(values.get(c) or 0 for c in ind.numerator)
    den = sum(values.get(c) or 0 for c in ind.denominator)
    return Rate(ind.id, num, den, den < min_n)


def rates(values: Mapping[str, Number | None], cfg: CompareConfig) -> dict[str, Rate]:
    out = {}
    for ind in cfg.indicators:
        r = rate(ind, values, cfg.min_n)
        if r is not None:
            out[ind.id] = r
    return out


def pooled(rs: Iterable[Rate], min_n: int) -> Rate | None:
    """A group's rate: its reports' numerators over their denominators, summed."""
    rs = list(rs)
    if not rs:
        return None
    num = sum(r.numerator for r in rs)
    den = sum(r.denominator for r in rs)
    return Rate(rs[0].id, num, den, den < min_n)


@dataclass(frozen=True)
class Spread:
    """An indicator across the batch: reports that pass the guard, their quartiles."""

    id: str
    n: int  # reports counted
    q1: float | None
    median: float | None
    q3: float | None
    low: float | None
    high: float | None

    def to_json(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def spread(ind_id: str, values: Sequence[float]) -> Spread:
    vs = sorted(values)
    if not vs:
        return Spread(ind_id, 0, None, None, None, None, None)
    if len(vs) == 1:
        return Spread(ind_id, 1, vs[0], vs[0], vs[0], vs[0], vs[0])
    q1, med, q3 = statistics.quantiles(vs, n=4, method="inclusive")
    return Spread(ind_id, len(vs), q1, med, q3, vs[0], vs[-1])
