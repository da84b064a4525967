"""Comparison use cases over a review file: one agency's two years, and the whole batch.

The CLI (``nianbao compare``), the queue's columns, the comparison view and the
summary view call these; each reads one consistent snapshot. Repeat rates are
kept in the ``compare_cache`` table (derived data, keyed by both documents'
content and extraction time and by the [compare] settings), so listing a
thousand reports does not re-read their prose.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from app.compare.batch import Batch, Entry, analyse, indicator_labels
from app.compare.config import config_for
from app.compare.indicators import Rate, Spread
from app.compare.pair import PairComparison, compare_records
from app.compare.text import repeat_rate
from app.errors import NianbaoError
from app.model import Finding, Section
from app.review.api import Review
from app.store import comparisons as sql
from app.store.errors import StoreError


def compare_documents(review: Review, doc_id: int, previous_id: int | None = None,
                      *, with_spans: bool = True) -> PairComparison:
    """Document ``doc_id`` against ``previous_id`` (default: the same body's report of the year before),
    with the batch's ``peer_zero`` warnings for this report among the findings."""
    with review.store.read():
        this = review.record(doc_id)
        prev = review.previous_id(doc_id) if previous_id is None else review.document(previous_id).id
        last = None if prev is None else review.record(prev)
        peers = peer_warnings(review, doc_id)
    result = compare_records(this, last, with_spans=with_spans)
    result.findings += peers
    return result


def peer_warnings(review: Review, doc_id: int) -> list[Finding]:
    """``peer_zero`` for one report: only the few cells the rule looks at are read, for its group."""
    from app.compare.outliers import peer_zero_findings
    from app.rules.messages import names_for
    from app.templates import get_template

    store = review.store
    with store.read():
        me = review.document(doc_id)
        try:
            cfg = config_for(me.template)
        except NianbaoError:
            return []
        own = sql.cell_values(store, list(cfg.peer_zero_cells), [doc_id]).get(doc_id, {})
        cells = [c for c in cfg.peer_zero_cells if not own.get(c)]  # the rule looks at 0 or blank only
        if not cells:
            return []
        rows = sql.document_rows(store)
        groups = sql.register_groups(store)

        def group(r: dict[str, Any]) -> str:
            return groups.get(r["agency_key"] or "") or batch_group(r["year"])

        mine = group(next(r for r in rows if r["id"] == doc_id))
        members = [r["id"] for r in rows if group(r) == mine and r["id"] != doc_id]
        values = sql.cell_values(store, cells, members)
    peers = [values.get(i, {}) for i in members]
    names = names_for(get_template(me.template))
    return peer_zero_findings(own, peers, mine, replace(cfg, peer_zero_cells=tuple(cells)), names)


def previous_ids(rows: list[dict[str, Any]]) -> dict[int, int]:
    """document id → the same body's report of the year before (as Review.previous_id picks it)."""
    by_body: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["agency_key"] and r["year"] is not None:
            by_body[(r["agency_key"], r["year"])].append(r)
    out = {}
    for r in rows:
        if not r["agency_key"] or r["year"] is None:
            continue
        cands = [c for c in by_body.get((r["agency_key"], r["year"] - 1), []) if c["id"] != r["id"]]
        if cands:
            best = max(cands, key=lambda c: (c["status"] == "approved", c["id"]))
            out[r["id"]] = best["id"]
    return out


def _key(this: dict[str, Any], prev: dict[str, Any]) -> str:
    cfg = repr(config_for(this["template"]))
    parts = (this["sha256"], this["extracted_at"], prev["sha256"], prev["extracted_at"], cfg)
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]


