"""Reports written in Word and saved as PDF by LibreOffice: tables broken over pages.

tests/fixtures/wordbreaks.py puts filler paragraphs before the tables so the
page ends at a chosen place: after a block's header row of table 二 (its rows
continue headerless on the next page), with the first row of table 二
repeated as a header, inside a row of table 二 (its label's lines split
between the pages), inside the header rows of tables 三 and 四. Every cell
must come out exact, with nothing left unplaced.
"""

from __future__ import annotations

import shutil

import pytest

from app.extract import extract_pdf
from tests.fixtures.catalog import case
from tests.fixtures.wordbreaks import word_pdfs

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

# (case, filler before 二 (三 gets half), options, the table that must span two pages)
SAMPLE = [
    ("gen-2019-with-procurement", 10, {"repeat_header": False}, "active"),  # break after a header row
    ("seed-001", 22, {"repeat_header": True, "label_lines": 3}, None),  # block title repeated, a row cut
    ("seed-003", 7, {"repeat_header": False, "label_lines": 4}, "active"),  # 行政处罚 cut mid-cell
    ("seed-003", 11, {"repeat_header": False, "label_lines": 4}, "active"),  # 其他对外管理服务事项 cut
    ("gen-2021-plain", 12, {"repeat_header": False}, None),  # table 四's header rows cut
    ("gen-2021-plain", 2, {"repeat_header": False}, None),  # table 三's header rows cut
]


@pytest.fixture(scope="module")
def reports(generated_dir):
    jobs = [(f"{name}-w{filler}-{i}", case(name).truth, {"filler": {"active": filler, "requests": filler // 2}, **o})
            for i, (name, filler, o, _) in enumerate(SAMPLE)]
    pdfs = word_pdfs(jobs, generated_dir / "word")
    return [(truth, extract_pdf(pdf)) for (_, truth, _), pdf in zip(jobs, pdfs)]


@pytest.mark.parametrize("k", range(len(SAMPLE)), ids=[f"{s[0]}-{s[1]}" for s in SAMPLE])
def test_every_cell_exact_nothing_unplaced(reports, k):
    truth, record = reports[k]
    assert {cid: c.value for cid, c in record.cells.items()} == truth["cells"]
    assert not [p.message for p in record.problems if "placed" in p.message or "not found" in p.message]
    spans = SAMPLE[k][3]
    if spans:
        assert len({c.page for cid, c in record.cells.items() if cid.startswith(spans + ".")}) == 2
