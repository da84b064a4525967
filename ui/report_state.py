"""What the review screen shows of one report, derived from the core's LoadedDocument.

Plain Python (no Qt): per cell, its value and how to mark it — in a broken
identity, the likely wrong cell with its suggestion, a warning, printed blank,
corrected by a reviewer. The table models and the problems panel read this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.model import Finding, Number, Suspect
from app.review import LoadedDocument
from app.rules.messages import names_for
from app.templates import Template, get_template


@dataclass
class CellMarks:
    error: list[Finding] = field(default_factory=list)  # broken identities through this cell
    warning: list[Finding] = field(default_factory=list)
    suspect: Suspect | None = None  # this cell is the likely wrong one


class ReportState:
    def __init__(self, loaded: LoadedDocument):
        self.loaded = loaded
        self.doc_id = loaded.summary.id
        self.record = loaded.record
        self.template: Template = get_template(loaded.record.template)
        self.findings: list[Finding] = list(loaded.findings)
        self.marks: dict[str, CellMarks] = {}
        for f in self.findings:
            for cid in f.cells:
                m = self.marks.setdefault(cid, CellMarks())
                (m.error if f.severity == "error" else m.warning).append(f)
            if len(f.suspects) == 1:  # several suspects: ambiguous, no cell singled out
                s = f.suspects[0]
                self.marks.setdefault(s.cell, CellMarks()).suspect = s

    @property
    def printed(self) -> set[str]:
        return set(self.record.cells)

    def value(self, cid: str) -> Number | None:
        return self.record.value(cid)

    def raw(self, cid: str) -> str:
        c = self.record.cells.get(cid)
        return c.raw if c else ""

    def blank(self, cid: str) -> bool:
        c = self.record.cells.get(cid)
        return bool(c and c.blank and cid not in self.loaded.edited)

    def edited(self, cid: str) -> bool:
        return cid in self.loaded.edited

    def extracted(self, cid: str) -> Number | None:
        return self.loaded.extracted.get(cid)

    def kind(self, cid: str) -> str:
        return self.template.kind(cid)

    def cell_name(self, cid: str, chinese: bool = True) -> str:
        """A cell as an auditor names it: 三（七）·自然人 / III(7) · Natural persons."""
        return names_for(self.template).cell(cid, en=not chinese)

    def suggestion_for(self, cid: str) -> Suspect | None:
        m = self.marks.get(cid)
        return m.suspect if m else None



def format_value(value: Number | None, kind: str) -> str:
    if value is None:
        return ""
    if kind == "amount":
        return f"{float(value):,.2f}"
    if kind == "signed" and value > 0:
        return f"+{value}"
    return f"{value}"


def parse_input(text: str, kind: str) -> tuple[Number | None, str | None]:
    """A reviewer's typed value → (value, None), or (None, why it is refused)."""
    from app.extract.numbers import parse_value

    stripped = text.strip()
    if not stripped:
        return None, "empty"
    parsed = parse_value(stripped, ())
    value = parsed.value
    if value is None or parsed.blank:
        return None, "not a number"
    if kind == "amount":
        if value < 0:
            return None, "negative amount"
        return round(float(value), 2), None
    if isinstance(value, float) and not value.is_integer():
        return None, "not a whole number"
    value = int(value)
    if kind == "count" and value < 0:
        return None, "negative count"
    return value, None
