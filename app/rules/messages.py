"""Words for findings: how a cell, a row, a column and an identity are named.

Chinese for the auditor (printed labels and the short row numbers of the form:
一, 三（七）…), English beside it (III(7) …). Names are derived from the
template, once per template, so a new template needs no new strings here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.model import Number
from app.templates import Row, Template

_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])\s*")
_ENUM_EN = re.compile(r"^(?:[IVX]+\.|\(\d+\)|\d+\.)\s*")
_ROMAN = dict(zip("一二三四五六七八九十", ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"], strict=True))
_ARABIC = dict(zip("一二三四五六七八九十", [str(i) for i in range(1, 11)], strict=True))
LONG = 4  # a side of more terms is written "first至last之和"


def num(v: Number | None) -> str:
    """A number as an auditor writes it: 1474, 7730.28, never 1474.0."""
    if v is None:
        return "?"
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def short_en(short: str) -> str:
    """三（七） → III(7); 三（三）2 → III(3).2."""
    out: list[str] = []
    inside = False
    for ch in short:
        if ch in "（(":
            inside = True
            out.append("(")
        elif ch in "）)":
            inside = False
            out.append(")")
        elif ch in _ROMAN:
            out.append(_ARABIC[ch] if inside else _ROMAN[ch])
        elif ch.isdigit() and out and out[-1] == ")":
            out.append("." + ch)
        else:
            out.append(ch)
    return "".join(out)


def _clip(s: str, n: int = 16) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


@dataclass
class Names:
    """Chinese and English names of a template's rows, columns and cells."""

    template: Template
    _cache: dict[tuple[str, str], str] = field(default_factory=dict)

    def _row(self, table: str, row: str) -> Row:
        return self.template.table(table).row(row)

    def term(self, table: str, row: str | None, col: str | None, en: bool) -> str:
        """The short name of a row (terms of a column identity) or a column."""
        key = (f"term:{table}.{row}.{col}", "en" if en else "zh")
        if key not in self._cache:
            if row is not None:
                r = self._row(table, row)
                if r.short:
                    s = short_en(r.short) if en else r.short
                else:
                    s = r.label_en if en else r.label
            else:
                c = self.template.table(table).column(col or "")
                s = c.label_en if en else c.label
            self._cache[key] = s
        return self._cache[key]

    def row(self, table: str, row: str, en: bool = False) -> str:
        """A row as a heading: 三（一）予以公开, 行政诉讼·复议后起诉."""
        key = (f"row:{table}.{row}", "en" if en else "zh")
        if key not in self._cache:
            r = self._row(table, row)
            if en:
                label = _ENUM_EN.sub("", r.label_en)
                s = f"Row {short_en(r.short)} ({label})" if r.short else r.label_en
            elif r.short:
                s = f"{r.short} {_clip(_ENUM.sub('', r.label))}"
            else:
                s = "·".join((*r.groups, r.label))
            self._cache[key] = s
        return self._cache[key]

    def column(self, table: str, col: str, en: bool = False) -> str:
        """A column as a heading: 第1列（自然人）."""
        key = (f"col:{table}.{col}", "en" if en else "zh")
        if key not in self._cache:
            t = self.template.table(table)
            pos = [c.id for c in t.columns].index(col) + 1
            c = t.column(col)
            self._cache[key] = f"Column {pos} ({c.label_en})" if en else f"第{pos}列（{c.label}）"
        return self._cache[key]

    def cell(self, cell_id: str, en: bool = False) -> str:
        """A cell: 三（七）·自然人, 行政复议·总计 / III(7) · Natural persons."""
        key = (cell_id, "en" if en else "zh")
        if key not in self._cache:
            table, row, col = cell_id.split(".")
            try:
                r = self._row(table, row)
                c = self.template.table(table).column(col)
            except KeyError:
                self._cache[key] = cell_id
                return cell_id
            if en:
                rs = f"{short_en(r.short)}" if r.short else r.label_en
                s = f"{rs} · {c.label_en}"
            else:
                rs = r.short or "·".join((*r.groups, r.label))
                s = f"{rs}·{c.label}"
            self._cache[key] = s
        return self._cache[key]


_NAMES: dict[str, Names] = {}


def names_for(template: Template) -> Names:
    """The (cached) names of ``template``."""
    n = _NAMES.get(template.id)
    if n is None or n.template is not template:
        n = _NAMES[template.id] = Names(template)
    return n


