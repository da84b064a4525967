"""Web pages: every fixture rendered as a site's article page (UTF-8 and GBK, with the quirks of real
sites) reads with every cell exact; anchors are table/row/column paths; the publication date is read."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.extract import extract
from app.extract.assemble import assemble
from app.extract.readers import reader_for
from app.extract.readers.html import parse
from tests.fixtures import catalog
from tests.fixtures.html_render import PUBLISHED, render_html
from tests.test_extract_text import _assert_exact

CASES = [c for c in catalog.cases() if not c.truth.get("unreadable")]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rendered_html_exact(case, encoding, tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(render_html(case.truth, encoding))
    record = extract(path)
    _assert_exact(record, case.truth)
    assert record.source.format == "html"
    assert record.published == PUBLISHED


def test_html_anchor_is_the_table_cell(tmp_path):
    """A cell's anchor names the <table>, <tr> and <td> holding its printed text."""
    from lxml import html as lhtml

    truth = catalog.case("gen-2021-plain").truth
    path = tmp_path / "report.shtml"
    path.write_bytes(render_html(truth))
    doc = reader_for(path).read(path, None)
    assert doc.metadata["发布机构"] == (truth["agency"] or "")
    record = assemble(doc)
    root = lhtml.fromstring(path.read_text(encoding="utf-8"))
    tables = root.xpath("//table")
    for cid, cell in record.cells.items():
        a = cell.anchor
        assert a.kind == "path", cid
        tr = [r for r in tables[a.table].iter("tr")][a.row]
        td = [c for c in tr if c.tag in ("td", "th")][a.col]
        assert "".join(td.itertext()).replace("\xa0", "").strip() == cell.raw.strip(), cid
    # the metadata table and the footer's layout table are not report tables
    assert {cell.anchor.table for cell in record.cells.values()} == {1, 2, 3, 4}


def test_mhtml_and_meta_date(tmp_path):
    """A page saved as MHTML by a browser; the date from <meta name="PubDate"> when no table prints it."""
    truth = catalog.case("gen-2021-plain").truth
    page = render_html(truth).replace("发布日期：".encode(), "主题词：".encode())
    body = page.decode("utf-8")
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
           "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           + body + "\r\n--B--\r\n")
    path = tmp_path / "report.mhtml"
    path.write_bytes(mht.encode("utf-8"))
    record = extract(path)
    _assert_exact(record, truth)
    assert record.published == PUBLISHED


def test_page_with_no_report(tmp_path):
    path = tmp_path / "notice.html"
    path.write_text("<html><head><title>停电通知</title></head><body><div id='zoom'><p>今天停电。</p>"
                    "<table><tr><td>地点</td><td>时间</td></tr></table></div></body></html>", encoding="utf-8")
    with pytest.raises(InputError):
        extract(path)


def test_parse_found_by_content_not_name(tmp_path):
    """A page saved with a wrong extension is still read as a web page."""
    truth = catalog.case("gen-2021-plain").truth
    path = tmp_path / "report.txt"
    path.write_bytes(render_html(truth, "gbk"))
    assert reader_for(path).FORMAT == "html"
    assert parse(render_html(truth).decode("utf-8")).published == PUBLISHED
