"""Across the batch: every report's indicators and outliers, the groups' rates, the quartiles.

Input is plain data (one :class:`Entry` per report, its current values and
last year's), so the review layer decides where the data comes from and this
module stays pure. A report's comparable agencies are its group: the same
level and kind in the agency register when there is one, else the same batch
(the same template and year).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.compare.config import config_for
from app.compare.indicators import Rate, Spread, pooled, rates, spread
from app.compare.outliers import jump_findings, peer_zero_findings, rate_findings, repeat_finding
from app.model import Finding, Number
from app.rules.messages import names_for
from app.templates import get_template


@dataclass
class Entry:
    id: int
    template: str
    year: int | None
    group: str  # comparable agencies share it
    values: Mapping[str, Number | None]
    previous: Mapping[str, Number | None] | None = None  # last year's, when imported
    repeat: float | None = None  # repeat rate against last year's, when known


@dataclass
class Metrics:
    """One report across the batch."""

    id: int
    group: str
    repeat: float | None
    rates: dict[str, Rate]
    findings: list[Finding]


@dataclass
class Batch:
    metrics: dict[int, Metrics]
    spreads: dict[str, Spread]  # per indicator, reports past the guard
    groups: dict[str, dict[str, Rate]] = field(default_factory=dict)  # group → indicator → pooled rate
    group_sizes: dict[str, int] = field(default_factory=dict)


def analyse(entries: Sequence[Entry]) -> Batch:
    """Indicators, outliers and quartiles for a batch of reports."""
    by_group: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_group[e.group].append(e)
    metrics: dict[int, Metrics] = {}
    for e in entries:
        cfg = config_for(e.template)
        names = names_for(get_template(e.template))
        mine = rates(e.values, cfg)
        found: list[Finding] = repeat_finding(e.repeat, cfg)
        if e.previous is not None:
            found += jump_findings(e.values, e.previous, cfg, names)
        peers = [p.values for p in by_group[e.group] if p.id != e.id]
        found += peer_zero_findings(e.values, peers, e.group, cfg, names)
        found += rate_findings(mine, cfg)
        metrics[e.id] = Metrics(e.id, e.group, e.repeat, mine, found)
    ids = indicator_ids(entries)
    spreads = {}
    for ind in ids:
        vals = [m.rates[ind].value for m in metrics.values()
                if ind in m.rates and not m.rates[ind].small and m.rates[ind].value is not None]
        spreads[ind] = spread(ind, [v for v in vals if v is not None])
    groups: dict[str, dict[str, Rate]] = {}
    for g, es in by_group.items():
        min_n = config_for(es[0].template).min_n
        groups[g] = {}
        for ind in ids:
            p = pooled([metrics[e.id].rates[ind] for e in es if ind in metrics[e.id].rates], min_n)
            if p is not None:
                groups[g][ind] = p
    return Batch(metrics, spreads, groups, {g: len(es) for g, es in by_group.items()})


def indicator_ids(entries: Sequence[Entry]) -> list[str]:
    out: list[str] = []
    for t in sorted({e.template for e in entries}):
        out += [i.id for i in config_for(t).indicators if i.id not in out]
    return out


def indicator_labels(template_ids: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
    """Indicator id → (Chinese, English) label, over the given (default: every) template."""
    from app.templates import all_templates

    ids = template_ids or [t.id for t in all_templates()]
    out: dict[str, tuple[str, str]] = {}
    for t in ids:
        for i in config_for(t).indicators:
            out.setdefault(i.id, (i.label, i.label_en))
    return out
