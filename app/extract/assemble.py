"""SourceDocument → Record: the one format-neutral assembler.

Every reader hands over the same neutral form (app/extract/source.py); here
the template is detected, the title's agency and year read, the prose split
into the six sections, and every value cell named ``TABLE.ROW.COLUMN`` by its
printed labels with the one LabelMatcher (through assign.py) and parsed with
the one value parser (numbers.py).

Two ways to name a table's cells, by what the reader could tell:

- aligned tables (HTML, DOCX: a real grid with rowspan/colspan) become ruled
  cells on a grid of ``UNIT`` squares, and the PDF path's own context linking
  (grid.link_context) and Assigner name them: the labels above a number name
  its column, the labels to its left its row; a table split in two borrows the
  header of the part before it.
- unaligned tables (text: a row is its label then a run of numbers) name each
  row by its label — the nearest label cells first, then joined with the
  lines above for a label broken over lines — and take the columns in the
  order the national form prints them; table 四's 15 numbers under its header
  likewise. A row whose label names nothing, or whose count of numbers is not
  the row's count of columns, is left out and said in ``problems``: values are
  never shifted into another row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from app.errors import NoReportError
from app.extract import locate
from app.extract.assign import Assigner, _TableNamer
from app.extract.grid import GridCell, GridTable, link_context
from app.extract.labels import core
from app.extract.numbers import clean, looks_numeric, parse_value
from app.extract.source import UNIT, SourceCell, SourceDocument, SourceTable
from app.model import Cell, Problem, Record, Source
from app.templates import Table, Template, all_templates

MAX_LABEL_PARTS = 6  # label cells joined at most, nearest first
PENDING_HEADER = 40  # label cells above a row searched for a header table's group labels
_INNER_ENUM = re.compile(r"\d+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]")


@dataclass
class Placed:
    """A value cell named: its id, the printed cell, and the page it is on."""

    cell_id: str
    source: SourceCell
    page: int



def assemble(doc: SourceDocument) -> Record:
    """The record of a source document; raises NoReportError when it holds no report table."""
    if doc.record is not None:
        return _complete(doc)
    templates = all_templates()
    prose = doc.prose or [[]]
    table_text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row)
    first = prose[0]
    opening = "\n".join(first[:60])
    agency, year = locate.title_of(first, opening[:1500])
    template = locate.detect_template(opening[:1500], table_text, templates, year)
    headings = locate.find_headings(prose, template)
    record = Record(
        source=Source(doc.path, doc.sha256, doc.pages, doc.format, list(doc.files)),
        template=template.id,
        agency=agency or doc.metadata.get("agency") or None,
        year=year,
        sections=locate.split_sections(prose, headings),
        published=doc.published,
    )
    record.problems.extend(doc.problems)
    found = _name_aligned([t for t in doc.tables if t.aligned], template, record)
    found += _name_unaligned([t for t in doc.tables if not t.aligned], template, record)
    fill(record, found, template)
    if not record.cells:
        raise NoReportError("no report tables found", path=doc.path)
    return record


def _complete(doc: SourceDocument) -> Record:
    record: Record = doc.record
    record.source.format = doc.format
    record.source.files = list(doc.files)
    if doc.published and not record.published:
        record.published = doc.published
    record.problems.extend(doc.problems)
    return record


# ------------------------------------------------------------------ aligned tables


def _grid(table: SourceTable, blank_markers: tuple[str, ...]) -> tuple[GridTable, dict[int, SourceCell]]:
    """The table as ruled cells on a grid of UNIT squares (the source's own boxes when it has them)."""
    cells: list[GridCell] = []
    back: dict[int, SourceCell] = {}
    for r, row in enumerate(table.rows):
        for sc in row:
            box = sc.box or (sc.col * UNIT, r * UNIT, (sc.col + sc.colspan) * UNIT, (r + sc.rowspan) * UNIT)
            text = sc.text
            gc = GridCell(box, text, None if sc.empty else box, numeric=looks_numeric(text, blank_markers),
                          confidence=sc.confidence)
            cells.append(gc)
            back[id(gc)] = sc
    link_context(cells)
    if cells:
        bbox = (min(c.bbox[0] for c in cells), min(c.bbox[1] for c in cells),
                max(c.bbox[2] for c in cells), max(c.bbox[3] for c in cells))
    else:
        bbox = (0.0, 0.0, 0.0, 0.0)
    return GridTable(table.page, bbox, cells), back


def _name_aligned(tables: list[SourceTable], template: Template, record: Record) -> list[Placed]:
    assigner = Assigner(template)
    out: list[Placed] = []
    for table in tables:
        grid, back = _grid(table, template.blank_markers)
        for named in assigner.assign(grid):
            out.append(Placed(named.cell_id, back[id(named.cell)], table.page))
    record.problems.extend(Problem(page, message) for page, message in assigner.notes)
    return out


# ------------------------------------------------------------------ unaligned tables


def _split(row: list[SourceCell], blank_markers: tuple[str, ...]) -> tuple[list[SourceCell], list[SourceCell]]:
    """A text row as (label cells, value slots): the trailing run of numbers and empty slots."""
    k = len(row)
    while k > 0 and (row[k - 1].empty or _is_value(row[k - 1].text, blank_markers)):
        k -= 1
    return [c for c in row[:k] if not c.empty], row[k:]


def _is_value(text: str, blank_markers: tuple[str, ...]) -> bool:
    """A number, a blank marker, or a misread number (``1O``) — not a lone bracket or quote of a label."""
    return (looks_numeric(text, blank_markers) and not _has_cjk(text)
            and (parse_value(text, blank_markers).readable or any(ch.isalnum() for ch in text)))


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text) and text.strip() not in ("无",)


