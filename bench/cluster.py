"""Import throughput on Dask (app.cluster) against the local process pool, in one run.

For the generated fixture reports and the real ones (born-digital), imports the set into a fresh
review file: with the local pool of 1 and 2 workers, and on a LocalCluster of 1 and 2 workers (and
more where the machine has the cores); the cluster is started before the clock starts, as a
standing cluster would be. Prints files per second, seconds per file, and the scaling efficiency
(rate with N workers / (N × rate with 1)). docs/scale.md turns these into the cost of 10^5 reports.

    python bench/cluster.py [--max-workers N] [--repeat R]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app.cluster import connect, import_on_cluster  # noqa: E402
from app.importer import cpu_count, import_paths  # noqa: E402
from app.review import open_review  # noqa: E402


def report_set(folder: Path) -> list[Path]:
    """The fixture reports and the real ones, distinct contents, copied into ``folder``."""
    from fixtures.catalog import build_all

    pdfs = [p for _c, p in build_all()] + sorted(ROOT.glob("resources/samples/*.pdf"))
    folder.mkdir(parents=True, exist_ok=True)
    seen, out = set(), []
    for p in pdfs:
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        out.append(Path(shutil.copy(p, folder / p.name)))
    return out


def timed(run, files: list[Path], tmp: Path, label: str) -> float:
    db = tmp / f"{label}-{time.monotonic_ns()}.sqlite"
    with open_review(db, reviewer="bench") as review:
        t = time.perf_counter()
        summary = run(review, files)
        seconds = time.perf_counter() - t
    assert summary.imported == len(files) and not summary.failed, summary.failures[:3]
    return len(files) / seconds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-workers", type=int, default=max(2, cpu_count()))
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    sizes = sorted({1, 2, *range(4, args.max_workers + 1, 2)} & set(range(1, args.max_workers + 1)))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        files = report_set(tmp / "in")
        print(f"{len(files)} reports (generated fixtures + real), {os.cpu_count()} cores, load "
              f"{os.getloadavg()[0]:.1f}; best of {args.repeat}")
        rates: dict[tuple[str, int], float] = {}
        for n in sizes:
            rates["pool", n] = max(timed(lambda r, f, n=n: import_paths(r, f, workers=n), files, tmp, "pool")
                                   for _ in range(args.repeat))
            client, cluster = connect(f"local:{n}")
            try:
                address = cluster.scheduler_address
                rates["dask", n] = max(timed(lambda r, f, a=address: import_on_cluster(r, f, a), files, tmp, "dask")
                                       for _ in range(args.repeat))
            finally:
                client.close()
                cluster.close()
        for kind in ("pool", "dask"):
            one = rates[kind, 1]
            for n in sizes:
                rate = rates[kind, n]
                print(f"{kind:4s} {n:2d} worker(s): {rate:6.2f} files/s, {n / rate:5.2f} worker-s/file, "
                      f"efficiency {rate / (n * one):4.0%}")
        print(f"dask / pool with {sizes[-1]} workers: {rates['dask', sizes[-1]] / rates['pool', sizes[-1]]:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
