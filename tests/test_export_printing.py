"""Workbooks for printing (issue 16 item 18): A4 and fit-to-width on every sheet, the audit trail with
local times and Chinese words, the whole review opening on a one-page summary."""

from __future__ import annotations

from openpyxl import load_workbook

from app.export import export_report, export_review
from app.extract import extract_pdf
from app.review import open_review
from app.review.trail_text import local_time
from tests.fixtures.catalog import build_case, case


def _review(tmp_path, generated_dir):
    path = tmp_path / "r.sqlite"
    review = open_review(path, reviewer="甲")
    typo = review.add_record(extract_pdf(build_case(case("gen-2021-typo-single-digit"), generated_dir))).document_id
    review.add_record(extract_pdf(build_case(case("gen-2021-plain"), generated_dir)))
    review.apply_edit(typo, "requests.new.natural", 5, reason="核对原件")
    review.record_import_error(tmp_path / "坏.pdf", "broken", kind="BrokenPdfError")
    return review, typo


def _printable(ws) -> bool:
    return (str(ws.page_setup.paperSize) == "9" and ws.page_setup.fitToWidth in (1, "1")
            and ws.sheet_properties.pageSetUpPr.fitToPage)


def test_every_sheet_prints_on_a4_fitted_to_width(tmp_path, generated_dir):
    review, typo = _review(tmp_path, generated_dir)
    with review:
        one, whole = tmp_path / "one.xlsx", tmp_path / "whole.xlsx"
        export_report(review, typo, one)
        export_review(review, whole)
    for path in (one, whole):
        wb = load_workbook(path)
        assert all(_printable(ws) for ws in wb.worksheets), [ws.title for ws in wb.worksheets if not _printable(ws)]


def test_the_whole_review_opens_on_a_summary(tmp_path, generated_dir):
    review, _typo = _review(tmp_path, generated_dir)
    with review:
        whole = tmp_path / "whole.xlsx"
        export_review(review, whole)
    wb = load_workbook(whole)
    assert wb.sheetnames[0] == "summary" and wb.active.title == "summary"
    ws = wb["summary"]  # the charts' sheet (app/export/summary_xlsx.py), fitted to one page
    assert ws.page_setup.fitToHeight == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_audit_trail_has_local_times_and_chinese_words(tmp_path, generated_dir):
    review, typo = _review(tmp_path, generated_dir)
    with review:
        edit = [e for e in review.history(typo) if e.cell == "requests.new.natural"][0]
        whole = tmp_path / "whole.xlsx"
        export_review(review, whole)
    rows = list(load_workbook(whole)["edits"].values)
    names = rows[1]
    row = next(r for r in rows[2:] if r[names.index("cell")] == "requests.new.natural")
    assert row[names.index("at_local")] == local_time(edit.at)
    assert row[names.index("how_label")] == "手工更正" and row[names.index("reason")] == "核对原件"
    assert row[names.index("label")].startswith("一")  # the cell's Chinese name
