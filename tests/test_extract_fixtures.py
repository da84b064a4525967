"""Generated report PDFs (the seeds and quirk cases of tests/fixtures): every cell exact."""

from __future__ import annotations

import pytest

from app.extract import extract_pdf
from tests.fixtures.catalog import build_all, cases

CASES = cases()


@pytest.fixture(scope="session")
def built(generated_dir):
    return {case.name: path for case, path in build_all(generated_dir)}


@pytest.fixture(scope="module", params=CASES, ids=[c.name for c in CASES])
def extracted(request, built):
    case = request.param
    return case, extract_pdf(built[case.name])


def test_every_cell_exact(extracted):
    case, record = extracted
    got = {cid: c.value for cid, c in record.cells.items()}
    want = dict(case.truth["cells"])
    for cid in case.truth.get("unreadable", []):
        want[cid] = None
    assert got == want


def test_missing_ids(extracted):
    case, record = extracted
    assert sorted(record.missing) == sorted(case.truth["missing"])


def test_blank_flags(extracted):
    case, record = extracted
    assert sorted(cid for cid, c in record.cells.items() if c.blank) == sorted(case.truth.get("blank", []))


def test_unreadable_values_are_problems(extracted):
    case, record = extracted
    unreadable = set(case.truth.get("unreadable", []))
    assert {p.cell for p in record.problems if p.cell and "cannot read" in p.message} == unreadable
    for cid in unreadable:
        assert record.cells[cid].raw, "the printed text is kept"


def test_title_and_template(extracted):
    case, record = extracted
    t = case.truth
    assert (record.template, record.agency or "", record.year) == (t["template"], t["agency"] or "", t["year"])


def test_bbox_holds_the_printed_number(extracted, built):
    """Each cell's box, cut from the page's text layer, reads back as its raw text."""
    import pypdfium2 as pdfium

    case, record = extracted
    doc = pdfium.PdfDocument(str(built[case.name]))
    try:
        for cid, cell in list(record.cells.items())[::7]:
            if cell.blank and not cell.raw:
                continue
            page = doc[cell.page - 1]
            height = page.get_height()
            x0, top, x1, bottom = cell.bbox
            text = page.get_textpage().get_text_bounded(x0 - 0.5, height - bottom - 0.5, x1 + 0.5, height - top + 0.5)
            assert "".join(text.split()) == "".join(cell.raw.split()), cid
    finally:
        doc.close()
