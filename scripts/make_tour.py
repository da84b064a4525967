"""Make the screenshot tour of the workstation in Chinese: docs/tour/*.png and docs/screenshot.png.

Runs the real window on Qt's offscreen platform at 1600×1000 and at a laptop's
1366×768, over a review file of the bundled sample reports plus one file that
failed to import. Run from the repository root:

    .venv/bin/python scripts/make_tour.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

TOUR = ROOT / "docs" / "tour"
SIZES = ((1600, 1000), (1366, 768))
SAMPLES = ROOT / "resources" / "samples"
TYPO = "示例-2021-单元格笔误.pdf"


def build_review(folder: Path) -> Path:
    """A review file of the sample reports, and one damaged file that failed to import."""
    from app.extract import extract_pdf
    from app.review import open_review

    path = folder / "审核-2024.sqlite"
    with open_review(path, reviewer="张审核") as review:
        for pdf in sorted(SAMPLES.glob("*.pdf")):
            review.add_record(extract_pdf(pdf), path=pdf)
        broken = folder / "某县财政局-2023-损坏.pdf"
        broken.write_bytes((SAMPLES / TYPO).read_bytes()[:5000])
        review.record_import_error(broken, "broken PDF: trailer not found", kind="BrokenPdfError")
    return path


def settle(app: QApplication, window, seconds: float = 6.0) -> None:
    """Let the page render (or give up after ``seconds``)."""
    done = {"rendered": False}
    window.pdf.renderFinished.connect(lambda *_: done.update(rendered=True))
    end = time.monotonic() + seconds
    while time.monotonic() < end and not done["rendered"]:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def shot(window, out: Path, dialog: QWidget | None = None) -> None:
    """The window, with a dialog drawn where it would sit, saved to ``out``."""
    image = window.grab().toImage()
    if dialog is not None:
        picture = dialog.grab()
        at = QPoint((image.width() - picture.width()) // 2, (image.height() - picture.height()) // 3)
        painter = QPainter(image)
        painter.drawPixmap(at, picture)
        painter.end()
    image.save(str(out))
    print(f"wrote {out.relative_to(ROOT)}")


def tour(app: QApplication, review: Path, folder: Path, size: tuple[int, int]) -> None:
    from app.importer import ImportSummary
    from ui.main_window import MainWindow

    w, h = size
    settings = QSettings(str(folder / f"ui-{w}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, chinese=True)
    window.resize(w, h)
    window.show()
    assert window.open_review_file(review)
    typo = next(d.id for d in window.queue.model.docs if d.name == TYPO)
    window.open_document(typo)
    panel = window.import_panel
    panel.finish(panel.summary_text(ImportSummary(total=7, imported=6, failed=1, with_errors=3)))
    settle(app, window)
    prefix = TOUR / f"{w}x{h}"
    shot(window, Path(f"{prefix}-1-report.png"))
    window.approve_and_next()  # the report still breaks an identity: a reason is asked
    app.processEvents()
    dialog = window.approve_dialog
    dialog.reason.setPlainText("报告原文如此，已电话核实")
    app.processEvents()
    shot(window, Path(f"{prefix}-2-approve-with-errors.png"), dialog)
    dialog.reject()
    failed_row = len(window.queue.model.docs)
    window.queue.select_row(failed_row)
    app.processEvents()
    shot(window, Path(f"{prefix}-3-failed-import.png"))
    window.close()


def main() -> int:
    from ui import fonts, i18n

    TOUR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["NIANBAO_CONFIG"] = str(folder / "settings.json")
        (folder / "settings.json").write_text('{"reviewer": "张审核"}', encoding="utf-8")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        fonts.install_cjk_font(app)
        i18n.install(app, "zh_CN")
        review = build_review(folder)
        for size in SIZES:
            tour(app, review, folder, size)
    shutil.copy(TOUR / "1600x1000-1-report.png", ROOT / "docs" / "screenshot.png")
    print("wrote docs/screenshot.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
