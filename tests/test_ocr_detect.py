"""What needs OCR, and what happens without the OCR extra: no OCR engine is used here."""

from __future__ import annotations

import subprocess
import sys

import pytest

import app.extract.record as record
from app.errors import NeedsOcrError
from app.extract import extract_pdf
from app.extract.ocr import detect
from tests.fixtures import bad


@pytest.mark.parametrize("text,garbage", [
    ("三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 31 0 3", False),
    ("(cid:12)(cid:345)(cid:7)(cid:80) 12 (cid:9)(cid:10)(cid:11)" * 3, True),
    ("\ue001\ue002\ue003\ue004\ue005\ue006 政府 \ue007\ue008\ue009" * 3, True),
    ("\ufffd\ufffd\ufffd\ufffd 年度报告 \ufffd\ufffd\ufffd" * 3, True),
    ("- 3 -", True),  # a page number and nothing else: a scanned page
])
def test_unreadable_text(text, garbage):
    assert detect.unreadable(text) is garbage


def test_garbage_share_counts_cid_runs_as_characters():
    assert detect.garbage_share("(cid:1)(cid:2)ab") == pytest.approx(0.5)
    assert detect.garbage_share("") == 1.0


def test_a_scan_without_the_ocr_extra_says_how_to_get_it(tmp_path, monkeypatch):
    path = bad.image_only_pdf(tmp_path / "scan.pdf")
    monkeypatch.setattr(record, "available", lambda: False)
    with pytest.raises(NeedsOcrError, match=r"nianbao\[ocr\]"):
        extract_pdf(path)
    with pytest.raises(NeedsOcrError, match="without --no-ocr"):
        extract_pdf(path, ocr="off")


def test_unknown_mode_is_refused(tmp_path):
    with pytest.raises(ValueError):
        extract_pdf(tmp_path / "x.pdf", ocr="sometimes")


def test_importing_the_extractor_loads_no_ocr_engine():
    """Text reports must not pay for numpy, OpenCV or onnxruntime."""
    code = ("import sys, app.extract; "
            "print([m for m in ('numpy', 'cv2', 'onnxruntime', 'rapidocr') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_pictures_the_size_of_a_table_are_found(generated_dir):
    pytest.importorskip("numpy")
    import pypdfium2 as pdfium

    from app.extract.pdfpage import read_page
    from tests.fixtures.catalog import case
    from tests.fixtures.scans import pasted

    c = case("gen-2021-plain")
    path = pasted(c.truth, c.layout, c.name, generated_dir / "scans")
    doc = pdfium.PdfDocument(str(path))
    try:
        found = {n: detect.picture_regions(doc, n, read_page(doc, n).chars) for n in range(1, len(doc) + 1)}
    finally:
        doc.close()
    assert [n for n, boxes in found.items() if boxes] == [2]
    assert len(found[2]) == 2  # tables 三 and 四
    for x0, top, x1, bottom in found[2]:
        assert x1 - x0 > 400 and bottom - top > 50