def repeat_rates(review: Review, ids: Iterable[int] | None = None, *, cache: bool = True,
                 compute: bool = True) -> dict[int, dict[str, Any]]:
    """document id → its repeat rate JSON ({"overall", "sections", "previous_id"}), for reports with a previous year.

    Computed once per pair and kept in the review file; a stale entry (either
    report re-extracted, the settings changed) is recomputed. ``cache=False``
    reads the cache but writes nothing (an export changes nothing);
    ``compute=False`` only reads it (a pair not cached is left out).
    """
    store = review.store
    with store.read():
        rows = sql.document_rows(store)
        by_id = {r["id"]: r for r in rows}
        prevs = previous_ids(rows)
        wanted = [i for i in (by_id if ids is None else ids) if i in prevs]
        stored = sql.cached(store)
        out: dict[int, dict[str, Any]] = {}
        todo = []
        for i in wanted:
            p = prevs[i]
            key = _key(by_id[i], by_id[p])
            hit = stored.get(i)
            if hit is not None and hit[0] == p and hit[1] == key:
                out[i] = {**hit[2], "previous_id": p}
            else:
                todo.append((i, p, key))
        if not compute:
            return out
        texts = sql.sections(store, {x for i, p, _ in todo for x in (i, p)})
    fresh = []
    for i, p, key in todo:
        this = [Section(s["heading"], s.get("page", 0), s.get("text", "")) for s in texts.get(i, [])]
        last = [Section(s["heading"], s.get("page", 0), s.get("text", "")) for s in texts.get(p, [])]
        result = repeat_rate(this, last, by_id[i]["template"]).to_json()
        out[i] = {**result, "previous_id": p}
        fresh.append((i, p, key, result))
    if fresh and cache:
        try:
            with store.write():
                sql.put(store, fresh)
        except (StoreError, NianbaoError):
            pass  # a cache that cannot be written (busy, read-only) is only slower next time
    return out


def batch_entries(review: Review, *, cache: bool = True) -> list[Entry]:
    store = review.store
    with store.read():
        rows = sql.document_rows(store)
        values = sql.cell_values(store)
        groups = sql.register_groups(store)
    prevs = previous_ids(rows)
    rates = repeat_rates(review, cache=cache)
    return [
        Entry(
            id=r["id"],
            template=r["template"],
            year=r["year"],
            group=groups.get(r["agency_key"] or "") or batch_group(r["year"]),
            values=values.get(r["id"], {}),
            previous=values.get(prevs[r["id"]], {}) if r["id"] in prevs else None,
            repeat=(rates.get(r["id"]) or {}).get("overall"),
        )
        for r in rows
    ]


def batch_group(year: int | None) -> str:
    return "同批（年度不详）" if year is None else f"同批 {year} 年报告"


def batch(review: Review) -> Batch:
    """Every report's repeat rate, indicators and outlier warnings; quartiles; groups' pooled rates."""
    return analyse(batch_entries(review))


@dataclass
class ReviewSummary:
    """What the summary charts show."""

    statuses: dict[str, int]  # new / in_review / approved → reports
    findings: list[tuple[str, int, int]]  # open findings: (rule, errors, warnings)
    outcome_labels: list[str]  # the outcome series, in order
    requests: list[tuple[str, int, list[int]]]  # (group, new requests, outcomes per series)
    spreads: dict[str, Spread]
    indicator_labels: dict[str, tuple[str, str]]
    batch: Batch | None = field(default=None, repr=False)
    warnings: list[tuple[dict[str, Any], Finding]] = field(default_factory=list)  # (document row, warning)
    groups: list[tuple[str, int, dict[str, Rate]]] = field(default_factory=list)  # (group, reports, pooled rates)


def summary(review: Review, analysed: Batch | None = None, *, ids: Iterable[int] | None = None,
            cache: bool = True) -> ReviewSummary:
    """The review at a glance: reports by status, open findings by rule, requests and outcomes by group,
    the indicators' spread. ``ids``: only these reports (their peers are still the whole batch)."""
    entries = batch_entries(review, cache=cache)
    analysed = analysed or analyse(entries)
    with review.store.read():
        rows = sql.document_rows(review.store)
        per_doc = sql.findings_by_rule(review.store)
    keep = None if ids is None else set(ids)
    if keep is not None:
        rows = [r for r in rows if r["id"] in keep]
        entries = [e for e in entries if e.id in keep]
    statuses = Counter(r["status"] for r in rows)
    open_ids = {r["id"] for r in rows if r["status"] != "approved"}
    by_rule: dict[str, list[int]] = {}
    for doc_id, rule, errors, warnings in per_doc:
        if doc_id in open_ids:
            acc = by_rule.setdefault(rule, [0, 0])
            acc[0] += errors
            acc[1] += warnings
    for e in entries:  # the comparison's own warnings (not stored with the findings)
        if e.id in open_ids:
            for f in analysed.metrics[e.id].findings:
                by_rule.setdefault(f.rule, [0, 0])[1] += 1
    findings = sorted(((r, e, w) for r, (e, w) in by_rule.items()), key=lambda x: (-(x[1] + x[2]), x[0]))
    by_id = {r["id"]: r for r in rows}
    warnings = [(by_id[e.id], f) for e in entries if e.id in by_id for f in analysed.metrics[e.id].findings]
    labels, requests = outcomes(entries)
    templates = sorted({e.template for e in entries})
    spreads = analysed.spreads if keep is None else analyse_spreads(analysed, keep)
    groups = group_rates(analysed, entries)
    return ReviewSummary(
        {s: statuses.get(s, 0) for s in ("new", "in_review", "approved")},
        findings,
        labels,
        requests,
        spreads,
        indicator_labels(templates or None),
        analysed,
        warnings,
        groups,
    )


