"""Text reports (OCR services, copy-paste, Markdown): the five seed texts and text renderings of every fixture."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.errors import InputError
from app.extract import extract
from app.extract.assemble import assemble
from app.extract.readers import reader_for
from app.extract.readers.text import parse
from tests.fixtures import catalog
from tests.fixtures.textrender import OCR_STYLES, STYLES, render_text

SHARED = Path(os.environ.get("NIANBAO_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEED_TEXTS = SHARED / "seeds"
SEED_TRUTH = Path(__file__).resolve().parent / "fixtures" / "seeds"


def _seed_text(n: int) -> Path:
    found = sorted(SEED_TEXTS.glob(f"{n:03d}_*.txt"))
    if not found:
        pytest.fail(f"shared/seeds/{n:03d}_*.txt is missing (NIANBAO_SHARED={SHARED})")
    return found[0]


def _assert_exact(record, truth: dict) -> None:
    wrong = {k: (record.cells[k].value if k in record.cells else "absent", v)
             for k, v in truth["cells"].items() if k not in record.cells or record.cells[k].value != v}
    assert not wrong, wrong
    assert set(record.cells) == set(truth["cells"])
    assert sorted(record.missing) == sorted(truth["missing"])
    assert sorted(k for k, c in record.cells.items() if c.blank) == sorted(truth.get("blank", []))
    assert record.template == truth["template"]
    assert (record.agency or "") == (truth["agency"] or "")
    assert record.year == truth["year"]


@pytest.mark.parametrize("n", range(5))
def test_seed_texts_exact(n):
    """Every cell of each seed's transcription, its blank flags and its missing ids."""
    truth = json.loads((SEED_TRUTH / f"seed-{n:03d}.json").read_text(encoding="utf-8"))
    record = extract(_seed_text(n))
    _assert_exact(record, truth)
    assert record.source.format == "text"
    assert {s.heading[:2] for s in record.sections} >= {"一、", "二、", "四、", "五、"}  # 003 lost 三 with its page


def test_seed_anchor_is_the_printed_text():
    """A text cell's anchor is its line and characters: they hold the raw text."""
    path = _seed_text(0)
    doc = reader_for(path).read(path, None)
    record = assemble(doc)
    lines = doc.content.split("\n")
    for cid, cell in record.cells.items():
        a = cell.anchor
        assert a.kind == "span", cid
        assert lines[a.line - 1][a.start:a.end] == cell.raw, cid
    assert record.cells["requests.new.total"].to_json()["anchor"]["kind"] == "span"


def test_seed_in_gb18030(tmp_path):
    """The same seed saved in GB18030 (as Windows tools write it) reads the same."""
    src = _seed_text(4)
    gbk = tmp_path / "report.txt"
    gbk.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    a, b = extract(src), extract(gbk)
    assert {k: c.value for k, c in a.cells.items()} == {k: c.value for k, c in b.cells.items()}


CASES = [c for c in catalog.cases() if not c.truth.get("unreadable")]


@pytest.mark.parametrize("style", STYLES + OCR_STYLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rendered_text_exact(case, style):
    """Each fixture report as tab-separated, space-separated and Markdown text, and as an OCR service
    gives it (full-width digits, thousands separators, table 四 one number a line): every cell exact."""
    record = assemble(parse(render_text(case.truth, style), f"{case.name}.txt"))
    _assert_exact(record, case.truth)


def test_row_with_a_number_too_few_is_left_out():
    """A row that prints fewer numbers than the form has columns is left out and said — never shifted."""
    truth = catalog.case("gen-2021-plain").truth
    text = render_text(truth, "spaced")
    row = next(line for line in text.split("\n") if line.startswith("2.重复申请 "))
    text = text.replace(row, row.rsplit(" ", 1)[0])
    record = assemble(parse(text))
    assert not any(cid.startswith("requests.rejected_duplicate.") for cid in record.cells)
    assert "requests.rejected_duplicate.total" in record.missing
    assert any("requests.rejected_duplicate" in p.message and "left out" in p.message for p in record.problems)
    # the rows around it are untouched
    assert record.cells["requests.rejected_publication.total"].value == truth["cells"]["requests.rejected_publication.total"]


def test_markdown_file_and_pipe_table(tmp_path):
    truth = catalog.case("gen-2019-with-procurement").truth
    path = tmp_path / "report.md"
    path.write_text(render_text(truth, "markdown"), encoding="utf-8")
    record = extract(path)
    _assert_exact(record, truth)


def test_unknown_encoding_is_one_clear_error(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(128, 256)) * 40)
    with pytest.raises(InputError) as e:
        extract(path)
    assert "report.txt" in str(e.value) and "\n" not in str(e.value)


