"""What goes into one spreadsheet cell: safe text, numbers and their formats, widths.

Text from a report or a reviewer (agency names, notes, raw printed text) is
always stored as text. openpyxl would store a string that begins with ``=``
as a formula; :func:`set_text` forces the text type, and marks text that
begins like a formula (``=``, ``+``, ``-``, ``@``) with Excel's quote prefix,
so Excel and WPS neither evaluate it on opening nor on a later edit of the
cell. Characters XML cannot carry (C0 controls) are dropped, and text longer
than a cell holds is cut — the only changes ever made to text.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from app.model import Number

MAX_TEXT = 32767  # the most characters an Excel cell holds
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Number formats by column kind (templates: count, signed, amount).
NUMBER_FORMATS = {
    "count": "0",
    "signed": "+0;-0;0",  # the 2019 form prints 本年增/减 as +54 / -66
    "amount": "0.00",  # 万元, two decimals
}


def clean_text(text: Any) -> str:
    """``text`` as a string a cell can hold: XML-illegal characters dropped, length capped."""
    s = text if isinstance(text, str) else str(text)
    s = ILLEGAL_CHARACTERS_RE.sub("", s)
    return s[:MAX_TEXT]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def set_text(cell: Any, text: Any) -> Any:
    """Store ``text`` in ``cell`` (a worksheet or write-only cell) as text, never as a formula."""
    s = clean_text(shown_text(text))
    cell.value = s
    cell.data_type = "s"
    if looks_like_formula(s):
        cell.quotePrefix = True
    return cell


def text_cell(ws: Any, text: Any) -> Any:
    """A value for a write-only row: plain text as is, formula-like text as a forced-text cell."""
    s = clean_text(text)
    if not looks_like_formula(s):
        return s
    return set_text(WriteOnlyCell(ws), s)


def stamp_fingerprint(wb: Any, fingerprint: Any) -> None:
    """Record the review file's 审计指纹 (trail head and count) in the workbook's properties,
    so ``nianbao verify --head HASH --count N`` can later prove the trail was not cut back."""
    wb.properties.keywords = f"nianbao-audit-head={fingerprint.head} count={fingerprint.count}"
    wb.properties.description = (
        f"审计指纹 audit head {fingerprint.head}, {fingerprint.count} entries: "
        f"nianbao verify REVIEW.sqlite --head {fingerprint.head} --count {fingerprint.count}"
    )


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def plain_value(ws: Any, value: Any) -> Any:
    """A write-only row value: numbers as numbers, None as empty, anything else as safe text."""
    if value is None or is_number(value):
        return value
    return text_cell(ws, shown_text(value))


def shown_text(value: Any) -> str:
    """Any stored value as the text a cell shows: a BLOB (a damaged or forged file) as hex."""
    if isinstance(value, bytes | bytearray | memoryview):
        return "0x" + bytes(value).hex()[: MAX_TEXT - 2]
    return value if isinstance(value, str) else str(value)


def put_value(cell: Any, value: Any) -> Any:
    """Store any value in a worksheet cell: a number as a number, anything else as safe text.

    The one way a value read from a review file reaches a cell: text that
    begins with ``=`` stays text, whatever the file says.
    """
    if value is None:
        return cell
    if is_number(value) and not (isinstance(value, float) and not math.isfinite(value)):
        cell.value = value
        return cell
    return set_text(cell, shown_text(value))


def number_format(kind: str | None) -> str:
    return NUMBER_FORMATS.get(kind or "count", "General")


def format_number(value: Number | None, kind: str | None = None) -> str:
    """The text Excel shows for ``value`` under the kind's format (for widths and comments)."""
    if value is None:
        return ""
    if not is_number(value):  # text or a BLOB where a number belongs (a damaged file)
        return clean_text(shown_text(value))
    if kind == "amount":
        return f"{value:.2f}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if kind == "signed" and value > 0:
        return f"+{value}"
    return str(value)


def text_width(text: str) -> float:
    """Width in Excel column units: a CJK (wide) character counts about two digits."""
    w = 0.0
    for ch in text:
        w += 2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.05
    return w


def lines_needed(text: str, width: float, pad: float = 1.5) -> int:
    """How many lines ``text`` wraps to in a box ``width`` units wide."""
    if not text:
        return 1
    usable = max(width - pad, 2.2)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))
