"""Small pure helpers the store shares: agency keys, cell values, timestamps."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, datetime

from app.model import Number

# Punctuation and spacing that varies between prints of the same agency name.
_NOISE = re.compile(r"[\s\u3000·•・.,，、:：;；'\"“”‘’()（）\[\]【】《》<>〈〉_\-—–]+")


def agency_key(agency: str | None) -> str | None:
    """The agency name as compared across years: NFKC, no spaces or punctuation, lower case.

    NFKC folds full-width letters and the Kangxi radicals of born-digital PDFs
    (⼈ → 人), so two years' reports of one body get the same key even when
    their text layers differ.
    """
    if not agency:
        return None
    key = _NOISE.sub("", unicodedata.normalize("NFKC", agency)).lower()
    return key or None


def utc_now() -> str:
    """The current UTC time as ISO 8601 with microseconds and a Z (sorts as text)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_number(value: object) -> Number | None:
    """``value`` if it is a finite int or float (or None); raise ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return value


def same_value(a: Number | None, b: Number | None) -> bool:
    """Equal as stored values: None only equals None, 5 equals 5.0."""
    if a is None or b is None:
        return a is None and b is None
    return a == b
