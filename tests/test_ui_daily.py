"""The workstation as a daily tool (issue 16): focus and keys, what is open, failures kept, a broken file
said in a dialog, a failed write kept on screen — each driven as a reviewer drives it (pytest-qt, offscreen)."""

from __future__ import annotations

import argparse
import sqlite3

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from app.extract import extract_pdf
from app.review import open_review
from tests.fixtures.catalog import build_case, case
from tests.test_ui_workstation import TYPO, doc_id, review_file, type_into_cell, window
from ui.main_window import MainWindow
from ui.table_view import ReportTableView

FIXTURES = (review_file, window)  # the workstation tests' review file and window, shared


def window_on(qtbot, tmp_path, review_path) -> MainWindow:
    """A shown workstation window (settings in ``tmp_path``) on the review file ``review_path``."""
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    win.show()
    assert win.open_review_file(review_path)
    return win


def focused():
    return QApplication.focusWidget()


def test_focus_starts_in_the_table_so_down_does_not_switch_the_filter(qtbot, window):
    window.open_document(doc_id(window, TYPO.name))
    assert isinstance(focused(), ReportTableView), f"focus is in {type(focused()).__name__}"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert window.queue.filter.currentData() == "all"


def test_after_f8_typing_edits_the_selected_cell(qtbot, window):
    window.open_document(doc_id(window, "hongze-2023"))
    window.problems.setFocus()  # the reviewer clicked in the problems panel
    qtbot.keyClick(focused(), Qt.Key.Key_F8)
    cell = window.current_cell_id()
    qtbot.keyClick(focused(), Qt.Key.Key_7)
    editor = focused()
    assert isinstance(editor, QLineEdit), "typing after F8 opens the cell's editor"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.state.value(cell) == 7)


def test_enter_and_tab_move_to_the_next_cell_needing_a_look(qtbot, window):
    from ui.attention import attention_cells

    window.open_document(doc_id(window, "hongze-2023"))
    cells = attention_cells(window.state)
    assert len(cells) >= 2
    window.select_cell(cells[0])
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.current_cell_id() == cells[1]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert window.current_cell_id() == cells[2 % len(cells)]
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert window.current_cell_id() == cells[1]


def test_typing_a_value_and_enter_saves_and_moves_on(qtbot, window):
    window.open_document(doc_id(window, "hongze-2023"))
    first = window.current_cell_id()
    type_into_cell(qtbot, window, "requests.new.natural", "12")
    qtbot.waitUntil(lambda: window.state.value("requests.new.natural") == 12)
    assert window.current_cell_id() != "requests.new.natural" and window.current_cell_id() is not None
    assert first is not None


