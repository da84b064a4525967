"""Orchestrate one extraction: read text, locate tables, name cells, build the Record.

Pages without a usable text layer, and tables pasted into a page as
pictures, are read by OCR (app/extract/ocr) when the OCR extra is installed:
OCR gives the same PageObjects as a text page, so every later stage is the
text path's own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium

from app.errors import BrokenPdfError, NeedsOcrError, NoReportError
from app.extract import locate
from app.extract.assemble import Placed, fill
from app.extract.assign import Assigner, Named
from app.extract.grid import GridTable, page_tables, text_of
from app.extract.ocr import MODES, CancelCheck, OcrRun, Progress, available, detect
from app.extract.pdfio import PdfText, read_text
from app.extract.pdfpage import PageObjects, find_tables, read_page
from app.extract.source import SourceCell
from app.filenames import readable
from app.model import Anchor, Problem, Record, Source
from app.templates import Template, all_templates

log = logging.getLogger(__name__)

_INSTALL = "install the OCR extra (pip install 'nianbao[ocr]')"


def _check_text_layer(pdf: PdfText, hint: str) -> None:
    total = sum(p.chars for p in pdf.pages)
    if total < detect.MIN_CHARS:
        raise NeedsOcrError(
            f"no text layer ({len(pdf.pages)} page(s) of images): OCR is needed; {hint}", path=pdf.path
        )
    text = "".join(p.text for p in pdf.pages)
    if detect.garbage_share(text) > detect.GARBAGE_SHARE:
        raise NeedsOcrError(f"the text layer is unreadable (fonts without a character map): OCR is needed; {hint}",
                            path=pdf.path)


def extract_pdf(path: str | Path, ocr: str = "auto", progress: Progress | None = None,
                cancelled: CancelCheck | None = None, sha256: str | None = None) -> Record:
    """Extract the report tables of a PDF, born-digital or scanned.

    ``ocr``: "auto" reads by OCR the pages without a usable text layer and
    the tables pasted as pictures; "force" reads every page by OCR, ignoring
    the text layer; "off" never uses OCR. ``progress(done, total)`` is called
    per OCR'd page and ``cancelled()`` returning True stops the OCR
    (OcrCancelled). ``sha256``: the file's hash, when the caller has it (not computed again).

    Raises an InputError subclass (one clear message naming the file) when the
    file is not a readable report; smaller trouble becomes ``record.problems``.
    """
    if ocr not in MODES:
        raise ValueError(f"ocr must be one of {MODES}, not {ocr!r}")
    pdf = read_text(path, sha256)  # hashed (unless given) and opened once, for every stage
    run: OcrRun | None = None
    try:
        run = OcrRun(progress, cancelled) if ocr != "off" and available() else None
        if run is None:
            _check_text_layer(pdf, "run without --no-ocr" if ocr == "off" else _INSTALL)
        assert pdf.doc is not None
        record = _extract(pdf, pdf.doc, run, force=ocr == "force")
    except NoReportError as e:
        if run is not None and run.refused:  # the likely reason: name it
            why = "; ".join(message for _page, message in run.refused[:3])
            raise NoReportError(f"{e.message}; {why}", path=pdf.path) from None
        raise
    finally:
        pdf.close()
    if run is not None:
        record.problems.extend(Problem(pno, message) for pno, message in run.refused)
    if run is None:  # say which pages went unread rather than skip them silently
        hint = "OCR is off (--no-ocr)" if ocr == "off" else _INSTALL
        record.problems.extend(
            Problem(pno, f"page {pno} has no usable text layer and was not read: {hint}")
            for pno in detect.unreadable_pages(pdf)
        )
    return record


def _extract(pdf: PdfText, doc: pdfium.PdfDocument, run: OcrRun | None, force: bool) -> Record:
    path = pdf.path
    scanned: dict[int, PageObjects] = {}
    if run is not None:
        todo = [p.number for p in pdf.pages] if force else detect.unreadable_pages(pdf)
        _ocr_pages(pdf, doc, run, todo, scanned)
    templates = all_templates()
    lines = [p.text.split("\n") for p in pdf.pages]
    headings = locate.find_headings(lines, templates[0])
    pages = locate.table_pages(headings, templates[0], [p.text for p in pdf.pages])
    if not pages and run is not None:
        # no page names the tables: a text layer that lies where a table is drawn
        suspects = _unlabelled_tables(doc, pdf, templates[0], scanned)
        if suspects:
            _ocr_pages(pdf, doc, run, suspects, scanned)
            lines = [p.text.split("\n") for p in pdf.pages]
            headings = locate.find_headings(lines, templates[0])
            pages = locate.table_pages(headings, templates[0], [p.text for p in pdf.pages])
    if not pages:
        raise NoReportError("no report tables found (no page carries the tables' labels)", path=path)
    opening = "\n".join(lines[0]) + ("\n" + "\n".join(lines[1]) if len(lines) > 1 else "")
    agency, year = locate.title_of(lines[0], opening[:1500])
    table_text = "\n".join(pdf.pages[p - 1].text for p in pages)
    template = locate.detect_template(opening[:1500], table_text, templates, year)

    found, read, notes = _read_tables(pdf, doc, pages, template, run, scanned)
    if run is not None and {n.table for n, _ in found} != {t.id for t in template.tables}:
        # a table not found: a page outside the located ones may draw it under a lying text layer
        extra = _unlabelled_tables(doc, pdf, template, {*pages, *scanned})
        if extra:
            _ocr_pages(pdf, doc, run, extra, scanned)
            pages = sorted({*pages, *extra})
            found, read, notes = _read_tables(pdf, doc, pages, template, run, scanned)
    for pno, page in read.items():
        lines[pno - 1] = _prose_lines(page.chars, [n for n, _ in found if n.page == pno])
    headings = locate.find_headings(lines, template)

    record = Record(
        source=Source(readable(str(path)), pdf.sha256, len(pdf.pages)),  # a GBK name: decoded
        template=template.id,
        agency=agency,
        year=year,
        sections=locate.split_sections(lines, headings),
    )
    record.problems.extend(Problem(page, message) for page, message in notes)
    _fill_cells(record, found, template, run, read)
    if not record.cells:
        span = f"pages {pages[0]}–{pages[-1]}" if len(pages) > 1 else f"page {pages[0]}"
        raise NoReportError(f"no report tables found ({span} searched)", path=path)
    return record


def _ocr_pages(pdf: PdfText, doc: pdfium.PdfDocument, run: OcrRun, numbers: list[int],
               scanned: dict[int, PageObjects]) -> None:
    """Read ``numbers`` by OCR; their text replaces the text layer's for locating."""
    run.plan(len(numbers))
    for n in numbers:
        objects = scanned[n] = run.page(doc, n)
        text = text_of(objects.chars)
        pdf.pages[n - 1].text = text
        pdf.pages[n - 1].chars = len(objects.chars)


