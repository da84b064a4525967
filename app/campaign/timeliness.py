"""Was the report published on time? (warning ``timeliness``)

条例 第五十条: departments of governments at county level and above publish
by 1月31日, local governments at county level and above by 3月31日 of the year
after the report year. The register holds the deadline per level and kind
(``agency_deadlines``) and per agency; an unknown date is a warning, never a
pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.campaign.dates import Dated
from app.campaign.model import KIND_ZH
from app.model import Finding

RULE = "timeliness"


def deadline_for(
    level: str | None, kind: str, own: str | None, table: Mapping[tuple[str, str], str]
) -> str | None:
    """MM-DD: the agency's own, else its level's, else any level's ('*') for its kind."""
    return own or table.get((level or "*", kind)) or table.get(("*", kind))


def due_date(year: int, deadline: str) -> date:
    month, day = (int(x) for x in deadline.split("-"))
    return date(year + 1, month, day)


def _zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check(year: int | None, dated: Dated | None, deadline: str | None, kind: str) -> list[Finding]:
    """The timeliness finding of a report of ``year`` ([] if on time or nothing to check)."""
    if year is None or deadline is None:
        return []
    due = due_date(year, deadline)
    who = KIND_ZH.get(kind, "")
    if dated is None:
        return [
            Finding(
                RULE, "warning", [], None, None,
                f"未能确定发布或成文日期（网页、正文落款、PDF 文件属性均无），无法核对是否在"
                f"{_zh(due)}（{who}期限）前公布",
                f"no publication or signing date found (web page, signature, PDF metadata): "
                f"cannot tell whether it was published by {due.isoformat()}",
            )
        ]  # fmt: skip
    if dated.date <= due:
        return []
    late = (dated.date - due).days
    weak = "（文件属性日期仅供参考）" if dated.source == "pdf" else ""
    return [
        Finding(
            RULE, "warning", [], None, None,
            f"{dated.label} {_zh(dated.date)}（“{dated.detail}”）晚于{who}公布期限 {_zh(due)}，"
            f"逾期 {late} 天{weak}",
            f"{dated.source} date {dated.date.isoformat()} is {late} day(s) after the deadline "
            f"{due.isoformat()}",
        )
    ]  # fmt: skip