def test_text_without_report_is_no_report(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no report tables"):
        extract(path)


def test_publication_date_of_copied_web_page_text():
    from app.extract.published import find_published

    truth = catalog.case("gen-2021-plain").truth
    text = "索引号：11320800/2023-00012\n发布机构：某区人民政府\n发布日期：2023年1月31日\n\n" + render_text(truth, "tsv")
    record = assemble(parse(text))
    assert record.published == "2023-01-31"
    assert assemble(parse(render_text(truth, "tsv"))).published is None
    assert find_published("成文日期：2023-02-01 发布日期：2023-02-03") == "2023-02-03"
    assert find_published("发布日期：2023-13-45") is None


@pytest.mark.parametrize("n,expected", [
    (0, []),
    (1, ["blank", "blank", "blank"]),  # the review row prints empty cells
    (2, ["prose_fee"]),  # its 六 says only 无。: not whether 信息处理费 was charged (issue 13)
    (3, ["narrative", "structure"]),  # prose 11 vs table 12; heading 三 lost with its page
    (4, []),
])
def test_checks_on_the_seed_texts(n, expected):
    """The seed texts, read and checked, give the findings their transcriptions give (tests/test_rules_real)."""
    from app.rules import check

    found = check(extract(_seed_text(n)))
    assert sorted(f.rule for f in found) == expected
    assert all(f.severity == "warning" for f in found)


def test_group_and_item_flattened_into_one_label_cell():
    """A converter that flattens merged cells writes （三）不予公开1.属于国家秘密 in one cell."""
    truth = catalog.case("gen-2021-plain").truth
    text = render_text(truth, "markdown")
    lines = []
    for line in text.split("\n"):
        cells = line.split(" | ")
        if len(cells) > 3 and cells[0].startswith("| （") and cells[1][:1].isdigit():
            line = cells[0] + cells[1] + " | " + " | ".join(cells[2:])
        lines.append(line)
    flattened = "\n".join(lines)
    assert "| （三）不予公开1.属于国家秘密 |" in flattened
    _assert_exact(assemble(parse(flattened)), truth)


@pytest.fixture(scope="module")
def copied(generated_dir):
    """Every fixture report's text as copied out of its PDF (pdfium's text, pages joined by form feeds)."""
    from app.extract.pdfio import read_text

    return [(c, "\f".join(p.text for p in read_text(pdf).pages)) for c, pdf in catalog.build_all(generated_dir)
            if not c.truth.get("unreadable")]


def test_text_copied_out_of_the_pdfs(copied):
    """Copy-paste of each fixture PDF: no value ever wrong; every cell exact but table 四 rows whose
    empty cells the copy loses — those are left out and said in problems."""
    lost = []
    for case, text in copied:
        record = assemble(parse(text, f"{case.name}.txt"))
        truth = case.truth
        wrong = {k: (c.value, truth["cells"].get(k)) for k, c in record.cells.items()
                 if truth["cells"].get(k, "absent") != c.value}
        assert not wrong, (case.name, wrong)
        absent = {k for k in truth["cells"] if k not in record.cells}
        if absent:  # only table 四 printed with empty cells (seed 001, gen-2021-blank-markers)
            assert absent == {k for k in truth["cells"] if k.startswith("review.")}, case.name
            assert any(k.startswith("review.") and k in truth["blank"] for k in truth["cells"]), case.name
            assert any("empty cells lost" in p.message for p in record.problems), case.name
            lost.append(case.name)
    assert sorted(lost) == ["gen-2021-blank-markers", "seed-001"]
