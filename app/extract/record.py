"""Orchestrate one extraction: read text, locate tables, name cells, build the Record."""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2 as pdfium

from app.errors import BrokenPdfError, NeedsOcrError, NoReportError
from app.extract import locate
from app.extract.assign import Assigner, Named
from app.extract.grid import GridTable, page_tables, text_of
from app.extract.numbers import clean, parse_value
from app.extract.pdfio import PdfText, read_text
from app.extract.pdfpage import read_page
from app.model import Cell, Problem, Record, Source
from app.templates import Template, all_templates

log = logging.getLogger(__name__)

_MIN_TEXT_CHARS = 20


def _check_text_layer(pdf: PdfText) -> None:
    total = sum(p.chars for p in pdf.pages)
    if total < _MIN_TEXT_CHARS:
        raise NeedsOcrError(
            f"no text layer ({len(pdf.pages)} page(s) of images): OCR is needed", path=pdf.path
        )
    text = "".join(p.text for p in pdf.pages)
    bad = sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    if bad > 0.3 * max(1, len(text.strip())):
        raise NeedsOcrError("the text layer is unreadable (fonts without a character map): OCR is needed", path=pdf.path)


def extract_pdf(path: str | Path) -> Record:
    """Extract the report tables of a born-digital PDF.

    Raises an InputError subclass (one clear message naming the file) when the
    file is not a readable report; smaller trouble becomes ``record.problems``.
    """
    pdf = read_text(path)
    _check_text_layer(pdf)
    templates = all_templates()
    lines = [p.text.split("\n") for p in pdf.pages]
    headings = locate.find_headings(lines, templates[0])
    pages = locate.table_pages(headings, templates[0], [p.text for p in pdf.pages])
    if not pages:
        raise NoReportError("no report tables found (no page carries the tables' labels)", path=path)
    opening = "\n".join(lines[0]) + ("\n" + "\n".join(lines[1]) if len(lines) > 1 else "")
    agency, year = locate.title_of(lines[0], opening[:1500])
    table_text = "\n".join(pdf.pages[p - 1].text for p in pages)
    template = locate.detect_template(opening[:1500], table_text, templates, year)

    found, chars, notes = _read_tables(pdf, pages, template)
    for pno, page_chars in chars.items():
        lines[pno - 1] = _prose_lines(page_chars, [n for n, _ in found if n.page == pno])
    headings = locate.find_headings(lines, template)

    record = Record(
        source=Source(str(path), pdf.sha256, len(pdf.pages)),
        template=template.id,
        agency=agency,
        year=year,
        sections=locate.split_sections(lines, headings),
    )
    record.problems.extend(Problem(page, message) for page, message in notes)
    _fill_cells(record, found, template)
    if not record.cells:
        span = f"pages {pages[0]}–{pages[-1]}" if len(pages) > 1 else f"page {pages[0]}"
        raise NoReportError(f"no report tables found ({span} searched)", path=path)
    return record


def _read_tables(pdf: PdfText, pages: list[int], template: Template) -> tuple[list[tuple[Named, GridTable]], dict[int, list[dict]], list[tuple[int, str]]]:
    """Name the cells of every ruled table on ``pages``; also return each page's characters."""
    assigner = Assigner(template)
    found: list[tuple[Named, GridTable]] = []
    chars: dict[int, list[dict]] = {}
    try:
        doc = pdfium.PdfDocument(str(pdf.path))
    except pdfium.PdfiumError as e:
        raise BrokenPdfError(f"the PDF is damaged and cannot be opened ({e})", path=pdf.path) from None
    try:
        for pno in pages:
            try:
                page = read_page(doc, pno)
            except pdfium.PdfiumError as e:
                raise BrokenPdfError(f"the page cannot be read ({e})", path=pdf.path, page=pno) from None
            chars[pno] = page.chars
            for t in page_tables(page, template.blank_markers):
                for named in assigner.assign(t):
                    found.append((named, t))
    finally:
        doc.close()
    return found, chars, assigner.notes


def _prose_lines(chars: list[dict], named: list[Named]) -> list[str]:
    """The page's text without the bands the report tables occupy."""
    bands = sorted((n.top, n.cell.bbox[3]) for n in named)
    merged: list[list[float]] = []
    for top, bottom in bands:
        if merged and top <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])

    def inside(ch: dict) -> bool:
        cy = (ch["top"] + ch["bottom"]) / 2
        return any(top <= cy <= bottom for top, bottom in merged)

    kept = [ch for ch in chars if not inside(ch)]
    return text_of(kept).split("\n")


def _fill_cells(record: Record, found: list[tuple[Named, GridTable]], template: Template) -> None:
    for named, _table in found:
        cid = named.cell_id
        raw = clean(named.cell.text)
        if cid in record.cells:
            first = record.cells[cid]
            record.problems.append(
                Problem(named.page, f"{cid} is printed twice (pages {first.page} and {named.page}); kept the first", cid)
            )
            continue
        parsed = parse_value(raw, template.blank_markers)
        bbox = named.cell.ink or named.cell.bbox
        record.cells[cid] = Cell(parsed.value, raw, named.page, tuple(bbox), parsed.blank)
        if not parsed.readable:
            record.problems.append(Problem(named.page, f"{cid}: cannot read {raw!r} as a number", cid))
    order = {cid: i for i, cid in enumerate(template.cell_ids())}
    record.cells = dict(sorted(record.cells.items(), key=lambda kv: order[kv[0]]))
    record.missing = [cid for cid in template.standard_ids() if cid not in record.cells]
    for t in template.tables:
        if not any(cid.startswith(t.id + ".") for cid in record.cells):
            record.problems.append(Problem(None, f"table {t.title} ({t.id}) not found"))