def _side(names: Names, table: str, over: str, cells: list[str],
          values: list[Number], en: bool) -> str:
    def term(cell: str) -> str:
        _, row, col = cell.split(".")
        return names.term(table, row, None, en) if over == "columns" else names.term(table, None, col, en)

    total = sum(values)
    if len(cells) == 1:
        return f"{term(cells[0])} = {num(total)}"
    if len(cells) > LONG:
        first, last = term(cells[0]), term(cells[-1])
        return f"sum of {first} … {last} = {num(total)}" if en else f"{first}至{last}之和 = {num(total)}"
    return f"{'+'.join(term(c) for c in cells)} = {'+'.join(num(v) for v in values)} = {num(total)}"


def identity(names: Names, spec_table: str, over: str, along: str,
             terms: tuple[tuple[str, int], ...], values: dict[str, Number | None]) -> tuple[str, str, Number, Number]:
    """Messages (zh, en) of a broken identity, and its two sums (left, right)."""
    left = [c for c, k in terms if k > 0]
    right = [c for c, k in terms if k < 0]
    lv = [values[c] or 0 for c in left]
    rv = [values[c] or 0 for c in right]
    lsum, rsum = sum(lv), sum(rv)
    diff = num(abs(lsum - rsum))
    out = []
    for en in (False, True):
        head = names.column(spec_table, along, en) if over == "columns" else names.row(spec_table, along, en)
        ls = _side(names, spec_table, over, left, lv, en)
        rs = _side(names, spec_table, over, right, rv, en)
        out.append(f"{head}: {ls}, {rs}, off by {diff}" if en else f"{head}：{ls}，{rs}，相差 {diff}")
    return out[0], out[1], lsum, rsum


# Why a suspect is suspected: (zh, en) by the kind of slip, see localise.slip.
SLIP_WHY = {
    "ocr": ("{printed} 与 {value} 只差一个易混字形", "{printed} and {value} differ by one easily confused glyph"),
    "changed": ("{printed} 与 {value} 只差一位数字", "{printed} and {value} differ in one digit"),
    "dropped": ("{printed} 像是 {value} 漏了一位", "{printed} looks like {value} with a digit dropped"),
    "doubled": ("{printed} 像是 {value} 多打了一位重复数字", "{printed} looks like {value} with a digit doubled"),
    "swapped": ("{printed} 像是 {value} 相邻两位对调", "{printed} looks like {value} with two digits swapped"),
    "blank": ("印为空白（按 0 计），应为 {value}，像是漏印", "printed blank (read as 0); {value} balances, as if lost in print"),
    "unreadable": ("无法读取，按勾稽关系应为 {value}", "unreadable; the identities give {value}"),
    "invalid": ("印为 {printed}，不是有效数值；按勾稽关系应为 {value}", "printed {printed}, not a valid value; the identities give {value}"),
    None: ("改为 {value} 可使勾稽关系成立（不是单键之误）", "{value} balances (not a one-keystroke slip of {printed})"),
}


def why(slip: str | None, printed: Number | None, value: Number, n_identities: int,
        partner: tuple[str, str] | None = None) -> str:
    """One line, Chinese then English, saying why a value is suggested.

    ``partner``: the (zh, en) name of the other cell of a pair correction.
    """
    zh, en = SLIP_WHY[slip]
    p, v = num(printed), num(value)
    zh = zh.format(printed=p, value=v)
    en = en.format(printed=p, value=v)
    if partner:
        zh += f"；与{partner[0]}一并更正，可使不成立的勾稽关系全部成立"
        en += f"; together with {partner[1]}, every broken identity holds"
    elif n_identities > 1 and slip not in ("unreadable", "invalid"):
        zh += f"；可使 {n_identities} 个不成立的勾稽关系同时成立"
        en += f"; the {n_identities} broken identities all hold with it"
    return f"{zh} / {en}"


NOTE_AMBIGUOUS = (
    "{cells} 同样可能有误，无法判断是哪一个，不作建议",
    "{cells} explain the break equally well; no suggestion",
)
NOTE_NO_SINGLE = (
    "没有单独一个单元格能使这些勾稽关系同时成立，可能不止一处有误",
    "no single cell explains these breaks; more than one number may be wrong",
)
NOTE_CONFLICT = (
    "各勾稽关系给出的值不一致（{values}），不作建议",
    "the identities disagree on its value ({values}); no suggestion",
)
NOTE_NO_VALID = (
    "使勾稽关系成立的值不是有效数值（{values}），不作建议",
    "the value that balances is not valid ({values}); no suggestion",
)


def note(pair: tuple[str, str], **kw: str | tuple[str, str]) -> str:
    """A note, Chinese then English; a (zh, en) value fills each language with its own."""
    zh = {k: v[0] if isinstance(v, tuple) else v for k, v in kw.items()}
    en = {k: v[1] if isinstance(v, tuple) else v for k, v in kw.items()}
    return f"{pair[0].format(**zh)} / {pair[1].format(**en)}"
