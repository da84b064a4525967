"""Benchmark: OCR of harsh scans, by family — accuracy, silent errors, seconds per table page, memory.

Families (tests/fixtures/harsh.py; every random choice drawn from --seed):

    scan     200/300 dpi, turned up to ±3.5°, shifted, faded, white/grey/yellowed paper,
             colour or grey, specks, noise σ 4–11, blur ≤ 1 px, JPEG 30–80
    lowdpi   the same at 150 dpi
    photo    phone photos: perspective up to ~6°, corners off by ≤ 4 %, uneven light,
             vignetting, defocus, a darker background
    pasted   born-digital reports with tables 三 and 四 pasted as pictures at 150–200 dpi,
             blurred, JPEG or PNG, scaled 90–100 %
    real     the real reports of ../shared/real rasterised as a "scan"

Every cell is compared with the truth. A wrong cell is *silent* when no
finding points at it (neither ``ocr_uncertain`` nor an error such as a
broken identity) and no problem of the record names it or its table as not
found / not placed. A *false identity error* is an error finding on a report
whose printed tables balance. Report figures from a seed you did not tune on:

    python bench/ocr.py --seed 7 [--families scan lowdpi photo pasted real] [--cases N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extract import extract_pdf  # noqa: E402
from app.extract.ocr import page as ocr_page  # noqa: E402
from app.rules import check  # noqa: E402
from tests.fixtures.scans import score  # noqa: E402

OUT = ROOT / "tests" / "_generated" / "harsh"
REAL = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared")) / "real"
FAMILIES = ("scan", "lowdpi", "photo", "pasted", "real")


class PageTimer:
    """Seconds of every OCR'd page (or region), by (file, page), timed around page.read."""

    def __init__(self):
        self.times: dict[tuple[str, int], float] = {}
        self.current = ""
        real = ocr_page.read

        def timed(image, number, width, height):
            start = time.perf_counter()
            try:
                return real(image, number, width, height)
            finally:
                key = (self.current, number)
                self.times[key] = self.times.get(key, 0.0) + time.perf_counter() - start

        ocr_page.read = timed


def jobs(args) -> list[tuple[str, str, Path, dict, bool]]:
    """(family, label, PDF, truth, balanced) for every report to read."""
    from tests.fixtures.catalog import build_all
    from tests.fixtures.harsh import made

    built = build_all(ROOT / "tests" / "_generated")
    if args.only:
        built = [(c, p) for c, p in built if c.name in args.only]
    out = []
    for family in args.families:
        if family == "real":
            for i, pdf in enumerate(sorted(REAL.glob("*.pdf"))):
                truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
                path, _ = made("scan", OUT, args.seed * 1000 + 500 + i, src=pdf)
                out.append(("real", f"{pdf.stem}", path, truth, False))
            continue
        # a different slice of the catalogue for every family and seed
        start = (args.seed * 7 + FAMILIES.index(family) * 5) % len(built)
        picked = [built[(start + k * 3) % len(built)] for k in range(min(args.cases, len(built)))]
        for k, (case, pdf) in enumerate(picked):
            seed = args.seed * 1000 + k
            if family == "pasted":
                path, _ = made("pasted", OUT, seed, truth=case.truth, layout=case.layout, name=case.name)
            else:
                path, _ = made(family, OUT, seed, src=pdf)
            out.append((family, case.name, path, case.truth, not case.deliberate_errors))
    return out


def named_in_problems(record, cid: str) -> bool:
    table = cid.split(".")[0]
    for p in record.problems:
        if p.cell == cid or (f"({table})" in p.message and "not found" in p.message):
            return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7, help="generation seed (report figures from one not tuned on)")
    ap.add_argument("--families", nargs="*", default=list(FAMILIES), choices=FAMILIES)
    ap.add_argument("--cases", type=int, default=3, help="fixture reports per family")
    ap.add_argument("--only", nargs="*", default=[], help="fixture case names")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every wrong cell")
    args = ap.parse_args()

    todo = jobs(args)
    timer = PageTimer()
    fam: dict[str, dict] = defaultdict(lambda: {"reports": 0, "whole": 0, "cells": 0, "exact": 0, "silent": 0,
                                                "false_errors": 0, "pages": [], "shares": []})
    print(f"{'family':7} {'report':38} {'cells':>5} {'exact':>6} {'wrong':>5} {'silent':>6} "
          f"{'false err':>9} {'s/table pg':>10}")
    for family, label, pdf, truth, balanced in todo:
        timer.current = str(pdf)
        start = time.perf_counter()
        record = extract_pdf(pdf)
        elapsed = time.perf_counter() - start
        s = score(record, truth)
        silent = [c for c in s.silent if not named_in_problems(record, c)]
        errors = [f for f in check(record) if f.severity == "error"] if balanced else []
        with_tables = {c.page for c in record.cells.values()}
        mine = [t for (f, n), t in timer.times.items() if f == str(pdf) and n in with_tables]
        f = fam[family]
        f["reports"] += 1
        f["whole"] += not s.wrong
        f["cells"] += s.cells
        f["exact"] += s.exact
        f["silent"] += len(silent)
        f["false_errors"] += len(errors)
        f["pages"] += mine
        f["shares"].append(s.exact / max(1, s.cells))
        per = statistics.mean(mine) if mine else 0.0
        print(f"{family:7} {label[:38]:38} {s.cells:5d} {s.exact:6d} {len(s.wrong):5d} {len(silent):6d} "
              f"{len(errors):9d} {per:10.2f}   ({elapsed:.0f} s)", flush=True)
        if args.verbose:
            for c in s.wrong:
                cell = record.cells.get(c)
                got = "not found" if cell is None else f"{cell.raw!r} conf {cell.confidence}"
                print(f"        wrong{' SILENT' if c in silent else ''}: {c} = {truth['cells'].get(c)!r}, read {got}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nseed {args.seed}; by family (exact share per report: median / worst):")
    total = defaultdict(int)
    pages: list[float] = []
    for family in args.families:
        f = fam.get(family)
        if not f:
            continue
        for k in ("reports", "whole", "cells", "exact", "silent", "false_errors"):
            total[k] += f[k]
        pages += f["pages"]
        med = statistics.median(f["shares"]) * 100
        worst = min(f["shares"]) * 100
        sp = f["pages"] or [0.0]
        print(f"  {family:7} {f['reports']:2d} reports, {f['whole']:2d} all exact; cells {f['exact']}/{f['cells']} "
              f"({100 * f['exact'] / max(1, f['cells']):.2f} %), per report {med:.1f} / {worst:.1f} %; "
              f"silent {f['silent']}; false identity errors {f['false_errors']}; "
              f"s/table page median {statistics.median(sp):.1f}, worst {max(sp):.1f}")
    print(f"  all     {total['reports']:2d} reports, {total['whole']} all exact; cells {total['exact']}/{total['cells']} "
          f"({100 * total['exact'] / max(1, total['cells']):.2f} %); silent {total['silent']}; "
          f"false identity errors {total['false_errors']}")
    if pages:
        print(f"seconds per table page: median {statistics.median(pages):.2f}, worst {max(pages):.2f} "
              f"({len(pages)} pages or regions; target ≤ 1 s on 2 cores)")
    print(f"peak memory: {peak_mb:.0f} MB (resident, whole process; target ≤ 1 GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
