"""The two real reports in ../shared/real: every printed cell exact."""

from __future__ import annotations

import pytest

from app.extract import extract_pdf
from tests.conftest import real_reports

REAL = real_reports()


@pytest.fixture(scope="module", params=REAL, ids=[p.stem for p, _ in REAL])
def extracted(request):
    pdf, truth = request.param
    return extract_pdf(pdf), truth


def test_real_reports_are_present():
    assert len(REAL) == 2, "../shared/real should hold hongze-2023 and hongze-2024"


def test_every_cell_exact(extracted):
    record, truth = extracted
    got = {cid: c.value for cid, c in record.cells.items()}
    assert got == truth["cells"]


def test_missing_matches_truth(extracted):
    record, truth = extracted
    assert record.missing == truth["missing"]


def test_title_and_template(extracted):
    record, truth = extracted
    assert (record.template, record.agency, record.year) == (truth["template"], truth["agency"], truth["year"])


def test_blank_flags(extracted):
    record, truth = extracted
    assert sorted(cid for cid, c in record.cells.items() if c.blank) == sorted(truth.get("blank", []))


def test_cells_sit_on_their_numbers(extracted):
    record, _ = extracted
    for cid, cell in record.cells.items():
        x0, top, x1, bottom = cell.bbox
        assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842, cid
        assert bottom - top < 20, f"{cid}: a number's box, not a cell's"


def test_sections_in_order(extracted):
    record, _ = extracted
    assert [s.heading[:2] for s in record.sections] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    overview = record.sections[0].text
    assert "受理政府信息公开申请" in "".join(overview.split())
    assert all("- " not in line for s in record.sections for line in s.text.splitlines() if line.strip("- 0123456789") == "")


def test_split_table_pages(extracted):
    """Table 三 starts on page 3 and continues on page 4 without a repeated header."""
    record, _ = extracted
    assert record.cells["requests.new.natural"].page == 3
    assert record.cells["requests.handled_total.total"].page == 4
