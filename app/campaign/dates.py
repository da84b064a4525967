"""The date a report was published or signed, and where it came from.

Three sources, strongest first: the web page's 发布日期 (``record.published``,
set by the web readers), the date under the signature at the end of the text
(二〇二五年一月二十日 or 2025年1月20日), and the PDF's metadata (a weak
fallback: a file may be re-saved long after it was published).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.rules.cnnum import cn_to_int

SOURCES = {"html": "网页发布日期", "text": "正文落款日期", "pdf": "PDF 文件属性"}

_CN_DIGIT = "〇零○ＯO0一二三四五六七八九"
_YEAR = rf"(\d{{4}}|[二][{_CN_DIGIT}]{{3}})"
_SMALL = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_CN = re.compile(rf"{_YEAR}\s*年\s*{_SMALL}\s*月\s*{_SMALL}\s*日")
_DATE_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_PDF = re.compile(r"D?:?(\d{4})(\d{2})(\d{2})")
TAIL = 160  # how far from the end of the text a signature date sits


@dataclass(frozen=True)
class Dated:
    date: date
    source: str  # html | text | pdf
    detail: str  # the text it was read from

    @property
    def label(self) -> str:
        return SOURCES[self.source]


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(max(0, _CN_DIGIT.index(c) - 5)) for c in text))


def _small(text: str) -> int:
    return int(text) if text.isdigit() else cn_to_int(text)


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    """The first date in ``text``: 2025-01-20, 2025/1/20, 2025年1月20日, 二〇二五年一月二十日."""
    if not text:
        return None
    m = _DATE_ISO.search(text)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DATE_CN.search(text)
    if m:
        return _make(_year(m.group(1)), _small(m.group(2)), _small(m.group(3)))
    return None


def signature_date(text: str) -> tuple[date, str] | None:
    """The last full date near the end of the text (the one under the signature)."""
    tail = text[-TAIL:]
    found = None
    for m in _DATE_CN.finditer(tail):
        d = _make(_year(m.group(1)), _small(m.group(2)), _small(m.group(3)))
        if d is not None:
            found = (d, m.group(0))
    return found


def pdf_metadata_date(meta: dict[str, str]) -> tuple[date, str] | None:
    """ModDate or CreationDate (D:20250120…) of a PDF's info dictionary."""
    for key in ("CreationDate", "ModDate"):
        m = _PDF.match((meta.get(key) or "").strip())
        if m:
            d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d is not None:
                return d, f"{key} {meta[key]}"
    return None


def read_pdf_metadata(path: str) -> dict[str, str]:
    """The info dictionary of a PDF; empty if it cannot be read (a weak source anyway)."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(path)
        try:
            return dict(doc.get_metadata_dict(skip_empty=True))
        finally:
            doc.close()
    except Exception:  # a moved or broken file: no metadata, the date stays unknown
        return {}


def best_date(published: str | None, prose: str, pdf: tuple[date, str] | None) -> Dated | None:
    """The strongest date known: web page, then signature, then PDF metadata."""
    if published:
        d = parse_date(published)
        if d is not None:
            return Dated(d, "html", published)
    sig = signature_date(prose) if prose else None
    if sig is not None:
        return Dated(sig[0], "text", sig[1])
    if pdf is not None:
        return Dated(pdf[0], "pdf", pdf[1])
    return None
