"""Benchmark of the completeness grid (issue 13): 1,000 agencies × 5 years.

    python bench/completeness.py [--agencies N] [--years N] [--repeat N] [--gui]

Builds a review file with a register of N agencies (provinces, cities,
counties, towns and departments, parents set) and about four in five of
them reporting each year (N × years × 0.8 documents, statuses mixed, a few
failed imports), then times, best and median of --repeat runs:
- the baseline: listing every document with its counts (Review.list_documents);
- the grid: Review.completeness() (target ≤ 100 ms), and with a region and a
  level filter;
- with --gui: the grid drawn in the completeness view's model (offscreen).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.review import open_review  # noqa: E402
from app.store import agencies as sql  # noqa: E402
from app.store.keys import agency_key, utc_now  # noqa: E402

DOC_FIELDS = {"pages": 5, "template": "gov-info-annual-2021", "extracted_at": "", "extractor": "bench",
              "imported_by": "bench", "errors": 0, "warnings": 0, "checked_at": ""}  # fmt: skip


def fill(db: Path, n_agencies: int, n_years: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    now = utc_now()
    with open_review(db, reviewer="bench") as review:
        store = review.store
        with store.write():
            ids: list[int] = []
            for i in range(n_agencies):
                level = "省市县乡"[min(3, i % 7 // 2)]
                name = f"第{i}号{'人民政府' if i % 5 == 0 else '局'}"
                parent = ids[rng.randrange(len(ids))] if ids else None
                a = sql.insert_agency(store, {"name": name, "key": agency_key(name), "level": level,
                                              "kind": "government" if i % 5 == 0 else "department",
                                              "parent_id": parent, "updated_at": now})  # fmt: skip
                sql.set_keys(store, a, [agency_key(name)])
                ids.append(a)
            n = 0
            for y in range(2021, 2021 + n_years):
                for a in ids:
                    if rng.random() > 0.8:
                        continue
                    n += 1
                    doc = store.insert_document({
                        **DOC_FIELDS, "sha256": f"{n:064x}", "path": f"/r/{n}.pdf", "name": f"{n}.pdf",
                        "imported_at": now, "agency": f"第{a - 1}号", "agency_key": None, "year": y,
                        "status": rng.choice(("new", "in_review", "approved")), "errors": rng.randrange(3),
                    })  # fmt: skip
                    sql.set_document_agency(store, doc, a, "name")
            for k in range(n_agencies // 50):
                store.add_import_error({"path": f"/r/第{k}号局{2021 + k % n_years}年.pdf",
                                        "name": f"第{k}号局{2021 + k % n_years}年.pdf", "at": now, "message": "x"})
    return n


def timed(fn, repeat: int) -> tuple[float, float, object]:
    fn()  # warm
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times), out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--agencies", type=int, default=1000)
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--repeat", type=int, default=9)
    p.add_argument("--gui", action="store_true", help="also time drawing the grid in the Qt model")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        t = time.perf_counter()
        docs = fill(db, args.agencies, args.years)
        print(f"set: {args.agencies} agencies × {args.years} years, {docs} documents "
              f"(built in {time.perf_counter() - t:.1f} s)")
        with open_review(db, reviewer="bench") as review:
            best, med, _ = timed(review.list_documents, args.repeat)
            print(f"  baseline list_documents:          {med * 1000:6.1f} ms median, {best * 1000:6.1f} ms best")
            best, med, grid = timed(review.completeness, args.repeat)
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                review.completeness()
                times.append(time.perf_counter() - t)
            worst = max(times)
            verdict = "ok" if med <= 0.1 else "SLOW"
            print(f"  completeness grid:                {med * 1000:6.1f} ms median, {best * 1000:6.1f} ms best, "
                  f"{worst * 1000:6.1f} ms worst (target ≤ 100 ms: {verdict})")
            print(f"    {len(grid.rows)} rows × {len(grid.years)} years; counts {grid.counts()[grid.years[-1]]}")
            best, med, _ = timed(lambda: review.completeness(region="第1号", level="县"), args.repeat)
            print(f"  completeness, region+level filter: {med * 1000:6.1f} ms median, {best * 1000:6.1f} ms best")
            if args.gui:
                import os

                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                from PySide6.QtWidgets import QApplication

                from ui.campaign.completeness_view import CompletenessView

                app = QApplication.instance() or QApplication([])
                view = CompletenessView(review)
                view.show()

                def draw() -> None:
                    view.refresh()
                    view.table.viewport().repaint()
                    app.processEvents()

                best, med, _ = timed(draw, args.repeat)
                print(f"  view refresh and paint:            {med * 1000:6.1f} ms median, {best * 1000:6.1f} ms best")


if __name__ == "__main__":
    main()
