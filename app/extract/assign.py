"""Name the value cells of the found tables with template ids.

A value cell is named by its context, never by its position: the label
nearest above it (its column), the label nearest to its left (its row) — or,
for tables that print their row groups in the header (table 四), a group
label above it. A table continued on the next page without its header
borrows the header of the part before it, matched by horizontal overlap:
the label cells of that part a value cell would see above it were it printed
just below the part (so a page that ends on a block's header row, as Word
breaks table 二, names the rows continued on the next page), else the
columns of the part's named cells. A value cell with a row label of the
template that still gets no id is named in the notes — never dropped quietly.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.extract.grid import GridCell, GridTable, _walk, link_context
from app.extract.labels import LabelMatcher
from app.templates import Table, Template


@dataclass
class Named:
    cell_id: str
    table: str
    cell: GridCell
    page: int
    top: float  # top of the highest label cell that named it: the table's band starts here


@dataclass
class _Column:
    x0: float
    x1: float
    header: list[GridCell]


class _TableNamer:
    def __init__(self, table: Table):
        self.table = table
        self.rows = LabelMatcher((r.id, (r.label, *r.aliases)) for r in table.rows)
        self.cols = LabelMatcher((c.id, (c.label, *c.aliases)) for c in table.columns)
        self.valid = set(table.cell_ids())

    def column(self, header: list[GridCell]) -> tuple[str, int] | None:
        """The column a header path names, and how many header cells that used."""
        texts = [c.text for c in header]
        tries = [(texts[:1], 1), (texts[1::-1], 2), (texts[2::-1], 3)]
        for parts, used in tries:
            if len(parts) < used:
                continue
            m = self.cols.match("".join(parts))
            if m:
                return m.id, used
        return None

    def row(self, stub: list[GridCell], header: list[GridCell], header_used: int) -> tuple[str, int] | None:
        """The row a cell's labels name, and how many header cells that used."""
        if self.table.row_labels == "header":
            for k, c in enumerate(header[header_used:], start=header_used + 1):
                m = self.rows.match(c.text)
                if m:
                    return m.id, k
            return None
        texts = [c.text for c in stub]
        for parts in (texts[:1], texts[1::-1], texts[1:2], texts[2::-1]):
            if not parts:
                continue
            m = self.rows.match("".join(parts))
            if m:
                return m.id, header_used
        return None

    def name(self, cell: GridCell, header: list[GridCell]) -> tuple[str, list[GridCell]] | None:
        """The cell's id and the header cells that named it."""
        col = self.column(header)
        if col is None:
            return None
        row = self.row(cell.stub, header, col[1])
        if row is None:
            return None
        cid = f"{self.table.id}.{row[0]}.{col[0]}"
        return (cid, header[: row[1]]) if cid in self.valid else None


def _rows(cells: list[GridCell]) -> list[list[GridCell]]:
    """Cells grouped by their top, top to bottom."""
    rows: list[list[GridCell]] = []
    for c in sorted(cells, key=lambda c: c.bbox[1]):
        if rows and abs(rows[-1][0].bbox[1] - c.bbox[1]) <= 1:
            rows[-1].append(c)
        else:
            rows.append([c])
    return rows


def _first_new_row(part: list[GridCell], before: list[GridCell]) -> list[GridCell]:
    """The part's first row that does not repeat a header row of the part before (标题行重复)."""
    mine, theirs = _rows(part), _rows(before)
    k = 0
    while k < min(len(mine) - 1, len(theirs)) and _same_row(mine[k], theirs[k]):
        k += 1
    return mine[k] if mine else []


def _same_row(a: list[GridCell], b: list[GridCell]) -> bool:
    def key(row):
        return sorted((round(c.bbox[0]), round(c.bbox[2]), c.text) for c in row)
    ka, kb = key(a), key(b)
    return len(ka) == len(kb) and all(abs(x[0] - y[0]) <= 2 and abs(x[1] - y[1]) <= 2 and x[2] == y[2]
                                      for x, y in zip(ka, kb))