Check = Callable[[list[SourceCell]], bool]


def _fit(slots: list[SourceCell], want: int, check: Check | None = None,
         guided: list[bool] | None = None) -> list[SourceCell] | None:
    """The ``want`` value cells among a row's slots, or None when that is not certain.

    The printed numbers when there are exactly ``want``; else the slots less
    the empty ones at the ends (tabs a merged cell left). When neither fits
    the row's totals (``check``: the template's identities within a row),
    the one way of dropping empty slots that does is taken — and only if it is
    the only one.
    """
    filled = [c for c in slots if not c.empty]
    lo, hi = 0, len(slots)
    while hi - lo > want and slots[hi - 1].empty:  # trailing tabs, then leading ones
        hi -= 1
    while hi - lo > want and slots[lo].empty:
        lo += 1
    if len(filled) == want:  # the printed numbers are the row's count: nothing to decide
        return filled
    candidates = [x for x in (slots[lo:hi],) if len(x) == want]
    if check is None or any(check(x) for x in candidates):
        good = [x for x in candidates if check is None or check(x)]
        return good[0] if good else None
    extra = len(slots) - want
    empties = [i for i, c in enumerate(slots) if c.empty]
    options: dict[tuple[str, ...], list[SourceCell]] = {}
    if 0 < extra <= 3 and len(empties) <= 24:
        for drop in combinations(empties, extra):
            vals = [c for i, c in enumerate(slots) if i not in drop]
            key = tuple(c.text for c in vals)
            if key not in options and check(vals):
                options[key] = vals
    if len(options) == 1:
        if guided is not None:
            guided.append(True)
        return next(iter(options.values()))
    return candidates[0] if candidates else None


def _row_check(template: Template, table: Table, rows: list[str]) -> Check:
    """Whether values laid out as ``rows`` (each with its columns) keep the table's row identities."""
    rules = [i for i in template.identities if i.table == table.id and i.over == "rows"]
    layout = [(rid, [c.id for c in table.row_columns(table.row(rid))]) for rid in rows]

    def check(values: list[SourceCell]) -> bool:
        it = iter(values)
        for _rid, cols in layout:
            got: dict[str, float] = {}
            for col in cols:
                parsed = parse_value(next(it).text, template.blank_markers)
                if parsed.value is None:
                    return False
                got[col] = parsed.value
            for rule in rules:
                if all(c in got for c in (*rule.left, *rule.right)):
                    if abs(sum(got[c] for c in rule.left) - sum(got[c] for c in rule.right)) > 1e-6:
                        return False
        return True

    return check


def _row_of(namers: list[_TableNamer], labels: list[SourceCell]) -> tuple[_TableNamer, str] | None:
    """The row the labels name: the nearest label cells first, joined with those above for broken labels."""
    best: tuple[float, int, _TableNamer, str] | None = None
    texts = ["".join(c.text for c in labels[-k:]) for k in range(1, min(len(labels), MAX_LABEL_PARTS) + 1)]
    if labels:  # a group label and its item flattened into one cell: （三）不予公开1.属于国家秘密
        own = labels[-1].text
        texts[1:1] = [own[m.start():] for m in _INNER_ENUM.finditer(own) if m.start() > 0]
    for k, text in enumerate(texts, start=1):
        if not core(text):
            continue
        for namer in namers:
            if namer.table.row_labels != "stub":
                continue
            m = namer.rows.match(text)
            if m is None:
                continue
            if m.score == 1.0:
                return namer, m.id
            if best is None or m.score > best[0]:
                best = (m.score, k, namer, m.id)
    return (best[2], best[3]) if best else None


def _by_header(namers: list[_TableNamer], labels: list[SourceCell], slots: list[SourceCell],
               template: Template, guided: list[bool]) -> tuple[Table | None, list[tuple[str, SourceCell]] | None]:
    """Table 四 and its like (rows named in the header): the table whose groups the labels above
    name (at least two), and the row's numbers in the form's order when their count is certain."""
    if not labels:
        return None, None
    text = None
    for namer in namers:
        t = namer.table
        if t.row_labels != "header":
            continue
        text = text if text is not None else core("".join(c.text for c in labels[-PENDING_HEADER:]))
        if sum(1 for r in t.rows if core(r.label) in text) < 2:
            continue
        values = _fit(slots, len(t.cell_ids()), _row_check(template, t, [r.id for r in t.rows]), guided)
        return t, (list(zip(t.cell_ids(), values)) if values is not None else None)
    return None, None


