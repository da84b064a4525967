"""Expand a template's identities into one equation per printed row or column.

A template states each identity once (``balance`` over every column of table
三, ``applicants`` over every row …); the checks need one equation per column
or row, as cell ids. This module does that expansion, once per template, and
indexes which equations mention each cell — the index the incremental check
uses to re-evaluate only what an edit touches.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import TemplateError
from app.templates import Identity, Table, Template


@dataclass(frozen=True)
class Spec:
    """One expanded identity: sum(left) = sum(right), as cell ids.

    ``choices`` pairs the standard and the variant form of rows a report may
    print either way (table 三's （六）其他处理): the equation sums whichever
    form the report prints in full.
    """

    idx: int
    rule: str
    table: str
    over: str  # "columns": one equation per column, terms are rows; "rows": the reverse
    along: str  # the column id (over="columns") or the row id (over="rows")
    left: tuple[str, ...]
    right: tuple[str, ...]
    choices: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


@dataclass(frozen=True)
class Plan:
    """Every expanded identity of a template and the cell → identities index."""

    template: Template
    specs: tuple[Spec, ...]
    by_cell: dict[str, tuple[int, ...]]
    order: dict[str, int]  # cell id → print order, for stable output
    kinds: dict[str, str]  # cell id → "count" | "signed" | "amount"


_PLANS: dict[str, Plan] = {}


def plan_for(template: Template) -> Plan:
    """The expanded identities of ``template`` (computed once, then cached)."""
    cached = _PLANS.get(template.id)
    if cached is not None and cached.template is template:
        return cached
    plan = _compile(template)
    _PLANS[template.id] = plan
    return plan


def _compile(template: Template) -> Plan:
    specs: list[Spec] = []
    for ident in template.identities:
        try:
            table = template.table(ident.table)
        except KeyError:
            raise TemplateError(
                f"identity {ident.rule!r} names unknown table {ident.table!r}", path=template.path
            ) from None
        if ident.over == "columns":
            specs.extend(_over_columns(template, table, ident, len(specs)))
        elif ident.over == "rows":
            specs.extend(_over_rows(template, table, ident, len(specs)))
        else:
            raise TemplateError(
                f"identity {ident.rule!r}: over must be 'columns' or 'rows', not {ident.over!r}",
                path=template.path,
            )
    by_cell: dict[str, list[int]] = {}
    for s in specs:
        for c in s.cells:
            by_cell.setdefault(c, []).append(s.idx)
    order = {cid: i for i, cid in enumerate(template.cell_ids())}
    kinds = {cid: template.kind(cid) for cid in order}
    return Plan(template, tuple(specs), {k: tuple(v) for k, v in by_cell.items()}, order, kinds)


def _check_terms(template: Template, ident: Identity, known: set[str], kind: str) -> None:
    unknown = [t for t in ident.left + ident.right if t not in known]
    if unknown:
        raise TemplateError(
            f"identity {ident.rule!r} on table {ident.table!r} names unknown {kind} {unknown}",
            path=template.path,
        )


def _over_columns(template: Template, table: Table, ident: Identity, start: int) -> list[Spec]:
    _check_terms(template, ident, {r.id for r in table.rows}, "rows")
    out = []
    for col in table.columns:
        has = {r.id for r in table.rows if col in table.row_columns(r)}

        def cells(terms: tuple[str, ...], col_id: str = col.id, has: set[str] = has) -> tuple[str, ...]:
            return tuple(f"{table.id}.{r}.{col_id}" for r in terms if r in has)

        left, right = cells(ident.left), cells(ident.right)
        if not left or not right:
            continue
        choices = []
        for v in table.variants:
            std, var = cells(v.replaces), cells(v.by)
            if std and var:
                choices.append((std, var))
        out.append(Spec(start + len(out), ident.rule, table.id, "columns", col.id, left, right, tuple(choices)))
    return out


def _over_rows(template: Template, table: Table, ident: Identity, start: int) -> list[Spec]:
    _check_terms(template, ident, {c.id for c in table.columns}, "columns")
    out = []
    for row in table.rows:
        has = {c.id for c in table.row_columns(row)}
        left = tuple(f"{table.id}.{row.id}.{c}" for c in ident.left if c in has)
        right = tuple(f"{table.id}.{row.id}.{c}" for c in ident.right if c in has)
        if left and right:
            out.append(Spec(start + len(out), ident.rule, table.id, "rows", row.id, left, right))
    return out


def resolve(spec: Spec, present: set[str] | frozenset[str]) -> tuple[tuple[str, int], ...] | None:
    """The terms of ``spec`` a report prints, as (cell id, +1 left / −1 right).

    Terms of a variant pair count in whichever form the report prints in full
    (the standard form when both are). Any other term the report does not
    print makes the identity uncheckable: None, and it is skipped — a lost
    page is not a broken identity.
    """
    dropped: set[str] = set()
    for std, var in spec.choices:
        if all(c in present for c in std):
            dropped.update(var)
        elif all(c in present for c in var):
            dropped.update(std)
        else:
            return None
    terms = []
    for coef, side in ((1, spec.left), (-1, spec.right)):
        for c in side:
            if c in dropped:
                continue
            if c not in present:
                return None
            terms.append((c, coef))
    return tuple(terms)
