"""An agency of the register, its levels and kinds, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LEVELS = ("省", "市", "县", "乡")
KINDS = ("government", "department")
KIND_ZH = {"government": "政府", "department": "部门"}

# What a register cell may say for a level or a kind (normalised: no spaces, lower case).
_LEVEL_WORDS = {
    "省": ("省", "省级", "自治区", "直辖市", "province", "provincial"),
    "市": ("市", "市级", "地市", "地级", "州", "盟", "city", "prefecture", "municipal"),
    "县": ("县", "县级", "区", "县区", "county", "district"),
    "乡": ("乡", "镇", "乡镇", "乡级", "街道", "township", "town"),
}
_KIND_WORDS = {
    "government": ("政府", "人民政府", "government", "gov"),
    "department": ("部门", "政府部门", "单位", "department", "dept"),
}
_GOVERNMENT_NAME = re.compile(r"(人民政府|政府|行政公署|管委会|管理委员会|街道办事处)(办公室|办公厅)?$")
_DEADLINE = re.compile(r"^(\d{1,2})[-/.月](\d{1,2})日?$")


def parse_level(text: Any) -> str | None:
    """省/市/县/乡 from what a register cell says; None if empty; ValueError if unknown."""
    t = re.sub(r"\s+", "", str(text or "")).lower()
    if not t:
        return None
    for level, words in _LEVEL_WORDS.items():
        if t in words:
            return level
    raise ValueError(f"层级“{text}”应为 省/市/县/乡")


def parse_kind(text: Any, name: str) -> str:
    """government/department from a register cell; from the name when the cell is empty."""
    t = re.sub(r"\s+", "", str(text or "")).lower()
    if not t:
        return "government" if _GOVERNMENT_NAME.search(name.strip()) else "department"
    for kind, words in _KIND_WORDS.items():
        if t in words:
            return kind
    raise ValueError(f"类别“{text}”应为 政府 或 部门")


def parse_deadline(text: Any) -> str | None:
    """MM-DD from 1-31, 01/31, 1月31日; None if empty; ValueError if not a day of the year."""
    t = re.sub(r"\s+", "", str(text or ""))
    if not t:
        return None
    m = _DEADLINE.match(t)
    if not m or not (1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31):
        raise ValueError(f"期限“{text}”应写作 月-日，如 1-31")
    return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"


def parse_flag(text: Any) -> bool:
    t = str(text or "").strip().lower()
    return t in ("1", "是", "y", "yes", "true", "汇总", "√", "✓")


@dataclass
class Agency:
    """One body of the register."""

    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    kind: str = "department"
    parent_id: int | None = None
    code: str | None = None
    deadline: str | None = None  # MM-DD overriding the level's
    aggregates: bool = False  # its report sums its direct units' (parent_units check)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Agency:
        return cls(**{f: row[f] for f in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}