_NAMERS: dict[str, list[_TableNamer]] = {}


def _namers(template: Template) -> list[_TableNamer]:
    """The template's namers, kept: their matchers remember the labels they have seen."""
    if template.id not in _NAMERS:
        _NAMERS[template.id] = [_TableNamer(t) for t in template.tables]
    return _NAMERS[template.id]


def _name_unaligned(tables: list[SourceTable], template: Template, record: Record) -> list[Placed]:
    namers = _namers(template)
    out: list[Placed] = []
    for table in tables:
        for row in table.rows:
            labels, slots = _split(row, template.blank_markers)
            if not any(not c.empty for c in slots):
                continue
            first = next(c for c in slots if not c.empty)
            at = f"line {first.anchor.line}" if first.anchor.kind == "span" else f"page {table.page}"
            guided: list[bool] = []
            header_table, by_header = _by_header(namers, labels, slots, template, guided)
            if by_header is not None:
                out += [Placed(cid, c, table.page) for cid, c in by_header]
                _note_guided(record, guided, table.page, at)
                continue
            if header_table is not None and sum(1 for c in slots if not c.empty) > 1:
                n = sum(1 for c in slots if not c.empty)
                record.problems.append(Problem(
                    table.page, f"{at}: table {header_table.title} prints {n} numbers where the form has "
                                f"{len(header_table.cell_ids())} (empty cells lost?); left out rather than guessed"))
                continue
            named = _row_of(namers, labels)
            if named is None:
                if _table_like(labels, slots):
                    record.problems.append(Problem(table.page, f"{at}: the row {_short(labels)} names no row "
                                                               "of the form; its numbers are left out"))
                continue
            namer, rid = named
            t = namer.table
            cols = t.row_columns(t.row(rid))
            values = _fit(slots, len(cols), _row_check(template, t, [rid]), guided)
            if values is None:
                n = sum(1 for c in slots if not c.empty)
                record.problems.append(Problem(
                    table.page, f"{at}: row {t.id}.{rid} prints {n} numbers where the form has {len(cols)}; "
                                "left out rather than guessed", None))
                continue
            out += [Placed(f"{t.id}.{rid}.{c.id}", v, table.page) for c, v in zip(cols, values)]
            _note_guided(record, guided, table.page, at)
    return out


def _note_guided(record: Record, guided: list[bool], page: int, at: str) -> None:
    if guided:
        record.problems.append(Problem(page, f"{at}: more empty slots than the form has cells; "
                                             "the numbers were placed where the row totals hold — please check"))


def _table_like(labels: list[SourceCell], slots: list[SourceCell]) -> bool:
    """A row worth a problem when nothing names it: several numbers, or a short label that is no sentence."""
    if sum(1 for c in slots if not c.empty) >= 2:
        return True
    own = labels[-1].text if labels else ""
    return bool(own) and len(own) <= 24 and not any(p in own for p in "，。；,;")


def _short(labels: list[SourceCell]) -> str:
    text = clean(" ".join(c.text for c in labels[-2:]))
    return f"“{text[:30]}”"


# ------------------------------------------------------------------ cells


def fill(record: Record, found: list[Placed], template: Template) -> None:
    """Cells in template order, ``missing``, and a problem per unreadable or repeated cell.

    The one place where named cells become the record's cells, for every
    format: the PDF pipeline (record.py) hands its named ruled cells here too.
    """
    order = {cid: i for i, cid in enumerate(template.cell_ids())}
    for f in found:
        cid = f.cell_id
        if cid not in order:
            continue
        if cid in record.cells:
            first = record.cells[cid]
            record.problems.append(Problem(f.page, f"{cid} is printed twice (pages {first.page} and {f.page}); "
                                                   "kept the first", cid))
            continue
        raw = clean(f.source.text)
        parsed = parse_value(raw, template.blank_markers)
        anchor = f.source.anchor
        bbox = anchor.bbox if anchor.kind == "box" and anchor.bbox else (0.0, 0.0, 0.0, 0.0)
        # a page box is the cell's page and bbox already (Cell.where): kept once, exactly
        own = None if anchor.kind == "box" else anchor
        record.cells[cid] = Cell(parsed.value, raw, f.page, tuple(bbox), parsed.blank, f.source.confidence, own)
        if not parsed.readable:
            record.problems.append(Problem(f.page, f"{cid}: cannot read {raw!r} as a number", cid))
    record.cells = dict(sorted(record.cells.items(), key=lambda kv: order[kv[0]]))
    record.missing = [cid for cid in template.standard_ids() if cid not in record.cells]
    for t in template.tables:
        if not any(cid.startswith(t.id + ".") for cid in record.cells):
            record.problems.append(Problem(None, f"table {t.title} ({t.id}) not found"))
