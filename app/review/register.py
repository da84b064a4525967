"""The review campaign's use cases (issue 13), mixed into :class:`app.review.Review`.

The agency register (import, export, edit, search), matching reports to
agencies (automatic, with a review step for the unmatched), completeness by
year, and the two checks that need the register: ``timeliness`` and
``parent_units``. Register writes return :class:`RegisterChanges`: the
agencies changed and the documents whose agency or findings moved, so a view
redraws only those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.campaign import completeness
from app.campaign.dates import Dated
from app.campaign.importer import RegisterError, read_register, write_register
from app.campaign.model import KINDS, LEVELS, Agency, parse_deadline
from app.campaign.names import Matcher, name_key
from app.review.campaign_checks import CampaignChecksMixin
from app.review.records import record_from_rows
from app.store import agencies as sql
from app.store.errors import StoreError
from app.store.keys import utc_now

if TYPE_CHECKING:
    from app.review.api import Review

AGENCY = "@agency"  # trail entries for a reviewer's matching of a report to an agency
AUTO = ("name", "alias", "suffix")
EDITABLE = ("name", "aliases", "level", "kind", "parent_id", "code", "deadline", "aggregates")


@dataclass(frozen=True)
class RegisterChanges:
    """What a register operation changed."""

    agencies: tuple[int, ...] = ()  # agencies added, edited or removed
    documents: tuple[int, ...] = ()  # documents whose agency or findings changed
    added: int = 0
    updated: int = 0
    warnings: tuple[str, ...] = ()  # e.g. a parent not in the register, an alias taken

    @property
    def empty(self) -> bool:
        return not (self.agencies or self.documents)


@dataclass
class UnmatchedDocument:
    """A report no agency of the register matched, with the likeliest candidates."""

    document_id: int
    agency: str | None
    year: int | None
    name: str
    candidates: list[Agency] = field(default_factory=list)


class RegisterMixin(CampaignChecksMixin):
    """Register use cases; needs ``self.store``, ``self.who``, ``self.recheck``."""

    # ------------------------------------------------------------ reading

    def agencies(self: Review) -> list[Agency]:
        return [Agency.from_row(r) for r in sql.agency_rows(self.store)]

    def agency(self: Review, agency_id: int) -> Agency:
        row = sql.agency_row(self.store, agency_id)
        if row is None:
            raise StoreError(f"名录中没有 #{agency_id} 号机关", path=self.path)
        return Agency.from_row(row)

    def search_agencies(self: Review, text: str) -> list[Agency]:
        """Agencies whose name, alias, code or region (an ancestor's name) contains ``text``."""
        text = (text or "").strip()
        every = self.agencies()
        if not text:
            return every
        key = name_key(text) or text
        by_id = {a.id: a for a in every}

        def hit(a: Agency, depth: int = 0) -> bool:
            if text in a.name or (name_key(a.name) or "").find(key) >= 0:
                return True
            if any(text in al for al in a.aliases) or (a.code and a.code.startswith(text)):
                return True
            p = by_id.get(a.parent_id) if a.parent_id is not None else None
            return p is not None and depth < 20 and hit(p, depth + 1)

        return [a for a in every if hit(a)]

    def deadlines(self: Review) -> dict[tuple[str, str], str]:
        """(level or '*', kind) → MM-DD."""
        return sql.deadlines(self.store)

    def agency_of(self: Review, doc_id: int) -> Agency | None:
        agency_id, _ = sql.document_agency(self.store, doc_id)
        return None if agency_id is None else self.agency(agency_id)

    def publication_date(self: Review, doc_id: int) -> Dated | None:
        """The report's publication or signing date and where it came from."""
        with self.store.read():
            row = self._document_row(doc_id)
            record = record_from_rows(row, ())
            return self._dated(row, record, cache=False)

    # ------------------------------------------------------------ register writes

    def import_register(self: Review, path: str | Path) -> RegisterChanges:
        """Add or update the agencies of a register file (by name), then match and re-check."""
        rows = read_register(path)  # all bad input is reported before anything is written
        warnings: list[str] = []
        touched: list[int] = []
        added = updated = 0
        now = utc_now()
        with self.store.write():
            ids: dict[str, int] = {}
            for r in rows:
                key = name_key(r.name)
                if key is None:
                    raise RegisterError(f"第 {r.line} 行：名称“{r.name}”无有效文字", path=path)
                fields = {
                    "name": r.name, "key": key, "aliases": r.aliases, "level": r.level, "kind": r.kind,
                    "code": r.code, "deadline": r.deadline, "aggregates": int(r.aggregates),
                    "updated_at": now, "updated_by": self.who,
                }  # fmt: skip
                existing = sql.agency_id_for_name(self.store, key)
                if existing is None:
                    agency_id = sql.insert_agency(self.store, fields)
                    added += 1
                else:
                    agency_id = existing
                    sql.update_agency(self.store, agency_id, fields)
                    updated += 1
                ids[r.name] = agency_id
                touched.append(agency_id)
                taken = sql.set_keys(self.store, agency_id, [key, *map(name_key, r.aliases)], own=key)
                warnings += [f"第 {r.line} 行：别名 {k} 已属于另一机关，未采用" for k in taken if k]
            matcher = Matcher(sql.key_rows(self.store))
            for r in rows:
                if not r.parent:
                    continue
                m = matcher.match(r.parent)
                parent_id = ids.get(r.parent) or (m.agency_id if m else None)
                if parent_id is None:
                    warnings.append(f"第 {r.line} 行：上级“{r.parent}”不在名录中")
                elif parent_id != ids[r.name]:
                    sql.update_agency(self.store, ids[r.name], {"parent_id": parent_id})
        docs = self.match_documents(recheck_all=True)  # levels, kinds, deadlines may have changed
        return RegisterChanges(tuple(touched), tuple(docs), added, updated, tuple(warnings))

    def export_register(self: Review, path: str | Path) -> Path:
        return write_register(path, self.agencies())

    def add_agency(self: Review, name: str, **fields: Any) -> RegisterChanges:
        key = name_key(name)
        if key is None:
            raise StoreError("机关须有名称", path=self.path)
        with self.store.write():
            if sql.agency_id_for_name(self.store, key) is not None:
                raise StoreError(f"“{name}”已在名录中", path=self.path)
            clean = self._agency_fields({"name": name, **fields})
            agency_id = sql.insert_agency(
                self.store, {**clean, "key": key, "updated_at": utc_now(), "updated_by": self.who}
            )
            sql.set_keys(self.store, agency_id, [key, *map(name_key, clean.get("aliases") or [])], own=key)
        return RegisterChanges((agency_id,), tuple(self.match_documents()), added=1)

    def update_agency(self: Review, agency_id: int, **fields: Any) -> RegisterChanges:
        """Change an agency's fields (name, aliases, level, kind, parent_id, code, deadline, aggregates)."""
        with self.store.write():
            before = self.agency(agency_id)
            clean = self._agency_fields(fields, agency_id=agency_id)
            if "name" in clean:
                clean["key"] = name_key(clean["name"])
                other = sql.agency_id_for_name(self.store, clean["key"])
                if other not in (None, agency_id):
                    raise StoreError(f"“{clean['name']}”已在名录中", path=self.path)
            sql.update_agency(self.store, agency_id, {**clean, "updated_at": utc_now(), "updated_by": self.who})
            if "name" in clean or "aliases" in clean:
                a = self.agency(agency_id)
                sql.set_keys(self.store, agency_id, [name_key(a.name), *map(name_key, a.aliases)], own=name_key(a.name))
        after = self.agency(agency_id)
        docs = self.match_documents() if ("name" in clean or "aliases" in clean) else []
        if (before.level, before.kind, before.deadline, before.aggregates, before.parent_id) != (
            after.level, after.kind, after.deadline, after.aggregates, after.parent_id
        ):
            docs = sorted(set(docs) | set(self._documents_of({agency_id, before.parent_id, after.parent_id})))
            self.recheck(docs)
        return RegisterChanges((agency_id,), tuple(docs), updated=1)

    def delete_agency(self: Review, agency_id: int) -> RegisterChanges:
        docs = self._documents_of({agency_id})
        with self.store.write():
            self.agency(agency_id)
            sql.delete_agency(self.store, agency_id)
        self.recheck(docs)
        return RegisterChanges((agency_id,), tuple(docs))

    def set_deadline(self: Review, level: str, kind: str, deadline: str | None) -> RegisterChanges:
        """Set (or with None remove) the deadline of a level ('*': any level) and kind."""
        if level not in (*LEVELS, "*") or kind not in KINDS:
            raise StoreError(f"公布期限按层级（{'/'.join(LEVELS)}/*）和类别（{'/'.join(KINDS)}）设置")
        try:
            mmdd = parse_deadline(deadline)
        except ValueError as e:
            raise StoreError(str(e)) from e
        with self.store.write():
            sql.set_deadline(self.store, level, kind, mmdd)
        docs = self.store.all_document_ids()
        self.recheck(docs)
        return RegisterChanges((), tuple(docs))

    # ------------------------------------------------------------ matching

    def match_documents(
        self: Review, doc_ids: Iterable[int] | None = None, *, recheck_all: bool = False
    ) -> list[int]:
        """Match reports (all by default) to agencies again, except those a reviewer matched;
        re-check every report whose agency changed and its parent's (or, with
        ``recheck_all``, every report). Returns the reports re-checked."""
        with self.store.write():
            matcher = Matcher(sql.key_rows(self.store))
            wanted = None if doc_ids is None else set(doc_ids)
            changed = []
            for doc_id, name, _k, _y, _s, _e, agency_id, how in sql.document_rows(self.store):
                if (wanted is not None and doc_id not in wanted) or how in ("manual", "none"):
                    continue
                m = matcher.match(name)
                new = (m.agency_id, m.how) if m else (None, None)
                if new != (agency_id, how):
                    sql.set_document_agency(self.store, doc_id, *new)
                    changed.append(doc_id)
        redo = sorted(set(changed) | set(self._documents_of(self._agencies_of(changed), with_parents=True)))
        if recheck_all:
            redo = self.store.all_document_ids()
        self.recheck(redo)
        return redo

    def unmatched_documents(self: Review, *, limit: int = 5) -> list[UnmatchedDocument]:
        """Reports without an agency (a reviewer's 'none' excluded), with candidates by name."""
        every = self.agencies()
        out = []
        for doc_id, name, _k, year, _s, _e, agency_id, how in sql.document_rows(self.store):
            if agency_id is not None or how == "none":
                continue
            row = self._document_row(doc_id)
            out.append(UnmatchedDocument(doc_id, name, year, row["name"], _candidates(name, every, limit)))
        return out

    def assign_agency(self: Review, doc_id: int, agency_id: int | None, *, none: bool = False) -> RegisterChanges:
        """A reviewer's match of a report to an agency (None: back to automatic; ``none``: it has none)."""
        with self.store.write():
            self._document_row(doc_id)  # raises if there is no such document
            old_id, old_how = sql.document_agency(self.store, doc_id)
            if agency_id is not None:
                self.agency(agency_id)
                new = (agency_id, "manual")
            else:
                new = (None, "none" if none else None)
            if new == (old_id, old_how):
                return RegisterChanges()
            sql.set_document_agency(self.store, doc_id, *new)
            label = self.agency(agency_id).name if agency_id is not None else ("无" if none else None)
            old_label = self.agency(old_id).name if old_id is not None else None
            self.store.append_edits([self._entry(doc_id, AGENCY, old_label, label, "manual")])
        if agency_id is None and not none:
            self.match_documents([doc_id])
        redo = sorted({doc_id, *self._documents_of({old_id, agency_id}, with_parents=True)} - {None})
        self.recheck(redo)
        return RegisterChanges((), tuple(redo))

    # ------------------------------------------------------------ completeness

    def completeness(
        self: Review,
        *,
        year: int | None = None,
        years: Iterable[int] | None = None,
        region: str | None = None,
        level: str | None = None,
        state: str | None = None,
        text: str | None = None,
    ) -> completeness.Grid:
        """Agencies × years with each cell's state (see app.campaign.completeness)."""
        with self.store.read():
            agencies = sql.agency_briefs(self.store)
            docs = sql.document_rows(self.store, year)
            failures = [e["name"] for e in self.store.import_error_rows()]
            keys = sql.key_rows(self.store) if failures else []
        grid = completeness.build(
            agencies, docs, failures, lambda: Matcher(keys), year=year,
            years=None if years is None else list(years),
        )  # fmt: skip
        if region or level or state or text:
            grid = completeness.filter_rows(grid, region=region, level=level, state=state, text=text)
        return grid

    def export_completeness(self: Review, path: str | Path, grid: completeness.Grid | None = None) -> Path:
        from app.campaign.export import write_completeness

        return write_completeness(path, grid if grid is not None else self.completeness())

    # ------------------------------------------------------------ internals

    def _agency_fields(self: Review, fields: Mapping[str, Any], agency_id: int | None = None) -> dict[str, Any]:
        from app.campaign.model import parse_level

        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise StoreError(f"不是机关的字段：{', '.join(sorted(unknown))}")
        out = dict(fields)
        try:
            if "level" in out:
                out["level"] = parse_level(out["level"])
            if "deadline" in out:
                out["deadline"] = parse_deadline(out["deadline"])
        except ValueError as e:
            raise StoreError(str(e)) from e
        if "kind" in out and out["kind"] not in KINDS:
            raise StoreError(f"类别应为 {', '.join(KINDS)} 之一")
        if "aliases" in out:
            out["aliases"] = [a for a in (out["aliases"] or []) if a]
        if out.get("parent_id") is not None:
            self.agency(out["parent_id"])
            p = out["parent_id"]
            for _ in range(50):  # refuse a cycle
                if p == agency_id:
                    raise StoreError("机关不能是自己的上级或更上级")
                p = self.agency(p).parent_id
                if p is None:
                    break
        if "aggregates" in out:
            out["aggregates"] = int(bool(out["aggregates"]))
        return out

    def _documents_of(self: Review, agency_ids: Iterable[int | None], *, with_parents: bool = False) -> list[int]:
        ids = {a for a in agency_ids if a is not None}
        if with_parents:
            for a in list(ids):
                row = sql.agency_row(self.store, a)
                if row and row["parent_id"]:
                    ids.add(row["parent_id"])
        return sorted(
            {d for d, *_rest, agency_id, _h in sql.document_rows(self.store) if agency_id in ids}
        )

    def _agencies_of(self: Review, doc_ids: Iterable[int]) -> set[int]:
        out = set()
        for d in doc_ids:
            agency_id, _ = sql.document_agency(self.store, d)
            if agency_id is not None:
                out.add(agency_id)
        return out


def _candidates(name: str | None, every: list[Agency], limit: int) -> list[Agency]:
    """Agencies whose name shares the most characters with ``name`` (a reviewer's shortlist)."""
    key = name_key(name)
    if not key:
        return []
    from difflib import SequenceMatcher

    scored = []
    for a in every:
        r = SequenceMatcher(None, key, name_key(a.name) or "").ratio()
        if r > 0.3:
            scored.append((r, a.id, a))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [a for _, _, a in scored[:limit]]
