"""Agency names as compared: one key per name, and the matcher of reports to agencies.

A report names its agency the way its title prints it: 淮安市洪泽区人民政府办公室,
洪泽区人民政府, ＸＸ市（区）财政局. The key folds widths, brackets and spacing
(app.store.keys.agency_key) and takes a government's office for the government
it writes the report for; the matcher then tries the names and aliases of the
register, and last a unique register name the report's name ends (洪泽区人民政府
→ 淮安市洪泽区人民政府).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.store.keys import agency_key

_OFFICE = re.compile(r"(人民政府)办公(室|厅)$")
MIN_SUFFIX = 4  # a shorter tail (财政局) names too many bodies to match on


def name_key(name: str | None) -> str | None:
    """The key a name is matched by: agency_key, a government's office as the government."""
    key = agency_key(name)
    if key is None:
        return None
    return _OFFICE.sub(r"\1", key)


def split_aliases(text: str | None) -> list[str]:
    """Aliases as a register cell lists them: separated by ；or ; (also 、 and newlines)."""
    if not text:
        return []
    return [a.strip() for a in re.split(r"[;；、\n]+", str(text)) if a.strip()]


@dataclass(frozen=True)
class Match:
    agency_id: int
    how: str  # name | alias | suffix


class Matcher:
    """Finds the register agency of a report's agency name."""

    def __init__(self, keys: Iterable[tuple[str, int, bool]]):
        """``keys``: (key, agency id, whether it is the agency's own name rather than an alias)."""
        self._exact: dict[str, tuple[int, bool]] = {}
        for key, agency_id, own in keys:
            self._exact[key] = (agency_id, own)
        self._by_len = sorted(self._exact, key=len)

    def match(self, name: str | None) -> Match | None:
        key = name_key(name)
        if key is None:
            return None
        hit = self._exact.get(key)
        if hit is not None:
            return Match(hit[0], "name" if hit[1] else "alias")
        if len(key) < MIN_SUFFIX:
            return None
        found = {self._exact[k][0] for k in self._by_len if len(k) > len(key) and k.endswith(key)}
        if len(found) == 1:
            return Match(found.pop(), "suffix")
        return None
