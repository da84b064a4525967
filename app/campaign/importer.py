"""Reading an agency register from Excel or CSV, and writing it back to Excel.

Headers may be Chinese or English (名称/name, 别名/aliases, 层级/level, 上级/parent,
区划代码/code, 类别/kind, 期限/deadline, 汇总下级/aggregates); only the name is
required. A file that cannot be read, lacks a name column, or has a row with a
bad value raises :class:`RegisterError` naming the file and the row, before
anything is written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.campaign.model import KIND_ZH, Agency, parse_deadline, parse_flag, parse_kind, parse_level
from app.campaign.names import split_aliases
from app.errors import NianbaoError

HEADERS = {
    "name": ("名称", "机关名称", "单位名称", "机构名称", "name", "agency"),
    "aliases": ("别名", "其他名称", "aliases", "alias"),
    "level": ("层级", "级别", "level"),
    "parent": ("上级", "上级机关", "上级单位", "parent"),
    "code": ("区划代码", "行政区划代码", "代码", "code"),
    "kind": ("类别", "类型", "kind", "type"),
    "deadline": ("期限", "公布期限", "deadline"),
    "aggregates": ("汇总下级", "汇总", "aggregates"),
}
EXPORT_HEADERS = ("名称", "别名", "层级", "类别", "上级", "区划代码", "期限", "汇总下级")


class RegisterError(NianbaoError):
    """An agency register file cannot be read or holds a bad value."""


@dataclass
class RegisterRow:
    """One row of a register file, values checked, the parent still a name."""

    line: int
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    kind: str = "department"
    parent: str | None = None
    code: str | None = None
    deadline: str | None = None
    aggregates: bool = False


def _norm_header(h: Any) -> str:
    return re.sub(r"[\s*＊:：()（）]+", "", str(h or "")).lower()


def _columns(header: list[Any], path: Path) -> dict[str, int]:
    index = {}
    for i, h in enumerate(header):
        n = _norm_header(h)
        for field_, words in HEADERS.items():
            if n in words and field_ not in index:
                index[field_] = i
    if "name" not in index:
        raise RegisterError("首行没有“名称”（name）列", path=path)
    return index


def _read_table(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
            finally:
                wb.close()
        if suffix in (".csv", ".txt"):
            data = path.read_bytes()
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    text = data.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise RegisterError("不是 UTF-8 或 GB18030 编码的文本", path=path)
            return [list(r) for r in csv.reader(text.splitlines())]
    except RegisterError:
        raise
    except Exception as e:  # openpyxl raises many kinds on a broken file
        raise RegisterError(f"无法读取机关名录：{e}", path=path) from e
    raise RegisterError("机关名录应为 .xlsx 或 .csv 文件", path=path)


def read_register(path: str | Path) -> list[RegisterRow]:
    """The rows of a register file (empty rows skipped); RegisterError on bad input."""
    path = Path(path)
    if not path.is_file():
        raise RegisterError("文件不存在", path=path)
    table = _read_table(path)
    while table and not any(str(v or "").strip() for v in table[0]):
        table.pop(0)
    if not table:
        raise RegisterError("机关名录为空", path=path)
    cols = _columns(table[0], path)
    rows = []
    seen: dict[str, int] = {}
    for line, values in enumerate(table[1:], start=2):
        def get(f: str, values: list[Any] = values) -> str:
            i = cols.get(f)
            v = values[i] if i is not None and i < len(values) else None
            return "" if v is None else str(v).strip()

        if not any(str(v or "").strip() for v in values):
            continue
        name = get("name")
        if not name:
            raise RegisterError(f"第 {line} 行：缺少名称", path=path)
        try:
            row = RegisterRow(
                line=line,
                name=name,
                aliases=split_aliases(get("aliases")),
                level=parse_level(get("level")),
                kind=parse_kind(get("kind"), name),
                parent=get("parent") or None,
                code=get("code") or None,
                deadline=parse_deadline(get("deadline")),
                aggregates=parse_flag(get("aggregates")),
            )
        except ValueError as e:
            raise RegisterError(f"第 {line} 行：{e}", path=path) from e
        if name in seen:
            raise RegisterError(f"第 {line} 行：“{name}”与第 {seen[name]} 行重复", path=path)
        seen[name] = line
        rows.append(row)
    return rows


def write_register(path: str | Path, agencies: list[Agency]) -> Path:
    """The register as an .xlsx workbook with Chinese headers (readable by read_register)."""
    from openpyxl import Workbook

    from app.export.common import atomic_target

    names = {a.id: a.name for a in agencies}
    wb = Workbook()
    ws = wb.active
    ws.title = "机关名录"
    ws.append(list(EXPORT_HEADERS))
    for a in agencies:
        ws.append([
            a.name, "；".join(a.aliases), a.level or "", KIND_ZH[a.kind],
            names.get(a.parent_id, "") if a.parent_id else "", a.code or "",
            a.deadline or "", "是" if a.aggregates else "",
        ])  # fmt: skip
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 36
    ws.freeze_panes = "A2"
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return Path(path)
