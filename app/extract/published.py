"""The publication date a report's page prints: 发布日期 / 公开日期 / 发文日期 / 成文日期 → ISO 8601.

Shared by the readers: a web page's metadata table, text copied from one, a
Word file's header lines.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_LABELED = re.compile(
    r"(?:发布日期|发布时间|公开日期|发文日期|成文日期|日期)\s*[:：]?\s*"
    r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
)
_PRIORITY = ("发布日期", "发布时间", "公开日期", "发文日期", "成文日期", "日期")


def iso_date(year: str | int, month: str | int, day: str | int) -> str | None:
    """``YYYY-MM-DD`` of a plausible date, else None."""
    try:
        d = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return d.isoformat() if 1990 <= d.year <= 2100 else None


def find_published(text: str) -> str | None:
    """The date labelled 发布日期 (then 发布时间, 公开日期, 发文日期, 成文日期) in ``text``, ISO 8601."""
    found: dict[str, str] = {}
    for m in _LABELED.finditer(unicodedata.normalize("NFKC", text)):
        label = next(p for p in _PRIORITY if m.group(0).startswith(p))
        iso = iso_date(*m.groups())
        if iso and label not in found:
            found[label] = iso
    return next((found[p] for p in _PRIORITY if p in found), None)
