"""Who has published which year: agencies × years, each cell a state.

States, weakest first: ``missing`` (no report, no failed import), ``failed``
(only a failed import names it), ``imported``, ``in_review``, ``approved``; an
agency with several reports of a year shows its furthest one. ``problems``
counts the errors still open in that report. Reports whose agency is not in
the register get rows of their own (``registered`` False), by agency name.

Built from three flat lists in one pass: 1,000 agencies × 5 years draw in a
few milliseconds (bench/completeness.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from app.campaign.names import Matcher

STATES = ("missing", "failed", "imported", "in_review", "approved")
STATE_ZH = {"missing": "未发布", "failed": "导入失败", "imported": "已导入",
            "in_review": "审核中", "approved": "已通过"}  # fmt: skip
_RANK = {s: i for i, s in enumerate(STATES)}
_FROM_STATUS = {"new": "imported", "in_review": "in_review", "approved": "approved"}
_YEAR = re.compile(r"(20\d\d)")


class Brief(NamedTuple):
    """What the grid needs of an agency."""

    id: int
    name: str
    level: str | None
    kind: str
    parent_id: int | None


@dataclass(slots=True)
class GridRow:
    """One agency's line of the grid."""

    agency_id: int | None
    agency: str
    level: str | None
    kind: str | None
    parent: str | None
    region: tuple[str, ...]  # the names of its ancestors, outermost first
    years: dict[int, str] = field(default_factory=dict)
    problems: dict[int, int] = field(default_factory=dict)
    documents: dict[int, int] = field(default_factory=dict)  # year → the report shown

    @property
    def registered(self) -> bool:
        return self.agency_id is not None

    def to_json(self, years: Sequence[int]) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "level": self.level,
            "parent": self.parent,
            "registered": self.registered,
            "years": {str(y): self.years.get(y, "missing") for y in years},
            "problems": {str(y): self.problems[y] for y in years if y in self.problems},
        }


@dataclass
class Grid:
    years: list[int]
    rows: list[GridRow]

    def to_json(self) -> list[dict[str, Any]]:
        return [r.to_json(self.years) for r in self.rows]

    def counts(self) -> dict[int, dict[str, int]]:
        """year → state → how many registered agencies."""
        out = {y: dict.fromkeys(STATES, 0) for y in self.years}
        for r in self.rows:
            if r.registered:
                for y in self.years:
                    out[y][r.years.get(y, "missing")] += 1
        return out


def _regions(agencies: dict[int, Brief]) -> dict[int, tuple[str, ...]]:
    out: dict[int, tuple[str, ...]] = {}

    def chain(a: Brief, depth: int = 0) -> tuple[str, ...]:
        if a.id in out:
            return out[a.id]
        p = agencies.get(a.parent_id) if a.parent_id is not None else None
        res = () if p is None or depth > 20 else (*chain(p, depth + 1), p.name)
        out[a.id] = res
        return res

    for a in agencies.values():
        chain(a)
    return out


def build(
    agencies: Iterable[Sequence[Any]],
    documents: Iterable[Sequence[Any]],
    failures: Iterable[str] = (),
    matcher: Matcher | Callable[[], Matcher] | None = None,
    *,
    year: int | None = None,
    years: Sequence[int] | None = None,
) -> Grid:
    """The grid. ``documents``: (id, agency, agency_key, year, status, errors, agency_id, match)
    tuples; ``agencies``: (id, name, level, kind, parent_id) tuples; ``failures``:
    file names of failed imports, matched to agencies by the name they contain
    (needs ``matcher``, or a function making one); ``years``: the columns
    (default: every year reported, or just ``year``)."""
    by_id = {a[0]: Brief(*a[:5]) for a in agencies}
    regions = _regions(by_id)
    rows: dict[Any, GridRow] = {
        a.id: GridRow(
            a.id, a.name, a.level, a.kind,
            by_id[a.parent_id].name if a.parent_id in by_id else None, regions[a.id],
        )
        for a in by_id.values()
    }  # fmt: skip
    seen_years: set[int] = set()
    for doc_id, name, key, y, status, errors, agency_id, _match in documents:
        if y is None or (year is not None and y != year):
            continue
        seen_years.add(y)
        row = rows.get(agency_id) if agency_id is not None else None
        if row is None:
            k = ("?", key or name or f"#{doc_id}")
            row = rows.get(k)
            if row is None:
                row = rows[k] = GridRow(None, name or "（未识别机关）", None, None, None, ())
        state = _FROM_STATUS.get(status, "imported")
        if _RANK[state] > _RANK.get(row.years.get(y, "missing"), 0):
            row.years[y] = state
            row.documents[y] = doc_id
            row.problems[y] = errors or 0
    failures = list(failures)
    if failures and callable(matcher):
        matcher = matcher()
    if isinstance(matcher, Matcher):
        for fname in failures:
            m = matcher.match(_stem_agency(fname))
            ym = _YEAR.search(fname)
            if m is None or ym is None or m.agency_id not in rows:
                continue
            y = int(ym.group(1))
            if year is not None and y != year:
                continue
            seen_years.add(y)
            r = rows[m.agency_id]
            r.years.setdefault(y, "failed")
    cols = sorted(years) if years is not None else ([year] if year is not None else sorted(seen_years))
    ordered = sorted(rows.values(), key=lambda r: (not r.registered, r.region, r.agency))
    return Grid(cols, ordered)


def _stem_agency(file_name: str) -> str:
    """The agency part of a report's file name: 淮安市洪泽区人民政府2024年政府信息公开… → 淮安市洪泽区人民政府."""
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", file_name)
    return re.split(r"[_\-\s]*20\d\d", stem, maxsplit=1)[0] or stem


def filter_rows(
    grid: Grid,
    *,
    region: str | None = None,
    level: str | None = None,
    state: str | None = None,
    text: str | None = None,
) -> Grid:
    """The rows in ``region`` (an ancestor's or its own name contains it), of ``level``,
    with some year in ``state``, whose name contains ``text``."""
    rows = grid.rows
    if region:
        rows = [r for r in rows if region in r.agency or any(region in p for p in r.region)]
    if level:
        rows = [r for r in rows if r.level == level]
    if state:
        rows = [r for r in rows if any(r.years.get(y, "missing") == state for y in grid.years)]
    if text:
        rows = [r for r in rows if text in r.agency]
    return Grid(grid.years, rows)
