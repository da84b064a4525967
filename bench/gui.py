"""Benchmark the workstation: start-up, opening a report, edit-to-repaint, memory with a 100-page PDF.

Prints, in one run (offscreen):
- time from process start to the first painted main window (median of 3 cold starts; target 1.5 s)
- time to open a report: tables shown, and page shown (median over reports; target 300 ms)
- time from an edit to the repaint of its check colours (median of 30 edits; target 16 ms)
- peak memory (max RSS) with a 100-page PDF open and scrolled through (target 400 MB)

    QT_QPA_PLATFORM=offscreen python bench/gui.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_CHILD = r"""
import os, sys, time
t0 = float(os.environ["BENCH_T0"])
sys.path.insert(0, os.environ["BENCH_ROOT"])
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
from ui import fonts
from ui.main_window import MainWindow
app = QApplication([])
fonts.install_cjk_font(app)
win = MainWindow(QSettings(os.environ["BENCH_INI"], QSettings.Format.IniFormat))
class First(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(time.time() - t0, flush=True)
            os._exit(0)
        return False
f = First(); win.installEventFilter(f)
win.open_review_file(os.environ["BENCH_DB"])
win.show()
app.exec()
"""


def first_paint(db: Path, tmp: Path) -> float:
    times = []
    for i in range(3):
        env = {**os.environ, "BENCH_T0": repr(time.time()), "BENCH_ROOT": str(ROOT), "BENCH_DB": str(db),
               "BENCH_INI": str(tmp / f"s{i}.ini")}
        out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, env=env, timeout=60)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def build_review(tmp: Path) -> Path:
    from app.extract import extract_pdf
    from app.review import open_review
    from tests.fixtures.catalog import build_all

    db = tmp / "bench.sqlite"
    pdfs = [p for _c, p in build_all(ROOT / "tests" / "_generated")][:12]
    pdfs += sorted((ROOT.parent / "shared" / "real").glob("*.pdf"))
    with open_review(db, reviewer="bench") as review:
        for pdf in pdfs:
            review.add_record(extract_pdf(pdf), path=pdf)
    return db


def hundred_pages(tmp: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(ROOT.parent / "shared" / "real" / "hongze-2023.pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < 100:
        out.import_pages(src)
    path = tmp / "hundred.pdf"
    out.save(str(path))
    return path


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui import fonts
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        os.environ["NIANBAO_CONFIG"] = str(tmp / "settings.json")
        db = build_review(tmp)
        start = first_paint(db, tmp)

        app = QApplication.instance() or QApplication([])
        fonts.install_cjk_font(app)
        win = MainWindow(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
        win.resize(1600, 900)
        win.show()
        win.open_review_file(db)
        app.processEvents()

        tables, pages = [], []
        for d in win.queue.model.docs:
            rendered = []
            win.pdf.renderFinished.connect(rendered.append)
            t0 = time.perf_counter()
            win.open_document(d.id)
            win.tabs.currentWidget().viewport().repaint()
            tables.append(time.perf_counter() - t0)
            while not rendered and time.perf_counter() - t0 < 5:
                app.processEvents()
            pages.append(time.perf_counter() - t0)
            win.pdf.renderFinished.disconnect(rendered.append)

        win.open_document(win.queue.model.docs[0].id)
        view = win.views["requests"]
        model = win.models["requests"]
        cid = "requests.new.natural"
        index = model.index_of(cid)
        win.select_cell(cid)  # its tab shown, so the repaint really paints
        app.processEvents()
        original = win.state.value(cid)
        edits = []
        for k in range(30):
            value = original + 1 + (k % 2) if k % 2 == 0 else original
            t0 = time.perf_counter()
            model.setData(index, str(value))
            view.viewport().repaint()
            edits.append(time.perf_counter() - t0)

        big = hundred_pages(tmp)
        win.pdf.set_document(str(big))
        for page in range(1, 101, 3):
            win.pdf.go_to_page(page)
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 0.05:
                app.processEvents()
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        win.close()

    print(f"start to first painted window : {start * 1000:7.0f} ms   (median of 3 cold starts; target 1500 ms)")
    print(f"open a report, tables shown   : {statistics.median(tables) * 1000:7.1f} ms   (median of {len(tables)}; target 300 ms)")
    print(f"open a report, page shown     : {statistics.median(pages) * 1000:7.1f} ms   (median of {len(pages)}; target 300 ms)")
    print(f"edit to repainted colours     : {statistics.median(edits) * 1000:7.1f} ms   (median of {len(edits)}; target 16 ms)")
    print(f"peak memory, 100-page PDF open: {rss_mb:7.0f} MB   (max RSS; target 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
