"""Ctrl+V on the queue imports a report pasted as text (a seed text, as an OCR service gives it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from app.errors import InputError
from app.pasted import FOLDER, save_pasted_text
from app.review import open_review
from tests.test_extract_text import _seed_text
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    path = tmp_path / "review.sqlite"
    open_review(path, reviewer="tester").close()
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    win.show()
    assert win.open_review_file(path)
    yield win
    win.close()


def test_ctrl_v_on_the_queue_imports_pasted_text(qtbot, window, tmp_path):
    text = _seed_text(4).read_text(encoding="utf-8")
    QGuiApplication.clipboard().setText(text)
    window.queue.setFocus()
    with qtbot.waitSignal(window.import_finished, timeout=120000) as signal:
        qtbot.keyClick(window.queue, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[0].imported == 1
    docs = window.queue.model.docs
    assert len(docs) == 1 and docs[0].agency == "红寺堡区" and docs[0].year == 2022
    kept = list((tmp_path / FOLDER).glob("粘贴-*.txt"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == text
    record = window.review.record(docs[0].id)
    assert record.source.format == "text" and record.value("active.fees.amount") == 1382.86


def test_pasted_text_is_kept_beside_the_review_file(tmp_path):
    review = tmp_path / "r.sqlite"
    a = save_pasted_text("报告\r\n第二行", review)
    b = save_pasted_text("报告", review)
    assert a != b and a.parent == b.parent == tmp_path / FOLDER
    assert a.read_bytes() == "报告\n第二行".encode()
    with pytest.raises(InputError):
        save_pasted_text("  \n", review)
