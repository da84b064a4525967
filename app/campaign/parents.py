"""A parent's report against the sum of its direct units' reports (warning ``parent_units``).

Where the register says a parent's report aggregates its units, each figure
of the parent's tables named by the template's ``[campaign] aggregate_tables``
(表三 and 表四) should equal the sum of the same cell over its units' reports of
the same year. Units without a report that year are named; the comparison is
still made, and says that it is incomplete.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.model import Finding, Record
from app.rules.messages import names_for, num
from app.templates import get_template

RULE = "parent_units"


def check(parent: Record, units: Sequence[Record], missing: Sequence[str]) -> list[Finding]:
    """The ``parent_units`` findings of ``parent`` given its units' records and missing names."""
    template = get_template(parent.template)
    names = names_for(template)
    year = parent.year
    out = []
    if missing:
        out.append(
            Finding(
                RULE, "warning", [], None, None,
                f"下级单位 {len(missing)} 家未见 {year} 年度报告，合计不完整：{'、'.join(missing)}",
                f"{len(missing)} unit(s) have no {year} report, the sum is incomplete: {', '.join(missing)}",
            )
        )  # fmt: skip
    if not units:
        return out
    tables = tuple(template.campaign.get("aggregate_tables", ()))
    short = "（另有未导入的下级单位）" if missing else ""
    for cell in template.cell_ids():
        if not cell.startswith(tuple(t + "." for t in tables)):
            continue
        mine = parent.value(cell)
        theirs = [u.value(cell) for u in units if cell in u.cells]
        if mine is None or not theirs or any(v is None for v in theirs):
            continue
        total = sum(theirs)  # type: ignore[arg-type]
        if abs(total - mine) < 1e-9:
            continue
        out.append(
            Finding(
                RULE, "warning", [cell], total, mine,
                f"{names.cell(cell)}：本级报告为 {num(mine)}，{len(theirs)} 家下级单位合计 {num(total)}{short}",
                f"{names.cell(cell, en=True)}: the parent reports {num(mine)}, its {len(theirs)} "
                f"unit(s) sum to {num(total)}",
            )
        )  # fmt: skip
    return out
