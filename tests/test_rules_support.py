"""Builders for the rules tests: records that satisfy every identity, and slips.

No tests here; test_rules*.py import these.
"""

from __future__ import annotations

import random

from app.model import Cell, Record, Section, Source
from app.templates import get_template

T2021 = "gov-info-annual-2021"
T2019 = "gov-info-annual-2019"
SUB_ROWS = ("other_no_correction", "other_unpaid", "other_other")
APPLICANTS = ("natural", "business", "research", "nonprofit", "legal", "other")
PARTS = ("upheld", "corrected", "other", "pending")


def count(rng: random.Random) -> int:
    """A count as these tables hold them: often 0, sometimes large."""
    r = rng.random()
    if r < 0.35:
        return 0
    if r < 0.65:
        return rng.randint(1, 9)
    if r < 0.9:
        return rng.randint(10, 999)
    return rng.randint(1000, 99999)


def consistent(template_id: str, seed: int, form: str | None = None) -> tuple[dict[str, int | float], list[str]]:
    """Values of a record that satisfies every identity, and the ids it does not print.

    ``form``: "split" (the three （六） sub-rows) or "single" (one （六） row);
    2019 has only "single".
    """
    t = get_template(template_id)
    rng = random.Random(seed)
    form = form or ("split" if template_id == T2021 else "single")
    vals: dict[str, int | float] = {}
    for cid in t.cell_ids():
        if cid.startswith("active."):
            kind = t.kind(cid)
            if kind == "signed":
                vals[cid] = rng.randint(-100, 100)
            elif kind == "amount":
                vals[cid] = round(rng.uniform(0, 20000), 2)
            else:
                vals[cid] = count(rng)
    rows = [r.id for r in t.table("requests").rows]
    outcome = rows[rows.index("granted"): rows.index("handled_total")]
    missing: list[str] = []
    if template_id == T2021:
        drop = ("other_handling",) if form == "split" else SUB_ROWS
        outcome = [r for r in outcome if r not in drop]
        if form == "single":
            missing = [f"requests.{r}.{c}" for r in SUB_ROWS for c in (*APPLICANTS, "total")]
    for col in APPLICANTS:
        v = {r: count(rng) for r in outcome}
        v["handled_total"] = sum(v.values())
        v["carried_out"] = count(rng) if rng.random() < 0.3 else 0
        v["carried_in"] = rng.randint(0, v["handled_total"] + v["carried_out"]) if rng.random() < 0.3 else 0
        v["new"] = v["handled_total"] + v["carried_out"] - v["carried_in"]
        for r, x in v.items():
            vals[f"requests.{r}.{col}"] = x
    for r in ("new", "carried_in", *outcome, "handled_total", "carried_out"):
        vals[f"requests.{r}.total"] = sum(vals[f"requests.{r}.{c}"] for c in APPLICANTS)
    for r in ("reconsideration", "litigation_direct", "litigation_after"):
        parts = {c: count(rng) for c in PARTS}
        for c, x in parts.items():
            vals[f"review.{r}.{c}"] = x
        vals[f"review.{r}.total"] = sum(parts.values())
    return vals, missing


def make_record(
    template_id: str,
    values: dict[str, int | float | None],
    *,
    missing: list[str] | tuple[str, ...] = (),
    blank: list[str] | tuple[str, ...] = (),
    sections: list[Section] | None = None,
    year: int | None = None,
    raw: dict[str, str] | None = None,
) -> Record:
    """A record of ``values`` (cell id → value); ``blank`` cells print "/" and hold 0."""
    cells = {}
    for cid, v in values.items():
        if cid in missing:
            continue
        if cid in blank:
            cells[cid] = Cell(0, "/", 1, (0, 0, 0, 0), blank=True)
        else:
            text = (raw or {}).get(cid, "" if v is None else str(v))
            cells[cid] = Cell(v, text, 1, (0, 0, 0, 0))
    return Record(Source("test.pdf", "", 1), template_id, "测试机关", year, cells, list(missing), sections or [])


def sections(template_id: str, **texts: str) -> list[Section]:
    """The template's six sections, each with ``texts[section id]`` (empty if not given)."""
    t = get_template(template_id)
    return [Section(s.heading, 1, texts.get(s.id, "")) for s in t.sections]


def digit_change(v: int, pos: int, digit: str) -> int:
    s = str(v)
    return int(s[:pos] + digit + s[pos + 1:])


def swap(v: int, pos: int) -> int:
    s = str(v)
    return int(s[:pos] + s[pos + 1] + s[pos] + s[pos + 2:])


def drop(v: int, pos: int) -> int:
    s = str(v)
    return int(s[:pos] + s[pos + 1:] or "0")


def slip_of(v: int, rng: random.Random) -> int | None:
    """A random one-keystroke slip of ``v`` (digit changed, swapped or dropped), or None."""
    s = str(v)
    kinds = ["change"] + (["swap", "drop"] if len(s) > 1 else [])
    kind = rng.choice(kinds)
    if kind == "change":
        pos = rng.randrange(len(s))
        new = digit_change(v, pos, rng.choice([d for d in "0123456789" if d != s[pos]]))
    elif kind == "swap":
        pos = rng.randrange(len(s) - 1)
        new = swap(v, pos)
    else:
        new = drop(v, rng.randrange(len(s)))
    return None if new == v else new


def recompute(template_id: str, values: dict, missing: list[str] | tuple[str, ...] = ()) -> dict:
    """Make ``values`` satisfy every identity again, from the outcome rows and the review parts.

    （七）, 一 and every 总计 are recomputed; 二 is lowered if 一 would go negative.
    """
    rows = [r.id for r in get_template(template_id).table("requests").rows]
    outcome = [r for r in rows[rows.index("granted"): rows.index("handled_total")]
               if f"requests.{r}.natural" in values and f"requests.{r}.natural" not in missing]
    for col in APPLICANTS:
        handled = sum(values[f"requests.{r}.{col}"] for r in outcome)
        values[f"requests.handled_total.{col}"] = handled
        out, cin = values[f"requests.carried_out.{col}"], values[f"requests.carried_in.{col}"]
        cin = min(cin, handled + out)
        values[f"requests.carried_in.{col}"] = cin
        values[f"requests.new.{col}"] = handled + out - cin
    for r in ("new", "carried_in", *outcome, "handled_total", "carried_out"):
        values[f"requests.{r}.total"] = sum(values[f"requests.{r}.{c}"] for c in APPLICANTS)
    for r in ("reconsideration", "litigation_direct", "litigation_after"):
        values[f"review.{r}.total"] = sum(values[f"review.{r}.{c}"] for c in PARTS)
    return values
