"""The stable key of a finding: which rule, which cells, which values.

A reviewer's decision on a finding is stored under this key, so it outlives a
re-check or a re-extraction while the facts are the same, and no longer applies
(the finding is 待定 again) once any value it involves changes. The key is the
rule name and a short hash of the sorted cells, their current values, and the
finding's two sides (a prose figure, last year's value); a finding without
cells (a section heading, a missing table) hashes its message instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from app.model import Finding, Number, Record
from app.rules.messages import num

HEX = 10  # 40 bits: unique among the findings of one report by a wide margin


def finding_key(finding: Finding, values: Mapping[str, Number | None] | Record) -> str:
    """``rule-hash``: the finding's key given the current values of the report's cells."""
    get = values.value if isinstance(values, Record) else values.get
    cells = sorted(set(finding.cells))
    facts = [
        finding.rule,
        [[c, num(get(c))] for c in cells],
        num(finding.expected),
        num(finding.actual),
    ]
    if not cells:
        facts.append(finding.message)
    digest = hashlib.sha256(
        json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    ).hexdigest()
    return f"{finding.rule}-{digest[:HEX]}"


def keyed(findings: list[Finding], record: Record) -> list[tuple[str, Finding]]:
    """Each finding with its key (a repeated key — the same facts twice — gets a #2 suffix)."""
    out: list[tuple[str, Finding]] = []
    seen: dict[str, int] = {}
    for f in findings:
        key = finding_key(f, record)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key}#{seen[key]}", f))
    return out
