"""The review campaign through the API (issue 13): register, matching, completeness,
timeliness, parent against units, and the migration from the schema before it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from campaign_support import campaign_reports, cn_date, register_rows, report, write_register_csv
from openpyxl import load_workbook
from test_rules_support import T2021, consistent

from app.campaign.dates import best_date, parse_date, pdf_metadata_date, signature_date
from app.campaign.importer import RegisterError, read_register
from app.campaign.names import Matcher, name_key
from app.review import open_review
from app.store.db import Store
from app.store.migrations import MIGRATIONS, agency_register


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    """A review file with ~200 reports of two years, then the register of ~300 agencies."""
    d = tmp_path_factory.mktemp("campaign")
    reg = write_register_csv(d / "名录.csv")
    r = open_review(d / "r.sqlite", reviewer="审核员甲")
    reports = campaign_reports(register_rows())
    for rec in reports:
        r.add_record(rec)
    changes = r.import_register(reg)
    yield r, changes, reports, d
    r.close()


def test_register_import_adds_agencies_levels_parents(campaign):
    r, changes, _, _ = campaign
    rows = register_rows()
    assert changes.added == len(rows) >= 300 and changes.updated == 0 and changes.warnings == ()
    by_name = {a.name: a for a in r.agencies()}
    city = by_name["淮安市人民政府"]
    assert (city.level, city.kind, city.aliases) == ("市", "government", ["淮安市政府"])
    assert by_name[city_dept := "淮安市财政局"].kind == "department"
    assert by_name[city_dept].parent_id == city.id
    assert by_name["淮安市淮安东区人民政府"].aggregates is True
    assert by_name["淮安东区甲镇人民政府"].level == "乡"


def test_reports_are_matched_by_name_alias_office_and_short_form(campaign):
    r, _, reports, _ = campaign
    unmatched = r.unmatched_documents()
    assert sorted(u.agency for u in unmatched) == ["另一个未登记单位", "某某市不存在局"]
    names = {a.id: a.name for a in r.agencies()}
    for doc in r.list_documents():
        agency = r.agency_of(doc.id)
        if doc.agency in ("另一个未登记单位", "某某市不存在局"):
            assert agency is None
            continue
        assert agency is not None, doc.agency
        expected = doc.agency.removesuffix("办公室")
        assert names[agency.id].endswith(expected), (doc.agency, names[agency.id])
    # how: by name (办公室 folded into its government) and by the tail of a full name
    from app.store.agencies import document_agency

    how = {}
    for d in r.list_documents():
        how.setdefault(document_agency(r.store, d.id)[1], []).append(d.agency)
    assert any(a.endswith("人民政府办公室") for a in how["name"])
    assert how["suffix"] and all(a.endswith("区人民政府") and "市" not in a for a in how["suffix"])


def test_matcher_normalises_width_brackets_and_office():
    keys = [(name_key("淮安市洪泽区人民政府"), 1, True), (name_key("淮安市财政局（市国资委）"), 2, True),
            (name_key("洪泽区政府"), 1, False)]
    m = Matcher(keys)
    assert m.match("淮安市洪泽区人民政府办公室").agency_id == 1
    assert m.match("洪泽区人民政府").how == "suffix"
    assert m.match("淮安市财政局(市国资委)").agency_id == 2
    assert m.match("淮安市财政局（市国资委）").how == "name"
    assert m.match("洪泽区政府").how == "alias"
    assert m.match("财政局") is None  # too short to match on its tail
    assert m.match("南京市洪泽区人民政府") is None


def test_unmatched_review_step_manual_match_is_audited(tmp_path):
    reg = tmp_path / "reg.csv"
    reg.write_text("name,aliases,level\n淮安市洪泽区人民政府,洪泽;区政府,county\n", encoding="utf-8")
    with open_review(tmp_path / "r.sqlite", reviewer="乙") as r:
        doc = r.add_record(report("洪泽区政府办", 2024, 1)).document_id
        r.import_register(reg)
        (u,) = r.unmatched_documents()
        assert u.document_id == doc and u.candidates and u.candidates[0].name == "淮安市洪泽区人民政府"
        changes = r.assign_agency(doc, u.candidates[0].id)
        assert doc in changes.documents
        assert r.agency_of(doc).name == "淮安市洪泽区人民政府" and r.unmatched_documents() == []
        (e,) = [e for e in r.history(doc) if e.cell == "@agency"]
        assert (e.old_value, e.new_value, e.who) == (None, "淮安市洪泽区人民政府", "乙")
        r.import_register(reg)  # re-importing keeps a reviewer's match
        assert r.agency_of(doc).name == "淮安市洪泽区人民政府"


def test_search_by_agency_region_and_town(campaign):
    r, *_ = campaign
    towns = r.search_agencies("甲镇")
    assert len(towns) == 30 and all(a.level == "乡" for a in towns)
    region = r.search_agencies("淮安市人民政府")  # the city and everything under it
    assert len(region) == 1 + 5 + 3 * (1 + 4 + 3)
    assert r.search_agencies("淮安市政府") == region  # by the city's alias
    assert r.search_agencies("320101")[0].name == "淮安市淮安东区人民政府"  # by code


def test_completeness_grid_and_export(campaign):
    r, _, reports, d = campaign
    grid = r.completeness()
    assert grid.years == [2023, 2024]
    registered = [row for row in grid.rows if row.registered]
    assert len(registered) == len(register_rows())
    counts = grid.counts()
    assert counts[2023]["imported"] == counts[2024]["imported"] == 100
    assert counts[2024]["missing"] == len(registered) - 100
    extra = sorted(row.agency for row in grid.rows if not row.registered)
    assert extra == ["另一个未登记单位", "某某市不存在局"]
    # who has not published 2024, filtered by region and level
    g = r.completeness(year=2024, region="淮安市人民政府", level="乡")
    assert g.years == [2024] and all(row.level == "乡" for row in g.rows) and len(g.rows) == 9
    assert all(row.region[-2:][0] == "淮安市人民政府" for row in g.rows)
    # approval shows
    doc = r.list_documents(year=2024)[0]
    r.set_status(doc.id, "approved", override="测试：不逐项决定")
    (row,) = [x for x in r.completeness(year=2024).rows if x.documents.get(2024) == doc.id]
    assert row.years[2024] == "approved"
    assert r.completeness(year=2024).counts()[2024]["approved"] == (1 if row.registered else 0)
    out = r.export_completeness(d / "完整性.xlsx", r.completeness())
    wb = load_workbook(out)
    ws = wb["发布情况"]
    head = [c.value for c in ws[1]]
    assert head[:5] == ["机关", "层级", "类别", "上级", "所属地区"] and "2024年度" in head
    states = {ws.cell(i, 6).value for i in range(2, ws.max_row + 1)} | {ws.cell(i, 7).value for i in range(2, ws.max_row + 1)}
    assert {"未发布", "已导入", "已通过"} <= states
    assert ws.max_row == 1 + len(grid.rows)
    r.set_status(doc.id, "new")


def test_failed_import_shows_as_failed(tmp_path):
    reg = tmp_path / "reg.csv"
    reg.write_text("名称\n淮安市财政局\n淮安市教育局\n", encoding="utf-8")
    with open_review(tmp_path / "r.sqlite") as r:
        r.import_register(reg)
        r.record_import_error("/x/淮安市教育局2024年政府信息公开工作年度报告.pdf", "broken")
        grid = r.completeness(year=2024)
        assert {row.agency: row.years.get(2024, "missing") for row in grid.rows} == {
            "淮安市财政局": "missing", "淮安市教育局": "failed"}


def test_register_round_trips_through_excel(campaign, tmp_path):
    r, *_ = campaign
    out = r.export_register(tmp_path / "名录.xlsx")
    rows = read_register(out)
    assert len(rows) == len(r.agencies())
    hz = next(x for x in rows if x.name == "淮安市淮安东区人民政府")
    assert (hz.level, hz.kind, hz.parent, hz.aggregates) == ("县", "government", "淮安市人民政府", True)
    with open_review(tmp_path / "copy.sqlite") as c:
        assert c.import_register(out).added == len(rows)
        assert [(a.name, a.level, a.kind) for a in c.agencies()] == [(a.name, a.level, a.kind) for a in r.agencies()]


@pytest.mark.parametrize("text,message", [
    ("name,level\n甲局,州长\n", "第 2 行：层级“州长”应为 省/市/县/乡"),
    ("level\n市\n", "首行没有“名称”（name）列"),
    ("名称,期限\n甲局,13-40\n", "第 2 行：期限“13-40”应写作 月-日，如 1-31"),
    ("名称\n甲局\n甲局\n", "第 3 行：“甲局”与第 2 行重复"),
])
def test_bad_register_is_one_clear_line_and_changes_nothing(tmp_path, text, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    with open_review(tmp_path / "r.sqlite") as r:
        with pytest.raises(RegisterError) as e:
            r.import_register(bad)
        assert str(e.value) == f"bad.csv: {message}"
        assert r.agencies() == []


def test_register_edits(tmp_path):
    with open_review(tmp_path / "r.sqlite") as r:
        doc = r.add_record(report("某县财政局", 2024, 3, signed=cn_date(2025, 2, 20))).document_id
        r.add_agency("某县人民政府", level="县", kind="government")
        gov = r.agencies()[0].id
        assert r.unmatched_documents()[0].document_id == doc
        ch = r.add_agency("某县财政局", level="县", parent_id=gov)
        assert doc in ch.documents and r.agency_of(doc).name == "某县财政局"
        dept = r.agency_of(doc).id
        assert [f.rule for f in r.load_document(doc).findings] == ["timeliness"]  # 2月20日 > 1月31日
        r.update_agency(dept, deadline="3-31")  # a per-agency deadline
        assert [f.rule for f in r.load_document(doc).findings] == []
        r.update_agency(dept, deadline=None)
        r.set_deadline("县", "department", "2-28")  # per level
        assert [f.rule for f in r.load_document(doc).findings] == []
        with pytest.raises(Exception, match="自己的上级"):
            r.update_agency(gov, parent_id=dept)
        r.update_agency(dept, aliases=["县财政局"])
        assert r.agency(dept).aliases == ["县财政局"]
        r.delete_agency(dept)
        assert r.agency_of(doc) is None and r.agency(gov).name == "某县人民政府"


# ---------------------------------------------------------------- timeliness


def test_dates_from_text_html_and_pdf():
    assert parse_date("发布日期：2025-01-20 09:30") == date(2025, 1, 20)
    assert parse_date("2025/1/20") == date(2025, 1, 20)
    assert parse_date("二〇二五年一月二十日") == date(2025, 1, 20)
    assert parse_date("二○二四年十二月三十一日") == date(2024, 12, 31)
    text = "统计期限为2024年1月1日至2024年12月31日。……\n特此报告。\n淮安市洪泽区人民政府\n2025年1月20日"
    assert signature_date(text)[0] == date(2025, 1, 20)
    assert signature_date("统计期限为2024年1月1日至2024年12月31日。" + "正文" * 100) is None
    assert pdf_metadata_date({"CreationDate": "D:20250305101010+08'00'"})[0] == date(2025, 3, 5)
    d = best_date("2025-01-18", "…\n二〇二五年一月二十日", (date(2025, 3, 1), "x"))
    assert (d.date, d.source) == (date(2025, 1, 18), "html")
    d = best_date(None, "…\n二〇二五年一月二十日", (date(2025, 3, 1), "x"))
    assert (d.date, d.source) == (date(2025, 1, 20), "text")
    assert best_date(None, "", (date(2025, 3, 1), "x")).source == "pdf"


def test_timeliness_on_generated_campaign(campaign):
    r, _, reports, _ = campaign
    late = on_time = 0
    for doc in r.list_documents():
        agency = r.agency_of(doc.id)
        rules = [f for f in r.load_document(doc.id).findings if f.rule == "timeliness"]
        dated = r.publication_date(doc.id)
        assert dated.source == "text"
        deadline = (3, 31) if (agency.kind if agency else "department") == "government" else (1, 31)
        due = date(doc.year + 1, *deadline)
        if dated.date > due:
            late += 1
            (f,) = rules
            assert f.severity == "warning" and "逾期" in f.message and "正文落款日期" in f.message
        else:
            on_time += 1
            assert rules == []
    assert late > 10 and on_time > 100


def test_unknown_date_is_a_warning_and_html_date_counts(tmp_path):
    with open_review(tmp_path / "r.sqlite") as r:
        r.add_agency("某市人民政府", level="市")
        rec = report("某市人民政府", 2024, 5)  # no signature, no file
        doc = r.add_record(rec).document_id
        (f,) = [f for f in r.load_document(doc).findings if f.rule == "timeliness"]
        assert "未能确定发布或成文日期" in f.message and f.severity == "warning"
        rec2 = report("某市人民政府", 2023, 6)
        rec2.published = "2024-04-02"  # the web readers' 发布日期
        doc2 = r.add_record(rec2).document_id

        row = r.store.document_row(doc2)
        found = r._campaign_findings(row, rec2)
        assert [f.rule for f in found] == ["timeliness"] and "网页发布日期" in found[0].message


def minimal_pdf(path, creation_date: str):
    """A one-page PDF whose Info dictionary holds ``creation_date`` (D:YYYYMMDD…)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /CreationDate (" + creation_date.encode() + b") /Producer (test) >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_timeliness_from_pdf_metadata(tmp_path):
    from app.campaign.dates import read_pdf_metadata

    path = minimal_pdf(tmp_path / "某市财政局2024年报.pdf", "D:20250301120000+08'00'")
    assert read_pdf_metadata(str(path))["CreationDate"].startswith("D:20250301")
    with open_review(tmp_path / "r.sqlite") as r:
        r.add_agency("某市财政局", level="市")
        rec = report("某市财政局", 2024, 7)  # no signature in the text
        rec.source.path = str(path)
        doc = r.add_record(rec).document_id
        (f,) = [f for f in r.load_document(doc).findings if f.rule == "timeliness"]
        assert "PDF 文件属性" in f.message and "仅供参考" in f.message and "2025年3月1日" in f.message
        d = r.publication_date(doc)
        assert (d.source, d.date) == ("pdf", date(2025, 3, 1))
        path.unlink()  # the date was kept in the review file: no second read needed
        r.recheck([doc])
        assert [f.rule for f in r.load_document(doc).findings] == ["timeliness"]


