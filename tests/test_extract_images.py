"""Page images (JPG, PNG, multi-page TIFF): several files = one report in page order, through OCR."""

from __future__ import annotations

import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")
pytest.importorskip("cv2")

import pypdfium2 as pdfium  # noqa: E402
from PIL import Image  # noqa: E402

from app.errors import InputError  # noqa: E402
from app.extract import extract  # noqa: E402
from app.extract.readers import image  # noqa: E402
from tests.fixtures.catalog import build_case, case  # noqa: E402
from tests.fixtures.scans import scanned, score  # noqa: E402

DPI = 200


@pytest.fixture(scope="module")
def pages(generated_dir, tmp_path_factory):
    """A scanned fixture report as page images, JPG and PNG alternating, and its truth."""
    c = case("gen-2021-plain")
    scan = scanned(build_case(c, generated_dir), generated_dir / "scans", 7)
    out = tmp_path_factory.mktemp("pages")
    doc = pdfium.PdfDocument(str(scan))
    paths = []
    for i in range(len(doc)):
        img = doc[i].render(scale=DPI / 72).to_pil().convert("L")
        p = out / (f"report-p{i + 1}.jpg" if i % 2 == 0 else f"report-p{i + 1}.png")
        img.save(p, dpi=(DPI, DPI), **({"quality": 80} if p.suffix == ".jpg" else {}))
        paths.append(p)
    doc.close()
    return paths, c.truth


def test_page_images_are_one_report_in_page_order(pages):
    paths, truth = pages
    record = extract(paths)
    s = score(record, truth)
    assert s.exact == len(truth["cells"]) and not s.wrong and not s.silent, s
    assert record.source.format == "image"
    assert record.source.files == [str(p) for p in paths]
    assert record.source.pages == len(paths)
    # anchors are boxes in pixels of the page image the cell is on
    for cid, cell in record.cells.items():
        a = cell.where()
        assert a.kind == "box" and 1 <= a.page <= len(paths), cid
        with Image.open(paths[a.page - 1]) as im:
            assert 0 <= a.bbox[0] < a.bbox[2] <= im.width and 0 <= a.bbox[1] < a.bbox[3] <= im.height, cid
    # the same images in another order are another report: page order is the caller's
    assert image.group_sha256(paths) != image.group_sha256(paths[::-1])


def test_multipage_tiff_frames_are_pages(pages, tmp_path):
    paths, _ = pages
    frames = [Image.open(p).convert("L") for p in paths]
    tif = tmp_path / "report.tif"
    frames[0].save(tif, save_all=True, append_images=frames[1:], dpi=(DPI, DPI))
    scales = image._pages_pdf([tif], tmp_path / "out.pdf")
    assert len(scales) == len(paths)
    doc = pdfium.PdfDocument(str(tmp_path / "out.pdf"))
    assert len(doc) == len(paths)
    w, h = doc[0].get_size()
    assert abs(w * DPI / 72 - frames[0].width) < 2 and abs(h * DPI / 72 - frames[0].height) < 2
    doc.close()


def test_truncated_jpg_is_one_clear_error(pages, tmp_path):
    data = pages[0][0].read_bytes()
    bad = tmp_path / "cut.jpg"
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as e:
        extract(bad)
    assert "cut.jpg" in str(e.value) and "\n" not in str(e.value)


def test_mixed_formats_are_not_one_report(pages, tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("报告", encoding="utf-8")
    with pytest.raises(InputError, match="page images"):
        extract([pages[0][0], txt])
