"""Outliers: warnings that say why and against what.

- ``repeat``: more of the prose repeats last year's than the threshold allows.
- ``jump``: a figure more than ×``jump_factor`` or below ×``drop_factor`` of
  last year's, when the larger of the two is at least ``jump_min``.
- ``peer_zero``: zero or blank where comparable agencies (the same level and
  kind in the register, else the same batch) report many (their median).
- ``rate_range``: an indicator outside its range, or cases without a base.
Thresholds and the cells each rule looks at are the template's ``[compare]``.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from app.compare.config import CompareConfig
from app.compare.indicators import Rate
from app.model import Finding, Number
from app.rules.messages import Names, num


def pct(v: float) -> str:
    return f"{v * 100:.0f}%"


def repeat_finding(rate: float | None, cfg: CompareConfig) -> list[Finding]:
    if rate is None or rate <= cfg.repeat_threshold:
        return []
    zh = f"正文与上年报告重复 {pct(rate)}，超过 {pct(cfg.repeat_threshold)} 的阈值（不计模板固定用语）"
    en = f"{pct(rate)} of the prose repeats last year's report, above the {pct(cfg.repeat_threshold)} threshold (template wording left out)"
    return [Finding("repeat", "warning", [], cfg.repeat_threshold, round(rate, 4), zh, en)]


def jump_findings(now: Mapping[str, Number | None], before: Mapping[str, Number | None],
                  cfg: CompareConfig, names: Names) -> list[Finding]:
    out = []
    for cell in cfg.jump_cells:
        a, b = before.get(cell), now.get(cell)
        if a is None or b is None or max(a, b) < cfg.jump_min or min(a, b) < cfg.jump_floor:
            continue
        ratio = b / a
        if cfg.drop_factor <= ratio <= cfg.jump_factor:
            continue
        bound_zh = f"超过 ×{num(cfg.jump_factor)}" if ratio > 1 else f"低于 ×{num(cfg.drop_factor)}"
        bound_en = f"above ×{num(cfg.jump_factor)}" if ratio > 1 else f"below ×{num(cfg.drop_factor)}"
        zh = f"{names.cell(cell)}：本年 {num(b)}，上年 {num(a)}，为上年的 {ratio:.2f} 倍（{bound_zh}）"
        en = f"{names.cell(cell, en=True)}: {num(b)} this year, {num(a)} last year, ×{ratio:.2f} ({bound_en})"
        out.append(Finding("jump", "warning", [cell], a, b, zh, en))
    return out


def peer_zero_findings(now: Mapping[str, Number | None], peers: Sequence[Mapping[str, Number | None]],
                       group: str, cfg: CompareConfig, names: Names) -> list[Finding]:
    """``peers``: the other reports of the group (this one left out)."""
    out = []
    for cell in cfg.peer_zero_cells:
        if now.get(cell):
            continue
        reported = [p[cell] for p in peers if p.get(cell) is not None]
        if len(reported) < cfg.peer_zero_min_peers:
            continue
        med = statistics.median(reported)
        if med < cfg.peer_zero_median:
            continue
        shown = "空白" if now.get(cell) is None else "0"
        shown_en = "blank" if now.get(cell) is None else "0"
        zh = f"{names.cell(cell)}：本报告为{shown}，而{group}中 {len(reported)} 家可比机关的中位数为 {num(med)}"
        en = f"{names.cell(cell, en=True)}: {shown_en} here, while the median of {len(reported)} comparable agencies ({group}) is {num(med)}"
        out.append(Finding("peer_zero", "warning", [cell], med, now.get(cell), zh, en))
    return out


def rate_findings(rates: Mapping[str, Rate], cfg: CompareConfig) -> list[Finding]:
    out = []
    for ind in cfg.indicators:
        r = rates.get(ind.id)
        if r is None:
            continue
        cells = [*ind.numerator, *ind.denominator]
        v = r.value
        if v is None:
            if r.numerator:
                zh = f"{ind.label}：分子为 {num(r.numerator)}，分母（基数）却为 0"
                en = f"{ind.label_en}: {num(r.numerator)} cases over a base of 0"
                out.append(Finding("rate_range", "warning", cells, 0, r.numerator, zh, en))
            continue
        if ind.low - 1e-9 <= v <= ind.high + 1e-9:
            continue
        zh = (f"{ind.label}为 {pct(v)}（{num(r.numerator)} / {num(r.denominator)}），"
              f"超出 {pct(ind.low)}–{pct(ind.high)} 的合理范围")
        en = (f"{ind.label_en} is {pct(v)} ({num(r.numerator)} / {num(r.denominator)}), "
              f"outside {pct(ind.low)}–{pct(ind.high)}")
        out.append(Finding("rate_range", "warning", cells, ind.high if v > ind.high else ind.low, round(v, 4), zh, en))
    return out