def _unlabelled_tables(doc: pdfium.PdfDocument, pdf: PdfText, template: Template, skip: Iterable[int]) -> list[int]:
    """Pages (but ``skip``) that draw a ruled table, or carry a picture the size of one, and
    whose text names none of the template's labels."""
    skip = set(skip)
    out = []
    for p in pdf.pages:
        if p.number in skip or _has_labels(p.text, template):
            continue
        objects = read_page(doc, p.number)
        if find_tables(objects.edges) or detect.picture_regions(doc, p.number, objects.chars):
            out.append(p.number)
    return out


def _has_labels(text: str, template: Template) -> bool:
    return bool(locate.pages_with_labels([text], template, least=1))


def _read_tables(pdf: PdfText, doc: pdfium.PdfDocument, pages: list[int], template: Template,
                 run: OcrRun | None, scanned: dict[int, PageObjects],
                 ) -> tuple[list[tuple[Named, GridTable]], dict[int, PageObjects], list[tuple[int, str]]]:
    """Name the cells of every ruled table on ``pages``; also return each page read."""
    assigner = Assigner(template)
    found: list[tuple[Named, GridTable]] = []
    read: dict[int, PageObjects] = {}
    for pno in pages:
        page = scanned.get(pno) or _text_page(pdf, doc, pno, run, scanned)
        named = _name_tables(assigner, page, template)
        if run is not None and not named and pno not in scanned and find_tables(page.edges) \
                and not _has_labels(pdf.pages[pno - 1].text, template):
            # a ruled table whose text names no label: the font's character map lies
            run.plan(1)
            page = scanned[pno] = run.page(doc, pno)
            named = _name_tables(assigner, page, template)
        read[pno] = page
        found.extend(named)
    return found, read, assigner.notes


def _text_page(pdf: PdfText, doc: pdfium.PdfDocument, pno: int, run: OcrRun | None,
               scanned: dict[int, PageObjects]) -> PageObjects:
    """Page ``pno`` from its text layer, with any table pasted as a picture read by OCR (kept in ``scanned``)."""
    try:
        page = read_page(doc, pno)
    except pdfium.PdfiumError as e:
        raise BrokenPdfError(f"the page cannot be read ({e})", path=pdf.path, page=pno) from None
    if run is not None:
        regions = detect.picture_regions(doc, pno, page.chars)
        if regions:
            run.plan(1)
            page = scanned[pno] = run.pictures(doc, page, regions)
    return page


def _name_tables(assigner: Assigner, page: PageObjects, template: Template) -> list[tuple[Named, GridTable]]:
    return [(named, t) for t in page_tables(page, template.blank_markers) for named in assigner.assign(t)]


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


def _fill_cells(record: Record, found: list[tuple[Named, GridTable]], template: Template,
                run: OcrRun | None = None, read: dict[int, PageObjects] | None = None) -> None:
    """The named ruled cells to the one cell builder of every format (assemble.fill).

    ``read``: the pages as read; a turned page's boxes go back to the media box the page view maps."""
    placed = []
    for named, _table in found:
        confidence = named.cell.confidence
        if confidence is None and run is not None and run.covers(named.page, named.cell.bbox):
            confidence = 1.0  # OCR found no ink in the cell: printed empty
        box = tuple(named.cell.ink or named.cell.bbox)
        cell_box = named.cell.bbox
        if read and named.page in read:  # a turned page: back to the media box the page view maps
            box = tuple(read[named.page].to_media(box))
            cell_box = read[named.page].to_media(cell_box)
        cell = SourceCell(named.cell.text, Anchor.box(named.page, box), box=cell_box, confidence=confidence)
        placed.append(Placed(named.cell_id, cell, named.page))
    fill(record, placed, template)
