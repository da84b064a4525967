"""The campaign in the GUI (issue 13): the register window (import, search, edit,
unmatched review step) and the completeness view (filters, export), through the menu."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from campaign_support import campaign_reports, register_rows, write_register_csv
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator

from app.review import open_review
from resources import ROOT
from ui.main_window import MainWindow

ALL = campaign_reports(register_rows())
REPORTS = ALL[:60] + ALL[-2:]  # 30 agencies × 2 years, and the two bodies not in the register


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="tester") as r:
        for rec in REPORTS:
            r.add_record(rec)
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    win = MainWindow(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), chinese=True)
    qtbot.addWidget(win)
    win.show()
    assert win.open_review_file(path)
    yield win
    win.close()


def menu_action(win, text):
    for menu in win.menuBar().actions():
        for a in menu.menu().actions():
            if a.text() == text:
                return a
    raise AssertionError(f"no menu action {text!r}")


def test_register_window_import_search_edit_and_match(window, tmp_path):
    menu_action(window, "Agency &register…").trigger()
    view = window.campaign_views["register"]
    assert view.isVisible() and view.table.rowCount() == 0
    assert view.unmatched.rowCount() == len(REPORTS)  # nothing registered yet
    view.import_file(str(write_register_csv(tmp_path / "名录.csv")))
    assert view.table.rowCount() == len(register_rows())
    assert view.status.text() == f"{len(register_rows())} added, 0 updated; 0 warnings"
    assert view.unmatched.rowCount() == 2  # the two reports of bodies not in the register
    # search by town and by region
    view.search.setText("甲镇")
    assert view.table.rowCount() == 30
    view.search.setText("淮安市人民政府")
    assert view.table.rowCount() == 1 + 5 + 3 * 8
    # edit a cell: the alias is saved in the review file
    row = next(i for i in range(view.table.rowCount()) if view.table.item(i, 0).text() == "淮安市财政局")
    view.table.item(row, 1).setText("市财政局；淮安财政")
    assert window.review.search_agencies("淮安财政")[0].name == "淮安市财政局"
    flag = next(i for i in range(view.table.rowCount()) if view.table.item(i, 0).text() == "淮安市人民政府")
    view.table.item(flag, 7).setCheckState(Qt.CheckState.Checked)
    assert next(a for a in window.review.agencies() if a.name == "淮安市人民政府").aggregates
    # the unmatched review step: add the agency, then match a report to it by hand
    view.add_agency("某某市不存在局", "市")
    assert view.unmatched.rowCount() == 1  # matched by name once the agency exists
    view.unmatched.setCurrentCell(0, 0)
    combo = view.unmatched.cellWidget(0, 3)
    combo.setCurrentIndex(-1)
    combo.setEditText("某某市不存在局")  # typed in: not one of the candidates
    view.assign_selected()
    assert view.unmatched.rowCount() == 0
    doc = next(d.id for d in window.review.list_documents() if d.agency == "另一个未登记单位")
    assert window.review.agency_of(doc).name == "某某市不存在局"
    view.search.setText("")
    assert view.table.rowCount() == len(register_rows()) + 1


def test_completeness_view_filters_and_export(window, tmp_path):
    window.review.import_register(write_register_csv(tmp_path / "名录.csv"))
    menu_action(window, "&Who has published…").trigger()
    view = window.campaign_views["completeness"]
    model = view.model
    assert model.grid.years == [2023, 2024]
    assert model.rowCount() == len(register_rows()) + 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == ["Agency", "Level", "Parent", "2023", "2024"]
    view.level.setCurrentIndex(view.level.findData("乡"))
    view.region.setText("淮安市人民政府")
    assert model.rowCount() == 9 and all(r.level == "乡" for r in model.grid.rows)
    view.region.setText("")
    view.state.setCurrentIndex(view.state.findData("imported"))
    view.year.setCurrentIndex(view.year.findData(2024))
    assert model.grid.years == [2024]
    assert all(r.years[2024] == "imported" for r in model.grid.rows)
    shown = model.rowCount()
    states = {model.data(model.index(i, 3)) .split(" ·")[0] for i in range(shown)}
    assert states == {"Imported"}
    # double-click a cell: its report opens in the workstation
    doc = model.data(model.index(0, 3), Qt.ItemDataRole.UserRole)
    view._activated(model.index(0, 3))
    assert window.state is not None and window.state.doc_id == doc
    out = tmp_path / "发布情况.xlsx"
    assert view.export(str(out))
    ws = load_workbook(out)["发布情况"]
    assert ws.max_row == 1 + shown and ws.cell(1, 6).value == "2024年度"
    assert {ws.cell(i, 6).value for i in range(2, ws.max_row + 1)} == {"已导入"}


def test_campaign_catalogue_is_complete_and_loads(qapp):
    ts = ROOT / "i18n" / "campaign_zh_CN.ts"
    unfinished = [m.find("source").text for m in ET.parse(ts).iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not (m.find("translation").text or "").strip()]
    assert not unfinished, unfinished
    t = QTranslator()
    assert t.load(str(ROOT / "i18n" / "campaign_zh_CN.qm"))
    QCoreApplication.installTranslator(t)
    try:
        assert QCoreApplication.translate("CampaignMenu", "Agency &register…") == "机关名录(&R)…"
        assert QCoreApplication.translate("CompletenessView", "Missing") == "未发布"
    finally:
        QCoreApplication.removeTranslator(t)


def test_deadlines_tab_changes_timeliness(window, tmp_path):
    window.review.import_register(write_register_csv(tmp_path / "名录.csv"))
    menu_action(window, "Agency &register…").trigger()
    view = window.campaign_views["register"]
    late = [d.id for d in window.review.list_documents()
            if any(f.rule == "timeliness" for f in window.review.load_document(d.id).findings)]
    assert late
    t = view.deadlines
    rows = {t.item(i, 0).data(Qt.ItemDataRole.UserRole): i for i in range(t.rowCount())}
    county = [d for d in late if (a := window.review.agency_of(d)) and a.level == "县"]
    others = [d for d in late if d not in county]
    assert county and others
    for kind in ("government", "department"):
        t.item(rows[("县", kind)], 2).setText("5-31")  # every report of the set was signed by 4月15日
    assert window.review.deadlines()[("县", "department")] == "05-31"
    def is_late(d):
        return any(f.rule == "timeliness" for f in window.review.load_document(d).findings)

    assert not any(is_late(d) for d in county) and all(is_late(d) for d in others)
    t.item(rows[("县", "department")], 2).setText("13-99")
    assert "Not saved" in view.status.text() and window.review.deadlines()[("县", "department")] == "05-31"


def test_register_window_edits_level_kind_and_parent(window, tmp_path):
    window.review.import_register(write_register_csv(tmp_path / "名录.csv"))
    menu_action(window, "Agency &register…").trigger()
    view = window.campaign_views["register"]
    view.search.setText("淮安市财政局")
    assert view.table.rowCount() == 1
    view.table.item(0, 2).setText("县")
    view.table.item(0, 3).setText("政府")
    view.table.item(0, 4).setText("扬州市人民政府")
    a = next(a for a in window.review.agencies() if a.name == "淮安市财政局")
    parent = next(x for x in window.review.agencies() if x.name == "扬州市人民政府")
    assert (a.level, a.kind, a.parent_id) == ("县", "government", parent.id)
    view.table.item(0, 2).setText("村")  # not a level: refused, nothing changed
    assert "Not saved" in view.status.text() and window.review.agency(a.id).level == "县"
    view.table.item(0, 4).setText("不存在的机关")
    assert window.review.agency(a.id).parent_id == parent.id
