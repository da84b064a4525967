"""A few hundred seeded mutations of fixture PDFs: a record or a clean error, never a crash or a hang."""

from __future__ import annotations

import multiprocessing as mp
import random
from collections import Counter

from tests.fixtures.catalog import build_all
from tests.fuzzing import classify, mutate

N = 240
# A hang never ends; a mutated PDF that falls to OCR can take ~40 s on a loaded 2-core machine
# (measured), so the limit that tells a hang from slow work is generous.
PER_FILE_SECONDS = 120


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


def _sources_of_every_format(tmp_path):
    """One clean file per reader: seed texts, a Markdown rendering, a page image, a web page, a Word file."""
    import io
    import zipfile

    from PIL import Image

    from tests.fixtures.textrender import render_text
    from tests.test_extract_text import _seed_text

    out = [(_seed_text(n).read_bytes(), ".txt") for n in (0, 1, 3)]
    truth = __import__("tests.fixtures.catalog", fromlist=["case"]).case("gen-2021-plain").truth
    out.append((render_text(truth, "markdown").encode("utf-8"), ".md"))
    rows = "".join(f"<tr><td>{line}</td></tr>" for line in render_text(truth, "tsv").split("\n")[:80])
    out.append((f"<html><head><meta charset='utf-8'></head><body><table>{rows}</table></body></html>"
                .encode(), ".html"))
    buf = io.BytesIO()
    Image.new("L", (120, 160), 255).save(buf, "PNG")
    out.append((buf.getvalue(), ".png"))
    buf = io.BytesIO()
    Image.new("L", (120, 160), 255).save(buf, "JPEG")
    out.append((buf.getvalue(), ".jpg"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>报告</w:t></w:r></w:p></w:body></w:document>")
    out.append((buf.getvalue(), ".docx"))
    return out


def test_mutated_files_of_every_format_give_a_record_or_a_clean_error(tmp_path):
    """Every reader (and the registry's sniffing) on damaged input: a record or one clean line."""
    from tests.fuzzing import classify_any, mutate_bytes

    rng = random.Random(20261129)
    sources = _sources_of_every_format(tmp_path)
    jobs = []
    for i in range(160):
        data, ext = sources[i % len(sources)]
        kind, bad = mutate_bytes(data, rng)
        path = tmp_path / f"f{i:04d}-{kind}{ext if i % 7 else '.bin'}"
        path.write_bytes(bad)
        jobs.append(path)
    outcomes: Counter[str] = Counter()
    bugs = []
    for path in jobs:  # no OCR: each takes milliseconds, so in this process
        outcome = classify_any(str(path))
        outcomes[outcome.split(":")[0]] += 1
        if outcome.startswith("BUG"):
            bugs.append(f"{path.name}: {outcome}")
    print(dict(outcomes))
    assert not bugs, "\n".join(bugs[:20])
    assert outcomes["record"] > 0 and outcomes["input-error"] > 0
