"""Benchmark: nianbao's extraction vs pdfplumber's plain extract_text() of every page.

For each report (the generated fixture reports and the real ones), in one
run: the median time of ``extract_pdf`` and, as the baseline, of opening the
same file with pdfplumber and calling ``extract_text()`` on every page. Prints
both medians per file and their ratio; the target is a ratio ≤ 1.0 — read only
what the tables need.

    python bench/extract.py [--repeat 7] [PDF ...]
    python bench/extract.py --formats text[,web][,image]

``--formats`` times ``app.extract.extract`` on the other formats instead:
"text" — the five seed texts and the tab, space and Markdown renderings of
every fixture report (target ≤ 50 ms a report), beside the same report's PDF
extraction in the same run as the baseline; "web" — every fixture report as
a web page (UTF-8 and GBK) and as a Word file, likewise; "image" — one fixture report as
page images through OCR, beside its scanned PDF.
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


def _text_reports(tmp: Path) -> list[tuple[str, Path, Path | None]]:
    """(label, text file, the same report's PDF or None) for the seeds and every fixture rendering."""
    from tests.fixtures.catalog import build_all
    from tests.fixtures.textrender import STYLES, render_text

    out: list[tuple[str, Path, Path | None]] = []
    built = ROOT / "tests" / "_generated"
    built.mkdir(exist_ok=True)
    pdfs = {case.name: pdf for case, pdf in build_all(built)}
    for seed in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")):
        out.append((seed.name, seed, pdfs.get(f"seed-{seed.name[:3]}")))
    from tests.fixtures.catalog import cases

    for case in cases():
        if case.truth.get("unreadable"):
            continue
        for style in STYLES:
            path = tmp / f"{case.name}.{style}.{'md' if style == 'markdown' else 'txt'}"
            path.write_text(render_text(case.truth, style), encoding="utf-8")
            out.append((path.name, path, pdfs.get(case.name)))
    return out


def bench_text(repeat: int) -> None:
    import tempfile

    from app.extract import extract

    with tempfile.TemporaryDirectory() as tmp:
        reports = _text_reports(Path(tmp))
        times, ratios = [], []
        print(f"{'text report':44} {'text ms':>8} {'same PDF ms':>12} {'ratio':>6}")
        for label, path, pdf in reports:
            ours = median_time(extract, path, repeat)
            base = median_time(extract_pdf, pdf, max(1, repeat // 3)) if pdf else None
            times.append(ours)
            if base:
                ratios.append(ours / base)
            print(f"{label[:44]:44} {ours * 1000:8.1f} "
                  + (f"{base * 1000:12.1f} {ours / base:6.2f}" if base else f"{'-':>12} {'-':>6}"))
    print(f"text: {len(times)} reports, median {statistics.median(times) * 1000:.1f} ms, "
          f"worst {max(times) * 1000:.1f} ms (target ≤ 50 ms); "
          f"median ratio to the same report's PDF {statistics.median(ratios):.2f}")


def _web_reports(tmp: Path) -> list[tuple[str, Path, Path | None]]:
    """(label, web page or Word file, the same report's PDF) for every fixture rendering."""
    from tests.fixtures.catalog import build_all, cases
    from tests.fixtures.docx_render import render_docx
    from tests.fixtures.html_render import render_html

    built = ROOT / "tests" / "_generated"
    built.mkdir(exist_ok=True)
    pdfs = {case.name: pdf for case, pdf in build_all(built)}
    out: list[tuple[str, Path, Path | None]] = []
    for case in cases():
        if case.truth.get("unreadable"):
            continue
        for enc in ("utf-8", "gbk"):
            path = tmp / f"{case.name}.{enc}.html"
            path.write_bytes(render_html(case.truth, enc))
            out.append((path.name, path, pdfs.get(case.name)))
        out.append((f"{case.name}.docx", render_docx(case.truth, tmp / f"{case.name}.docx"), pdfs.get(case.name)))
    return out


def bench_web(repeat: int) -> None:
    import tempfile

    from app.extract import extract

    with tempfile.TemporaryDirectory() as tmp:
        reports = _web_reports(Path(tmp))
        by: dict[str, list[float]] = {"html": [], "docx": []}
        print(f"{'web page / Word report':44} {'ms':>8} {'same PDF ms':>12} {'ratio':>6}")
        for label, path, pdf in reports:
            ours = median_time(extract, path, repeat)
            base = median_time(extract_pdf, pdf, max(1, repeat // 3)) if pdf else None
            by["docx" if label.endswith(".docx") else "html"].append(ours)
            print(f"{label[:44]:44} {ours * 1000:8.1f} "
                  + (f"{base * 1000:12.1f} {ours / base:6.2f}" if base else f"{'-':>12} {'-':>6}"))
    for fmt, times in by.items():
        print(f"{fmt}: {len(times)} reports, median {statistics.median(times) * 1000:.1f} ms, "
              f"worst {max(times) * 1000:.1f} ms (target ≤ 50 ms)")


def bench_image() -> None:
    import tempfile

    import pypdfium2 as pdfium

    from app.extract import extract
    from tests.fixtures.catalog import build_case, case
    from tests.fixtures.scans import scanned, score

    built = ROOT / "tests" / "_generated"
    c = case("gen-2021-plain")
    scan = scanned(build_case(c, built), built / "scans", 7)
    with tempfile.TemporaryDirectory() as tmp:
        doc = pdfium.PdfDocument(str(scan))
        paths = []
        for i in range(len(doc)):
            p = Path(tmp) / f"report-p{i + 1}.jpg"
            doc[i].render(scale=200 / 72).to_pil().convert("L").save(p, quality=80, dpi=(200, 200))
            paths.append(p)
        doc.close()
        t = time.perf_counter()
        record = extract(paths)
        ours = time.perf_counter() - t
    t = time.perf_counter()
    extract_pdf(scan)
    base = time.perf_counter() - t
    s = score(record, c.truth)
    print(f"image: {len(paths)} page images {ours:.1f} s, the scanned PDF {base:.1f} s "
          f"(ratio {ours / base:.2f}); {s.exact}/{s.cells} cells exact, {len(s.wrong)} wrong, "
          f"{len(s.silent)} silent")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--formats", default="", help="comma-separated: text, web, image (instead of the PDFs)")
    args = ap.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if formats:
        if "text" in formats:
            bench_text(args.repeat)
        if "web" in formats:
            bench_web(args.repeat)
        if "image" in formats:
            bench_image()
        return 0
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
