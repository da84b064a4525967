"""Benchmark: a full check of one record, and the re-check after one edit.

Records: the seeds' truth (tests/fixtures/seeds, with their prose) and the
real reports' truth (../shared/real, when present). For each, the median time
of a full check (``Checker(record).findings()``: expand nothing — the template
plan is cached — resolve, evaluate, localise, read the prose) and of an
incremental re-check (``checker.set_value`` of one cell in the tables,
alternately slipping it and restoring it, so half the edits localise a fresh
break). Targets: full < 1 ms, incremental < 0.1 ms.

    python bench/check.py [--repeat 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.model import Cell, Record, Section, Source  # noqa: E402
from app.rules import Checker  # noqa: E402
from app.rules.plan import plan_for  # noqa: E402
from app.templates import get_template  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
REAL = ROOT.parent / "shared" / "real"
PROSE = {"overview": "overview", "problems": "issues", "other": "other"}


def record(truth: dict, prose: dict[str, list[str]] | None) -> Record:
    t = get_template(truth["template"])
    blank = set(truth.get("blank", []))
    cells = {
        k: Cell(0 if k in blank else v, "/" if k in blank else str(v), 1, (0, 0, 0, 0), blank=k in blank)
        for k, v in truth["cells"].items()
    }
    secs = []
    if prose:
        key = {v: k for k, v in PROSE.items()}
        secs = [Section(s.heading, 1, "\n".join(prose.get(key.get(s.id, ""), []))) for s in t.sections]
    return Record(Source("bench", "", 1), truth["template"], truth.get("agency"), truth.get("year"),
                  cells, list(truth.get("missing", [])), secs)


def records() -> list[tuple[str, Record]]:
    out = []
    for p in sorted(SEEDS.glob("*.json")):
        truth = json.loads(p.read_text(encoding="utf-8"))
        out.append((p.stem, record(truth, truth.get("prose"))))
    for p in sorted(REAL.glob("*.json")):
        out.append((p.stem, record(json.loads(p.read_text(encoding="utf-8")), None)))
    return out


def median_us(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(0)
    print(f"{'record':<14} {'findings':>8} {'full µs':>9} {'edit µs':>9}")
    fulls, edits = [], []
    for name, rec in records():
        checker = Checker(rec)  # warms the template plan and the compiled patterns
        n = len(checker.findings())
        full = median_us(lambda rec=rec: Checker(rec).findings(), args.repeat)
        plan = plan_for(checker.template)
        cells = [c for c in plan.by_cell if checker.values.get(c) is not None]
        state = {"i": 0}

        def edit(checker=checker, cells=cells, state=state):
            i = state["i"]
            state["i"] += 1
            cell = cells[(i // 2) % len(cells)]
            v = checker.values[cell]
            checker.set_value(cell, v + 1 if i % 2 == 0 else v - 1)

        rng.shuffle(cells)
        inc = median_us(edit, args.repeat * 2)
        fulls.append(full)
        edits.append(inc)
        print(f"{name:<14} {n:>8} {full:>9.1f} {inc:>9.1f}")
    full, inc = statistics.median(fulls), statistics.median(edits)
    print(f"{'median':<14} {'':>8} {full:>9.1f} {inc:>9.1f}")
    print(f"full check: {full / 1000:.3f} ms (target < 1 ms); "
          f"incremental re-check: {inc / 1000:.4f} ms (target < 0.1 ms)")
    return 0 if full < 1000 and inc < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
