"""Cells named as a person writes them in a letter: 表三 第三（七）“总计”行 自然人列.

The problem list goes to people who read the printed report, not our cell ids:
the table is numbered by its section (三、收到和处理… → 表三), the row by its
printed number and label, the column by its label. Everything comes from the
template, so a new template needs nothing here.
"""

from __future__ import annotations

import re

from app.errors import TemplateError
from app.templates import Template, get_template

_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])\s*"
)
_HEADING_NUMERAL = re.compile(r"^([一二三四五六七八九十]+)、")
MAX_LABEL = 16


def _clip(s: str) -> str:
    return s if len(s) <= MAX_LABEL else s[: MAX_LABEL - 1] + "…"


_NUMBERS: dict[str, dict[str, str]] = {}


def _table_numbers(template: Template) -> dict[str, str]:
    """Table id → 表三, from the numeral of the section the table belongs to (cached per template)."""
    if template.id in _NUMBERS:
        return _NUMBERS[template.id]
    numerals = {}
    for s in template.sections:
        m = _HEADING_NUMERAL.match(s.heading)
        if m:
            numerals[s.id] = m.group(1)
    out = {
        t.id: f"表{numerals[t.section]}" if t.section in numerals else t.title
        for t in template.tables
    }
    _NUMBERS[template.id] = out
    return out


def plain_cell_name(template: Template | str, cell_id: str) -> str:
    """表三 第三（七）“总计”行 自然人列; the cell id itself only for a cell the template lacks."""
    try:
        t = get_template(template) if isinstance(template, str) else template
        table_id, row_id, col_id = cell_id.split(".")
        table = t.table(table_id)
        row = table.row(row_id)
        col = table.column(col_id)
    except (TemplateError, KeyError, ValueError):
        return cell_id
    label = _clip(_ENUM.sub("", row.label))
    if row.short:
        row_text = f"第{row.short}“{label}”行"
    else:
        row_text = f"“{'·'.join((*row.groups, label))}”行"
    return f"{_table_numbers(t)[table_id]} {row_text} {col.label}列"


def plain_cells(template: Template | str, cells: list[str]) -> str:
    """Several cells, one per clause: 表三 …自然人列、表三 …总计列."""
    return "、".join(plain_cell_name(template, c) for c in cells)
