"""Find the report's structure in its plain text: template, title, sections.

Works on lines of page text (from pypdfium2 for speed, or rebuilt from
pdfplumber characters where tables were cut out), so it is shared by every
extraction path.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from app.extract.labels import core, normalise
from app.model import Section
from app.templates import SectionSpec, Template

_HEADING = re.compile(r"^(?:#+|\*+)?\s*([一二三四五六七八九十])\s*[、.．]\s*(.{2,40})$")
_TITLE = re.compile(r"(20\d{2})年度?(?:政府信息公开|政务公开)[^。]{0,6}?年度?报告")
_PLACE_END = re.compile(r"(省|市|自治区|自治州|州|盟|地区)$")
_STOP_CHARS = "由据对向在是经的和与及为"
_FOOTER = re.compile(r"^(?:[-－—–\s]*\d+[-－—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


@dataclass
class Heading:
    spec: SectionSpec
    text: str
    page: int
    line: int  # index in the page's lines


def _clean_line(line: str) -> str:
    return unicodedata.normalize("NFKC", line).strip().strip("#*").strip()


def find_headings(pages: list[list[str]], template: Template) -> list[Heading]:
    """Section headings in reading order; each section taken once, in template order."""
    found: list[Heading] = []
    wanted = list(template.sections)
    for pno, lines in enumerate(pages, start=1):
        for i, raw in enumerate(lines):
            line = _clean_line(raw)
            m = _HEADING.match(line)
            if not m:
                continue
            body = normalise(m.group(2))
            for k, spec in enumerate(wanted):
                if any(normalise(kw) in body for kw in spec.keywords):
                    found.append(Heading(spec, line, pno, i))
                    del wanted[k]
                    break
    return found


def split_sections(pages: list[list[str]], headings: list[Heading]) -> list[Section]:
    """The prose under each heading, up to the next heading."""
    sections = []
    order = sorted(headings, key=lambda h: (h.page, h.line))
    for k, h in enumerate(order):
        end = (order[k + 1].page, order[k + 1].line) if k + 1 < len(order) else (len(pages) + 1, 0)
        parts: list[str] = []
        for pno in range(h.page, min(end[0], len(pages)) + 1):
            lines = pages[pno - 1]
            start = h.line + 1 if pno == h.page else 0
            stop = end[1] if pno == end[0] else len(lines)
            parts.extend(lines[start:stop])
        text = "\n".join(p.strip() for p in parts if p.strip() and not _FOOTER.match(p.strip()))
        sections.append(Section(h.text, h.page, text))
    return sections


def table_pages(headings: list[Heading], template: Template, page_texts: list[str]) -> list[int]:
    """Pages that can hold the tables: from the first table section to the next prose one.

    Without headings, the pages whose text carries several of the tables'
    labels — never every page of a long document.
    """
    n_pages = len(page_texts)
    table_sections = {t.section for t in template.tables}
    starts = [h.page for h in headings if h.spec.id in table_sections]
    if not starts:
        return pages_with_labels(page_texts, template)
    first = min(starts)
    later = [h.page for h in headings if h.spec.id not in table_sections and h.page >= max(starts)]
    last = min(later) if later else n_pages
    return list(range(first, max(last, max(starts)) + 1))


def pages_with_labels(page_texts: list[str], template: Template, least: int = 3) -> list[int]:
    """Pages on which at least ``least`` distinct row or column labels of the tables appear."""
    labels = {core(x.label) for t in template.tables for x in (*t.rows, *t.columns)}
    labels = {x for x in labels if len(x) >= 4}
    hits = []
    for pno, text in enumerate(page_texts, start=1):
        body = normalise(text)
        if sum(1 for x in labels if x in body) >= least:
            hits.append(pno)
    return hits


def detect_template(opening: str, table_text: str, templates: tuple[Template, ...], year: int | None) -> Template:
    """Which template the report prints: its table headers first, then the 函 it cites, then its year."""
    body = normalise(table_text)
    scores = Counter({t.id: sum(body.count(normalise(m)) for m in t.markers) for t in templates})
    best = scores.most_common()
    if best and best[0][1] > 0 and (len(best) == 1 or best[0][1] > best[1][1]):
        return next(t for t in templates if t.id == best[0][0])
    head = normalise(opening)
    for t in templates:
        if any(re.search(p, head) for p in t.mandate_patterns):
            return t
    if year is not None:
        for t in templates:  # newest first
            if year >= t.first_year and (t.last_year is None or year <= t.last_year):
                return t
    return templates[0]


def title_of(first_page_lines: list[str], opening: str) -> tuple[str | None, int | None]:
    """Agency and report year from the title, e.g. 洪泽区人民政府 / 2023年政府信息公开工作年度报告."""
    lines = [normalise(x).strip("#*") for x in first_page_lines[:15]]
    lines = [x for x in lines if x and not _FOOTER.match(x)]
    for i in range(len(lines)):
        # a long title wraps: …2020年政府信息公开工作 / 年度报告
        line = lines[i]
        m = _TITLE.search(line)
        if not m and i + 1 < len(lines):
            line = lines[i] + lines[i + 1]
            m = _TITLE.search(line)
        if not m:
            continue
        year = int(m.group(1))
        agency = line[: m.start()].strip("《》")
        if not agency and i > 0 and len(lines[i - 1]) <= 30 and re.search(r"[\u4e00-\u9fff]", lines[i - 1]) and not re.search(r"[。，,]", lines[i - 1]):
            agency = lines[i - 1].strip("《》")
        agency = _expand_agency(agency, normalise(opening)) if agency else None
        return agency or None, year
    years = re.findall(r"(20\d{2})年", normalise(opening))
    year = int(Counter(years).most_common(1)[0][0]) if years else None
    return None, year


def _expand_agency(agency: str, opening: str) -> str:
    """洪泽区人民政府 → 淮安市洪泽区人民政府 when the opening text names it in full."""
    for m in re.finditer(re.escape(agency), opening):
        before = opening[max(0, m.start() - 10) : m.start()]
        cut = max(before.rfind(c) for c in _STOP_CHARS + "，。、《》()（）")
        prefix = before[cut + 1 :]
        if prefix and _PLACE_END.search(prefix) and re.fullmatch(r"[\u4e00-\u9fff]+", prefix):
            return prefix + agency
    return agency
