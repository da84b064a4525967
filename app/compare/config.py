"""The comparison's settings: the ``[compare]`` block of a template TOML (thresholds are data).

The template loader (app/templates.py) keeps what extraction and the checks
need; this module reads the one extra block the comparison needs from the
same file, so the two stay independent. Every key has a default here, so a
template without the block still compares.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from app.errors import TemplateError
from app.templates import Template, get_template


@dataclass(frozen=True)
class Indicator:
    """A rate: Σ numerator cells over Σ denominator cells, trusted from ``min_n`` up."""

    id: str
    label: str
    label_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    outcome: str = ""  # the numerator's name as an outcome of requests (summary charts)
    low: float = 0.0  # a value outside [low, high] is a rate_range warning
    high: float = 1.0


@dataclass(frozen=True)
class CompareConfig:
    repeat_threshold: float = 0.5  # warn above this share of repeated prose
    ngram: int = 10  # a run of this many characters found in last year's text is repeated
    sentence_similarity: float = 90.0  # rapidfuzz ratio from which a sentence counts as repeated
    min_sentence: int = 8  # shorter sentences are matched by n-grams only
    boilerplate: tuple[str, ...] = ()  # regexes of the template's own wording, on normalised text
    jump_factor: float = 5.0
    drop_factor: float = 0.2
    jump_min: float = 30.0  # the larger of the two years at least this
    jump_floor: float = 1.0  # the smaller at least this (a drop to 0 is peer_zero's business)
    jump_cells: tuple[str, ...] = ()
    peer_zero_cells: tuple[str, ...] = ()
    peer_zero_median: float = 10.0  # peers' median at least this …
    peer_zero_min_peers: int = 5  # … among at least this many peers reporting the cell
    min_n: int = 30  # small-sample guard of the indicators
    requests_cell: str = "requests.new.total"  # the summary's 'requests received'
    indicators: tuple[Indicator, ...] = field(default_factory=tuple)


def _tuple(v: Any) -> tuple[str, ...]:
    return tuple(v) if v else ()


@cache
def config_for(template_id: str) -> CompareConfig:
    """The ``[compare]`` settings of a template (defaults where the block says nothing)."""
    template = get_template(template_id)
    return parse_config(template, _raw_block(template))


def _raw_block(template: Template) -> dict[str, Any]:
    if not template.path:
        return {}
    try:
        with open(template.path, "rb") as f:
            return dict(tomllib.load(f).get("compare") or {})
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise TemplateError(f"cannot read the [compare] block: {e}", path=template.path) from e


def parse_config(template: Template, block: dict[str, Any]) -> CompareConfig:
    known = set(template.cell_ids())
    try:
        indicators = tuple(
            Indicator(
                id=i["id"],
                label=i["label"],
                label_en=i.get("label_en", i["id"]),
                numerator=_tuple(i["numerator"]),
                denominator=_tuple(i["denominator"]),
                outcome=i.get("outcome", ""),
                low=float(i.get("range", (0.0, 1.0))[0]),
                high=float(i.get("range", (0.0, 1.0))[1]),
            )
            for i in block.get("indicators", [])
        )
        scalars = {
            k: type(getattr(CompareConfig, k))(block[k])
            for k in ("repeat_threshold", "ngram", "sentence_similarity", "min_sentence",
                      "jump_factor", "drop_factor", "jump_min", "jump_floor",
                      "peer_zero_median", "peer_zero_min_peers", "min_n")
            if k in block
        }  # fmt: skip
        cfg = CompareConfig(
            **scalars,
            boilerplate=_tuple(block.get("boilerplate")),
            jump_cells=_tuple(block.get("jump_cells")),
            peer_zero_cells=_tuple(block.get("peer_zero_cells")),
            requests_cell=str(block.get("requests_cell", "requests.new.total")),
            indicators=indicators,
        )
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise TemplateError(f"malformed [compare] block: {e!r}", path=template.path) from e
    named = set(cfg.jump_cells) | set(cfg.peer_zero_cells) | {cfg.requests_cell}
    for ind in cfg.indicators:
        named |= set(ind.numerator) | set(ind.denominator)
    unknown = sorted(named - known)
    if unknown:
        raise TemplateError(f"[compare] names unknown cells: {', '.join(unknown)}", path=template.path)
    if cfg.ngram < 3:
        raise TemplateError("[compare] ngram must be at least 3", path=template.path)
    return cfg
