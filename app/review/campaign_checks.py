"""The checks that need the agency register (issue 13), mixed into :class:`app.review.Review`
through :class:`app.review.register.RegisterMixin`: ``timeliness`` and ``parent_units``.

``Review._recheck`` adds them to the rules engine's findings; they are computed
only once the file has a register, so a file used to review single reports
keeps the findings it always had.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.campaign import parents, timeliness
from app.campaign.dates import (
    Dated,
    best_date,
    pdf_metadata_date,
    read_pdf_metadata,
    signature_date,
)
from app.campaign.model import Agency, parse_kind
from app.campaign.names import Matcher
from app.model import Finding, Record
from app.store import agencies as sql

if TYPE_CHECKING:
    from app.review.api import Review


class CampaignChecksMixin:
    """timeliness and parent_units for ``Review._recheck``; needs ``self.store``, ``self.agency``."""

    def _campaign_findings(self: Review, row: Mapping[str, Any], record: Record) -> list[Finding]:
        """The register-dependent findings of a document (inside a write): timeliness, parent_units.

        None until the file has a register: a file used to review single reports
        keeps the findings it always had.
        """
        if not sql.has_agencies(self.store):
            return []
        agency_id, how = sql.document_agency(self.store, row["id"])
        if how is None and agency_id is None and row["agency"]:
            m = Matcher(sql.key_rows(self.store)).match(row["agency"])
            if m is not None:
                sql.set_document_agency(self.store, row["id"], m.agency_id, m.how)
                agency_id = m.agency_id
        agency = None if agency_id is None else self.agency(agency_id)
        if agency is not None:
            level, kind, own = agency.level, agency.kind, agency.deadline
        else:
            level, kind, own = None, parse_kind("", row["agency"] or ""), None
        deadline = timeliness.deadline_for(level, kind, own, sql.deadlines(self.store))
        out = timeliness.check(row["year"], self._dated(row, record, cache=True), deadline, kind)
        if agency is not None and agency.aggregates and row["year"] is not None:
            out += self._parent_findings(agency, record, row["year"])
        return out

    def _campaign_related(self: Review, row: Mapping[str, Any]) -> list[int]:
        """The parent's report of the same year, whose parent_units findings depend on this one."""
        if not sql.has_agencies(self.store):
            return []
        agency_id, _ = sql.document_agency(self.store, row["id"])
        if agency_id is None or row["year"] is None:
            return []
        parent_id = self.agency(agency_id).parent_id
        if parent_id is None or not self.agency(parent_id).aggregates:
            return []
        return sql.agency_year_ids(self.store, parent_id, row["year"])[:1]

    def _dated(self: Review, row: Mapping[str, Any], record: Record, *, cache: bool) -> Dated | None:
        """The best date; ``cache`` (inside a write): read the PDF's metadata once and keep it."""
        published = getattr(record, "published", None) or row.get("published")
        prose = "\n".join(s.text for s in record.sections if s.text)
        pdf = None
        if not published and not _has_signature(prose):
            cached = sql.publication_date(self.store, row["id"])
            if cached is None and cache and Path(row["path"]).is_file():
                found = pdf_metadata_date(read_pdf_metadata(row["path"]))
                sql.set_publication_date(
                    self.store, row["id"], found[0].isoformat() if found else None, "pdf",
                    found[1] if found else None,
                )  # fmt: skip
                cached = sql.publication_date(self.store, row["id"])
            if cached is not None and cached["date"]:
                pdf = (date.fromisoformat(cached["date"]), cached["detail"] or "")
        return best_date(published, prose, pdf)

    def _parent_findings(self: Review, agency: Agency, record: Record, year: int) -> list[Finding]:
        units, missing = [], []
        for unit_id in sql.unit_ids(self.store, agency.id):
            ids = sql.agency_year_ids(self.store, unit_id, year)
            if ids:
                units.append(self.record(ids[0]))
            else:
                missing.append(self.agency(unit_id).name)
        if not units and not missing:
            return []
        return parents.check(record, units, missing)


def _has_signature(prose: str) -> bool:
    return bool(prose) and signature_date(prose) is not None
