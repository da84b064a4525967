"""The problem lists: a Word letter per agency (read back with python-docx) and the 问题清单 workbook."""

from __future__ import annotations

import re

import docx
import pytest
from openpyxl import load_workbook
from test_store_helpers import truth_record, with_sha

from app.cli import main
from app.export.problem_list import BOOK, export_problem_list
from app.export.problems import region_of
from app.extract import extract_pdf
from app.review import open_review
from tests.fixtures.catalog import build_case, case

TYPO = case("gen-2021-typo-single-digit")
CELL_ID = re.compile(r"\b(?:requests|active|review)\.\w+\.\w+")


@pytest.fixture
def decided(tmp_path, generated_dir):
    """A typo report (PDF) with one finding confirmed and one left pending; hongze-2023 (no PDF)
    with one confirmed, one dismissed and one corrected as an extraction error; a clean report."""
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="审核员乙") as r:
        pdf = build_case(TYPO, generated_dir)
        typo = r.add_record(extract_pdf(pdf), path=pdf).document_id
        plain = build_case(case("gen-2021-plain"), generated_dir)
        r.add_record(extract_pdf(plain), path=plain)
        hz = r.add_record(with_sha(truth_record("hongze-2023", path="/gone/hongze-2023.pdf"), "h")).document_id
        rules = {kf.finding.rule: kf.key for kf in r.keyed_findings(typo)}
        r.decide(typo, rules["applicants"], "confirmed", comment="请更正后重新公开")
        hz_findings = {kf.finding.rule + str(i): kf for i, kf in enumerate(r.keyed_findings(hz))}
        review_totals = [kf for k, kf in hz_findings.items() if k.startswith("review_total")]
        single = next(kf for kf in review_totals if not kf.finding.note)
        ambiguous = next(kf for kf in review_totals if kf.finding.note)
        structure = next(kf for k, kf in hz_findings.items() if k.startswith("structure"))
        r.decide(hz, single.key, "confirmed")
        r.decide(hz, structure.key, "dismissed", comment="章节齐全，标题写法不同")
        s = ambiguous.finding.suspects[0]
        r.decide(hz, ambiguous.key, "extraction", values={s.cell: s.suggested})
    return path


def letter_text(path) -> str:
    d = docx.Document(str(path))
    return "\n".join(p.text for p in d.paragraphs)


def test_problem_lists_from_the_command_line(decided, tmp_path, capsys):
    out = tmp_path / "问题清单"
    assert main(["problems", "--db", str(decided), "--out", str(out)]) == 0
    assert "2 份机关问题清单" in capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["云岭县人民政府-问题清单.docx", "淮安市洪泽区人民政府-问题清单.docx", BOOK])

    typo = TYPO.truth["typo"]
    letter = out / "云岭县人民政府-问题清单.docx"
    text = letter_text(letter)
    assert f"表三 第三（一）“予以公开”行 自然人列：印 {typo['printed']}，按勾稽应为 {typo['intended']}" in text
    assert "审核意见：请更正后重新公开" in text and "审核人：审核员乙" in text
    assert "2022 年度报告" in text
    assert text.count("按勾稽应为") == 1, "only the confirmed problem, not the pending one"
    assert not CELL_ID.search(text), "people read plain cell names, never ids"
    d = docx.Document(str(letter))
    assert len(d.inline_shapes) == 1, "a crop of the page around the cell"
    assert d.inline_shapes[0].width > 0

    hz_text = letter_text(out / "淮安市洪泽区人民政府-问题清单.docx")
    assert "表四 “行政复议”行 总计列" in hz_text and "原文：" in hz_text  # no PDF: the printed text
    assert "章节齐全" not in hz_text, "dismissed findings are not sent back"
    assert not CELL_ID.search(hz_text)
    assert len(docx.Document(str(out / "淮安市洪泽区人民政府-问题清单.docx")).inline_shapes) == 0


def test_problem_workbook_lists_every_finding_with_its_decision(decided, tmp_path):
    with open_review(decided, create=False) as r:
        result = export_problem_list(r, tmp_path / "out")
        total = sum(len(r.keyed_findings(d.id)) for d in r.list_documents())
    ws = load_workbook(result.workbook)["问题清单"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    groups = [row[0] for row in rows if row[1] is None]
    assert groups == ["云岭县 · 云岭县人民政府", "淮安市洪泽区 · 淮安市洪泽区人民政府"]
    findings = [row for row in rows if row[1] is not None]
    assert len(findings) == result.findings == total + 1  # + the corrected one, no longer found
    by_decision = {}
    for row in findings:
        by_decision.setdefault(row[8], []).append(row)
    assert len(by_decision["确认为报告错误"]) == 2 and len(by_decision["不是问题"]) == 1
    (corrected,) = by_decision["识别错误"]
    assert corrected[12] == "否" and corrected[0] == "淮安市洪泽区"
    assert all(row[12] == "是" for row in findings if row[8] != "识别错误")
    assert "待定" in by_decision and all(row[10] is None for row in by_decision["待定"])
    assert not any(CELL_ID.search(str(row[7])) for row in findings)


def test_out_must_be_a_folder(decided, tmp_path, capsys):
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert main(["problems", "--db", str(decided), "--out", str(f)]) == 2
    assert "file.txt" in capsys.readouterr().err


def test_region_is_read_off_the_agency_name():
    assert region_of("淮安市洪泽区人民政府") == "淮安市洪泽区"
    assert region_of("淮安市洪泽区住房和城乡建设局") == "淮安市洪泽区"
    assert region_of("临江市交通运输局") == "临江市"
    assert region_of("国家税务总局") == region_of(None) == "（未注明地区）"


def test_the_excel_exports_name_decisions_in_the_trail(decided, tmp_path):
    from app.export import export_report, export_review

    with open_review(decided, create=False) as r:
        export_review(r, tmp_path / "all.xlsx")
        doc = r.list_documents()[0].id
        export_report(r, doc, tmp_path / "one.xlsx")
    for path, sheet in ((tmp_path / "all.xlsx", "edits"), (tmp_path / "one.xlsx", None)):
        wb = load_workbook(path)
        sheets = [wb[sheet]] if sheet else wb.worksheets
        cells = [str(c.value) for ws in sheets for row in ws.iter_rows() for c in row]
        assert any(v.startswith("问题决定 applicants-") for v in cells), path


def test_page_crop_of_a_real_report_frames_the_cell():
    import io

    from PIL import Image

    from app.export.problem_docx import ABOVE, BELOW, SCALE, page_crop
    from tests.conftest import REAL

    pdf = REAL / "hongze-2023.pdf"
    cell = extract_pdf(pdf).cells["review.reconsideration.total"]
    png = page_crop(pdf, cell.page, cell.bbox)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    height = (cell.bbox[3] - cell.bbox[1] + ABOVE + BELOW) * SCALE
    assert abs(image.height - height) <= 2
    import numpy as np

    px = np.asarray(image).astype(int)
    ys, xs = np.nonzero((px[..., 0] > 200) & (px[..., 1] < 80) & (px[..., 2] < 80))
    assert len(xs), "the cell is boxed in red"
    x0, x1 = cell.bbox[0] * SCALE, cell.bbox[2] * SCALE
    assert abs(xs.min() - x0) <= 6 and abs(xs.max() - x1) <= 6
    assert abs(ys.min() - ABOVE * SCALE) <= 6  # the box sits ABOVE points below the crop's top
    assert page_crop(REAL / "missing.pdf", 1, cell.bbox) is None
    assert page_crop(pdf, 99, cell.bbox) is None
