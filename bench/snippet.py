"""Benchmark the source snippet (ui/snippet.py) against a full-page render in the same run.

For every printed cell of the real reports (../shared/real) and the bundled samples: the time
to render its snippet, beside the time to render its whole page at the page view's
fit-width scale (what the page view does anyway). Prints median and worst of each.

    QT_QPA_PLATFORM=offscreen python bench/snippet.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.extract import extract_pdf  # noqa: E402
from ui.page_renderer import RenderJob, render  # noqa: E402
from ui.pdf_view import PdfView  # noqa: E402
from ui.snippet import render_snippet  # noqa: E402

SHARED = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared"))


def main() -> int:
    app = QApplication.instance() or QApplication([])
    pdfs = sorted((SHARED / "real").glob("*.pdf")) + sorted((ROOT / "resources" / "samples").glob("示例*.pdf"))
    snippets, pages = [], []
    view = PdfView()
    view.resize(600, 800)
    for pdf in pdfs:
        record = extract_pdf(pdf)
        view.set_document(pdf)
        app.processEvents()
        doc, _ = view.open_document_and_geometry(1)
        done_pages = set()
        for cell in record.cells.values():
            if not cell.page:
                continue
            t = time.perf_counter()
            image = render_snippet(view, cell.page, cell.bbox)
            snippets.append(time.perf_counter() - t)
            assert image is not None
            if cell.page not in done_pages:
                done_pages.add(cell.page)
                t = time.perf_counter()
                render(doc, RenderJob(0, cell.page, 600 / 595))
                pages.append(time.perf_counter() - t)
    view.set_document(None)
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.1f} ms, worst {max(xs) * 1000:.1f} ms"  # noqa: E731
    print(f"{len(pdfs)} reports, {len(snippets)} cells")
    print(f"snippet:        {ms(snippets)}")
    print(f"full page (baseline, fit width 600 px): {ms(pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