# ---------------------------------------------------------------- parent against units


def test_parent_against_units(tmp_path):
    reg = tmp_path / "reg.csv"
    reg.write_text(
        "名称,层级,上级,汇总下级\n某县人民政府,县,,是\n甲镇人民政府,乡,某县人民政府,\n"
        "乙镇人民政府,乡,某县人民政府,\n丙镇人民政府,乡,某县人民政府,\n", encoding="utf-8")
    va, ma = consistent(T2021, 11)
    vb, mb = consistent(T2021, 12)
    parent_vals = {k: (v + vb[k] if isinstance(v, int) and k.startswith(("requests.", "review.")) else v)
                   for k, v in va.items()}
    with open_review(tmp_path / "r.sqlite") as r:
        r.import_register(reg)
        signed = cn_date(2025, 1, 5)
        a = r.add_record(report("甲镇人民政府", 2024, 1, signed=signed, values=(va, ma))).document_id
        r.add_record(report("乙镇人民政府", 2024, 2, signed=signed, values=(vb, mb)))
        p = r.add_record(report("某县人民政府", 2024, 3, signed=signed, values=(parent_vals, ma))).document_id
        found = [f for f in r.load_document(p).findings if f.rule == "parent_units"]
        assert [f.message for f in found] == ["下级单位 1 家未见 2024 年度报告，合计不完整：丙镇人民政府"]
        # a unit's correction reaches the parent's findings
        cell = "requests.granted.natural"
        old = va[cell]
        changes = r.apply_edit(a, cell, old + 3)
        assert p in changes.related
        found = [f for f in r.load_document(p).findings if f.rule == "parent_units"]
        diff = [f for f in found if f.cells]
        assert [f.cells for f in diff] == [[cell]] and diff[0].expected == diff[0].actual + 3
        assert "本级报告为" in diff[0].message and "2 家下级单位合计" in diff[0].message
        r.undo(a)
        # a parent that does not aggregate is not compared
        r.update_agency(r.agency_of(p).id, aggregates=False)
        assert [f for f in r.load_document(p).findings if f.rule == "parent_units"] == []


