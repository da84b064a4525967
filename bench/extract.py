"""Benchmark: nianbao's extraction vs pdfplumber's plain extract_text() of every page.

For each report (the generated fixture reports and the real ones), in one
run: the median time of ``extract_pdf`` and, as the baseline, of opening the
same file with pdfplumber and calling ``extract_text()`` on every page. Prints
both medians per file and their ratio; the target is a ratio ≤ 1.0 — read only
what the tables need.

    python bench/extract.py [--repeat 7] [PDF ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from app.extract import extract_pdf  # noqa: E402


def baseline(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def median_time(fn, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def default_reports() -> list[Path]:
    from tests.fixtures.catalog import build_all

    out = ROOT / "tests" / "_generated"
    out.mkdir(exist_ok=True)
    pdfs = [path for _case, path in build_all(out)]
    pdfs += sorted((ROOT.parent / "shared" / "real").glob("*.pdf"))
    return pdfs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    pdfs = args.pdfs or default_reports()
    ratios = []
    print(f"{'report':40} {'pages':>5} {'nianbao ms':>11} {'baseline ms':>12} {'ratio':>6}")
    for pdf in pdfs:
        ours = median_time(extract_pdf, pdf, args.repeat)
        base = median_time(baseline, pdf, args.repeat)
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
        ratios.append(ours / base)
        print(f"{pdf.name[:40]:40} {pages:5d} {ours * 1000:11.1f} {base * 1000:12.1f} {ours / base:6.2f}")
    print(f"median ratio over {len(pdfs)} reports: {statistics.median(ratios):.2f} (target ≤ 1.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
