"""Bad input through the real command line: exit 2, one clear line naming the file, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.fixtures import bad

CASES = {
    "random-bytes": (bad.random_bytes_file, "not a PDF"),
    "empty": (bad.empty_file, "empty"),
    "truncated": (bad.truncated_pdf, "damaged"),
    "encrypted": (bad.encrypted_pdf, "encrypted"),
    "image-only": (bad.image_only_pdf, "OCR"),  # with --no-ocr (tests/test_ocr*.py read it)
    "no-report": (bad.no_report_pdf, "no report tables"),
    "zero-pages": (bad.zero_page_pdf, "no pages"),
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", CASES)
def test_bad_input_exits_2_with_one_clear_line(name, tmp_path):
    make, words = CASES[name]
    path = make(tmp_path / f"{name}.pdf")
    out = tmp_path / "out.json"
    no_ocr = ["--no-ocr"] if name == "image-only" else []
    result = run_cli("extract", str(path), "--out", str(out), *no_ocr)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{name}.pdf" in lines[0] and words.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not out.exists(), "nothing is written for a file that cannot be read"


def test_missing_file_and_folder(tmp_path):
    for target, words in [(tmp_path / "nope.pdf", "no such file"), (tmp_path, "folder")]:
        result = run_cli("extract", str(target))
        assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_good_report_exits_0_and_writes_json(tmp_path):
    import json

    from tests.conftest import REAL

    out = tmp_path / "r.json"
    result = run_cli("extract", str(REAL / "hongze-2024.pdf"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["cells"]["requests.new.total"]["value"] == 95
    assert set(record) >= {"source", "template", "agency", "year", "cells", "missing", "sections", "problems"}
    assert record["source"]["pages"] == 5 and len(record["source"]["sha256"]) == 64


def test_image_pages_skipped_without_ocr_are_reported(tmp_path):
    """A report with one page turned into a picture: read with --no-ocr, that page is named in problems."""
    import json

    import pypdfium2 as pdfium

    from tests.conftest import REAL

    src = pdfium.PdfDocument(str(REAL / "hongze-2023.pdf"))
    image = src[4].render(scale=1).to_pil()
    picture = pdfium.PdfDocument.new()
    page = picture.new_page(*src[4].get_size())
    obj = pdfium.PdfImage.new(picture)
    obj.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    obj.set_matrix(pdfium.PdfMatrix().scale(*src[4].get_size()))
    page.insert_obj(obj)
    page.gen_content()
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0, 1, 2, 3])
    out.import_pages(picture)
    path = tmp_path / "last-page-scanned.pdf"
    out.save(str(path))
    result = run_cli("extract", "--no-ocr", str(path))
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [p["page"] for p in problems if "no usable text layer" in p["message"]] == [5]