# ---------------------------------------------------------------- migration


def test_migration_from_the_schema_before_keeps_everything(tmp_path):
    path = tmp_path / "old.sqlite"
    before = MIGRATIONS.index(agency_register)
    store = Store(path, schema_version=before)
    from app.review.api import Review
    from app.rules import check

    r = Review(store, who="甲", checker=check)
    doc = r.add_record(report("某市人民政府", 2024, 4, signed=cn_date(2025, 6, 1))).document_id
    r.apply_edit(doc, "requests.new.natural", 99)
    r.set_status(doc, "in_review")
    snapshot = (r.record(doc).to_json(), [e.hash for e in r.history(doc)], r.document(doc).to_json())
    r.close()
    with open_review(path) as r:
        assert r.store.schema_version == len(MIGRATIONS)
        assert (r.record(doc).to_json(), [e.hash for e in r.history(doc)], r.document(doc).to_json()) == snapshot
        assert r.agencies() == [] and r.deadlines()[("*", "government")] == "03-31"
        reg = tmp_path / "reg.csv"
        reg.write_text("名称,层级\n某市人民政府,市\n", encoding="utf-8")
        r.import_register(reg)
        assert [f.rule for f in r.load_document(doc).findings if f.rule == "timeliness"] == ["timeliness"]
        assert json.loads(json.dumps(r.completeness().to_json()))[0]["years"] == {"2024": "in_review"}


def test_a_name_wins_over_another_agencys_alias(tmp_path):
    reg = tmp_path / "reg.csv"
    reg.write_text("名称,别名\n某市人民政府,某市财政局；市政府\n某市财政局,\n", encoding="utf-8")
    with open_review(tmp_path / "r.sqlite") as r:
        ch = r.import_register(reg)
        assert (ch.added, ch.updated) == (2, 0)
        doc = r.add_record(report("某市财政局", 2024, 1)).document_id
        assert r.agency_of(doc).name == "某市财政局"
        doc2 = r.add_record(report("市政府", 2024, 2)).document_id
        assert r.agency_of(doc2).name == "某市人民政府"
