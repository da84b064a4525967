"""One agency, two years: changes, carry-over, repeat rate, indicators and the warnings they raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.compare.config import config_for
from app.compare.indicators import Rate, rates
from app.compare.outliers import jump_findings, rate_findings, repeat_finding
from app.compare.tables import CarryOver, CellChange, carry_overs, cell_changes, values
from app.compare.text import RepeatRate, repeat_rate, reused_spans
from app.model import Finding, Record
from app.rules.messages import names_for
from app.templates import get_template


@dataclass
class PairComparison:
    this: Record
    last: Record | None
    changes: list[CellChange]
    carry: list[CarryOver]
    repeat: RepeatRate | None
    rates: dict[str, Rate]
    last_rates: dict[str, Rate]
    findings: list[Finding]
    last_spans: list[tuple[tuple[int, int], ...]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "this": _who(self.this),
            "last": None if self.last is None else _who(self.last),
            "repeat_rate": None if self.repeat is None else self.repeat.to_json(),
            "changes": {c.cell: [c.last, c.this] for c in self.changes if c.changed},
            "carry_over": [
                {"rule": c.rule, "cell": c.cell, "expected": c.expected, "actual": c.actual,
                 "holds": c.holds, "from": c.formula}
                for c in self.carry
            ],
            "indicators": {k: r.to_json() for k, r in self.rates.items()},
            "findings": [f.to_json() for f in self.findings],
        }


def _who(r: Record) -> dict[str, Any]:
    return {"agency": r.agency, "year": r.year, "template": r.template, "file": r.source.path}


def compare_records(this: Record, last: Record | None, *, with_spans: bool = False,
                    repeat: RepeatRate | None = None) -> PairComparison:
    """Compare this year's record with last year's (``last`` None: this year's figures alone).

    ``repeat``: a repeat rate already computed (the cache), to skip the text work.
    """
    template = get_template(this.template)
    cfg = config_for(this.template)
    names = names_for(template)
    now = values(this)
    if last is not None and repeat is None:
        repeat = repeat_rate(this.sections, last.sections, this.template, with_spans=with_spans)
    findings = repeat_finding(None if repeat is None else repeat.overall, cfg)
    if last is not None:
        findings += jump_findings(now, values(last), cfg, names)
    mine = rates(now, cfg)
    findings += rate_findings(mine, cfg)
    last_rates = {} if last is None else rates(values(last), config_for(last.template))
    spans = reused_spans(last.sections, this.sections, this.template) if with_spans and last else []
    return PairComparison(this, last, cell_changes(this, last, template), carry_overs(this, last, template),
                          repeat, mine, last_rates, findings, spans)
