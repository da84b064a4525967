"""A template table laid out as the national form prints it: a grid of spanned cells.

Built from the template data alone — row and column labels, their group
labels, table 二's sub-blocks, table 四's row groups in the header — so the
GUI's table views and the Excel export draw the same layout for any
template file. Qt-free and openpyxl-free: both adapters read this grid.

Three shapes, chosen by the data:
- rows with ``block`` (table 二): per block a title row, a header row
  (信息内容 | the block's column labels) and its rows;
- ``row_labels = "stub"`` (table 三): header rows from the column groups over a
  corner cell, label columns from the row groups, one grid row per report row;
- ``row_labels = "header"`` (table 四): one grid row of values under header
  levels made of the row groups, the row labels and the column labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.templates import Row, Table


@dataclass
class GridCell:
    row: int
    col: int
    kind: str  # "title" | "header" | "corner" | "label" | "value"
    text: str = ""
    cell_id: str | None = None  # value cells only
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableLayout:
    table: Table
    rows: int
    cols: int
    cells: list[GridCell] = field(default_factory=list)
    header_rows: int = 0  # leading grid rows that are headers (to freeze)
    label_cols: int = 0  # leading grid columns that are labels

    def __post_init__(self) -> None:
        self.at: dict[tuple[int, int], GridCell] = {}
        self.position: dict[str, tuple[int, int]] = {}

    def add(self, cell: GridCell) -> None:
        self.cells.append(cell)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                self.at[(r, c)] = cell
        if cell.cell_id:
            self.position[cell.cell_id] = (cell.row, cell.col)


def printed_rows(table: Table, printed: set[str] | None) -> list[Row]:
    """The rows to lay out: for each variant, whichever form the report prints (standard by default)."""
    hidden: set[str] = set()
    for v in table.variants:
        uses_variant = printed is not None and any(f"{table.id}.{r}." in p for r in v.by for p in printed)
        hidden |= set(v.replaces) if uses_variant else set(v.by)
    hidden |= {r.id for r in table.rows if r.variant and not any(r.id in v.by for v in table.variants)}
    return [r for r in table.rows if r.id not in hidden]


def layout_table(table: Table, printed: set[str] | None = None) -> TableLayout:
    """Lay out ``table``; ``printed``: the report's cell ids, to pick its form of a variant."""
    rows = printed_rows(table, printed)
    if any(r.block for r in rows):
        return _blocks(table, rows)
    if table.row_labels == "header":
        return _header_rows(table, rows)
    return _stub(table, rows)


def _merge_runs(values: list[str | None]) -> list[tuple[int, int, str]]:
    """Runs of equal, non-empty adjacent values: (start, length, value)."""
    runs = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        if values[i]:
            runs.append((i, j - i + 1, values[i]))
        i = j + 1
    return runs


def _stub(table: Table, rows: list[Row]) -> TableLayout:
    cols = table.columns
    hdepth = max(len(c.groups) for c in cols) + 1
    ldepth = max(len(r.groups) for r in rows) + 1
    lay = TableLayout(table, hdepth + len(rows), ldepth + len(cols), header_rows=hdepth, label_cols=ldepth)
    lay.add(GridCell(0, 0, "corner", table.corner or "", rowspan=hdepth, colspan=ldepth))
    for level in range(hdepth):
        texts = [c.groups[level] if level < len(c.groups) else None for c in cols]
        for start, length, text in _merge_runs(texts):
            lay.add(GridCell(level, ldepth + start, "header", text, colspan=length))
    for k, c in enumerate(cols):  # the leaf label fills the levels below its groups
        lay.add(GridCell(len(c.groups), ldepth + k, "header", c.label, rowspan=hdepth - len(c.groups)))
    for level in range(ldepth - 1):
        texts = [r.groups[level] if level < len(r.groups) else None for r in rows]
        for start, length, text in _merge_runs(texts):
            lay.add(GridCell(hdepth + start, level, "label", text, rowspan=length))
    for i, r in enumerate(rows):
        gr = hdepth + i
        lay.add(GridCell(gr, len(r.groups), "label", r.label, colspan=ldepth - len(r.groups)))
        row_cols = {c.id for c in table.row_columns(r)}
        for k, c in enumerate(cols):
            if c.id in row_cols:
                lay.add(GridCell(gr, ldepth + k, "value", cell_id=f"{table.id}.{r.id}.{c.id}"))
    return lay


def _blocks(table: Table, rows: list[Row]) -> TableLayout:
    width = max(len(table.row_columns(r)) for r in rows)
    blocks: list[tuple[str, list[Row]]] = []
    for r in rows:
        if not blocks or blocks[-1][0] != r.block:
            blocks.append((r.block or "", []))
        blocks[-1][1].append(r)
    lay = TableLayout(table, sum(2 + len(b) for _, b in blocks), 1 + width, header_rows=0, label_cols=1)
    gr = 0
    for title, brows in blocks:
        lay.add(GridCell(gr, 0, "title", title, colspan=1 + width))
        bcols = list(dict.fromkeys(c for r in brows for c in table.row_columns(r)))
        spans = _spread(len(bcols), width)
        lay.add(GridCell(gr + 1, 0, "header", "信息内容"))
        for (start, span), c in zip(spans, bcols):
            lay.add(GridCell(gr + 1, 1 + start, "header", c.label, colspan=span))
        for i, r in enumerate(brows):
            lay.add(GridCell(gr + 2 + i, 0, "label", r.label))
            for (start, span), c in zip(spans, bcols):
                if c in table.row_columns(r):
                    lay.add(GridCell(gr + 2 + i, 1 + start, "value", cell_id=f"{table.id}.{r.id}.{c.id}", colspan=span))
        gr += 2 + len(brows)
    return lay


def _spread(n: int, width: int) -> list[tuple[int, int]]:
    """n columns over ``width`` grid columns: one each, the last taking what is left."""
    return [(k, 1 if k < n - 1 else width - k) for k in range(n)]


def _header_rows(table: Table, rows: list[Row]) -> TableLayout:
    leaves = [(r, c) for r in rows for c in table.row_columns(r)]
    paths = [(*r.groups, r.label, c.label) for r, c in leaves]
    depth = max(len(p) for p in paths)
    lay = TableLayout(table, depth + 1, len(leaves), header_rows=depth, label_cols=0)
    for level in range(depth - 1):
        # a row's own label sits at the level after its groups and spans down to the column labels
        texts = []
        for r, _c in leaves:
            path = (*r.groups, r.label)
            texts.append(path[level] if level < len(path) else None)
        for start, length, text in _merge_runs(texts):
            r = leaves[start][0]
            down = depth - 1 - level if level == len(r.groups) else 1
            lay.add(GridCell(level, start, "header", text, colspan=length, rowspan=down))
    for k, (r, c) in enumerate(leaves):
        lay.add(GridCell(depth - 1, k, "header", c.label))
        lay.add(GridCell(depth, k, "value", cell_id=f"{table.id}.{r.id}.{c.id}"))
    return lay