class Assigner:
    """Names value cells table by table, in reading order, remembering the last header."""

    def __init__(self, template: Template):
        self.namers = [_TableNamer(t) for t in template.tables]
        self._last_columns: list[_Column] = []
        self._last_cells: list[GridCell] = []  # the previous table part's cells
        self._last_page = 0
        self._before: list[GridCell] = []  # the part before the previous one
        self._pending: list[tuple[int, GridCell]] = []  # the previous part's value cells left unnamed
        self._notes: list[tuple[int, str]] = []
        self._report_cells: set[int] = set()  # ids of the cells of table parts that named cells

    @property
    def notes(self) -> list[tuple[int, str]]:
        """(page, message) for the record's problems, the value cells left unnamed included."""
        return self._notes + [(page, m) for page, cell in self._pending if (m := self._unplaced(page, cell))]

    def _join_split_row(self, table: GridTable) -> list[tuple[int, GridCell]]:
        """A row the page break cut mid-cell: the part's first row continues the last row before.

        Word and LibreOffice let a row break across pages: a label's first lines
        end one page, its last lines start the next, and each number sits on
        one side only. Cells of the two rows with the same sides are one cell.
        The row counts as cut when joining label texts makes a template label
        that the part's text alone is not, or when every number of the row is
        on the page before. Each label then reads whole on both sides, and the
        empty half of a value cell is no value. Returns the previous part's
        unnamed cells to name again.
        """
        if not self._last_cells or table.page != self._last_page + 1 or not table.cells:
            return []
        bottom = max(c.bbox[3] for c in self._last_cells)
        first = _first_new_row(table.cells, self._last_cells)
        last = [c for c in self._last_cells if abs(c.bbox[3] - bottom) <= 1]
        pairs = []
        for c in first:
            m = next((p for p in last if abs(p.bbox[0] - c.bbox[0]) <= 2 and abs(p.bbox[2] - c.bbox[2]) <= 2), None)
            if m is not None:
                pairs.append((m, c))
        labels = [(m, c) for m, c in pairs if not m.numeric and not c.numeric and not m.empty and not c.empty]
        values = [(m, c) for m, c in pairs if m.numeric or c.numeric]
        joined = any(self._is_label(m.text + c.text) and not self._is_label(c.text) for m, c in labels)
        numbers_before = bool(values) and all(c.empty and not m.empty for m, c in values if c.numeric)
        if not (joined or (numbers_before and labels)):
            return []
        for m, c in labels:
            m.text = c.text = m.text + "\n" + c.text
        for m, c in pairs:
            if c.empty and not m.empty and not m.numeric:  # a header's last line went before
                c.text, c.numeric = m.text, False
            elif c.empty and c.numeric:  # the value sits on the page before
                c.numeric = False
            elif m.empty and m.numeric and not c.empty:  # the value sits on this page
                self._pending = [(pg, x) for pg, x in self._pending if x is not m]
        link_context(table.cells)
        return self._pending

    def _is_label(self, text: str) -> bool:
        return any(n.rows.match(text) or n.cols.match(text) for n in self.namers)

    def _above(self, cell: GridCell) -> list[GridCell]:
        """The header path ``cell`` would have below the previous part: its label cells over it."""
        x0, _, x1, _ = cell.bbox
        over = []
        for c in self._last_cells:
            ov = min(x1, c.bbox[2]) - max(x0, c.bbox[0])
            if ov >= 0.6 * min(x1 - x0, c.bbox[2] - c.bbox[0]) and ov > 0:
                over.append(c)
        over.sort(key=lambda c: c.bbox[3], reverse=True)
        return _walk(over)

    def _borrow(self, cell: GridCell) -> list[GridCell]:
        best, overlap = None, 0.0
        x0, _, x1, _ = cell.bbox
        for col in self._last_columns:
            ov = min(x1, col.x1) - max(x0, col.x0)
            if ov > overlap:
                best, overlap = col, ov
        if best is None or overlap < 0.6 * min(x1 - x0, best.x1 - best.x0):
            return []
        return best.header

    def _name(self, cell: GridCell, header: list[GridCell]) -> tuple[str, str, list[GridCell]] | None:
        for namer in self.namers:
            named = namer.name(cell, header)
            if named:
                return named[0], namer.table.id, named[1]
        return None

    def assign(self, table: GridTable) -> list[Named]:
        out: list[Named] = []
        columns: list[_Column] = []
        unnamed: list[GridCell] = []
        again = self._join_split_row(table)
        for page, cell in again:
            named = self._name(cell, cell.header) if cell.header else None
            if named is None and not cell.header and (above := self._above_of(cell, self._before)):
                named = self._name(cell, above)
            if named:
                out.append(Named(named[0], named[1], cell, page, cell.bbox[1]))
        self._pending = [(page, cell) for page, cell in self._pending if all(n.cell is not cell for n in out)]
        self._notes += [(page, m) for page, cell in self._pending if (m := self._unplaced(page, cell))]
        self._pending = []
        leftover: list[GridCell] = []
        for cell in table.cells:
            if not cell.numeric:
                continue
            named = self._name(cell, cell.header) if cell.header else None
            if named:
                columns.append(_Column(cell.bbox[0], cell.bbox[2], cell.header))
            elif cell.header and (above := self._above(cell)):
                # the part's header rows broke over the page: the rest of them end the part before;
                # or its header is a repeated first row that names no column (a block title of 二)
                named = self._name(cell, cell.header + above) or self._name(cell, above)
            elif not cell.header:
                for borrowed in (self._above(cell), self._borrow(cell)):
                    named = self._name(cell, borrowed) if borrowed else None
                    if named:
                        break
            if named:
                cid, tid, used = named
                own = [h for h in used if h in cell.header]  # borrowed headers are on another page
                top = min([cell.bbox[1], *(h.bbox[1] for h in own)])
                out.append(Named(cid, tid, cell, table.page, top))
            elif not cell.header:
                unnamed.append(cell)
            else:
                leftover.append(cell)
        if columns:
            self._last_columns = columns
            leftover += unnamed
        elif unnamed:
            by_order = self._by_order(table, unnamed)
            out.extend(by_order)
            placed = {id(n.cell) for n in by_order}
            leftover += [c for c in unnamed if id(c) not in placed]
        if table.cells:
            self._before = self._last_cells
            self._last_cells = table.cells
            self._last_page = table.page
        if out:  # a part of a report table: its unnamed values are worth a note
            self._report_cells.update(id(c) for c in table.cells)
        self._pending = [(table.page, c) for c in leftover]
        return out

    def _above_of(self, cell: GridCell, cells: list[GridCell]) -> list[GridCell]:
        keep = self._last_cells
        self._last_cells = cells
        try:
            return self._above(cell)
        finally:
            self._last_cells = keep

    def _unplaced(self, page: int, cell: GridCell) -> str | None:
        """The note for a value cell left without an id, if it holds a number in a row of the template."""
        if cell.empty:
            return None
        for namer in self.namers:
            if namer.table.row_labels != "stub":
                continue
            row = namer.row(cell.stub, [], 0)
            if row:
                label = cell.stub[0].text.replace("\n", "")
                return (f"table {namer.table.title}: the value {cell.text!r} in row {label!r} on page {page} "
                        "could not be placed in a column")
        if cell.stub and id(cell) in self._report_cells:  # not in some other table of the page
            label = cell.stub[0].text.replace("\n", "")
            return f"the value {cell.text!r} in row {label!r} on page {page} could not be placed in a table"
        return None

    def _by_order(self, table: GridTable, cells: list[GridCell]) -> list[Named]:
        """Last resort for a headerless part with nothing to borrow (its first page is lost).

        Rows are still named by their labels; columns are taken in template
        order, and only when every named row has exactly the table's number of
        value cells at the same horizontal positions. Reported as a problem.
        """
        for namer in self.namers:
            t = namer.table
            if t.row_labels != "stub":
                continue
            rows: dict[str, list[GridCell]] = {}
            for cell in cells:
                rid = namer.row(cell.stub, [], 0)
                if rid:
                    rows.setdefault(rid[0], []).append(cell)
            if len(rows) < 2 or any(len(v) != len(t.columns) for v in rows.values()):
                continue
            lines = [sorted(v, key=lambda c: c.bbox[0]) for v in rows.values()]
            if any(abs(a.cx - b.cx) > 3 for line in lines[1:] for a, b in zip(line, lines[0])):
                continue
            self._notes.append((table.page, f"table {t.title} continues here without its header: "
                                           "columns taken in template order"))
            self._last_columns = [_Column(c.bbox[0], c.bbox[2], []) for c in lines[0]]
            return [
                Named(f"{t.id}.{rid}.{col.id}", t.id, cell, table.page, cell.bbox[1])
                for rid, line in zip(rows, lines)
                for col, cell in zip(t.columns, line)
            ]
        return []
