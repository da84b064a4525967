"""The review workstation, driven as a reviewer drives it (pytest-qt, offscreen)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QProgressDialog

from app.extract import extract_pdf
from app.review import open_review
from tests.conftest import REAL
from tests.fixtures.catalog import build_case, case
from ui.main_window import MainWindow

TYPO = case("gen-2021-typo-single-digit")


@pytest.fixture
def review_file(tmp_path, generated_dir):
    """A review file holding a report with a one-digit typo, a clean one and hongze-2023."""
    path = tmp_path / "review.sqlite"
    pdfs = [build_case(TYPO, generated_dir), build_case(case("gen-2021-plain"), generated_dir), REAL / "hongze-2023.pdf"]
    with open_review(path, reviewer="tester") as review:
        for pdf in pdfs:
            review.add_record(extract_pdf(pdf), path=pdf)
    return path


@pytest.fixture
def window(qtbot, tmp_path, review_file, monkeypatch):
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, chinese=True)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    win.activateWindow()
    assert win.open_review_file(review_file)
    yield win
    win.close()


def doc_id(win: MainWindow, name: str) -> int:
    return next(d.id for d in win.queue.model.docs if d.name.startswith(name))


def type_into_cell(qtbot, win: MainWindow, cell_id: str, text: str) -> None:
    """Select a cell and type a value with the keyboard, committed with Return."""
    assert win.select_cell(cell_id)
    view = win.views[cell_id.split(".")[0]]
    view.setFocus()
    qtbot.keyClick(view, text[0])  # any key opens the editor with that key
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_known_break_is_red_and_listed(window):
    window.open_document(doc_id(window, TYPO.name))
    cell = TYPO.truth["typo"]["cell"]
    model = window.models["requests"]
    assert model.mark(cell) == "suspect"
    assert model.mark("requests.granted.total") == "error"  # same row: the broken applicants identity
    assert model.mark("requests.handled_total.natural") == "error"  # same column: outcomes
    assert model.mark("requests.new.natural") == ""
    rules = sorted(f.rule for f in window.problems.findings())
    assert rules == ["applicants", "outcomes"]
    assert window.current_cell_id() == cell, "opening a report selects its first problem"


def test_typing_the_right_value_clears_the_red_and_undo_brings_it_back(qtbot, window, review_file):
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    cell, printed, intended = (TYPO.truth["typo"][k] for k in ("cell", "printed", "intended"))
    type_into_cell(qtbot, window, cell, str(intended))
    qtbot.waitUntil(lambda: window.state.value(cell) == intended)
    model = window.models["requests"]
    assert model.mark(cell) == "edited" and not window.problems.findings()
    with open_review(review_file, create=False) as other:  # what another reader of the file sees
        assert other.record(doc).value(cell) == intended
        manual = [e for e in other.history(doc) if e.cell == cell]
        assert [(e.old_value, e.new_value, e.how) for e in manual] == [(printed, intended, "manual")]
    qtbot.keyClick(window.views["requests"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.state.value(cell) == printed)
    assert model.mark(cell) == "suspect"
    with open_review(review_file, create=False) as other:
        assert other.record(doc).value(cell) == printed
        assert [e.how for e in other.history(doc) if e.cell == cell] == ["manual", "undo"]
    qtbot.keyClick(window.views["requests"], Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.state.value(cell) == intended)


def test_rejected_input_says_why_and_changes_nothing(qtbot, window, review_file):
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    cell = "requests.new.business"
    before = window.state.value(cell)
    type_into_cell(qtbot, window, cell, "-3")
    qtbot.waitUntil(lambda: "Not saved" in window.statusBar().currentMessage() or "未保存" in window.statusBar().currentMessage())
    assert window.state.value(cell) == before
    with open_review(review_file, create=False) as other:
        assert not [e for e in other.history(doc) if e.cell == cell]


def test_accept_suggestion_button(qtbot, window):
    window.open_document(doc_id(window, TYPO.name))
    cell, intended = TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"]
    item = window.problems.topLevelItem(0)
    button = window.problems.itemWidget(item, 3)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state.value(cell) == intended)
    assert window.review.history(window.state.doc_id)[-2].how == "suggestion"


def test_accept_shortcut_on_the_cell(qtbot, window):
    window.open_document(doc_id(window, TYPO.name))
    cell, intended = TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"]
    window.select_cell(cell)
    window.actions_by_key["accept"].trigger()
    assert window.state.value(cell) == intended


def test_f8_walks_the_problems(qtbot, window):
    window.open_document(doc_id(window, "hongze-2023"))
    first = window.current_cell_id()
    assert first == "review.reconsideration.total"
    qtbot.keyClick(window.views["review"], Qt.Key.Key_F8)
    assert window.current_cell_id() != first and window.problems.current_index() == 1
    qtbot.keyClick(window.views["review"], Qt.Key.Key_F8)
    assert window.problems.current_index() == 0
    qtbot.keyClick(window.views["review"], Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.problems.current_index() == 1


def test_approve_and_next(qtbot, window, review_file):
    first = doc_id(window, "gen-2021-plain")  # no errors: approved at once
    window.open_document(first)
    window.problems.selectAll()  # approval waits for a decision on every finding
    window.decide_actions.actions["confirmed"].trigger()
    qtbot.keyClick(window.views["active"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.state.doc_id != first
    assert window.queue.model.docs[window.queue.model.row_of(first)].status == "approved"
    with open_review(review_file, create=False) as other:
        assert other.document(first).status == "approved"


def test_approve_with_open_errors_asks_for_a_reason_kept_in_the_trail(qtbot, window, review_file):
    from ui.approve_dialog import ApproveDialog

    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    qtbot.keyClick(window.views["requests"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ApproveDialog)
    assert dialog is not None and dialog.isVisible(), "approving with open errors must ask"
    assert window.review.document(doc).status != "approved" and window.state.doc_id == doc
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled(), "a reason is required"
    dialog.reject()
    assert window.review.document(doc).status != "approved"
    qtbot.keyClick(window.views["requests"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = [d for d in window.findChildren(ApproveDialog) if d.isVisible()][0]
    dialog.reason.insertPlainText("原文如此")  # typed through an input method
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.state is not None and window.state.doc_id != doc)
    row = window.queue.model.docs[window.queue.model.row_of(doc)]
    assert row.status == "approved" and row.errors
    with open_review(review_file, create=False) as other:
        entry = [e for e in other.history(doc) if e.cell == "@status"][-1]
        assert entry.new_value == "approved" and entry.reason.startswith("有 ")
        assert entry.reason.endswith("项问题待定时通过：原文如此")


def test_selected_cell_is_boxed_on_its_page(qtbot, window):
    window.open_document(doc_id(window, "hongze-2023"))
    cid = "requests.new.natural"
    window.select_cell(cid)
    cell = window.state.record.cells[cid]
    box = window.pdf.box_rect()
    assert box is not None
    expected_top_left = window.pdf.scene_point(cell.page, cell.bbox[0], cell.bbox[1])
    expected_bottom_right = window.pdf.scene_point(cell.page, cell.bbox[2], cell.bbox[3])
    assert abs(box.left() - expected_top_left.x()) < 1 and abs(box.top() - expected_top_left.y()) < 1
    assert abs(box.right() - expected_bottom_right.x()) < 1 and abs(box.bottom() - expected_bottom_right.y()) < 1
    assert window.pdf.page_rect(cell.page).contains(box)
    # and clicking the number on the page selects its cell
    window.select_cell("requests.carried_out.total")
    cx, cy = (cell.bbox[0] + cell.bbox[2]) / 2, (cell.bbox[1] + cell.bbox[3]) / 2
    window.pdf.pointClicked.emit(cell.page, cx, cy)
    assert window.current_cell_id() == cid


def test_import_with_a_broken_pdf_in_the_batch(qtbot, window, tmp_path, generated_dir):
    """The import runs in the status bar; its summary stays; a failed file stays in the queue
    as 导入失败 with its reason, can be retried, and is a row of the whole-review export."""
    import shutil

    from openpyxl import load_workbook

    from tests.fixtures import bad

    good = build_case(case("gen-2019-with-procurement"), generated_dir)
    broken = bad.truncated_pdf(tmp_path / "broken.pdf")
    before = len(window.queue.model.docs)
    with qtbot.waitSignal(window.import_finished, timeout=120000) as signal:
        window.import_paths([str(good), str(broken)])
        assert window.import_panel.isVisible() and window.import_panel.running
        assert not window.findChildren(QProgressDialog), "no modal dialog"
    summary = signal.args[0]
    assert (summary.imported, summary.failed) == (1, 1)
    assert len(window.queue.model.docs) == before + 1
    assert any(d.name == good.name for d in window.queue.model.docs)
    window.statusBar().showMessage("another message", 10)
    qtbot.wait(50)
    assert window.import_panel.isVisible() and "1" in window.import_panel.label.text(), "the summary stays"
    model = window.queue.model
    assert [f.name for f in model.failures] == ["broken.pdf"]
    row = len(model.docs)
    assert model.index(row, 0).data() in ("✖ 导入失败", "✖ Import failed")  # no translator installed here
    assert model.index(row, model.COLUMNS.index("name")).data() == "broken.pdf"
    from ui.wording import failure_reason

    failure = model.failures[0]
    assert failure_reason(failure.kind, failure.message) in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    window.queue.select_row(row)  # the reviewer clicks it: the reason and a retry
    assert window.state is None and "broken.pdf" in window.header.text()
    assert window.header.retry.isVisible()
    whole = tmp_path / "whole.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.export(str(whole))
    rows = [r for r in load_workbook(whole, read_only=True)["records"].values if "broken.pdf" in r]
    assert len(rows) == 1 and "import_failed" in rows[0] and "导入失败：" + model.failures[0].message in rows[0]
    shutil.copy(build_case(case("gen-2021-kangxi"), generated_dir), broken)  # repaired
    with qtbot.waitSignal(window.import_finished, timeout=120000):
        qtbot.mouseClick(window.header.retry, Qt.MouseButton.LeftButton)
    assert not model.failures and any(d.name == "broken.pdf" for d in model.docs)


def test_screenshot_command(tmp_path, review_file):
    out = tmp_path / "shot.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "NIANBAO_QSETTINGS": str(tmp_path / "q.ini"),
           "NIANBAO_CONFIG": str(tmp_path / "c.json"), "PATH": "/usr/bin:/bin"}
    import os

    env = {**os.environ, **env}
    result = subprocess.run([sys.executable, "-m", "app", "gui", str(review_file), "--open", "hongze-2023.pdf",
                             "--screenshot", str(out)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 900)
    colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 900, 40)}
    assert len(colours) > 10, "a real picture, not a blank window"


def test_export_from_the_window_in_the_background(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    window.open_document(doc_id(window, TYPO.name))
    one, whole = tmp_path / "one.xlsx", tmp_path / "whole.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.export(str(one), doc_id=window.state.doc_id)
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.export(str(whole))
    assert len(load_workbook(one).sheetnames) >= 3
    rows = list(load_workbook(whole, read_only=True)["records"].values)
    assert len(rows) == 2 + len(window.queue.model.docs)  # two header rows, one row per report


def test_recent_review_files_are_offered(window, review_file):
    window._fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert str(review_file) in texts
