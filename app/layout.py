"""Where each label and number of a table goes when printed as the national form prints it.

Built from the template data alone — rows, row groups, blocks, columns, column
groups, the corner text, where row labels sit — so a new template file lays
out without code changes. The result is a grid of boxes (a box may span rows
and columns: a merged cell) that a writer renders; nothing here knows about
spreadsheets.

- A "stub" table (三) has its row labels in label columns on the left: a row's
  groups, outermost first, then its label, which stretches right to the last
  label column; equal groups of neighbouring rows merge downwards
  (三、本年度办理结果 spans every outcome row, （三）不予公开 its eight).
  The column header stacks column groups over labels the same way
  (申请人情况 over all, 法人或其他组织 over 商业企业 … 其他, each label
  stretching down to the last header row); the corner box fills the top left.
- A stub table whose rows name blocks (二) prints each block as a title row
  (the block, across the table), a header row (the stub header, then the
  block's column labels) and its rows; blocks with fewer columns stretch
  theirs so every block has the table's width.
- A "header" table (四) prints its rows side by side as one printed row: each
  row's groups and label head its columns (行政复议 | 行政诉讼 → 未经复议直接起诉 /
  复议后起诉), the column labels under them.

A report that prints a variant row in place of others (（六）其他处理 as one row)
is laid out as printed: see :func:`printed_rows`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from app.templates import Column, Row, Table

BLOCK_STUB_HEADER = "信息内容"  # the stub header of a block, where the table names no corner


@dataclass(frozen=True)
class Box:
    """One (possibly merged) cell of the grid; ``row``/``col`` are 0-based grid positions."""

    row: int
    col: int
    role: str  # corner | block | header | label | value | void
    text: str = ""
    rows: int = 1
    cols: int = 1
    cell: str | None = None  # role value: the cell id shown here

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cols - 1


@dataclass
class TableLayout:
    table: Table
    boxes: list[Box]
    n_rows: int
    n_cols: int
    label_cols: int  # leading columns that hold row labels (0 for a header table)
    rows: list[Row] = field(default_factory=list)  # the rows printed, in order

    def value_boxes(self) -> dict[str, Box]:
        """Cell id → the box that shows it."""
        return {b.cell: b for b in self.boxes if b.cell is not None}


def printed_rows(table: Table, cell_ids: Collection[str]) -> list[Row]:
    """The rows a report prints, given the ids of the cells it has.

    A variant row is printed when the report has one of its cells; the rows it
    replaces are then left out — unless the report has cells of those too, in
    which case both forms are shown, since both were printed.
    """

    def has(row_id: str) -> bool:
        row = table.row(row_id)
        return any(f"{table.id}.{row.id}.{c.id}" in cell_ids for c in table.row_columns(row))

    dropped: set[str] = set()
    for v in table.variants:
        if any(has(r) for r in v.by) and not any(has(r) for r in v.replaces):
            dropped.update(v.replaces)
    return [r for r in table.rows if r.id not in dropped and (not r.variant or has(r.id))]


def layout_table(table: Table, cell_ids: Collection[str] = ()) -> TableLayout:
    """The national layout of ``table`` for a report that has the cells ``cell_ids``.

    With no ``cell_ids`` the standard form is laid out (variant rows left out).
    """
    rows = printed_rows(table, cell_ids)
    if table.row_labels == "header":
        return _header_table(table, rows)
    if any(r.block for r in rows):
        return _block_table(table, rows)
    return _stub_table(table, rows)


# ---------------------------------------------------------------- the three shapes


def _stub_table(table: Table, rows: list[Row]) -> TableLayout:
    cols = _used_columns(table, rows)
    label_cols = _depth(r.groups for r in rows)
    leaves = [_Leaf((), (*c.groups, c.label), 1, f"c:{c.id}") for c in cols]
    header, depth = _header(leaves, label_cols, 0)
    boxes = [Box(0, 0, "corner", table.corner or "", rows=depth, cols=label_cols), *header]
    boxes += _labels(rows, depth, label_cols)
    for i, row in enumerate(rows):
        have = {c.id for c in table.row_columns(row)}
        for j, c in enumerate(cols):
            at = (depth + i, label_cols + j)
            boxes.append(_value(table, row, c, *at) if c.id in have else Box(*at, "void"))
    return TableLayout(table, boxes, depth + len(rows), label_cols + len(cols), label_cols, rows)


def _block_table(table: Table, rows: list[Row]) -> TableLayout:
    blocks: list[list[Row]] = []
    for r in rows:
        if blocks and blocks[-1][0].block == r.block:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    label_cols = _depth(r.groups for r in rows)
    width = max(len(_used_columns(table, b)) for b in blocks)
    boxes: list[Box] = []
    top = 0
    for block in blocks:
        if block[0].block:
            boxes.append(Box(top, 0, "block", block[0].block, cols=label_cols + width))
            top += 1
        cols = _used_columns(table, block)
        spans = _spread(width, len(cols))
        leaves = [
            _Leaf((), (*c.groups, c.label), s, f"c:{c.id}")
            for c, s in zip(cols, spans, strict=True)
        ]
        header, depth = _header(leaves, label_cols, top)
        stub = table.corner or BLOCK_STUB_HEADER
        boxes += [Box(top, 0, "header", stub, rows=depth, cols=label_cols), *header]
        top += depth
        boxes += _labels(block, top, label_cols)
        for i, row in enumerate(block):
            have = {c.id for c in table.row_columns(row)}
            x = label_cols
            for c, span in zip(cols, spans, strict=True):
                if c.id in have:
                    boxes.append(_value(table, row, c, top + i, x, span))
                else:
                    boxes.append(Box(top + i, x, "void", cols=span))
                x += span
        top += len(block)
    return TableLayout(table, boxes, top, label_cols + width, label_cols, rows)


def _header_table(table: Table, rows: list[Row]) -> TableLayout:
    leaves = []
    values = []
    for row in rows:
        for c in table.row_columns(row):
            leaves.append(
                _Leaf((*row.groups, row.label), (*c.groups, c.label), 1, f"c:{row.id}.{c.id}")
            )
            values.append((row, c))
    header, depth = _header(leaves, 0, 0)
    boxes = header + [_value(table, r, c, depth, j) for j, (r, c) in enumerate(values)]
    return TableLayout(table, boxes, depth + 1, len(leaves), 0, rows)


# ---------------------------------------------------------------- building blocks


@dataclass(frozen=True)
class _Leaf:
    """One printed column of a header: the path above it (row part, column part) and its width."""

    upper: tuple[str, ...]  # a header table's row groups and row label
    lower: tuple[str, ...]  # column groups and column label
    span: int
    key: str  # identifies the leaf: its label never merges with a neighbour's


def _header(leaves: Sequence[_Leaf], left: int, top: int) -> tuple[list[Box], int]:
    """Header boxes for ``leaves`` placed from column ``left``, row ``top``; and the header depth.

    Each part of a path is stacked from the top; the last element of the upper
    part stretches down to where the lower part begins, the last element of
    the lower part (the column label) down to the last header row. Equal
    elements of neighbouring leaves merge across.
    """
    up = max((len(leaf.upper) for leaf in leaves), default=0)
    depth = up + max((len(leaf.lower) for leaf in leaves), default=0)
    placed: list[list[tuple[tuple, str, int, int]]] = []  # per leaf: (key, text, r0, r1)
    for leaf in leaves:
        segs = []
        for i, text in enumerate(leaf.upper):
            last = i == len(leaf.upper) - 1
            segs.append((("u", leaf.upper[: i + 1]), text, i, up - 1 if last else i))
        base = up if leaf.upper else 0
        for j, text in enumerate(leaf.lower):
            last = j == len(leaf.lower) - 1
            key = ("l", leaf.key) if last else ("l", leaf.upper, leaf.lower[: j + 1])
            segs.append((key, text, base + j, depth - 1 if last else base + j))
        placed.append(segs)
    boxes: list[Box] = []
    for r in range(depth):
        x = left
        run: tuple | None = None  # (key, text, r0, r1, x0, width)
        for leaf, segs in zip(leaves, placed, strict=True):
            seg = next((s for s in segs if s[2] == r), None)
            if run and seg and seg[0] == run[0] and seg[3] == run[3]:
                run = (*run[:5], run[5] + leaf.span)
            else:
                if run:
                    boxes.append(_header_box(run, top))
                run = (*seg, x, leaf.span) if seg else None
            x += leaf.span
        if run:
            boxes.append(_header_box(run, top))
    return boxes, depth


def _header_box(run: tuple, top: int) -> Box:
    _key, text, r0, r1, x0, width = run
    return Box(top + r0, x0, "header", text, rows=r1 - r0 + 1, cols=width)


def _labels(rows: Sequence[Row], top: int, label_cols: int) -> list[Box]:
    """Row label boxes: groups merge down over neighbouring rows, labels stretch right."""
    boxes: list[Box] = []
    for level in range(label_cols):
        i = 0
        while i < len(rows):
            path = (*rows[i].groups, rows[i].label)
            if level >= len(path):
                i += 1
                continue
            last = level == len(path) - 1
            n = 1
            if not last:
                prefix = path[: level + 1]
                while i + n < len(rows):
                    other = (*rows[i + n].groups, rows[i + n].label)
                    if len(other) - 1 <= level or other[: level + 1] != prefix:
                        break
                    n += 1
            cols = label_cols - level if last else 1
            boxes.append(Box(top + i, level, "label", path[level], rows=n, cols=cols))
            i += n
    return boxes


def _value(table: Table, row: Row, col: Column, r: int, c: int, span: int = 1) -> Box:
    return Box(r, c, "value", cols=span, cell=f"{table.id}.{row.id}.{col.id}")


def _used_columns(table: Table, rows: Sequence[Row]) -> list[Column]:
    """The columns ``rows`` print, in the order the rows name them (the table's by default)."""
    out: dict[str, Column] = {}
    for r in rows:
        for c in table.row_columns(r):
            out.setdefault(c.id, c)
    return list(out.values())


def _depth(groups: object) -> int:
    return max((len(g) + 1 for g in groups), default=1)  # type: ignore[attr-defined]


def _spread(width: int, n: int) -> list[int]:
    """``n`` column spans that fill ``width`` slots, the extra going to the last ones."""
    base, extra = divmod(width, n)
    return [base + (1 if i >= n - extra else 0) for i in range(n)]
