"""Start the workstation: ``nianbao gui [REVIEW.sqlite] [--open DOC] [--screenshot FILE.png]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from platformdirs import user_data_path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.errors import NianbaoError
from resources import ROOT
from ui import fonts, i18n
from ui.main_window import MainWindow
from ui.startup import Startup

SCREENSHOT_SIZE = (1600, 900)
SCREENSHOT_TIMEOUT_MS = 20000


def sample_review_path() -> Path:
    return user_data_path("nianbao", appauthor=False) / "sample-review.sqlite"


def make_settings() -> QSettings:
    """QSettings in the usual place, or in the ini file NIANBAO_QSETTINGS names (tests)."""
    override = os.environ.get("NIANBAO_QSETTINGS")
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings("Nianbao", "Nianbao")


def find_document(window: MainWindow, doc: str) -> int | None:
    """A document by id or by its file name as imported."""
    assert window.review is not None
    if doc.isdigit():
        return int(doc)
    for d in window.review.list_documents(text=Path(doc).name):
        if d.name == Path(doc).name:
            return d.id
    return None


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Nianbao")
    app.setOrganizationName("Nianbao")
    app.setWindowIcon(QIcon(str(ROOT / "icons" / "nianbao.png")))
    fonts.install_cjk_font(app)
    settings = make_settings()
    chinese = i18n.install(app, getattr(args, "lang", None) or i18n.language(settings))
    window = MainWindow(settings, chinese=chinese)
    if args.screenshot:
        window.resize(*SCREENSHOT_SIZE)
    review = args.review or settings.value("review/last")
    sample = False
    if not review or not Path(str(review)).exists() and not args.review:
        review, sample = sample_review_path(), True
        review.parent.mkdir(parents=True, exist_ok=True)
    window.show()
    try:
        opened = window.open_review(review)
    except Exception as e:  # noqa: BLE001 — a broken file named on the command line or double-clicked
        Startup().cannot_open(window, str(review), str(e) if isinstance(e, NianbaoError) else f"{type(e).__name__}: {e}")
        window.close()
        return 2
    if not opened:
        return 2
    if not args.screenshot:
        window.reviewer_dialog = Startup().ask_reviewer(window)

    def open_wanted() -> None:
        if args.open:
            doc_id = find_document(window, args.open)
            if doc_id is None:
                print(f"nianbao: no report {args.open!r} in {review}", file=sys.stderr)
                app.exit(2)
                return
            window.open_document(doc_id)
        elif window.state is None and window.queue.model.docs:
            first = next((d for d in window.queue.model.docs if d.errors), window.queue.model.docs[0])
            window.open_document(first.id)

    if sample and not window.queue.model.docs:
        window.review_changed.connect(open_wanted)  # after the samples arrive
        window.fill_samples()
    else:
        open_wanted()
    if args.screenshot:
        _schedule_screenshot(app, window, Path(args.screenshot))
    return app.exec()


def _schedule_screenshot(app: QApplication, window: MainWindow, out: Path) -> None:
    """Save the window once a report and its page are shown (or at the time limit), then quit."""
    done = {"saved": False}

    def save() -> None:
        if done["saved"]:
            return
        done["saved"] = True
        app.processEvents()
        ok = window.grab().save(str(out))
        print(f"nianbao: {'wrote' if ok else 'could not write'} {out}", file=sys.stderr)
        window.close()
        app.exit(0 if ok else 2)

    def when_rendered(*_args) -> None:
        if window.state is not None:
            QTimer.singleShot(300, save)

    window.pdf.renderFinished.connect(when_rendered)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, save)
