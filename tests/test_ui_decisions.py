"""Deciding findings in the workstation: the 决定 column, single and bulk decisions, approval guard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from app.extract import extract_pdf
from app.review import open_review
from tests.fixtures.catalog import build_case, case
from ui.decide_actions import decision_names
from ui.main_window import MainWindow

TYPO = case("gen-2021-typo-single-digit")


@pytest.fixture
def review_file(tmp_path, generated_dir):
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="tester") as review:
        for c in (TYPO, case("gen-2021-plain")):
            pdf = build_case(c, generated_dir)
            review.add_record(extract_pdf(pdf), path=pdf)
    return path


@pytest.fixture
def window(qtbot, tmp_path, review_file, monkeypatch):
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    assert win.open_review_file(review_file)
    win.open_document(typo_id(win))
    yield win
    win.close()


def typo_id(win) -> int:
    return next(d.id for d in win.queue.model.docs if d.name.startswith(TYPO.name))


def select_only(win, i: int) -> None:
    win.problems.clearSelection()
    win.problems.select_index(i)
    win.problems.topLevelItem(i).setSelected(True)
    assert len(win.decide_actions.selected_keys()) == 1


def column_texts(win) -> list[str]:
    panel, col = win.problems, win.decide_actions.column
    return [panel.topLevelItem(i).text(col) for i in range(panel.topLevelItemCount())]


def open_count(win) -> str:
    model = win.queue.model
    row = model.row_of(typo_id(win))
    return model.data(model.index(row, model.COLUMNS.index("open_findings")))


def states(review_file) -> dict[str, str]:
    with open_review(review_file, create=False) as r:
        return {kf.finding.rule: kf.state for kf in r.keyed_findings(r.list_documents()[0].id)}


def test_every_finding_shows_its_decision_and_the_queue_counts_open_ones(window):
    names = decision_names()
    assert column_texts(window) == [names["pending"], names["pending"]]
    assert open_count(window) == "2"


def test_decide_one_finding_from_the_menu(window, review_file):
    window.problems.select_index(0)
    rule = window.problems.findings()[0].rule
    window.decide_actions.actions["confirmed"].trigger()
    assert states(review_file)[rule] == "confirmed"
    texts = column_texts(window)
    assert decision_names()["confirmed"] in texts and decision_names()["pending"] in texts
    assert open_count(window) == "1"


def test_bulk_dismiss_asks_a_reason_once(window, review_file, monkeypatch):
    asked = []
    monkeypatch.setattr(window.decide_actions, "ask_reason", lambda: asked.append(1) or "附注已说明")
    panel = window.problems
    panel.selectAll()
    assert len(window.decide_actions.selected_keys()) == 2
    window.decide_actions.actions["dismissed"].trigger()
    assert asked == [1]
    assert set(states(review_file).values()) == {"dismissed"}
    assert column_texts(window) == [decision_names()["dismissed"]] * 2
    with open_review(review_file, create=False) as r:
        entries = [e for e in r.history() if e.cell.startswith("@decision:")]
    assert len(entries) == 2 and len({e.op for e in entries}) == 1 and entries[0].reason == "附注已说明"


def test_cancelled_reason_decides_nothing(window, review_file, monkeypatch):
    monkeypatch.setattr(window.decide_actions, "ask_reason", lambda: None)
    window.problems.select_index(0)
    window.decide_actions.actions["dismissed"].trigger()
    assert set(states(review_file).values()) == {"pending"}


def test_reading_error_corrects_the_cell_by_keyboard(qtbot, window, review_file):
    typo = TYPO.truth["typo"]
    window.problems.select_index(0)
    window.problems.setFocus()
    qtbot.keyClick(window.problems, Qt.Key.Key_X,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)  # fmt: skip
    assert window.state.value(typo["cell"]) == typo["intended"]
    assert window.problems.topLevelItemCount() == 0
    assert window.models["requests"].mark(typo["cell"]) != "suspect"
    assert open_count(window) == "0"
    with open_review(review_file, create=False) as r:
        doc = r.list_documents()[0].id
        assert [d.decision for d in r.decisions(doc)] == ["extraction"]


def test_decisions_survive_reopening_and_approval_waits_for_them(qtbot, window, review_file):
    doc = typo_id(window)
    window.problems.select_index(0)
    window.decide_actions.actions["confirmed"].trigger()
    qtbot.keyClick(window.views["active"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.review.document(doc).status != "approved", "one finding is still pending"
    from ui.approve_dialog import (
        ApproveDialog,  # approving with a pending finding asks for a reason
    )

    (dialog,) = [d for d in window.findChildren(ApproveDialog) if d.isVisible()]
    assert " 1 " in dialog.label.text()
    dialog.reject()
    window.review.recheck()
    window.open_document(doc)
    assert sorted(column_texts(window)) == sorted([decision_names()["confirmed"], decision_names()["pending"]])
    window.problems.selectAll()
    window.decide_actions.actions["confirmed"].trigger()
    window.open_document(doc)
    qtbot.keyClick(window.views["active"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.review.document(doc).status == "approved"


def test_context_menu_offers_the_decisions(window):
    from PySide6.QtWidgets import QMenu

    menus = [m for m in window.menuBar().findChildren(QMenu)
             if window.decide_actions.actions["confirmed"] in m.actions()]  # fmt: skip
    assert menus, "the decisions are in the menu bar"
    assert window.problems.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_reading_error_without_a_single_suggestion_asks_for_the_value(qtbot, tmp_path, monkeypatch):
    from test_store_helpers import truth_record, with_sha

    path = tmp_path / "hz.sqlite"
    with open_review(path, reviewer="tester") as r:
        doc = r.add_record(with_sha(truth_record("hongze-2023"), "h")).document_id
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    assert win.open_review_file(path)
    win.open_document(doc)
    i = next(i for i, f in enumerate(win.problems.findings()) if f.note)  # two cells explain it
    finding = win.problems.findings()[i]
    target = finding.suspects[0]
    select_only(win, i)
    before = win.review.history(doc)
    monkeypatch.setattr(win.decide_actions, "ask_correction", lambda kf: None)  # cancelled
    win.decide_actions.actions["extraction"].trigger()
    assert win.review.history(doc) == before
    asked = []
    monkeypatch.setattr(win.decide_actions, "ask_correction",
                        lambda kf: asked.append(kf.key) or {target.cell: target.suggested})  # fmt: skip
    select_only(win, i)
    win.decide_actions.actions["extraction"].trigger()
    assert len(asked) == 1
    assert win.state.value(target.cell) == target.suggested
    assert finding.message not in [f.message for f in win.problems.findings()]
    win.close()


def test_problem_lists_from_the_workstation(qtbot, window, tmp_path):
    import docx

    window.problems.selectAll()
    window.decide_actions.actions["confirmed"].trigger()
    folder = tmp_path / "lists"
    window.decide_actions.write_problem_lists(str(folder))
    qtbot.waitUntil(lambda: window.decide_actions.lists_written is not None, timeout=60000)
    result = window.decide_actions.lists_written
    assert [p.name for p in result.letters] == ["云岭县人民政府-问题清单.docx"]
    text = "\n".join(p.text for p in docx.Document(str(result.letters[0])).paragraphs)
    assert "表三" in text and f"审核人：{window.review.who}" in text
    assert (folder / "问题清单.xlsx").is_file()
