"""Shared helpers for the export tests: a review file of real and generated reports, and
readers that look at a workbook twice — through openpyxl and through python-calamine, an
independent reader — and at its raw XML. No tests here.

The review (built once per session, then only read) holds, through the review API:
the generated cases gen-2021-plain, gen-2021-other-single-row (（六） as one row),
gen-2019-with-procurement and gen-2021-typo-single-digit (a deliberate typo: red
cells and a suggestion); the two real reports (hongze-2023 breaks its review row;
a reviewer corrects one total, and the other break stays); and a record built
directly whose agency, note and raw text begin like formulas, with an unreadable
and an unprinted cell.
"""

from __future__ import annotations

import atexit
import copy
import functools
import hashlib
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from app.extract import extract_pdf
from app.review import open_review
from tests.fixtures.catalog import build_all

ROOT = Path(__file__).resolve().parent.parent
REAL = Path("/work/shared/real")
GENERATED = Path(__file__).resolve().parent / "_generated"
CASES = (
    "gen-2021-plain",
    "gen-2021-other-single-row",
    "gen-2019-with-procurement",
    "gen-2021-typo-single-digit",
)
INJECTION = '=HYPERLINK("http://x","y")'
REVIEWER = "审核员甲"


@functools.cache
def review_file() -> Path:
    """The shared review file (see the module docstring). Tests must not change it."""
    folder = Path(tempfile.mkdtemp(prefix="nianbao-export-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "review.sqlite"
    built = {c.name: p for c, p in build_all(GENERATED) if c.name in CASES}
    pdfs = [built[name] for name in CASES] + sorted(REAL.glob("hongze-*.pdf"))
    with open_review(path, reviewer=REVIEWER) as review:
        ids = {}
        for pdf in pdfs:
            record = extract_pdf(str(pdf))
            ids[pdf.stem] = review.add_record(record, path=pdf).document_id
        hostile = extract_pdf(str(built["gen-2021-plain"]))
        hostile = copy.deepcopy(hostile)
        hostile.source.sha256 = hashlib.sha256(b"hostile").hexdigest()
        hostile.agency = INJECTION
        hostile.cells["requests.new.natural"].raw = "=1+1"
        hostile.cells["requests.granted.business"].value = None  # unreadable
        hostile.cells["requests.granted.business"].raw = "@x"
        del hostile.cells["review.reconsideration.pending"]  # not printed
        hostile.missing.append("review.reconsideration.pending")
        ids["hostile"] = review.add_record(hostile, path="/in/-hostile.pdf").document_id
        review.set_note(ids["hostile"], INJECTION)
        review.set_note(ids["gen-2021-plain"], "+86 @审核 -备注")
        h23 = ids["hongze-2023"]
        review.apply_edit(h23, "review.reconsideration.total", 11, reason="printed total is 0")
        review.set_status(h23, "approved", override="fixture")
        review.set_status(ids["gen-2021-plain"], "approved", override="fixture")
        review.apply_edit(ids["gen-2019-with-procurement"], "active.fees.change", -3)
        review.apply_edit(ids["gen-2019-with-procurement"], "active.procurement.amount", 1234.5)
    return path


def doc_ids(review: Any) -> dict[str, int]:
    """Document ids by file stem (the hostile record: "-hostile")."""
    return {Path(d.name).stem: d.id for d in review.list_documents()}


# ---------------------------------------------------------------- reading workbooks back


def openpyxl_values(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    """Every non-empty cell value, per sheet, by 1-based (row, column)."""
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            (c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None
        }
    return out


def calamine_values(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    """The same, read by python-calamine (numbers come back as floats, empty cells as '')."""
    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        out[name] = {
            (r + 1, c + 1): v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""
        }
    return out


def calamine_merges(path: Path) -> dict[str, set[tuple[int, int, int, int]]]:
    """Merged ranges per sheet as (first row, first col, last row, last col), 1-based."""
    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        ranges = wb.get_sheet_by_name(name).merged_cell_ranges or []
        out[name] = {(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in ranges}
    return out


def openpyxl_merges(ws: Any) -> set[tuple[int, int, int, int]]:
    return {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
# a chart's data are cell references (<c:f>'summary'!$B$4:$B$6</c:f>), never anything else
_CHART_REF = re.compile(rb"<(?:\w+:)?f>([^<]*)</(?:\w+:)?f>")
_PLAIN_REF = re.compile(rb"^'[^'!]+'!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?$")


def assert_no_formulas(path: Path) -> None:
    """No cell of any sheet is a formula: per openpyxl, and in the raw XML of every part."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/charts/") and name.endswith(".xml"):
                refs = _CHART_REF.findall(z.read(name))
                assert refs and all(_PLAIN_REF.match(r) for r in refs), f"not a cell reference in {name}: {refs}"
                assert len(_FORMULA.findall(z.read(name))) == len(refs)
            elif name.endswith(".xml"):
                assert not _FORMULA.search(z.read(name)), f"a formula element in {name}"


def same(a: Any, b: Any) -> bool:
    """Equal as spreadsheet values: None and '' are empty, 5 equals 5.0."""
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return a == b
