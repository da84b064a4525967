"""OCR'd cells in the workstation: low confidence shows amber (a warning), like every warning."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from app.extract import extract_pdf  # noqa: E402
from app.review import open_review  # noqa: E402
from tests.fixtures.catalog import build_case, case  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def test_an_uncertain_cell_is_amber(qtbot, tmp_path, generated_dir, monkeypatch):
    pdf = build_case(case("gen-2021-plain"), generated_dir)
    record = extract_pdf(pdf)
    for c in record.cells.values():
        c.confidence = 0.99  # as if read by OCR
    record.cells["requests.granted.natural"].confidence = 0.42
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="tester") as review:
        review.add_record(record, path=pdf)
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    assert win.open_review_file(path)
    win.open_document(win.queue.model.docs[0].id)
    model = win.models["requests"]
    assert model.mark("requests.granted.natural") == "warning"
    assert model.mark("requests.partial.natural") == ""
    assert [f.rule for f in win.state.findings] == ["ocr_uncertain"]
    win.close()
