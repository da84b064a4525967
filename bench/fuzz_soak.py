"""Soak: thousands of seeded mutations of the fixture PDFs through the extractor.

Every file must give a record or a clean InputError within the time limit.
Prints the outcome counts and every bug found (with the seed to replay it).

    python bench/fuzz_soak.py [--count 5000] [--seed 1] [--timeout 30] [--keep DIR]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.catalog import build_all  # noqa: E402
from tests.fuzzing import classify, mutate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--keep", type=Path, help="copy files that found a bug here")
    args = ap.parse_args()
    out = ROOT / "tests" / "_generated"
    out.mkdir(exist_ok=True)
    sources = [p for _c, p in build_all(out)]
    sources += sorted((ROOT.parent / "shared" / "real").glob("*.pdf"))
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    bugs = []
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp, mp.get_context("spawn").Pool(os.cpu_count(), maxtasksperchild=100) as pool:
        batch = []
        for i in range(args.count):
            src = sources[i % len(sources)]
            kind, data = mutate(src.read_bytes(), rng)
            path = Path(tmp) / f"{i:06d}-{kind}-{src.stem}.pdf"
            path.write_bytes(data)
            batch.append((path, pool.apply_async(classify, (str(path),))))
            if len(batch) >= 200 or i == args.count - 1:
                for path, res in batch:
                    try:
                        outcome = res.get(timeout=args.timeout)
                    except mp.TimeoutError:
                        outcome = f"BUG: no answer within {args.timeout:.0f} s"
                    outcomes[outcome.split(":")[0]] += 1
                    if outcome.startswith("BUG"):
                        bugs.append(f"{path.name}: {outcome}")
                        if args.keep:
                            args.keep.mkdir(parents=True, exist_ok=True)
                            (args.keep / path.name).write_bytes(path.read_bytes())
                    path.unlink()
                batch = []
                print(f"{i + 1}/{args.count} {dict(outcomes)} {time.time() - t0:.0f}s", file=sys.stderr)
    print(f"{args.count} mutated files in {time.time() - t0:.0f} s: {dict(outcomes)}")
    for b in bugs:
        print(b)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