def test_redo_answers_ctrl_y_and_ctrl_shift_z(qtbot, window):
    redo = window.actions_by_key["redo"]
    keys = {k.toString() for k in redo.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys, keys
    window.open_document(doc_id(window, TYPO.name))
    cell, printed, intended = (TYPO.truth["typo"][k] for k in ("cell", "printed", "intended"))
    window.apply_edit(cell, intended)
    for redo_keys in ((Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                      (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
        window.undo()
        assert window.state.value(cell) == printed
        qtbot.keyClick(focused(), *redo_keys)
        assert window.state.value(cell) == intended


def test_the_open_report_is_named_and_the_queue_highlight_is_never_stale(qtbot, window):
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    assert TYPO.name in window.header.text() and TYPO.name in window.windowTitle()

    def highlighted() -> list[int]:
        return sorted(i.row() for i in window.queue.view.selectionModel().selectedRows())

    assert highlighted() == [window.queue.model.row_of(doc)]
    window.queue.filter.setCurrentIndex(window.queue.filter.findData("approved"))  # nothing approved yet
    assert window.queue.model.rowCount() == 0
    assert window.state is None, "an empty filtered queue shows no report"
    assert not window.models["requests"].state and highlighted() == []
    window.queue.filter.setCurrentIndex(window.queue.filter.findData("all"))
    assert highlighted() == [] and window.state is None
    other = doc_id(window, "hongze-2023")
    window.queue.view.selectionModel().setCurrentIndex(
        window.queue.model.index(window.queue.model.row_of(other), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert window.state.doc_id == other and highlighted() == [window.queue.model.row_of(other)]
    window.open_document(doc)  # opened from elsewhere (F-keys, approve-and-next): the highlight follows
    assert highlighted() == [window.queue.model.row_of(doc)]
    assert window.queue.view.currentIndex().row() == window.queue.model.row_of(doc)


def test_next_year_counts_follow_an_edit_through_the_change_set(qtbot, tmp_path, generated_dir, monkeypatch):
    """Editing last year's report moves next year's cross-year warnings: its queue row follows (OpChanges.related)."""
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    path = tmp_path / "years.sqlite"
    older = extract_pdf(build_case(case("gen-2021-plain"), generated_dir))
    newer = extract_pdf(build_case(case("gen-2021-kangxi"), generated_dir))
    for record, year in ((older, 2020), (newer, 2021)):
        record.agency, record.year = "某某市某某局", year
    with open_review(path, reviewer="tester") as review:
        a = review.add_record(older, path=older.source.path).document_id
        b = review.add_record(newer, path=newer.source.path).document_id
    win = window_on(qtbot, tmp_path, path)
    win.open_document(a)
    before = win.queue.model.docs[win.queue.model.row_of(b)].warnings
    cell = "requests.carried_out.natural"
    carried_in = newer.value("requests.carried_in.natural")
    target = carried_in + 1 if older.value(cell) == carried_in else carried_in
    win.apply_edit(cell, target)
    with open_review(path, create=False) as other:
        stored = other.document(b).warnings
    assert stored != before
    assert win.queue.model.docs[win.queue.model.row_of(b)].warnings == stored
    win.close()


def test_a_broken_review_file_is_said_in_a_dialog(qtbot, tmp_path, monkeypatch):
    from ui import app as gui_app

    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    monkeypatch.setenv("NIANBAO_QSETTINGS", str(tmp_path / "q.ini"))
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "c.json"))
    seen: list[str] = []

    def close_the_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, close_the_dialog)

    QTimer.singleShot(50, close_the_dialog)
    args = argparse.Namespace(review=broken, open=None, lang="en", screenshot=None)
    assert gui_app.run(args) == 2
    assert seen and "broken.sqlite" in seen[0]
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.close()


def test_a_failed_write_keeps_the_typed_value_on_screen_and_retries(qtbot, window, review_file, monkeypatch):
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    cell, printed, intended = (TYPO.truth["typo"][k] for k in ("cell", "printed", "intended"))
    real = window.review.apply_edit

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(window.review, "apply_edit", disk_full)
    type_into_cell(qtbot, window, cell, str(intended))
    model = window.models["requests"]
    qtbot.waitUntil(window.unsaved_bar.isVisible)  # the editor commits on the next event loop turn
    assert "disk is full" in window.unsaved_bar.label.text()
    assert model.mark(cell) == "unsaved"
    assert model.index_of(cell).data() == str(intended), "the typed value stays visible"
    assert window.state.value(cell) == printed
    monkeypatch.setattr(window.review, "apply_edit", real)
    qtbot.mouseClick(window.unsaved_bar.retry, Qt.MouseButton.LeftButton)
    assert not window.unsaved_bar.isVisible() and model.mark(cell) == "edited"
    with open_review(review_file, create=False) as other:
        assert other.record(doc).value(cell) == intended


def test_zh_cn_window_shows_no_english(qtbot, window):
    """Run the window in zh_CN: no Latin letter in what a reviewer reads, outside an allow-list."""
    from tests.ui_text import latin_leftovers
    from ui import i18n

    app = QApplication.instance()
    assert i18n.install(app, "zh_CN")
    try:
        win = MainWindow(window.settings, chinese=True)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        assert win.open_review_file(window.review.path)
        win.review.record_import_error(window.review.path.parent / "坏.pdf", "broken PDF", kind="BrokenPdfError")
        win.refresh_queue()
        win.open_document(doc_id(win, TYPO.name))
        win.apply_edit(TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"] + 1)  # still broken
        panel = getattr(win, "import_panel", None)  # the import summary, kept under the queue
        if panel is not None:
            panel.finish(panel.summary_text(_summary()))
        if hasattr(win, "audit"):
            win.audit.rows()  # (the trail tab fills when shown)
        leftovers = latin_leftovers(win)
        win.approve_and_next()  # still an open error: the reason dialog
        from tests.ui_text import latin_words, widget_texts

        dialogs = [d for d in win.findChildren(QWidget) if d.isWindow() and d.isVisible() and d is not win]
        assert dialogs or not hasattr(win, "approve_dialog"), "the reason dialog is read too"
        leftovers |= {t: latin_words(t) for d in dialogs for t in widget_texts(d) if latin_words(t)}
        assert not leftovers, '\n'.join(f'{t!r}: {w}' for t, w in leftovers.items())
        win.close()
    finally:
        for t in getattr(app, "_nianbao_translators", []):
            app.removeTranslator(t)
        app._nianbao_translators = []


def _summary():
    from app.importer import ImportSummary

    return ImportSummary(total=3, imported=1, skipped=1, failed=1, with_errors=1)


def test_the_reviewer_is_asked_for_a_name_once(qtbot, window, tmp_path, monkeypatch):
    from app.settings import load_settings
    from ui.startup import Startup

    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "first-start.json"))
    dialog = Startup().ask_reviewer(window)
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("李审核")
    dialog.accept()
    assert load_settings().reviewer == "李审核" and window.review.who == "李审核"
    window.open_document(doc_id(window, TYPO.name))
    window.apply_edit(TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"])
    assert window.review.history(window.state.doc_id)[-1].who == "李审核"
    assert Startup().ask_reviewer(window) is None, "asked once"


def test_the_trail_is_in_the_window_and_the_printed_value_beside_the_corrected_one(qtbot, window):
    from app.review.trail_text import local_time
    from ui.table_model import MarkRole, PrintedRole

    window.open_document(doc_id(window, TYPO.name))
    cell, printed, intended = (TYPO.truth["typo"][k] for k in ("cell", "printed", "intended"))
    wrong = intended + 5  # corrected, yet still breaking the identities
    window.apply_edit(cell, wrong)
    index = window.models["requests"].index_of(cell)
    assert index.data(PrintedRole) == str(printed), "the printed value is shown beside the new one"
    assert index.data(MarkRole) in ("error", "suspect"), "and the broken identity still shows"
    window.apply_edit(cell, intended)
    assert index.data(MarkRole) == "edited" and index.data(PrintedRole) == str(printed)
    rows = window.audit.rows()
    entries = [e for e in window.review.history(window.state.doc_id) if e.cell == cell]
    assert len(rows) == len(window.review.history(window.state.doc_id))
    newest = rows[0]
    assert newest[0] == local_time(entries[-1].at) and newest[1] == entries[-1].who
    assert newest[2] == window.state.cell_name(cell) and newest[3:5] == [str(wrong), str(intended)]
    window.audit.only_cell.setChecked(True)
    window.select_cell("requests.new.natural")
    assert window.audit.rows() == []
    window.select_cell(cell)
    assert len(window.audit.rows()) == len(entries)


def test_problems_filter_by_level_and_table_and_ocr_floods_collapse(qtbot, tmp_path, generated_dir, monkeypatch):
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    pdf = build_case(TYPO, generated_dir)
    record = extract_pdf(pdf)
    uncertain = [cid for cid in record.cells if cid.startswith("requests.new.")][:5]
    for c in record.cells.values():
        c.confidence = 0.99  # as if read by OCR
    for cid in uncertain:
        record.cells[cid].confidence = 0.4
    record.cells["active.regulations.issued"].confidence = 0.4
    path = tmp_path / "ocr.sqlite"
    with open_review(path, reviewer="tester") as review:
        review.add_record(record, path=pdf)
    win = window_on(qtbot, tmp_path, path)
    win.open_document(win.queue.model.docs[0].id)
    panel = win.problems
    rules = [f.rule for f in panel.findings()]
    assert rules.count("ocr_uncertain") == 2, "five in one table collapse to one line; the lone one stays"
    group = next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount()) if panel.topLevelItem(i).childCount())
    assert group.childCount() == len(uncertain) and str(len(uncertain)) in group.text(2)
    panel.filter.level.setCurrentIndex(panel.filter.level.findData("error"))
    assert {f.severity for f in panel.findings()} == {"error"}
    panel.filter.level.setCurrentIndex(panel.filter.level.findData("warning"))
    panel.filter.table.setCurrentIndex(panel.filter.table.findData("active"))
    assert [(f.rule, f.cells) for f in panel.findings()] == [("ocr_uncertain", ["active.regulations.issued"])]
    win.close()


def test_reason_opinion_details_and_the_new_statuses_from_the_window(qtbot, window, review_file):
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    cell, intended = TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"]
    window.select_cell(cell)
    window.actions_by_key["correct_reason"].trigger()
    dialog = window.review_actions.dialog
    dialog.number.setText(str(intended))
    dialog.reason.setText("与原件核对")
    dialog.accept()
    assert window.state.value(cell) == intended
    window.actions_by_key["opinion"].trigger()
    window.review_actions.dialog.text.setPlainText("表三（一）笔误，已更正")
    window.review_actions.dialog.accept()
    assert "表三（一）笔误，已更正" in window.header.text()
    window.actions_by_key["details"].trigger()
    d = window.review_actions.dialog
    d.agency.setText("某某县人民政府")
    d.year.setValue(2020)
    d.accept()
    assert "某某县人民政府 2020" in window.header.text()
    window.actions_by_key["return"].trigger()
    row = window.queue.model.docs[window.queue.model.row_of(doc)]
    assert row.status == "returned" and row.agency == "某某县人民政府"
    window.actions_by_key["doubtful"].trigger()
    with open_review(review_file, create=False) as other:
        trail = other.history(doc)
        summary = other.document(doc)
    assert (summary.status, summary.note, summary.year) == ("doubtful", "表三（一）笔误，已更正", 2020)
    assert [e.reason for e in trail if e.cell == cell] == ["与原件核对"]
    assert [e.cell for e in trail if e.cell.startswith("@")][-5:] == ["@note", "@agency", "@year", "@status", "@status"]
    assert len(window.audit.rows()) == len(trail)


def test_the_source_snippet_shows_the_selected_number_large(qtbot, window):
    window.open_document(doc_id(window, "hongze-2023"))
    window.select_cell("requests.new.natural")
    image = window.snippet.image
    assert image is not None and image.height() >= 80
    from ui.snippet import PAD_PT

    cell = window.state.record.cells["requests.new.natural"]
    scale = image.height() / (cell.bbox[3] - cell.bbox[1] + 2 * PAD_PT)  # pixels per point
    assert scale >= 2.5, "digits at least 2.5× their size on the page at 100 %"
    red = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
              if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 90)
    dark = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixelColor(x, y).lightness() < 100)
    assert red > 20 and dark > 20, "the cell is framed, and there is print around it"
    window.select_cell("requests.new.business")
    assert window.snippet.image is not None and window.snippet.image is not image


