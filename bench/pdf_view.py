"""Benchmark: the PDF page view — time to the first page painted, and memory with 100 pages.

Builds a 100-page PDF from the real report's pages (repeated), or takes the
PDF given, then in one process:

1. opens it ``--repeat`` times and reports the median time from
   ``set_document`` to the call's return (layout ready) and to the first page
   painted (render arrived and the viewport repainted);
2. scrolls through every page, waiting at each for its render, and reports
   the renders made, the pages cached at the end, and the peak RSS of the
   whole process (``resource.getrusage``). Target: ≤ 400 MB.

    python bench/pdf_view.py [--repeat 5] [--zoom 1.5] [--size 900x1000] [--distinct-fonts] [PDF]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.pdf_view import PdfView  # noqa: E402

SOURCE = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared")) / "real" / "hongze-2023.pdf"


def build_hundred(folder: Path, distinct: bool) -> Path:
    """A 100-page PDF of real report pages (the 5-page report 20 times).

    Normally the copies share their fonts, as the pages of one report do;
    ``distinct`` gives every copy its own fonts (like 20 reports merged into
    one file), the worst case for pdfium's per-document caches.
    """
    out = folder / ("hundred-distinct.pdf" if distinct else "hundred.pdf")
    src = pdfium.PdfDocument(str(SOURCE))
    doc = pdfium.PdfDocument.new()
    if distinct:
        while len(doc) < 100:
            doc.import_pages(src)
    else:
        doc.import_pages(src, list(range(len(src))) * (100 // len(src)))
    doc.save(str(out))
    doc.close()
    src.close()
    return out


def wait_until(condition, timeout: float = 10.0) -> bool:
    end = time.perf_counter() + timeout
    loop = QEventLoop()
    while not condition():
        if time.perf_counter() > end:
            return False
        QTimer.singleShot(1, loop.quit)
        loop.exec()
    return True


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def time_first_paint(view: PdfView, pdf: Path) -> tuple[float, float]:
    view.set_document(None)
    wait_until(lambda: view.pending_renders() == 0)
    arrived: list[int] = []
    view.renderFinished.connect(arrived.append)
    t0 = time.perf_counter()
    view.set_document(str(pdf))
    opened = time.perf_counter() - t0
    if not wait_until(lambda: 1 in arrived):
        raise SystemExit("no render arrived")
    view.viewport().repaint()
    painted = time.perf_counter() - t0
    view.renderFinished.disconnect(arrived.append)
    return opened, painted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", type=Path, help="PDF to open (default: 100 real pages)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--zoom", type=float, default=0.0, help="zoom (pixels per point); default fit width")
    ap.add_argument("--size", default="900x1000", help="view size in pixels, WxH")
    ap.add_argument("--distinct-fonts", action="store_true",
                    help="every 5 pages carry their own fonts (worst case for pdfium's caches)")
    args = ap.parse_args(argv)

    app = QApplication.instance() or QApplication([])
    view = PdfView()
    w, h = (int(v) for v in args.size.split("x"))
    view.resize(w, h)
    view.show()
    wait_until(lambda: view.isVisible())
    base = rss_mb()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf or build_hundred(Path(tmp), args.distinct_fonts)
        times = [time_first_paint(view, pdf) for _ in range(args.repeat)]
        opened = statistics.median(t[0] for t in times)
        painted = statistics.median(t[1] for t in times)
        print(f"{pdf.name}: {view.page_count()} pages, view {w}x{h}, device pixel ratio "
              f"{view.devicePixelRatioF():g}")
        print(f"set_document returns   {opened * 1000:7.1f} ms (median of {args.repeat})")
        print(f"first page painted     {painted * 1000:7.1f} ms")

        if args.zoom:
            view.set_zoom(args.zoom)
        shown0 = view.renders_shown
        t0 = time.perf_counter()
        for page in range(1, view.page_count() + 1):
            view.go_to_page(page)
            if not wait_until(lambda p=page: p in view.cached_pages()):
                raise SystemExit(f"page {page} never rendered")
        wait_until(lambda: view.pending_renders() == 0)
        scrolled = time.perf_counter() - t0
        renders = view.renders_shown - shown0
        print(f"scroll through, zoom {view.zoom_factor():.2f}: {scrolled:.2f} s, {renders} renders "
              f"({scrolled / max(renders, 1) * 1000:.1f} ms each), {view.renders_dropped} dropped, "
              f"{len(view.cached_pages())} pages cached")
        print(f"RSS: {base:.0f} MB before opening, {rss_mb():.0f} MB now, peak {peak_rss_mb():.0f} MB "
              "(target ≤ 400 MB)")
        view.set_document(None)
    view.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
