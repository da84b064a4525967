"""Benchmark: what decisions cost — re-checking with open-finding counts, deciding, the problem lists.

    python bench/decisions.py [--docs 300] [--repeat 3]

Builds a review file of ``--docs`` reports from the real reports' truth (each
with its own sha, one in three with a typo that breaks identities), then
measures, in the same run:

- ``recheck`` of every report with the open-finding count (the hook in
  ``Review._recheck``) against the baseline: the same recheck with the count
  switched off;
- deciding every finding (one ``decide_many`` per report);
- ``export_problem_list`` (a .docx per agency, the workbook) per report,
  against the baseline ``export_review`` of the same reports.

Prints JSON: medians and worst of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_store_helpers import truth_record, with_sha  # noqa: E402

from app.export import export_review  # noqa: E402
from app.export.problem_list import export_problem_list  # noqa: E402
from app.review import open_review  # noqa: E402


def build(path: Path, n: int) -> None:
    with open_review(path, reviewer="bench") as r:
        for i in range(n):
            rec = with_sha(truth_record(("hongze-2023", "hongze-2024")[i % 2]), f"b{i}")
            rec.agency = f"第{i % 40}市第{i}县人民政府"
            if i % 3 == 0:
                rec.cells["requests.new.natural"].value += 7
            r.add_record(rec)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    runs: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "r.sqlite"
        build(db, args.docs)
        for k in range(args.repeat):
            with open_review(db, reviewer="bench") as r:
                runs.setdefault("recheck_s", []).append(timed(r.recheck))
                counted = r._count_open
                r._count_open = lambda *a: 0
                runs.setdefault("recheck_baseline_s", []).append(timed(r.recheck))
                r._count_open = counted
                if k == 0:

                    def decide_all(r=r) -> None:
                        for d in r.list_documents():
                            keys = [kf.key for kf in r.keyed_findings(d.id)]
                            r.decide_many(d.id, keys, "confirmed", comment="bench")

                    runs["decide_all_s"] = [timed(decide_all)]
                out = Path(tmp) / f"out{k}"
                book = Path(tmp) / f"all{k}.xlsx"
                runs.setdefault("problems_s", []).append(
                    timed(lambda r=r, out=out: export_problem_list(r, out))
                )
                runs.setdefault("export_review_baseline_s", []).append(
                    timed(lambda r=r, book=book: export_review(r, book))
                )
    result = {"docs": args.docs}
    for name, values in runs.items():
        result[name] = {"median": round(statistics.median(values), 3), "worst": round(max(values), 3)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
