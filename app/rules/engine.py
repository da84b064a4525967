"""The checker: every rule of a template on one record, re-checked per edit.

Identities come from the template (see plan.py). Each identity is in one of
four states: it holds, it is broken, it has an unreadable term (value None:
unknown, so neither), or it is skipped because the report does not print one
of its terms (a lost page is not a broken identity; a term a variant row
replaces is simply left out). Broken identities that share cells are
localised together (localise.py).

An edit re-evaluates only the identities that contain the cell, re-localises
only the groups of broken identities those identities touch, and redoes the
cell, narrative and cross-year rules only where the cell appears.
"""

from __future__ import annotations

from app.model import Finding, Number, Record
from app.rules import cellrules, crossyear, narrative, ocr, prose, structure
from app.rules.localise import BROKEN, EPS, HELD, Localisation, deduce, localise
from app.rules.messages import identity, names_for, num
from app.rules.plan import plan_for, resolve
from app.templates import Template, get_template

UNKNOWN = 2
SKIPPED = 3


class Checker:
    """Checks one record; ``set_value`` re-checks after one edit.

    The checker keeps its own copy of the values: editing never changes the
    record it was given. ``previous`` is the same body's record of the year
    before (for ``carry_over`` and ``in_force``); it is ignored unless its
    year is the one before, or a year is unknown.
    """

    def __init__(self, record: Record, previous: Record | None = None, template: Template | None = None):
        self.record = record
        self.template = template or get_template(record.template)
        self.plan = plan_for(self.template)
        self.names = names_for(self.template)
        missing = set(record.missing)
        self.values: dict[str, Number | None] = {
            k: c.value for k, c in record.cells.items() if k not in missing
        }
        self.blank: set[str] = {k for k, c in record.cells.items() if c.blank and k in self.values}
        self._ocr = {k for k, c in record.cells.items() if c.confidence is not None}
        self._edited: set[str] = set()  # cells set_value changed: their printed text no longer applies
        self._stated = narrative.read(self.template.narrative, record.sections)
        self._narr_cells = {c for s in self._stated for c in s.cells + s.fallback}
        self._prose = prose.read(self.template, record, self._stated)
        self._xy = crossyear.comparisons(self.template) if crossyear.consecutive(record.year, previous) else []
        self._prev = crossyear.previous_values(previous) if self._xy and previous is not None else {}
        self._xy_cells = {c for x in self._xy for c in x.cells}
        self._structure = structure.check(self.template, record)
        self._uncertain = ocr.uncertain(record, self.template, self.names)
        self._build()

    # ------------------------------------------------------------ state
    def _build(self) -> None:
        specs = self.plan.specs
        present = set(self.values)
        self.terms = [resolve(s, present) for s in specs]
        self.coefs: list[dict[str, int]] = [dict(t) if t else {} for t in self.terms]
        index: dict[str, list[int]] = {}
        for i, t in enumerate(self.terms):
            for c, _ in t or ():
                index.setdefault(c, []).append(i)
        self.index = {k: tuple(v) for k, v in index.items()}
        self.state = [SKIPPED] * len(specs)
        self.resid: list[Number] = [0] * len(specs)
        self._msg: dict[int, tuple[str, str, Number, Number]] = {}
        for i in range(len(specs)):
            self._eval(i)
        self._deps: dict[int, frozenset[int]] = {}
        self._loc: dict[frozenset[int], tuple[Localisation, frozenset[int]]] = {}
        self._cells: dict[str, Finding] = {}
        kinds = self.plan.kinds
        for c, v in self.values.items():
            if not (type(v) is int and v >= 0 and kinds.get(c) == "count"):  # the common case, quickly
                self._check_cell(c)
        self._blank: dict[tuple[str, str], Finding] = {}
        for key in {tuple(c.split(".")[:2]) for c in self.blank}:
            self._check_blank(key)  # type: ignore[arg-type]
        self._narr = narrative.check(self._stated, self.values, self.names)
        self._cross = crossyear.check(self._xy, self.values, self._prev, self.names)

    def _eval(self, i: int) -> None:
        terms = self.terms[i]
        if terms is None:
            self.state[i] = SKIPPED
            return
        s: Number = 0
        values = self.values
        for c, k in terms:
            v = values[c]
            if v is None:
                self.state[i] = UNKNOWN
                self.resid[i] = 0
                return
            s += k * v
        self.resid[i] = s
        self.state[i] = BROKEN if abs(s) > EPS else HELD

    def _check_cell(self, cell: str) -> None:
        kind = self.plan.kinds.get(cell)
        if kind is None:  # an id the template does not know: nothing to check it against
            return
        v = self.values[cell]
        if cellrules.valid(kind, v):
            self._cells.pop(cell, None)
            return
        suspects, note = deduce(self, cell)
        printed = self.record.cells.get(cell)
        raw = printed.raw if printed is not None and cell not in self._edited else num(v) if v is not None else ""
        self._cells[cell] = cellrules.counts(cell, v, raw, kind, self.names, suspects, note)

    def _check_blank(self, key: tuple[str, str]) -> None:
        table, row = key
        prefix = f"{table}.{row}."
        cells = sorted((c for c in self.blank if c.startswith(prefix)), key=self.plan.order.get)
        if cells and table in {t.id for t in self.template.tables}:
            self._blank[key] = cellrules.blank(table, row, cells, self.names, self.record.cells)
        else:
            self._blank.pop(key, None)

    # ------------------------------------------------------------ helpers for localise
    def kind(self, cell: str) -> str:
        """The value kind of a cell ("count", "signed", "amount")."""
        return self.plan.kinds.get(cell, "count")

    def is_ocr(self, cell: str) -> bool:
        return cell in self._ocr

    # ------------------------------------------------------------ public
    def set_value(self, cell_id: str, value: Number | None) -> list[Finding]:
        """Change one cell (None: unreadable) and return every finding after the change.

        Only the identities containing the cell are re-evaluated. A cell the
        report did not print becomes printed. The cell is no longer blank.
        """
        if cell_id not in self.plan.order:
            raise KeyError(f"{cell_id!r} is not a cell of template {self.template.id}")
        self._edited.add(cell_id)
        self._uncertain.pop(cell_id, None)  # the reviewer has read it
        if cell_id not in self.values:
            self.values[cell_id] = value
            self.blank.discard(cell_id)
            self._build()
            return self.findings()
        self.values[cell_id] = value
        affected = self.index.get(cell_id, ())
        for i in affected:
            self._eval(i)
            self._msg.pop(i, None)
        if affected:
            stale = [k for k, (_, deps) in self._loc.items() if any(i in deps for i in affected)]
            for k in stale:
                del self._loc[k]
        self._check_cell(cell_id)
        for other in [c for c in self._cells if c != cell_id]:
            if any(i in affected for i in self.index.get(other, ())):
                self._check_cell(other)
        if cell_id in self.blank:
            self.blank.discard(cell_id)
            self._check_blank(tuple(cell_id.split(".")[:2]))  # type: ignore[arg-type]
        if cell_id in self._narr_cells:
            self._narr = narrative.check(self._stated, self.values, self.names)
        if cell_id in self._xy_cells:
            self._cross = crossyear.check(self._xy, self.values, self._prev, self.names)
        return self.findings()

    def findings(self) -> list[Finding]:
        """Every finding as things stand: errors first (identities, then cells), then warnings."""
        out = self._identity_findings()
        order = self.plan.order
        out.extend(self._cells[c] for c in sorted(self._cells, key=lambda c: order.get(c, len(order))))
        out.extend(self._blank[k] for k in sorted(self._blank, key=lambda k: order.get(self._blank[k].cells[0], 0)))
        out.extend(self._uncertain[c] for c in sorted(self._uncertain, key=order.__getitem__))
        out.extend(self._narr)
        out.extend(self._cross)
        out.extend(self._structure)
        out.extend(prose.check(self._prose, self.template, self.values, self.names))
        return out

    def has_errors(self) -> bool:
        """Whether any identity is broken or any cell is invalid."""
        return bool(self._cells) or BROKEN in self.state

    def skipped(self) -> list[str]:
        """Identities not checked because the report does not print one of their terms.

        Rows a report leaves out because it prints their variant instead (the
        single （六） row for the three sub-rows) are not counted.
        """
        instead = self._replaced()
        return [
            f"{s.rule}:{s.table}.{s.along}" for s, st in zip(self.plan.specs, self.state, strict=True)
            if st == SKIPPED and not set(s.cells) <= instead
        ]

    def _replaced(self) -> set[str]:
        """Cells not printed because the other form of a variant is printed."""
        out: set[str] = set()
        for t in self.template.tables:
            for v in t.variants:
                std = [f"{t.id}.{r}.{c.id}" for r in v.replaces for c in t.row_columns(t.row(r))]
                var = [f"{t.id}.{r}.{c.id}" for r in v.by for c in t.row_columns(t.row(r))]
                if all(c in self.values for c in var):
                    out.update(std)
                elif all(c in self.values for c in std):
                    out.update(var)
        return out

    # ------------------------------------------------------------ identities
    def _dep(self, i: int) -> frozenset[int]:
        """The identities sharing a cell with identity ``i`` (``i`` included)."""
        d = self._deps.get(i)
        if d is None:
            d = self._deps[i] = frozenset(j for c in self.coefs[i] for j in self.index[c])
        return d

    def _groups(self, broken: list[int]) -> list[list[int]]:
        groups: list[list[int]] = []
        for i in broken:
            deps = self._dep(i)
            joined = [g for g in groups if any(j in deps for j in g)]
            merged = [i]
            for g in joined:
                merged.extend(g)
                groups.remove(g)
            groups.append(sorted(merged))
        return groups

    def _localised(self, group: list[int]) -> Localisation:
        key = frozenset(group)
        hit = self._loc.get(key)
        if hit is None:
            deps = frozenset().union(*(self._dep(i) for i in group))
            hit = self._loc[key] = (localise(self, group), deps)
        return hit[0]

    def _identity_findings(self) -> list[Finding]:
        broken = [i for i, s in enumerate(self.state) if s == BROKEN]
        if not broken:
            return []
        loc = {}
        for g in self._groups(broken):
            found = self._localised(g)
            for i in g:
                loc[i] = (found.suspects.get(i, []), found.note)
        out = []
        specs = self.plan.specs
        for i in broken:
            spec, terms = specs[i], self.terms[i]
            assert terms is not None
            m = self._msg.get(i)
            if m is None:
                m = self._msg[i] = identity(self.names, spec.table, spec.over, spec.along, terms, self.values)
            suspects, note = loc[i]
            out.append(
                Finding(spec.rule, "error", [c for c, _ in terms], m[2], m[3], m[0], m[1], list(suspects), note)
            )
        return out


def check(record: Record, previous: Record | None = None) -> list[Finding]:
    """Every finding of ``record``: broken identities with their suspects, then warnings.

    ``previous`` is the same body's record of the year before, when known.
    Raises TemplateError if the record names an unknown template.
    """
    return Checker(record, previous).findings()
