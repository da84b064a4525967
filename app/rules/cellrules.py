"""Rules about one cell at a time: ``counts`` (error) and ``blank`` (warning)."""

from __future__ import annotations

from app.model import Cell, Finding, Number, Suspect
from app.rules.messages import Names

_NEED = {
    "count": ("应为不小于 0 的整数", "should be a whole number ≥ 0"),
    "signed": ("应为整数", "should be a whole number"),
    "amount": ("应为不小于 0 的数", "should be a number ≥ 0"),
}


def valid(kind: str, v: Number | None) -> bool:
    """Whether ``v`` is a value a cell of ``kind`` can hold."""
    if v is None or isinstance(v, bool):
        return False
    if kind == "amount":
        return v >= 0
    whole = isinstance(v, int) or v.is_integer()
    return whole and (kind == "signed" or v >= 0)


def counts(cell_id: str, v: Number | None, raw: str, kind: str, names: Names,
           suspects: list[Suspect], note: str | None) -> Finding:
    """The ``counts`` error of a cell that is unreadable or not a valid value."""
    zh_name, en_name = names.cell(cell_id), names.cell(cell_id, en=True)
    if v is None:
        zh = f"{zh_name}：无法读取为数字（印为“{raw}”）"
        en = f"{en_name}: cannot be read as a number (printed “{raw}”)"
    else:
        need_zh, need_en = _NEED[kind]
        zh = f"{zh_name}：印为“{raw or v}”，{need_zh}"
        en = f"{en_name}: printed “{raw or v}”, {need_en}"
    return Finding("counts", "error", [cell_id], None, v, zh, en, suspects, note)


def blank(table: str, row: str, cells: list[str], names: Names, printed: dict[str, Cell]) -> Finding:
    """The ``blank`` warning of one row's cells printed empty, /, — or 无."""
    cols_zh = "、".join(names.term(table, None, c.split(".")[2], False) for c in cells)
    cols_en = ", ".join(names.term(table, None, c.split(".")[2], True) for c in cells)
    raws = {printed[c].raw.strip() for c in cells if c in printed}
    marks = (["空白"] if "" in raws or not raws else []) + [f"“{r}”" for r in sorted(raws - {""})]
    return Finding(
        "blank",
        "warning",
        cells,
        None,
        0,
        f"{names.row(table, row)}：{cols_zh} 印为{'、'.join(marks)}，按 0 计",
        f"{names.row(table, row, en=True)}: {cols_en} printed blank, read as 0",
    )
