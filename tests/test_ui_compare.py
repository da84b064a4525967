"""The comparison in the workstation: queue columns, the year-over-year view, the summary charts."""

from __future__ import annotations

import time

import pytest
from compare_pairs import prose_pair, record, table_pair
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtGui import QImage

from app.review import open_review
from resources import ROOT
from ui.main_window import MainWindow


@pytest.fixture
def review_file(tmp_path):
    last_v, this_v, planted = table_pair()
    this_s, last_s, share = prose_pair(0.8, 0)
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="tester") as review:
        review.add_record(record(last_v, 2023, last_s))
        review.add_record(record(this_v, 2024, this_s))
        big = {**this_v, "requests.handled_total.total": 100, "requests.partial.total": 0}
        for n, agency in ((30, "丙区"), (50, "乙区"), (70, "丁区")):
            review.add_record(record({**big, "requests.granted.total": n}, 2024, this_s, agency=agency))
    return path, share, planted


@pytest.fixture
def chinese(qapp):
    """The compare catalogue installed, as ui/i18n.py installs every *_zh_CN.qm."""
    t = QTranslator()
    assert t.load(str(ROOT / "i18n" / "compare_zh_CN.qm"))
    QCoreApplication.installTranslator(t)
    yield
    QCoreApplication.removeTranslator(t)


@pytest.fixture
def window(qtbot, tmp_path, review_file, monkeypatch, chinese):
    monkeypatch.setenv("NIANBAO_CONFIG", str(tmp_path / "settings.json"))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, chinese=True)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    assert win.open_review_file(review_file[0])
    yield win
    win.close()


def this_year(win):
    return next(d.id for d in win.queue.model.docs if d.year == 2024 and d.agency.startswith("示例"))


def test_queue_shows_repeat_rate_and_indicators(qtbot, window, review_file):
    model = window.queue.model
    n = len(model.COLUMNS)
    # not cached yet on opening: computed in the background, then the queue redrawn
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(this_year(window)), n)) not in ("…", ""),
                    timeout=10000)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[n] == "重复率" and "实质公开率" in headers
    row = model.row_of(this_year(window))
    shown = model.data(model.index(row, n))
    assert abs(int(shown.rstrip("%")) / 100 - review_file[1]) <= 0.02
    assert model.data(model.index(row, n), Qt.ItemDataRole.ForegroundRole) is not None  # above 50 %: marked
    sub = model.data(model.index(row, headers.index("实质公开率")))
    assert sub.endswith("%")


def test_compare_opens_from_the_key_within_budget(qtbot, window, review_file):
    window.open_document(this_year(window))
    action = window.actions_by_key["compare"]
    assert action.isEnabled() and action.shortcut().toString() == "F9"
    started = time.perf_counter()
    action.trigger()
    view = window.compare_view
    qtbot.waitExposed(view)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0  # the 150 ms budget is measured in bench/compare.py, not here
    planted = review_file[2]
    table = view.table("active")
    texts = {table.item(r, c).data(Qt.ItemDataRole.UserRole): table.item(r, c).text()
             for r in range(table.rowCount()) for c in range(table.columnCount())
             if table.item(r, c) is not None and table.item(r, c).data(Qt.ItemDataRole.UserRole)}
    lic = planted["active.licensing.decisions"]
    assert texts["active.licensing.decisions"].startswith(f"{lic[1]}\n上年 {lic[0]}")
    assert texts["active.normative_docs.in_force"].endswith("✘")  # the planted carry-over break
    req = view.table("requests")
    carried = [req.item(r, c).text() for r in range(req.rowCount()) for c in range(req.columnCount())
               if req.item(r, c) is not None and req.item(r, c).data(Qt.ItemDataRole.UserRole) == "requests.carried_in.total"]
    assert carried and carried[0].endswith("✔")
    assert "重复率" in view.header.text()
    assert 'background:#fff1a8' in view.prose_this.toHtml().replace(" ", "") or "#fff1a8" in view.prose_this.toHtml()
    assert any("[jump]" in view.findings.item(i).text() for i in range(view.findings.count()))
    # another report of the agency can be chosen: here, none but last year's
    assert view.against.count() == 1 and view.against.currentText().startswith("2023")
    view.against.activated.emit(0)
    assert view.result.last.year == 2023 and view.table("review") is not None


def test_compare_without_last_year_says_so(qtbot, window):
    doc = next(d.id for d in window.queue.model.docs if d.agency == "乙区")
    window.open_document(doc)
    window.actions_by_key["compare"].trigger()
    view = window.compare_view
    assert "未导入上年报告" in view.header.text()
    assert not view.against.isEnabled() and view.against.currentText() == "（未选择报告）"
    assert view.table("requests").rowCount() > 0


def test_summary_view_draws_its_four_charts(qtbot, window, tmp_path):
    window.actions_by_key["summary"].trigger()
    view = window.summary_view
    qtbot.waitExposed(view)
    assert view.status.data.series[0][1] == [5.0, 0.0, 0.0]
    assert "jump" in view.findings.data.categories and "repeat" in view.findings.data.categories
    assert view.requests.data.categories == ["同批 2023 年报告", "同批 2024 年报告"]
    spread = dict(zip(view.spread.data.categories, view.spread.data.series[1][1], strict=True))
    assert spread["实质公开率"] == pytest.approx(0.5)
    groups = {view.groups.item(r, 0).text(): view.groups.item(r, 1).text() for r in range(view.groups.rowCount())}
    assert groups == {"同批 2023 年报告": "1", "同批 2024 年报告": "4"}
    rules = {view.warnings.item(r, 2).text() for r in range(view.warnings.rowCount())}
    assert {"repeat", "jump"} <= rules
    row = next(r for r in range(view.warnings.rowCount()) if view.warnings.item(r, 2).text() == "jump")
    view.warnings.cellDoubleClicked.emit(row, 0)  # opens that report in the workstation
    assert window.state is not None and window.state.doc_id == this_year(window)
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    view.render(image)
    # the charts painted something besides white: count the blue of the first series
    blue = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).name() == "#1f4fb5")
    assert blue > 20