def test_laptop_layout_keeps_labels_and_headings_and_the_selected_cell_in_view(qtbot, window, qtlog):
    window.resize(1366, 768)
    window.open_document(doc_id(window, "hongze-2023"))
    view = window.views["requests"]
    window.select_cell("requests.other_handling.other")  # far right, far down
    qtbot.wait(20)
    index = view.currentIndex()
    rect = view.visualRect(index)
    frozen = view.frozen
    assert frozen.cols and frozen.rows and frozen.left.isVisible() and frozen.top.isVisible()
    assert view.viewport().rect().contains(rect), "the selected cell is in view"
    assert rect.left() >= frozen.width() and rect.top() >= frozen.height(), "not under the frozen parts"
    assert view.horizontalScrollBar().value() > 0 or view.verticalScrollBar().value() > 0
    assert frozen.left.verticalScrollBar().value() == view.verticalScrollBar().value()
    assert frozen.top.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    assert not [r.message for r in qtlog.records if "span" in r.message], "the frozen parts copy spans cleanly"


def test_splitter_sizes_are_kept(qtbot, window, tmp_path):
    window.resize(1366, 768)
    window.centre.setSizes([700, 500])
    wanted = window.centre.sizes()
    window.close()
    again = MainWindow(window.settings, chinese=True)
    qtbot.addWidget(again)
    again.resize(1366, 768)  # (the offscreen screen is smaller than the saved geometry)
    again.show()
    assert again.centre.sizes() == wanted
    again.close()


