"""What the problem list says: each finding in plain words, with its decision, by region and agency.

:func:`gather` reads the review once and hands the Word letters
(:mod:`app.export.problem_docx`) and the batch workbook
(:mod:`app.export.problem_xlsx`) the same rows, so both say the same thing.
Cells are named as a person reads the printed report (表三 第三（七）“总计”行
自然人列), never by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.export.trail import suggestion
from app.model import Finding, Record
from app.review import DECISION_NAMES, DocumentSummary, Review
from app.rules.messages import num
from app.rules.plain_names import plain_cell_name, plain_cells

# The administrative division at the head of an agency's name: 淮安市洪泽区人民政府 → 淮安市洪泽区.
_REGION = re.compile(r"^(.+?(?:省|自治区|市|自治州|州|盟|地区|区|县|旗)+)(?=.)")
_NEXT_DIVISION = re.compile(r"^(.{1,5}?(?:市|自治州|州|盟|区|县|旗))(?=.)")
NO_REGION = "（未注明地区）"
NO_AGENCY = "（未识别机关）"


def region_of(agency: str | None) -> str:
    """The region an agency belongs to, read off its name (the agency register may say better)."""
    if not agency:
        return NO_REGION
    m = _REGION.match(agency)
    if not m:
        return NO_REGION
    region = m.group(1)
    rest = agency[len(region) :]  # take further divisions: 淮安市 + 洪泽区
    while True:
        m2 = _NEXT_DIVISION.match(rest)
        if not m2:
            break
        region += m2.group(1)
        rest = rest[len(m2.group(1)) :]
    return region


@dataclass
class Problem:
    """One finding of one report, as the problem list shows it."""

    key: str
    severity: str
    rule: str
    text: str  # in plain words: 表三 第三（七）“总计”行 自然人列：印 12，按勾稽应为 11
    message: str
    decision: str  # pending | confirmed | extraction | dismissed
    comment: str | None
    reviewer: str | None
    at: str | None
    current: bool  # the finding is still found (False: a decision on values since changed)
    cell: str | None = None  # the cell to show on the page
    page: int = 0
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    raw: str = ""

    @property
    def decision_name(self) -> str:
        return DECISION_NAMES[self.decision]


@dataclass
class ReportProblems:
    summary: DocumentSummary
    region: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def agency(self) -> str:
        return self.summary.agency or NO_AGENCY

    @property
    def confirmed(self) -> list[Problem]:
        return [p for p in self.problems if p.current and p.decision == "confirmed"]


def plain_text(f: Finding, record: Record, values: dict[str, Any] | None = None) -> str:
    """A finding in plain words; ``values`` (a decision's snapshot) overrides the record's values."""
    cell, value, _ = suggestion(f)
    if cell is not None:
        c = record.cells.get(cell)
        printed = values[cell] if values and cell in values else (record.value(cell))
        raw = (c.raw if c is not None and c.raw else None) or (
            "空白" if printed is None else num(printed)
        )
        why = "按勾稽应为" if f.severity == "error" else "应为"
        return f"{plain_cell_name(record.template, cell)}：印 {raw}，{why} {num(value)}"
    if not f.cells:
        return f.message
    if len(f.cells) <= 2:
        return f"{plain_cells(record.template, f.cells)}：{f.message}"
    table = plain_cell_name(record.template, f.cells[0]).split(" ", 1)[0]
    return f"{table} {f.message}"


def _problem(key: str, f: Finding, record: Record, decision: Any, current: bool) -> Problem:
    cell, _, _ = suggestion(f)
    target = cell or (f.cells[0] if f.cells else None)
    c = record.cells.get(target) if target else None
    values = decision.finding.get("values") if decision is not None else None
    return Problem(
        key=key,
        severity=f.severity,
        rule=f.rule,
        text=plain_text(f, record, None if current else values),
        message=f.message,
        decision=decision.decision if decision is not None else "pending",
        comment=decision.comment if decision is not None else None,
        reviewer=decision.reviewer if decision is not None else None,
        at=decision.at if decision is not None else None,
        current=current,
        cell=target,
        page=c.page if c is not None else 0,
        bbox=c.bbox if c is not None else (0.0, 0.0, 0.0, 0.0),
        raw=c.raw if c is not None else "",
    )


def report_problems(review: Review, summary: DocumentSummary) -> ReportProblems:
    """One report's findings with their decisions, and the decisions on findings now gone."""
    record = review.record(summary.id)
    out = ReportProblems(summary, region_of(summary.agency))
    seen = set()
    for kf in review.keyed_findings(summary.id):
        seen.add(kf.key)
        out.problems.append(_problem(kf.key, kf.finding, record, kf.decision, True))
    for d in review.decisions(summary.id):
        if d.key not in seen and d.decision != "pending" and d.finding.get("rule"):
            out.problems.append(_problem(d.key, Finding.from_json(d.finding), record, d, False))
    return out


def gather(review: Review, **filters: Any) -> list[ReportProblems]:
    """Every report (filtered as ``Review.list_documents``) with its problems, by region, agency, year."""
    reports = [report_problems(review, s) for s in review.list_documents(**filters)]
    reports.sort(key=lambda r: (r.region, r.agency, r.summary.year or 0, r.summary.id))
    return reports
