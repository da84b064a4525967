"""The CLI takes every format: extract, check and import of text reports and page images; bad input of
every format is one line naming the file and exit 2."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.extract.pages import group_pages, page_key
from app.importer import find_reports, import_paths
from app.review import open_review
from tests.fixtures import catalog
from tests.fixtures.textrender import render_text
from tests.test_extract_text import _seed_text

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def cli(capsys, *argv):
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_a_seed_text(capsys):
    code, out, err = cli(capsys, "extract", _seed_text(4))
    assert code == 0, err
    data = json.loads(out)
    assert data["source"]["format"] == "text"
    assert data["cells"]["active.fees.amount"]["value"] == 1382.86
    assert data["cells"]["active.fees.amount"]["anchor"]["kind"] == "span"


def test_check_a_seed_text(capsys):
    code, out, err = cli(capsys, "check", _seed_text(1))
    assert code in (0, 1), err
    assert out.startswith(_seed_text(1).name)


def _one_line_exit_2(capsys, path: Path, *extra):
    code, out, err = cli(capsys, "extract", path, *extra)
    assert code == 2, (out, err)
    assert not out
    lines = err.strip().split("\n")
    assert len(lines) == 1 and path.name in lines[0], err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("name,make", [
    ("garbage.html", lambda p: p.write_bytes(bytes(range(256)) * 64)),
    ("big.html", lambda p: p.write_bytes(b"<html><body>" + b"<p>\xe6\x8a\xa5\xe5\x91\x8a</p>" * 4_000_000)),
    ("noreport.html", lambda p: p.write_text("<html><head><title>通知</title></head><body><p>今天停电。</p>"
                                             "</body></html>", encoding="utf-8")),
    ("notazip.docx", lambda p: p.write_bytes(b"this is no Word file at all" * 10)),
    ("unknown.txt", lambda p: p.write_bytes(bytes(range(128, 256)) * 40)),
    ("empty.txt", lambda p: p.write_bytes(b"")),
    ("truncated.jpg", lambda p: p.write_bytes(JPEG + b"\x00" * 20)),
    ("noise.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)),
    ("folder", lambda p: p.mkdir()),
])
def test_bad_input_of_every_format(capsys, tmp_path, name, make):
    path = tmp_path / name
    make(path)
    _one_line_exit_2(capsys, path)


def test_zip_bomb_named_docx(capsys, tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (200 << 20))
    _one_line_exit_2(capsys, path)


def test_page_names_group_into_reports(tmp_path):
    assert page_key(Path("2023年报-p1.jpg")) == ("2023年报", 1)
    assert page_key(Path("report_12.PNG")) == ("report", 12)
    assert page_key(Path("hongze-2023.jpg")) is None
    files = [tmp_path / n for n in ("A-p2.jpg", "A-p1.jpg", "B_1.png", "A-p10.jpg", "x.pdf", "lone.jpg")]
    groups = group_pages(files, folders=False)
    assert [[f.name for f in g] for g in groups] == [["A-p1.jpg", "A-p2.jpg", "A-p10.jpg"], ["B_1.png"],
                                                     ["x.pdf"], ["lone.jpg"]]


def test_find_reports_in_folders(tmp_path):
    scans = tmp_path / "scans" / "某局"  # a folder holding only page images: one report
    scans.mkdir(parents=True)
    for n in ("page3.jpg", "page1.jpg", "page2.jpg"):
        (scans / n).write_bytes(JPEG)
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "甲-p2.png").write_bytes(JPEG)
    (mixed / "甲-p1.png").write_bytes(JPEG)
    (mixed / "report.txt").write_text("某区政府信息公开工作年度报告", encoding="utf-8")
    (mixed / "README.md").write_text("how to use this folder", encoding="utf-8")  # no report: not imported
    (mixed / "a.pdf").write_bytes(b"%PDF-1.4")
    found = [[f.relative_to(tmp_path).as_posix() for f in g] for g in find_reports([tmp_path])]
    assert ["mixed/甲-p1.png", "mixed/甲-p2.png"] in found
    assert ["scans/某局/page1.jpg", "scans/某局/page2.jpg", "scans/某局/page3.jpg"] in found
    assert ["mixed/report.txt"] in found and ["mixed/a.pdf"] in found
    assert not any("README.md" in f for g in found for f in g)
    assert len(found) == 4


def _fake_pages_extract(arg):
    """Stands in for OCR: the record of a fixture, with the files it was given."""
    from app.extract.assemble import assemble
    from app.extract.readers.text import parse

    files = arg if isinstance(arg, list) else [arg]
    record = assemble(parse(render_text(catalog.case("gen-2021-plain").truth, "tsv"), files[0]))
    record.source.format = "image"
    record.source.files = list(files) if len(files) > 1 else []
    return record


def test_import_text_and_page_image_reports(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(_seed_text(0).read_bytes())
    for i in (1, 2):
        (folder / f"plain-p{i}.jpg").write_bytes(JPEG + bytes([i]))
    with open_review(tmp_path / "r.sqlite", reviewer="t", checker=lambda r, previous=None: []) as review:
        summary = import_paths(review, [folder], workers=1, extractor=_dispatch)
        assert (summary.total, summary.imported, summary.failed) == (2, 2, 0), summary.failures
        rows = {r[0]: r for r in review.store.list_documents(("name", "format", "files"))}
    assert rows["seed.txt"][1] == "text"
    assert rows["plain-p1.jpg"][1] == "image"
    assert json.loads(rows["plain-p1.jpg"][2]) == [str(folder / "plain-p1.jpg"), str(folder / "plain-p2.jpg")]


def _dispatch(arg):
    from app.extract import extract

    return _fake_pages_extract(arg) if isinstance(arg, list) else extract(arg)