def group_rates(analysed: Batch, entries: list[Entry]) -> list[tuple[str, int, dict[str, Rate]]]:
    """Each group's indicators: its (listed) reports' numerators over their bases, pooled."""
    from app.compare.indicators import pooled

    by_group: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_group[e.group].append(e)
    out = []
    for g in sorted(by_group):
        es = by_group[g]
        min_n = config_for(es[0].template).min_n
        rates: dict[str, Rate] = {}
        for ind in analysed.spreads:
            p = pooled([analysed.metrics[e.id].rates[ind] for e in es if ind in analysed.metrics[e.id].rates], min_n)
            if p is not None:
                rates[ind] = p
        out.append((g, len(es), rates))
    return out


def analyse_spreads(analysed: Batch, keep: set[int]) -> dict[str, Spread]:
    from app.compare.indicators import spread

    out = {}
    for ind in analysed.spreads:
        vals = [m.rates[ind].value for i, m in analysed.metrics.items()
                if i in keep and ind in m.rates and not m.rates[ind].small]
        out[ind] = spread(ind, [v for v in vals if v is not None])
    return out


def outcomes(entries: list[Entry]) -> tuple[list[str], list[tuple[str, int, list[int]]]]:
    """Requests received and how they ended, per group.

    The outcome series are the indicators that share the first indicator's
    base (办理结果总计): each one's numerator (named by its ``outcome``), then
    其他结果 for the rest of the base.
    """
    if not entries:
        return [], []
    cfg = config_for(sorted({e.template for e in entries})[-1])
    if not cfg.indicators:
        return [], []
    base = cfg.indicators[0].denominator
    series = [i for i in cfg.indicators if i.denominator == base]
    labels = [i.outcome or i.label for i in series] + ["其他结果"]
    new_cell = cfg.requests_cell
    acc: dict[str, list[int]] = {}
    for e in sorted(entries, key=lambda e: e.group):
        v = e.values
        parts = [int(sum(v.get(c) or 0 for c in i.numerator)) for i in series]
        total = int(sum(v.get(c) or 0 for c in base))
        row = acc.setdefault(e.group, [0] * (len(series) + 2))
        row[0] += int(v.get(new_cell) or 0)
        for k, x in enumerate(parts):
            row[k + 1] += x
        row[-1] += max(total - sum(parts), 0)
    return labels, [(g, r[0], r[1:]) for g, r in acc.items()]


def queue_metrics(review: Review, ids: Iterable[int], *, compute: bool = True) -> dict[int, dict[str, Any]]:
    """For the queue's columns: document id → {"repeat": rate or None, "pending": a previous year
    whose rate is not cached yet (``compute=False``), "over": above the threshold, "rates":
    {indicator: Rate}} — the repeat rate and the report's own indicators."""
    from app.compare.indicators import rates as rates_of

    ids = list(ids)
    repeats = repeat_rates(review, ids, compute=compute)
    with review.store.read():
        rows = {r["id"]: r for r in sql.document_rows(review.store)}
        templates = {rows[i]["template"] for i in ids if i in rows}
        cells: set[str] = set()
        for t in templates:
            try:
                cfg = config_for(t)
            except NianbaoError:
                continue
            for ind in cfg.indicators:
                cells |= {*ind.numerator, *ind.denominator}
        values = sql.cell_values(review.store, sorted(cells), ids) if cells else {}
        prevs = previous_ids(list(rows.values()))
    out: dict[int, dict[str, Any]] = {}
    for i in ids:
        if i not in rows:
            continue
        try:
            cfg = config_for(rows[i]["template"])
        except NianbaoError:
            continue
        rep = (repeats.get(i) or {}).get("overall")
        out[i] = {
            "repeat": rep,
            "pending": i in prevs and i not in repeats,
            "over": rep is not None and rep > cfg.repeat_threshold,
            "rates": rates_of(values.get(i, {}), cfg),
        }
    return out
