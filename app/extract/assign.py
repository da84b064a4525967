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

from app.extract.grid import GridCell, GridTable, _walk
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


class Assigner:
    """Names value cells table by table, in reading order, remembering the last header."""

    def __init__(self, template: Template):
        self.namers = [_TableNamer(t) for t in template.tables]
        self._last_columns: list[_Column] = []
        self._last_cells: list[GridCell] = []  # the previous table part's cells
        self.notes: list[tuple[int, str]] = []  # (page, message) for the record's problems

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
        for cell in table.cells:
            if not cell.numeric:
                continue
            named = self._name(cell, cell.header) if cell.header else None
            if named:
                columns.append(_Column(cell.bbox[0], cell.bbox[2], cell.header))
            elif cell.header and (above := self._above(cell)):
                # the part's header rows broke over the page: the rest of them end the part before
                named = self._name(cell, cell.header + above)
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
                self._unplaced(table.page, cell)
        if columns:
            self._last_columns = columns
        elif unnamed:
            by_order = self._by_order(table, unnamed)
            out.extend(by_order)
            placed = {id(n.cell) for n in by_order}
            for cell in unnamed:
                if id(cell) not in placed:
                    self._unplaced(table.page, cell)
        if table.cells:
            self._last_cells = table.cells
        return out

    def _unplaced(self, page: int, cell: GridCell) -> None:
        """A value cell whose row label is the template's but that got no id: say so."""
        for namer in self.namers:
            if namer.table.row_labels != "stub":
                continue
            row = namer.row(cell.stub, [], 0)
            if row:
                label = cell.stub[0].text.replace("\n", "")
                self.notes.append((page, f"table {namer.table.title}: a value {cell.text!r} in row "
                                         f"{label!r} on page {page} could not be placed in a column"))
                return

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
            self.notes.append((table.page, f"table {t.title} continues here without its header: "
                                           "columns taken in template order"))
            self._last_columns = [_Column(c.bbox[0], c.bbox[2], []) for c in lines[0]]
            return [
                Named(f"{t.id}.{rid}.{col.id}", t.id, cell, table.page, cell.bbox[1])
                for rid, line in zip(rows, lines)
                for col, cell in zip(t.columns, line)
            ]
        return []
