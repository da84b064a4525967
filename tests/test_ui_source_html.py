"""The workstation's source view for web pages and Word files: select a cell → its printed table cell
is highlighted; click a printed cell → the record's cell there is selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.review import open_review
from tests.fixtures import catalog
from tests.fixtures.docx_render import render_docx
from tests.fixtures.html_render import render_html
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


def test_review_an_html_and_a_docx_report(qtbot, window, tmp_path):
    truth = catalog.case("gen-2021-plain").truth
    html = tmp_path / "page.html"
    html.write_bytes(render_html(truth, "gbk"))
    word = render_docx(catalog.case("gen-2021-label-quirks").truth, tmp_path / "report.docx")
    with qtbot.waitSignal(window.import_finished, timeout=120000) as signal:
        window.import_paths([html, word])
    assert signal.args[0].imported == 2
    for doc in window.queue.model.docs:
        window.open_document(doc.id)
        record = window.state.record
        assert record.source.format in ("html", "docx")
        view = window.source_html
        assert view.isVisible() and not window.pdf.isVisible()
        assert window.select_cell("requests.new.total")
        a = record.cells["requests.new.total"].anchor
        assert view.selected == f"{a.table}-{a.row}-{a.col}"
        assert "#ffe08a" in view.toHtml()
        b = record.cells["review.reconsideration.total"].anchor
        view.cellClicked.emit(b.table, b.row, b.col)
        assert window.current_cell_id() == "review.reconsideration.total"
        assert view.selected == f"{b.table}-{b.row}-{b.col}"


def test_import_dialog_lists_every_format(qtbot, window):
    from ui.source_html import import_filter

    f = import_filter()
    for pattern in ("*.pdf", "*.html", "*.shtml", "*.mhtml", "*.docx", "*.doc", "*.wps", "*.txt", "*.md", "*.jpg",
                    "*.tif"):
        assert pattern in f.split("(", 1)[1], pattern


def test_review_a_text_report(qtbot, window, tmp_path):
    """A seed text: the selected cell's line and characters highlighted; a click there selects it."""
    from PySide6.QtGui import QTextCursor

    from tests.test_extract_text import _seed_text

    with qtbot.waitSignal(window.import_finished, timeout=120000):
        window.import_paths([_seed_text(4)])
    window.open_document(window.queue.model.docs[0].id)
    view = window.source_html
    assert view.isVisible() and not window.pdf.isVisible()
    record = window.state.record
    assert window.select_cell("active.fees.amount")
    a = record.cells["active.fees.amount"].anchor
    marks = view.extraSelections()
    assert len(marks) == 1 and marks[0].cursor.selectedText() == record.cells["active.fees.amount"].raw
    b = record.cells["requests.new.total"].anchor
    block = view.document().findBlockByNumber(b.line - 1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + b.start)
    view.setTextCursor(cursor)  # as a click there puts it
    assert window.current_cell_id() == "requests.new.total"
    assert a != b