def test_confirm_as_printed_clears_the_uncertain_reading_and_least_certain_go_first(qtbot, tmp_path, generated_dir,
                                                                                    monkeypatch):
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    pdf = build_case(case("gen-2021-plain"), generated_dir)
    record = extract_pdf(pdf)
    for c in record.cells.values():
        c.confidence = 0.99
    levels = {"requests.new.natural": 0.8, "requests.granted.natural": 0.4, "active.regulations.issued": 0.6}
    for cid, level in levels.items():
        record.cells[cid].confidence = level
    path = tmp_path / "ocr.sqlite"
    with open_review(path, reviewer="tester") as review:
        doc = review.add_record(record, path=pdf).document_id
    win = window_on(qtbot, tmp_path, path)
    win.open_document(doc)
    win.actions_by_key["by_confidence"].trigger()  # least certain first
    win.select_cell("requests.new.business")
    order = []
    for _ in range(3):
        win.advance()
        order.append(win.current_cell_id())
    assert order == sorted(levels, key=levels.get)
    win.select_cell("requests.granted.natural")
    win.actions_by_key["confirm"].trigger()
    assert "requests.granted.natural" not in {c for f in win.state.findings for c in f.cells}
    assert win.current_cell_id() == "active.regulations.issued", "on to the next uncertain cell"
    assert win.audit.rows()[0][2] == win.state.cell_name("requests.granted.natural")
    with open_review(path, create=False) as other:
        entry = other.history(doc)[-1]
        assert (entry.cell, entry.old_value, entry.new_value) == ("@confirm", 0.4, "requests.granted.natural")
        assert other.record(doc).cells["requests.granted.natural"].confidence == 1.0
        assert other.record(doc).value("requests.granted.natural") == record.value("requests.granted.natural")
    win.close()


def test_read_the_report_again_keeps_the_reviewers_values(qtbot, window, review_file):
    doc = doc_id(window, TYPO.name)
    window.open_document(doc)
    cell, intended = TYPO.truth["typo"]["cell"], TYPO.truth["typo"]["intended"]
    window.apply_edit(cell, intended)
    with qtbot.waitSignal(window.reread_finished, timeout=120000) as signal:
        window.actions_by_key["reread_text"].trigger()
    summary = signal.args[0]
    assert (summary.reextracted, summary.failed, summary.conflicts) == (1, 0, [])
    assert window.state.doc_id == doc and window.state.value(cell) == intended
    with open_review(review_file, create=False) as other:
        assert other.history(doc)[-1].cell == "@extract"
