"""Landscape sections of born-digital reports: every cell exact, and its box on the number.

Tables 三 and 四 sit on landscape pages (tests/fixtures/landscape.py), the
section heading left at the foot of the portrait page before, table 三
continued on a second landscape page. The landscape pages are made the way
WPS/Word make them — a portrait MediaBox with /Rotate 90 or 270 and the
content drawn turned — or upside down (/Rotate 180), or as a plain landscape
MediaBox. The page view maps ``Cell.bbox`` (unrotated media box) onto the
page as shown; a landscape-MediaBox copy of the same report shows the same
page unturned, so the mapped boxes must equal its boxes.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from app.extract import extract_pdf
from app.extract.pdfpage import turn_box
from tests.fixtures.catalog import case
from tests.fixtures.landscape import made

SAMPLE = [("seed-000", 90), ("seed-000", 270), ("seed-000", 180), ("gen-2021-split-no-header", 90),
          ("gen-2021-heading-on-previous-page", 270)]


def _want(truth: dict) -> dict:
    cells = dict(truth["cells"])
    for cid in truth.get("unreadable", []):
        cells[cid] = None
    return cells


@pytest.fixture(scope="module")
def reports(generated_dir):
    out = {}
    for name in {n for n, _ in SAMPLE}:
        c = case(name)
        for rot in {0, *(r for n, r in SAMPLE if n == name)}:
            pdf = made(c.truth, c.layout, c.name, generated_dir / "landscape", rotate=rot)
            out[name, rot] = (c, pdf, extract_pdf(pdf))
    return out


@pytest.mark.parametrize(("name", "rotate"), SAMPLE)
def test_every_cell_exact(reports, name, rotate):
    c, pdf, record = reports[name, rotate]
    assert {cid: cell.value for cid, cell in record.cells.items()} == _want(c.truth)
    assert not [p for p in record.problems if "not found" in p.message]


@pytest.mark.parametrize(("name", "rotate"), SAMPLE)
def test_pages_really_turned(reports, name, rotate):
    """The fixture is what it claims: the tables' pages carry /Rotate, table 三 spans two of them."""
    c, pdf, record = reports[name, rotate]
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = {cell.page for cid, cell in record.cells.items() if cid.startswith(("requests.", "review."))}
        assert {doc[p - 1].get_rotation() for p in pages} == {rotate}
    finally:
        doc.close()
    assert len({cell.page for cid, cell in record.cells.items() if cid.startswith("requests.")}) == 2


@pytest.mark.parametrize(("name", "rotate"), SAMPLE)
def test_box_lands_on_the_number_in_the_page_view(reports, name, rotate):
    c, pdf, record = reports[name, rotate]
    _, _, flat = reports[name, 0]
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for cid, cell in record.cells.items():
            page = doc[cell.page - 1]
            left, bottom, right, top = page.get_mediabox()
            w, h = right - left, top - bottom
            # the text layer under the box, in the media box the box is given in
            x0, y0, x1, y1 = cell.bbox
            if cell.raw:
                text = page.get_textpage().get_text_bounded(x0 - 0.5, h - y1 - 0.5, x1 + 0.5, h - y0 + 0.5)
                assert "".join(text.split()) == "".join(cell.raw.split()), cid
            # shown turned (ui/page_renderer.PageGeometry's mapping), it is where the unturned page has it
            shown = turn_box(cell.bbox, page.get_rotation(), w, h)
            assert shown == pytest.approx(flat.cells[cid].bbox, abs=0.6), cid
    finally:
        doc.close()
