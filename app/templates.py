"""Load the report templates of resources/templates/*.toml into plain objects.

A template is data: tables, their rows and columns with printed labels and
known variants, the identities the numbers must satisfy, and the figures the
prose states. Everything downstream (extraction, checks, GUI, export) reads
these objects; nothing hard-codes a row or a column.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.errors import TemplateError
from resources import TEMPLATES

KINDS = ("count", "signed", "amount")


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    label_en: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    kind: str = "count"


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    label_en: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    block: str | None = None
    short: str | None = None
    columns: tuple[str, ...] | None = None  # None: every column of the table
    variant: bool = False  # printed only by some reports, in place of other rows


@dataclass(frozen=True)
class Variant:
    id: str
    replaces: tuple[str, ...]
    by: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    id: str
    section: str
    title: str
    title_en: str
    row_labels: str  # "stub" or "header"
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    variants: tuple[Variant, ...] = ()
    corner: str | None = None
    short: str = ""  # a tab or sheet name: 主动公开
    short_en: str = ""

    def column(self, col_id: str) -> Column:
        for c in self.columns:
            if c.id == col_id:
                return c
        raise KeyError(col_id)

    def row(self, row_id: str) -> Row:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)

    def row_columns(self, row: Row) -> tuple[Column, ...]:
        if row.columns is None:
            return self.columns
        return tuple(self.column(c) for c in row.columns)

    def cell_ids(self) -> list[str]:
        return [f"{self.id}.{r.id}.{c.id}" for r in self.rows for c in self.row_columns(r)]


@dataclass(frozen=True)
class SectionSpec:
    id: str
    heading: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Identity:
    rule: str
    table: str
    over: str  # "columns": terms are row ids; "rows": terms are column ids
    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    mandate: str
    first_year: int
    last_year: int | None
    mandate_patterns: tuple[str, ...]
    markers: tuple[str, ...]
    blank_markers: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    tables: tuple[Table, ...]
    identities: tuple[Identity, ...]
    cross_year: tuple[dict[str, Any], ...] = ()
    narrative: tuple[dict[str, Any], ...] = ()
    prose: dict[str, Any] = field(default_factory=dict, compare=False)  # [prose]: rules/prose.py
    campaign: dict[str, Any] = field(default_factory=dict, compare=False)  # [campaign]: app/campaign
    path: str = ""
    _kinds: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def cell_ids(self) -> list[str]:
        """Every cell id the template defines, variants included, in print order."""
        return [cid for t in self.tables for cid in t.cell_ids()]

    def standard_ids(self) -> list[str]:
        """The ids of the mandated form: variant rows left out."""
        return [
            f"{t.id}.{r.id}.{c.id}"
            for t in self.tables
            for r in t.rows
            if not r.variant
            for c in t.row_columns(r)
        ]

    def kind(self, cell_id: str) -> str:
        """The value kind of a cell: "count", "signed" or "amount"."""
        return self._kinds[cell_id]


def _tuple(v: Any) -> tuple[str, ...]:
    return tuple(v) if v else ()


def _parse(data: dict[str, Any], path: Path) -> Template:
    def need(d: dict[str, Any], key: str, where: str) -> Any:
        if key not in d:
            raise TemplateError(f"missing '{key}' in {where}", path=path)
        return d[key]

    tables = []
    for t in need(data, "tables", "template"):
        tid = need(t, "id", "a table")
        cols = tuple(
            Column(
                id=need(c, "id", f"a column of {tid}"),
                label=need(c, "label", f"column {c.get('id')} of {tid}"),
                label_en=c.get("label_en", c["id"]),
                aliases=_tuple(c.get("aliases")),
                groups=_tuple(c.get("groups")),
                kind=c.get("kind", "count"),
            )
            for c in need(t, "columns", f"table {tid}")
        )
        for c in cols:
            if c.kind not in KINDS:
                raise TemplateError(f"column {tid}.{c.id}: unknown kind {c.kind!r}", path=path)
        col_ids = {c.id for c in cols}
        rows = []
        for r in need(t, "rows", f"table {tid}"):
            rid = need(r, "id", f"a row of {tid}")
            rcols = r.get("columns")
            if rcols is not None and not set(rcols) <= col_ids:
                raise TemplateError(f"row {tid}.{rid} names unknown columns", path=path)
            rows.append(
                Row(
                    id=rid,
                    label=need(r, "label", f"row {rid} of {tid}"),
                    label_en=r.get("label_en", rid),
                    aliases=_tuple(r.get("aliases")),
                    groups=_tuple(r.get("groups")),
                    block=r.get("block"),
                    short=r.get("short"),
                    columns=tuple(rcols) if rcols is not None else None,
                    variant=bool(r.get("variant", False)),
                )
            )
        variants = tuple(
            Variant(v["id"], _tuple(v["replaces"]), _tuple(v["by"])) for v in t.get("variants", [])
        )
        tables.append(
            Table(
                id=tid,
                section=t.get("section", tid),
                title=t.get("title", tid),
                title_en=t.get("title_en", tid),
                row_labels=t.get("row_labels", "stub"),
                columns=cols,
                rows=tuple(rows),
                variants=variants,
                corner=t.get("corner"),
                short=t.get("short", t.get("title", tid)),
                short_en=t.get("short_en", t.get("title_en", tid)),
            )
        )
    identities = tuple(
        Identity(
            rule=i["rule"], table=i["table"], over=i["over"], left=_tuple(i["left"]), right=_tuple(i["right"])
        )
        for i in data.get("identities", [])
    )
    sections = tuple(
        SectionSpec(s["id"], s["heading"], _tuple(s.get("keywords"))) for s in data.get("sections", [])
    )
    kinds = {
        f"{t.id}.{r.id}.{c.id}": c.kind for t in tables for r in t.rows for c in t.row_columns(r)
    }
    return Template(
        id=need(data, "id", "template"),
        name=data.get("name", data["id"]),
        mandate=data.get("mandate", ""),
        first_year=int(data.get("first_year", 0)),
        last_year=data.get("last_year"),
        mandate_patterns=_tuple(data.get("mandate_patterns")),
        markers=_tuple(data.get("markers")),
        blank_markers=_tuple(data.get("blank_markers")),
        sections=sections,
        tables=tuple(tables),
        identities=identities,
        cross_year=tuple(data.get("cross_year", [])),
        narrative=tuple(data.get("narrative", [])),
        prose=dict(data.get("prose", {})),
        campaign=dict(data.get("campaign", {})),
        path=str(path),
        _kinds=kinds,
    )


def load_template(path: str | Path) -> Template:
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise TemplateError(f"cannot read template: {e}", path=path) from e
    try:
        return _parse(data, path)
    except (KeyError, TypeError, ValueError) as e:
        raise TemplateError(f"malformed template: {e!r}", path=path) from e


@cache
def all_templates() -> tuple[Template, ...]:
    """Every template shipped in resources/templates, newest mandate first."""
    found = [load_template(p) for p in sorted(TEMPLATES.glob("*.toml"))]
    return tuple(sorted(found, key=lambda t: t.first_year, reverse=True))


def get_template(template_id: str) -> Template:
    for t in all_templates():
        if t.id == template_id:
            return t
    raise TemplateError(f"unknown template {template_id!r}")
