"""The fixture builder renders what its truth says: checked with pdfplumber
and pypdfium2 only (never app/), so the extractor's tests can trust it."""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from tests.fixtures import labels as L
from tests.fixtures.bad import (
    empty_file,
    encrypted_pdf,
    image_only_pdf,
    no_report_pdf,
    random_bytes_file,
    truncated_pdf,
    zero_page_pdf,
)
from tests.fixtures.builder import Report, build_report
from tests.fixtures.catalog import DEFAULT_OUT, build_all, case, cases
from tests.fixtures.truths import identity_errors, make_truth

SEED_TEXTS = Path(os.environ.get("NIANBAO_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "seeds"


def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


@pytest.fixture(scope="module")
def built() -> dict:
    return {c.name: (c, p) for c, p in build_all(DEFAULT_OUT)}


def page_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def table_rows(path: Path) -> list[tuple[int, list[str | None]]]:
    out = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages):
            for table in page.extract_tables():
                out += [(n, row) for row in table]
    return out


# ------------------------------------------------------------------ catalogue
def test_catalogue_covers_the_brief():
    cs = cases()
    names = [c.name for c in cs]
    assert len(names) == len(set(names))
    assert sum(n.startswith("seed-") for n in names) == 5
    assert sum(n.startswith("gen-") for n in names) >= 10
    assert {c.truth["template"] for c in cs} == set(L.TEMPLATES)
    layouts = [c.layout for c in cs]
    assert any(lay.get("kangxi") for lay in layouts)
    assert any((lay.get("split_requests") or {}).get("repeat_header") is False for lay in layouts)
    assert any((lay.get("split_requests") or {}).get("repeat_header") is True for lay in layouts)
    assert any(lay.get("heading_on_previous_page") for lay in layouts)
    markers = {m for lay in layouts for m in lay.get("blank_markers", {}).values()}
    assert markers == {"", "/", "—", "-", "无"}
    assert any(c.truth.get("unreadable") for c in cs)


def test_generated_truths_satisfy_the_identities_unless_a_typo_is_named():
    for c in cases():
        errors = identity_errors(c.truth)
        if "typo" in c.name:
            cid = c.truth["typo"]["cell"]
            row, col = cid.split(".")[1:]
            assert sorted(errors) == [f"applicants:requests.{row}.*", f"outcomes:requests.*.{col}"]
        else:
            assert errors == [], c.name


def test_every_template_cell_is_printed_missing_or_unreadable():
    for c in cases():
        t = c.truth
        cells, missing = set(t["cells"]), set(t["missing"])
        assert not cells & missing, c.name
        expected = set(L.template_cell_ids(t["template"]))
        if t["template"] == L.TEMPLATE_2021 and any(k.startswith("requests.other_handling.") for k in cells):
            # the hongze variant: （六） printed as one row, its three sub-rows missing
            expected |= {f"requests.other_handling.{col}" for col in L.REQUEST_COLUMNS}
        assert cells | missing == expected, c.name
        for cid in t.get("unreadable", []):
            assert t["cells"][cid] is None
        for cid in t["blank"]:
            assert t["cells"][cid] == 0


# ------------------------------------------------------------------ rendering
def test_build_all_is_fast_and_cached(tmp_path):
    start = time.perf_counter()
    first = build_all(tmp_path)
    cold = time.perf_counter() - start
    mtimes = {p: p.stat().st_mtime_ns for _, p in first}
    start = time.perf_counter()
    again = build_all(tmp_path)
    warm = time.perf_counter() - start
    assert cold < 20, cold
    assert warm < 1.0, warm
    assert {p: p.stat().st_mtime_ns for _, p in again} == mtimes
    for c, p in first:
        assert json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["layout"] == c.layout


def test_builds_are_deterministic(tmp_path):
    c = case("gen-2021-kangxi")
    a = build_report(c.truth, tmp_path / "a.pdf", c.layout).read_bytes()
    b = build_report(c.truth, tmp_path / "b.pdf", c.layout).read_bytes()
    assert a == b


def _expected_rows(c):
    """(kind, label, printed texts) of every printed table row of a case."""
    r = Report(c.truth, c.layout)
    rows = []
    for _title, _cols, printed in r.active_blocks():
        for _row, label, ids in printed:
            rows.append(("active", r.tx.label(label, False), [r.values.text(i) for i in ids]))
    _ids, grid = r.requests_rows()
    for cells in grid:
        leaf = [x for x in cells[:3] if x is not None][-1].text
        rows.append(("requests", leaf, [x.text for x in cells[3:]]))
    rows.append(("review", "", [r.values.text(f"review.{row}.{col}")
                                for row in L.REVIEW_ROWS for col in L.REVIEW_COLUMNS]))
    return rows


STRUCTURE_CASES = [
    "seed-000", "seed-001", "seed-003", "gen-2021-plain", "gen-2021-other-single-row",
    "gen-2021-split-no-header", "gen-2021-blank-markers", "gen-2021-value-quirks",
    "gen-2021-label-quirks", "gen-2019-with-procurement", "gen-2021-one-page-tables",
    "gen-2019-spread-pages", "gen-2021-combined-quirks",
]


@pytest.mark.parametrize("name", STRUCTURE_CASES)
def test_tables_print_every_truth_value_in_its_row(built, name):
    """pdfplumber's ruled-table reading finds each truth row, label and
    values in order, in a real grid cell."""
    c, pdf = built[name]
    found = [(n, [x if x is not None else "" for x in row]) for n, row in table_rows(pdf)]
    for kind, label, texts in _expected_rows(c):
        want = [norm(t) for t in texts]
        hits = []
        for _n, row in found:
            if kind == "review":
                if [norm(x) for x in row] == want:
                    hits.append(row)
            elif kind == "active":
                vals = [norm(x) for x in row[1:] if x != ""] if len(want) > 0 else []
                if norm(row[0]) == norm(label) and [v for v in vals] == [w for w in want if w]:
                    hits.append(row)
            else:
                labels = [x for x in row[:-7] if x]
                if labels and norm(labels[-1]) == norm(label) and [norm(x) for x in row[-7:]] == want:
                    hits.append(row)
        assert hits, f"{name}: no {kind} row {label!r} {texts}"


def test_every_value_appears_in_the_text_layer(built):
    for name, (c, pdf) in built.items():
        text = norm("".join(page_texts(pdf)))
        r = Report(c.truth, c.layout)
        for cid in c.truth["cells"]:
            if cid in c.truth["missing"]:
                continue
            t = r.values.text(cid)
            assert norm(t) in text, f"{name}: {cid} printed as {t!r} not in the text layer"


def test_kangxi_code_points_are_in_the_text_layer(built):
    kx = "".join(page_texts(built["gen-2021-kangxi"][1]))
    plain = "".join(page_texts(built["gen-2021-plain"][1]))
    for ch in "\u2f00\u2f06\u2f08\u2f42":  # ⼀ ⼆ ⼈ ⽂
        assert ch in kx
        assert ch not in plain
    assert "\u2f00、总体情况" in kx and "一、总体情况" not in kx
    assert "一、总体情况" in unicodedata.normalize("NFKC", kx)
    # labels in the table carry them too (pdfplumber reads the same text layer)
    with pdfplumber.open(built["gen-2021-kangxi"][1]) as pdf:
        words = "".join(p.extract_text() for p in pdf.pages)
    assert "\u2f00、本年新收政府信息公开申请数量" in words
    assert "\u2f06、上年结转" in words


def _pages_with(pdf: Path, needle: str) -> list[int]:
    return [i for i, t in enumerate(page_texts(pdf)) if norm(needle) in norm(t)]


def test_split_table_spans_two_pages_with_or_without_header(built):
    pdf = built["gen-2021-split-repeat-header"][1]
    before, after = _pages_with(pdf, "8.属于行政查询事项"), _pages_with(pdf, "1.本机关不掌握相关政府信息")
    assert after[0] == before[0] + 1
    assert _pages_with(pdf, "申请人情况") == [before[0], after[0]]

    pdf = built["gen-2021-split-no-header"][1]
    before, after = _pages_with(pdf, "3.补正后申请内容仍不明确"), _pages_with(pdf, "1.信访举报投诉类申请")
    assert after[0] == before[0] + 1
    assert _pages_with(pdf, "申请人情况") == [before[0]]
    # the continuation's first rows carry no group label (it stayed on the previous page)
    assert not _pages_with(pdf, "本年度办理结果")[1:]


def test_heading_is_last_on_its_page(built):
    pdf = built["gen-2021-heading-on-previous-page"][1]
    texts = page_texts(pdf)
    for heading, first_cell in [("三、收到和处理政府信息公开申请情况", "申请人情况"),
                                ("四、政府信息公开行政复议、行政诉讼情况", "复议后起诉")]:
        n = _pages_with(pdf, heading)[0]
        lines = [ln.strip() for ln in texts[n].splitlines() if ln.strip()]
        lines = [ln for ln in lines if not re.fullmatch(r"-\s*\d+\s*-", ln)]  # page number
        assert norm(lines[-1]) == norm(heading)
        assert len(lines) > 3  # the heading ends a page that holds other text
        assert norm(first_cell) in norm(texts[n + 1])
        assert norm(first_cell) not in norm(texts[n])


def test_one_page_and_spread_layouts(built):
    pdf = built["gen-2021-one-page-tables"][1]
    pages = {p for needle in ("第二十条第（一）项", "申请人情况", "四、结转下年度继续办理", "复议后起诉")
             for p in _pages_with(pdf, needle)}
    assert len(pages) == 1

    pdf = built["gen-2019-spread-pages"][1]
    first = _pages_with(pdf, "第二十条第（一）项")[0]
    last = _pages_with(pdf, "复议后起诉")[-1]
    assert 5 <= last - first + 1 <= 6
    header_pages = _pages_with(pdf, "申请人情况")
    assert len(header_pages) >= 2  # table 三 broke, header repeated


def test_value_and_label_quirks_are_printed(built):
    text = "".join(page_texts(built["gen-2021-value-quirks"][1]))
    assert "1O" in text and "?" in text
    assert re.search(r"\d,\d{3}", text)
    assert re.search("[０-９]", text)
    text = "".join(page_texts(built["gen-2021-label-quirks"][1]))
    for s in ("本年度止件数", "其他法律行政止公开", "1、", "(一) 予以公开", "本机关不掌握相关政 府信息"):
        assert s in text, s
    text = "".join(page_texts(built["seed-003"][1]))
    assert "+ 54" in text and "-66" in text


def test_missing_rows_are_not_printed(built):
    single = norm("".join(page_texts(built["gen-2021-other-single-row"][1])))
    assert norm("（六）其他处理") in single and norm("3.其他") not in single
    assert norm("逾期不补正") not in single
    no9 = norm("".join(page_texts(built["gen-2019-without-procurement"][1])))
    with9 = norm("".join(page_texts(built["gen-2019-with-procurement"][1])))
    assert norm("第二十条第（九）项") in with9 and norm("政府集中采购") in with9
    assert norm("第二十条第（九）项") not in no9
    s3 = norm("".join(page_texts(built["seed-003"][1])))
    assert "本年新收" not in s3 and "三、收到和处理" not in s3 and "保护第三方合法权益" in s3


def test_opening_names_the_han_number_and_sections_are_present(built):
    for name, (c, pdf) in built.items():
        text = norm("".join(page_texts(pdf)))
        if c.layout.get("opening", True):
            assert norm(L.HAN_NUMBER[c.truth["template"]]) in text, name
        omitted = set(c.layout.get("omit_sections", []))
        if c.layout.get("lost_page"):
            omitted.add("requests")
        for key, heading in L.SECTIONS:
            assert (norm(heading) in text) == (key not in omitted), (name, heading)


def test_narrative_figures_are_stated_in_the_prose(built):
    for name, (c, pdf) in built.items():
        text = norm("".join(page_texts(pdf)))
        n = c.truth["narrative"]
        if name.startswith("gen-") and "requests.new.total" in n:
            assert f"共收到政府信息公开申请{n['requests.new.total']}件" in text, name
        if name.startswith("gen-") and "review.litigation.total" in n:
            assert f"行政诉讼案件{n['review.litigation.total']}件" in text, name


def test_blank_cells_use_their_markers(built):
    c, pdf = built["gen-2021-blank-markers"]
    rows = [row for _, row in table_rows(pdf) if len(row) == 15 and row[0] not in ("行政复议", None)]
    printed = rows[-1]
    for i, (r, col) in enumerate((r, col) for r in L.REVIEW_ROWS for col in L.REVIEW_COLUMNS):
        cid = f"review.{r}.{col}"
        if cid in c.truth["blank"]:
            assert (printed[i] or "") == c.layout["blank_markers"][cid]


def test_builder_refuses_inconsistent_inputs(tmp_path):
    t = make_truth(L.TEMPLATE_2021, "测试县", 2022, 1)
    t["blank"] = ["requests.new.total"]
    t["cells"]["requests.new.total"] = 5
    with pytest.raises(ValueError):
        build_report(t, tmp_path / "x.pdf")
    t = make_truth(L.TEMPLATE_2021, "测试县", 2022, 1)
    t["missing"].append("requests.new.natural")
    with pytest.raises(ValueError):
        build_report(t, tmp_path / "y.pdf")


# ------------------------------------------------------------------ seeds
@pytest.mark.skipif(not SEED_TEXTS.exists(), reason="shared/seeds not present")
@pytest.mark.parametrize("n", range(5))
def test_seed_truth_matches_the_seed_text(n):
    """Each printed row of the seed truth is a run of numbers in the seed's text."""
    c = case(f"seed-00{n}")
    src = next(SEED_TEXTS.glob(f"00{n}_*.txt")).read_text(encoding="utf-8")
    text = " ".join(re.sub(r"[_\t ]+", " ", src).split())
    for kind, _label, texts in _expected_rows(c):
        run = " ".join(t for t in texts if t)
        assert run in text, (kind, run)
    assert c.truth["year"] == int(re.search(r"(20\d\d) ?年政府信息公开工作年度报告", src).group(1))
    if c.truth["agency"]:
        assert c.truth["agency"] in src[:200]
    for value in c.truth["narrative"].values():
        assert value == 0 or re.search(rf"(?<!\d){value} ?件", src), value


# ------------------------------------------------------------------ bad inputs
def test_bad_inputs(tmp_path):
    img = image_only_pdf(tmp_path / "image.pdf")
    texts = page_texts(img)
    assert len(texts) >= 2 and all(t.strip() == "" for t in texts)
    with pdfplumber.open(img) as pdf:
        assert pdf.pages[0].images and not pdf.pages[0].chars

    enc = encrypted_pdf(tmp_path / "enc.pdf")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(enc))
    assert len(pdfium.PdfDocument(str(enc), password="nianbao")) >= 2

    other = no_report_pdf(tmp_path / "notice.pdf")
    t = "".join(page_texts(other))
    assert "通知" in t and "年度报告" not in t
    with pdfplumber.open(other) as pdf:
        assert pdf.pages[0].extract_tables()

    zero = zero_page_pdf(tmp_path / "zero.pdf")
    with pdfplumber.open(zero) as pdf:
        assert len(pdf.pages) == 0
    with pytest.raises(pdfium.PdfiumError):  # pdfium refuses 0 pages (misreported as a password error)
        pdfium.PdfDocument(str(zero))

    cut = truncated_pdf(tmp_path / "cut.pdf")
    data = cut.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" not in data

    rnd = random_bytes_file(tmp_path / "random.pdf")
    assert len(rnd.read_bytes()) == 4096 and not rnd.read_bytes().startswith(b"%PDF")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(rnd))
    assert empty_file(tmp_path / "empty.pdf").stat().st_size == 0
