"""Polish of the workstation: the audit fingerprint shown, source files opened by their exact name."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings

from app.extract import extract_pdf
from app.review import open_review
from tests.conftest import REAL
from tests.test_ui_workstation import TYPO, doc_id, review_file, type_into_cell, window  # noqa: F401
from ui.fingerprint import about_fingerprint
from ui.main_window import MainWindow


def test_status_bar_shows_the_audit_fingerprint_and_follows_every_change(qtbot, window, review_file):  # noqa: F811 (pytest fixtures imported above)
    before = window.review.audit_fingerprint()
    assert window.fingerprint.text().endswith(before.short)
    assert before.short in about_fingerprint(window.review)
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    cell, intended = TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"]
    type_into_cell(qtbot, window, cell, str(intended))
    qtbot.waitUntil(lambda: window.state.value(cell) == intended)
    after = window.review.audit_fingerprint()
    assert after.count > before.count and after.head != before.head
    assert window.fingerprint.text().endswith(after.short)
    with open_review(review_file, create=False) as other:  # the shown value is the file's own
        assert other.audit_fingerprint().short == after.short
    window.close_review()
    assert window.fingerprint.text() == "" and about_fingerprint(None) == ""


def test_pdf_view_opens_a_gbk_named_source_file(qtbot, tmp_path, monkeypatch):
    gbk = Path(os.fsdecode(bytes(tmp_path) + b"/" + "洪泽区2023年报.pdf".encode("gbk")))
    shutil.copyfile(REAL / "hongze-2023.pdf", gbk)
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="tester") as review:
        review.add_record(extract_pdf(gbk), path=gbk)
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    assert win.open_review_file(path)
    (doc,) = win.queue.model.docs
    win.open_document(doc.id)
    assert win.pdf.page_count() > 0, win.pdf.message()
    win.close()
