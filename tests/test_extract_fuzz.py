"""A few hundred seeded mutations of fixture PDFs: a record or a clean error, never a crash or a hang."""

from __future__ import annotations

import multiprocessing as mp
import random
from collections import Counter

from tests.fixtures.catalog import build_all
from tests.fuzzing import classify, mutate

N = 240
PER_FILE_SECONDS = 20


def test_mutated_pdfs_give_a_record_or_a_clean_error(generated_dir, tmp_path):
    sources = [path for _case, path in build_all(generated_dir)][:8]
    rng = random.Random(20261121)
    jobs = []
    for i in range(N):
        src = sources[i % len(sources)]
        kind, data = mutate(src.read_bytes(), rng)
        path = tmp_path / f"m{i:04d}-{kind}.pdf"
        path.write_bytes(data)
        jobs.append(path)
    outcomes: Counter[str] = Counter()
    bugs = []
    ctx = mp.get_context("spawn")
    with ctx.Pool(2, maxtasksperchild=60) as pool:
        pending = [(p, pool.apply_async(classify, (str(p),))) for p in jobs]
        for path, result in pending:
            outcome = result.get(timeout=PER_FILE_SECONDS)  # a hang fails the test here
            outcomes[outcome.split(":")[0]] += 1
            if outcome.startswith("BUG"):
                bugs.append(f"{path.name}: {outcome}")
    print(dict(outcomes))
    assert not bugs, "\n".join(bugs[:20])
    assert outcomes["record"] > 0 and outcomes["input-error"] > 0
