"""Benchmark: OCR of scanned reports — accuracy, silent errors, seconds per table page, memory.

Every fixture report of tests/fixtures/catalog.py (and the real reports of
../shared/real) is made to look scanned (tests/fixtures/scans.py: 200 dpi, a
tilt of up to ±1.5°, noise, blur, JPEG) and extracted with OCR; the
born-digital fixtures are also extracted with tables 三 and 四 pasted as
pictures. Every cell is compared with the truth. A wrong cell is *silent*
when no finding points at it: neither ``ocr_uncertain`` nor a broken
identity (or ``counts``) names it.

Prints one line per report, then the totals: cells exact, wrong, silent,
seconds per page that holds a table (target ≤ 3 s on 2 cores) and the
process's peak memory.

    python bench/ocr.py [--only NAME ...] [--no-pasted] [--no-real] [--seed 0]
                        [--noise 10] [--blur 0.7] [--quality 70]   # a harsher scan: 20 1.2 40
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extract import extract_pdf  # noqa: E402
from app.extract.ocr import page as ocr_page  # noqa: E402
from tests.fixtures.scans import Score, score  # noqa: E402

OUT = ROOT / "tests" / "_generated" / "scans"
REAL = ROOT.parent / "shared" / "real"


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


def jobs(args) -> list[tuple[str, Path, dict]]:
    """(label, scanned PDF, truth) for every report to read."""
    from tests.fixtures.catalog import build_all
    from tests.fixtures.scans import pasted, scanned

    out = []
    for i, (case, pdf) in enumerate(build_all(ROOT / "tests" / "_generated")):
        if args.only and case.name not in args.only:
            continue
        out.append((f"{case.name} (scan)", scanned(pdf, OUT, args.seed * 1000 + i, **degrade(args)), case.truth))
        if args.pasted:
            out.append((f"{case.name} (pasted)", pasted(case.truth, case.layout, case.name, OUT, args.seed),
                        case.truth))
    if args.real:
        for i, pdf in enumerate(sorted(REAL.glob("*.pdf"))):
            if args.only and pdf.stem not in args.only:
                continue
            truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
            out.append((f"{pdf.stem} (real, scan)", scanned(pdf, OUT, args.seed * 1000 + 500 + i, **degrade(args)),
                        truth))
    return out


def degrade(args) -> dict[str, float]:
    """The scan's degradation where it differs from scans.scan_pdf's defaults."""
    given = {"noise": args.noise, "blur": args.blur, "quality": args.quality}
    return {k: v for k, v in given.items() if v is not None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", default=[], help="fixture case names (or real report stems)")
    ap.add_argument("--no-pasted", dest="pasted", action="store_false", help="skip tables pasted as pictures")
    ap.add_argument("--no-real", dest="real", action="store_false", help="skip the real reports")
    ap.add_argument("--seed", type=int, default=0, help="scan simulation seed")
    ap.add_argument("--noise", type=float, help="grey-level noise sigma (default 10)")
    ap.add_argument("--blur", type=float, help="Gaussian blur radius in pixels (default 0.7)")
    ap.add_argument("--quality", type=int, help="JPEG quality (default 70)")
    args = ap.parse_args()

    todo = jobs(args)
    timer = PageTimer()
    total = Score()
    table_pages: list[float] = []
    other_pages: list[float] = []
    print(f"{'report':52} {'cells':>5} {'exact':>6} {'wrong':>5} {'silent':>6} {'s/table pg':>10}")
    for label, pdf, truth in todo:
        timer.current = label
        start = time.perf_counter()
        record = extract_pdf(pdf)
        elapsed = time.perf_counter() - start
        s = score(record, truth)
        with_tables = {c.page for c in record.cells.values()}
        mine = {n: t for (f, n), t in timer.times.items() if f == label}
        table_pages += [t for n, t in mine.items() if n in with_tables]
        other_pages += [t for n, t in mine.items() if n not in with_tables]
        per_table = statistics.mean([t for n, t in mine.items() if n in with_tables] or [0.0])
        total.cells += s.cells
        total.exact += s.exact
        total.wrong += [f"{label}: {c}" for c in s.wrong]
        total.silent += [f"{label}: {c}" for c in s.silent]
        total.false_alarms += s.false_alarms
        print(f"{label[:52]:52} {s.cells:5d} {s.exact:6d} {len(s.wrong):5d} {len(s.silent):6d} "
              f"{per_table:10.2f}   ({elapsed:.1f} s in all)")
        for c in s.wrong:
            cell = record.cells.get(c)
            got = "not found" if cell is None else f"{cell.raw!r} conf {cell.confidence}"
            print(f"    wrong{' SILENT' if c in s.silent else ''}: {c} = {truth['cells'].get(c)!r}, read {got}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    share = 100 * total.exact / max(1, total.cells)
    print(f"\n{len(todo)} reports, {total.cells} cells: {total.exact} exact ({share:.2f} %), "
          f"{len(total.wrong)} wrong, {len(total.silent)} silent; "
          f"{total.false_alarms} exact cells warned ocr_uncertain")
    if table_pages:
        print(f"seconds per table page: median {statistics.median(table_pages):.2f}, "
              f"mean {statistics.mean(table_pages):.2f}, max {max(table_pages):.2f} "
              f"({len(table_pages)} pages or regions; target ≤ 3 s)")
    if other_pages:
        print(f"seconds per other page: median {statistics.median(other_pages):.2f} ({len(other_pages)} pages)")
    print(f"peak memory: {peak_mb:.0f} MB (resident, whole process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
