"""The whole review in one workbook, filters, safety, progress, cancel, atomic writes, the CLI."""

from __future__ import annotations

import os
import shutil

import pytest
from openpyxl import load_workbook
from test_export_helpers import (
    INJECTION,
    assert_no_formulas,
    calamine_values,
    doc_ids,
    openpyxl_values,
    review_file,
    same,
)

from app.cli import main
from app.export import (
    ExportCancelled,
    ExportError,
    UnknownReportError,
    cell_columns,
    export_report,
    export_review,
    find_report,
)
from app.export.review_xlsx import EDITS_SHEET_COLUMNS, FINDINGS_SHEET_COLUMNS, RECORD_COLUMNS
from app.export.summary_xlsx import comparison_columns
from app.review import open_review
from app.templates import all_templates

DOC_FIELDS = {
    "id": "id",
    "file": "name",
    "agency": "agency",
    "year": "year",
    "template": "template",
    "status": "status",
    "reviewer": "reviewer",
    "errors": "errors",
    "warnings": "warnings",
    "note": "note",
    "sha256": "sha256",
}


@pytest.fixture(scope="module")
def review():
    r = open_review(review_file(), create=False)
    yield r
    r.close()


@pytest.fixture(scope="module")
def whole(review, tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "review.xlsx"
    result = export_review(review, path)
    return path, result


def _sheet(values: dict, name: str) -> list[list]:
    """A sheet's cells as rows (1-based positions → a dense list of lists)."""
    cells = values[name]
    n_rows = max(r for r, _ in cells)
    n_cols = max(c for _, c in cells)
    return [[cells.get((r, c)) for c in range(1, n_cols + 1)] for r in range(1, n_rows + 1)]


def test_columns_are_the_union_of_the_templates_ids():
    ids = [c.id for c in cell_columns()]
    assert len(ids) == len(set(ids))
    for t in all_templates():
        assert set(t.cell_ids()) <= set(ids)  # standard and variant ids of every template
    assert "requests.other_handling.total" in ids and "active.regulations.made" in ids
    assert ids.index("active.regulations.made") < ids.index("requests.new.natural")  # by table
    assert ids[0] == "active.regulations.issued"  # the newest template first


def test_records_hold_every_current_value_in_both_readers(review, whole):
    path, result = whole
    docs = review.list_documents()
    assert (result.documents, result.path) == (len(docs), path)
    extra = [c.name for c in comparison_columns()]  # repeat rate and indicators: tests/test_compare_export.py
    columns = [c.name for c in RECORD_COLUMNS] + [c.id for c in cell_columns()] + extra
    for values in (openpyxl_values(path), calamine_values(path)):
        rows = _sheet(values, "records")
        assert rows[1] == columns  # the machine names under the Chinese labels
        assert rows[0][0] == "文档编号" and rows[0][len(RECORD_COLUMNS)] == "规章·本年制发件数"
        assert len(rows) == 2 + len(docs)
        for row, d in zip(rows[2:], docs, strict=True):
            record = review.record(d.id)
            got = dict(zip(columns, row, strict=True))
            for name, field in DOC_FIELDS.items():
                assert same(got[name], getattr(d, field)), (d.name, name)
            for cid in columns[len(RECORD_COLUMNS) : len(columns) - len(extra)]:
                c = record.cells.get(cid)
                assert same(got[cid], None if c is None else c.value), (d.name, cid)


def test_two_templates_and_both_forms_of_other_handling_share_columns(review, whole):
    path, _ = whole
    rows = _sheet(openpyxl_values(path), "records")
    names = rows[1]
    by_file = {r[names.index("file")]: dict(zip(names, r, strict=True)) for r in rows[2:]}
    single = by_file["gen-2021-other-single-row.pdf"]
    three = by_file["gen-2021-plain.pdf"]
    old = by_file["gen-2019-with-procurement.pdf"]
    assert single["requests.other_handling.total"] is not None
    assert single["requests.other_no_correction.total"] is None  # not printed: blank, not 0
    assert three["requests.other_handling.total"] is None
    assert three["requests.other_no_correction.total"] is not None
    assert old["template"] == "gov-info-annual-2019" and old["active.regulations.made"] is not None
    assert old["active.regulations.issued"] is None
    assert old["active.procurement.amount"] == 1234.5


def test_findings_and_edits_sheets(review, whole):
    path, result = whole
    docs = review.list_documents()
    findings = [(d, f) for d in docs for f in review.load_document(d.id).findings]
    edits = review.history()
    assert (result.findings, result.edits) == (len(findings), len(edits))
    for values in (openpyxl_values(path), calamine_values(path)):
        rows = _sheet(values, "findings")
        assert rows[1] == [c.name for c in FINDINGS_SHEET_COLUMNS]
        assert len(rows) == 2 + len(findings)
        for row, (d, f) in zip(rows[2:], findings, strict=True):
            got = dict(zip(rows[1], row, strict=True))
            assert same(got["document"], d.id) and got["file"] == d.name
            assert (got["severity"], got["rule"], got["message"]) == (f.severity, f.rule, f.message)
            assert got["cells"] == ", ".join(f.cells)
            assert same(got["expected"], f.expected) and same(got["actual"], f.actual)
        rows = _sheet(values, "edits")
        assert rows[1] == [c.name for c in EDITS_SHEET_COLUMNS]
        assert len(rows) == 2 + len(edits)
        for row, e in zip(rows[2:], edits, strict=True):
            got = dict(zip(rows[1], row, strict=True))
            assert same(got["id"], e.id) and same(got["document"], e.document_id)
            assert got["cell"] == e.cell and got["who"] == e.who and got["at"] == e.at
            assert same(got["old"], e.old_value) and same(got["new"], e.new_value)
            assert got["how"] == e.how and got["hash"] == e.hash


def test_frozen_headers_and_autofilter(review, whole):
    path, _ = whole
    wb = load_workbook(path)
    n = len(review.list_documents())
    records = wb["records"]
    assert records.freeze_panes == "D3"
    last = records.cell(2, records.max_column).column_letter
    assert records.auto_filter.ref == f"A2:{last}{2 + n}"
    assert records.max_column == len(RECORD_COLUMNS) + len(cell_columns()) + len(comparison_columns())
    for name in ("findings", "edits"):
        assert wb[name].auto_filter.ref.startswith("A2:")
        assert wb[name].freeze_panes is not None


def test_amounts_have_two_decimals(whole):
    path, _ = whole
    ws = load_workbook(path)["records"]
    names = [c.value for c in ws[2]]
    col = names.index("active.fees.amount") + 1
    formats = {
        ws.cell(r, col).number_format
        for r in range(3, ws.max_row + 1)
        if ws.cell(r, col).value is not None
    }
    assert formats == {"0.00"}


def test_formula_like_text_is_text(review, whole):
    path, _ = whole
    assert_no_formulas(path)
    for values in (openpyxl_values(path), calamine_values(path)):
        rows = _sheet(values, "records")
        got = {r[rows[1].index("file")]: r for r in rows[2:]}["-hostile.pdf"]
        assert got[rows[1].index("agency")] == INJECTION
        assert got[rows[1].index("note")] == INJECTION
        plain = {r[rows[1].index("file")]: r for r in rows[2:]}["gen-2021-plain.pdf"]
        assert plain[rows[1].index("note")] == "+86 @审核 -备注"
        edits = _sheet(values, "edits")
        assert INJECTION in [r[edits[1].index("new")] for r in edits[2:]]
    ws = load_workbook(path)["records"]
    note = next(c for row in ws.iter_rows(min_row=3) for c in row if c.value == INJECTION)
    assert note.data_type == "s" and note.quotePrefix


def test_filters(review, tmp_path):
    result = export_review(review, tmp_path / "approved.xlsx", status="approved")
    approved = review.list_documents(status="approved")
    assert result.documents == len(approved) == 2
    rows = _sheet(openpyxl_values(result.path), "records")
    assert sorted(r[0] for r in rows[2:]) == sorted(d.id for d in approved)
    ids = {d.id for d in approved}
    edits = _sheet(openpyxl_values(result.path), "edits")
    assert {r[1] for r in edits[2:]} <= ids
    assert result.edits == sum(1 for e in review.history() if e.document_id in ids)
    none = export_review(review, tmp_path / "none.xlsx", year=1900)
    assert none.documents == 0
    assert len(_sheet(openpyxl_values(none.path), "records")) == 2  # the two header rows


def test_progress_and_cancel_leave_no_file(review, tmp_path):
    seen = []
    export_review(review, tmp_path / "a.xlsx", progress=lambda d, t: seen.append((d, t)))
    total = len(review.list_documents()) + 2
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    target = tmp_path / "b.xlsx"
    target.write_bytes(b"the previous export")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        export_review(review, target, cancelled=cancelled)
    assert target.read_bytes() == b"the previous export"
    with pytest.raises(ExportCancelled):
        export_report(review, 1, tmp_path / "c.xlsx", cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]
    # a cancel that comes once the file is written is too late: the export reports success
    late = tmp_path / "late.xlsx"
    assert export_review(review, late, cancelled=late.exists).path == late
    late_one = tmp_path / "late-one.xlsx"
    assert export_report(review, 1, late_one, cancelled=late_one.exists) == late_one


def test_a_failure_while_saving_leaves_no_file(review, tmp_path, monkeypatch):
    from openpyxl.writer.excel import ExcelWriter

    def boom(self):
        self._archive.writestr("half", b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExcelWriter, "save", boom)
    with pytest.raises(ExportError, match="No space left"):
        export_review(review, tmp_path / "x.xlsx")
    with pytest.raises(ExportError):
        export_report(review, 1, tmp_path / "y.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_targets(review, tmp_path):
    for bad in (tmp_path / "nope" / "x.xlsx", tmp_path / "x.csv", tmp_path):
        with pytest.raises(ExportError):
            export_review(review, bad)
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o555)
    try:
        if not os.access(ro, os.W_OK):  # root writes anywhere
            with pytest.raises(ExportError, match="cannot write"):
                export_review(review, ro / "x.xlsx")
    finally:
        os.chmod(ro, 0o755)


def test_find_report_by_id_or_name(review):
    ids = doc_ids(review)
    assert find_report(review, str(ids["hongze-2024"])) == ids["hongze-2024"]
    assert find_report(review, "hongze-2024.pdf") == ids["hongze-2024"]
    assert find_report(review, "HONGZE-2024.PDF") == ids["hongze-2024"]
    assert find_report(review, "-hostile.pdf") == ids["-hostile"]
    with pytest.raises(UnknownReportError):
        find_report(review, "nope.pdf")
    with pytest.raises(UnknownReportError):
        find_report(review, "9999")


# ---------------------------------------------------------------- the CLI


@pytest.fixture
def db_copy(tmp_path):
    """A private copy of the shared review file (the CLI opens it for writing)."""
    src = review_file()
    dst = tmp_path / "r.sqlite"
    with open_review(src, create=False) as r:
        r.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(src, dst)
    return dst


def test_cli_exports_a_report_and_the_review(db_copy, tmp_path, capsys):
    out = tmp_path / "one.xlsx"
    assert (
        main(["export", "--db", str(db_copy), "--report", "hongze-2023.pdf", "--out", str(out)])
        == 0
    )
    assert "hongze-2023.pdf" in capsys.readouterr().out
    assert "四、政府信息公开行政复议、行政诉讼情况" in load_workbook(out).sheetnames
    out = tmp_path / "all.xlsx"
    assert main(["export", "--db", str(db_copy), "--out", str(out), "--status", "approved"]) == 0
    captured = capsys.readouterr()
    assert "exported 2 report(s)" in captured.out
    assert "reports" in captured.err and "[####" in captured.err  # progress goes to stderr
    assert load_workbook(out).sheetnames == ["summary", "records", "findings", "edits"]  # opens on the summary


@pytest.mark.parametrize(
    "args, message",
    [
        (["--report", "nope.pdf"], "no report 'nope.pdf'"),
        (["--report", "1", "--status", "approved"], "filters apply"),
        (["--out-dir-missing"], "no such folder"),
        (["--csv"], "must be an .xlsx file"),
    ],
)
def test_cli_cannot_run_exits_2_with_one_line(db_copy, tmp_path, capsys, args, message):
    out = tmp_path / "x.xlsx"
    if args == ["--out-dir-missing"]:
        args, out = [], tmp_path / "missing" / "x.xlsx"
    elif args == ["--csv"]:
        args, out = [], tmp_path / "x.csv"
    assert main(["export", "--db", str(db_copy), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("nianbao: ") and message in err[0]
    assert not out.exists()


def test_cli_unknown_review_file(tmp_path, capsys):
    assert (
        main(["export", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "x.xlsx")])
        == 2
    )
    assert capsys.readouterr().err.count("\n") == 1


def test_more_rows_than_a_sheet_holds_is_a_clean_error(review, tmp_path, monkeypatch):
    from app.export import review_xlsx

    monkeypatch.setattr(review_xlsx, "MAX_ROWS", 4)
    with pytest.raises(ExportError, match="more rows than an Excel sheet holds"):
        export_review(review, tmp_path / "big.xlsx")
    assert list(tmp_path.iterdir()) == []
