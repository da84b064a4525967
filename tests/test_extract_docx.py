"""Word files: every fixture rendered as a .docx (merged cells as gridSpan/vMerge, table 三 split,
table 四 under a three-level header) reads with every cell exact; bad Word files are one clean line."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from app.errors import InputError
from app.extract import extract
from app.extract.assemble import assemble
from app.extract.readers import reader_for
from tests.fixtures import catalog
from tests.fixtures.docx_render import render_docx
from tests.fixtures.html_render import PUBLISHED
from tests.test_extract_text import _assert_exact

CASES = [c for c in catalog.cases() if not c.truth.get("unreadable")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rendered_docx_exact(case, tmp_path):
    record = extract(render_docx(case.truth, tmp_path / "report.docx"))
    _assert_exact(record, case.truth)
    assert record.source.format == "docx"
    assert record.published == PUBLISHED
    assert {s.heading[:2] for s in record.sections} >= {"一、", "二、", "三、", "四、", "五、", "六、"}


def test_docx_anchor_is_the_word_cell(tmp_path):
    """A cell's anchor names the Word table, row and <w:tc> holding its printed text."""
    import docx

    truth = catalog.case("gen-2021-label-quirks").truth
    path = render_docx(truth, tmp_path / "report.docx")
    record = assemble(reader_for(path).read(path, None))
    tables = docx.Document(str(path)).tables
    for cid, cell in record.cells.items():
        a = cell.anchor
        assert a.kind == "path", cid
        tc = tables[a.table]._tbl.tr_lst[a.row].tc_lst[a.col]
        assert "".join(t.text or "" for t in tc.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")).strip() == cell.raw.strip(), cid


def test_zip_bomb_and_not_a_zip(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (20 * 1024 * 1024) + b"</w:document>")
    with pytest.raises(InputError, match="压缩炸弹"):
        extract(bomb)
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    with pytest.raises(InputError):
        extract(junk)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed on this machine")
def test_doc_through_libreoffice(tmp_path):
    """A legacy .doc (made here from the .docx by LibreOffice) reads through the conversion."""
    truth = catalog.case("gen-2021-plain").truth
    src = render_docx(truth, tmp_path / "report.docx")
    out = tmp_path / "doc"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "doc", "--outdir", str(out), str(src)], check=True, capture_output=True,
                   timeout=180)
    record = extract(out / "report.doc")
    _assert_exact(record, truth)


def test_doc_without_libreoffice(tmp_path, monkeypatch):
    """No LibreOffice: one line saying how to convert."""
    import app.extract.readers.docx as reader

    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setattr(reader.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="另存为 .docx"):
        extract(path)
