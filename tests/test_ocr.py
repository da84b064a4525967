"""OCR of scanned reports and of tables pasted as pictures, against the truth of every cell.

Generated scans (tests/fixtures/scans.py: 200 dpi, tilted up to ±1.5°, noise,
blur, JPEG) of a few fixture reports and of the two real reports are read
once per session; every cell is compared with the truth. A wrong cell must
never be silent: an ``ocr_uncertain`` warning or a broken identity names it.
bench/ocr.py runs the same over every fixture.
"""

from __future__ import annotations

import json
import pickle
import socket
import subprocess
import sys

import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")
pytest.importorskip("cv2")

from app.extract import extract_pdf  # noqa: E402
from app.extract.ocr import OcrCancelled, engine  # noqa: E402
from app.rules import check  # noqa: E402
from tests.conftest import REAL, real_reports  # noqa: E402
from tests.fixtures.catalog import build_all, case  # noqa: E402
from tests.fixtures.scans import pasted, scanned, score  # noqa: E402

# seed 001: empty review cells and a header written downwards; blank markers; the 2019
# template; a table broken across pages without its header
SCANNED = ["seed-001", "gen-2021-blank-markers", "gen-2019-with-procurement", "gen-2021-split-no-header"]
PASTED = ["gen-2021-label-quirks"]


def want(truth: dict) -> dict:
    cells = dict(truth["cells"])
    for cid in truth.get("unreadable", []):
        cells[cid] = None
    return cells


@pytest.fixture(scope="session")
def sources(generated_dir):
    return {c.name: p for c, p in build_all(generated_dir)}


@pytest.fixture(scope="session")
def reads(generated_dir, sources):
    """(label, pdf, truth, record, findings, progress calls) of every OCR'd report, read once."""
    out = {}
    scans = generated_dir / "scans"
    jobs = [(f"{n} (scan)", scanned(sources[n], scans, i), case(n).truth) for i, n in enumerate(SCANNED)]
    jobs += [(f"{n} (pasted)", pasted(case(n).truth, case(n).layout, n, scans), case(n).truth) for n in PASTED]
    jobs += [(f"{pdf.stem} (real)", scanned(pdf, scans, 500 + i), truth)
             for i, (pdf, truth) in enumerate(real_reports())]
    for label, pdf, truth in jobs:
        calls = []
        record = extract_pdf(pdf, progress=lambda d, t, calls=calls: calls.append((d, t)))
        out[label] = (pdf, truth, record, check(record), calls)
    return out


def test_every_cell_exact_or_flagged(reads):
    """≥ 99.5 % of the cells exact over all scans; no wrong cell is silent."""
    cells = exact = 0
    silent = []
    for label, (_pdf, truth, record, _findings, _calls) in reads.items():
        s = score(record, truth)
        cells, exact = cells + s.cells, exact + s.exact
        silent += [f"{label}: {cid}" for cid in s.silent]
    assert not silent
    assert exact / cells >= 0.995, f"{exact} of {cells} cells exact"


@pytest.mark.parametrize("name", SCANNED + PASTED)
def test_generated_reports_read_whole(reads, sources, name):
    label = next(k for k in reads if k.startswith(name + " "))
    _pdf, truth, record, _findings, _calls = reads[label]
    assert (record.template, record.agency, record.year) == (truth["template"], truth["agency"], truth["year"])
    assert sorted(record.missing) == sorted(truth["missing"])
    assert {cid: c.value for cid, c in record.cells.items()} == want(truth)
    assert sorted(cid for cid, c in record.cells.items() if c.blank) == sorted(truth.get("blank", []))
    digital = extract_pdf(sources[name], ocr="off")
    assert len(record.sections) == len(digital.sections)  # the prose was read too


def test_real_reports_rasterised(reads):
    """The real reports, scanned: every printed cell read, and their own breaks still found."""
    real = {k: v for k, v in reads.items() if k.endswith("(real)")}
    assert len(real) == len(real_reports())
    for label, (_pdf, truth, record, findings, _calls) in real.items():
        got = {cid: c.value for cid, c in record.cells.items()}
        assert got == truth["cells"], label
        if "2023" in label:
            assert sum(f.rule == "review_total" for f in findings) == 2  # as printed


def test_ocr_cells_carry_confidence_and_page_boxes(reads, sources):
    """Every OCR'd cell has a confidence, and its box (PDF points) lies where the born-digital one does."""
    _pdf, _truth, record, _f, _c = reads["gen-2019-with-procurement (scan)"]
    digital = extract_pdf(sources["gen-2019-with-procurement"], ocr="off")
    for cid, cell in record.cells.items():
        assert cell.confidence is not None and 0 <= cell.confidence <= 1
        x0, top, x1, bottom = digital.cells[cid].bbox
        cx, cy = (cell.bbox[0] + cell.bbox[2]) / 2, (cell.bbox[1] + cell.bbox[3]) / 2
        assert x0 - 8 <= cx <= x1 + 8 and top - 8 <= cy <= bottom + 8, cid  # tilt: a few points off


def test_pasted_tables_keep_the_text_layer_elsewhere(reads):
    _pdf, _truth, record, _f, calls = reads["gen-2021-label-quirks (pasted)"]
    for cid, cell in record.cells.items():
        assert (cell.confidence is not None) == (not cid.startswith("active.")), cid
    assert calls and calls[-1][0] == calls[-1][1]  # one tick per page with a picture


def test_progress_counts_pages(reads):
    pdf, _truth, record, _f, calls = reads["gen-2021-blank-markers (scan)"]
    assert calls[0] == (0, record.source.pages)
    assert [d for d, _ in calls] == list(range(record.source.pages + 1))


def test_cancel_stops_before_the_next_page(reads):
    pdf = reads["gen-2021-blank-markers (scan)"][0]
    seen = []
    with pytest.raises(OcrCancelled):
        extract_pdf(pdf, progress=lambda d, t: seen.append(d), cancelled=lambda: len(seen) > 1)
    assert seen == [0, 1]


def test_force_ocr_ignores_the_text_layer(sources):
    record = extract_pdf(sources["gen-2021-one-page-tables"], ocr="force")
    assert all(c.confidence is not None for c in record.cells.values())
    assert {cid: c.value for cid, c in record.cells.items()} == want(case("gen-2021-one-page-tables").truth)


def test_no_ocr_refuses_a_scan(reads, tmp_path):
    pdf = reads["gen-2021-blank-markers (scan)"][0]
    out = tmp_path / "r.json"
    result = subprocess.run([sys.executable, "-m", "app", "extract", str(pdf), "--no-ocr", "--out", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "OCR is needed" in result.stderr and not out.exists()


def test_the_cli_reads_a_scan(reads, tmp_path):
    pdf, truth, *_ = reads["gen-2021-label-quirks (pasted)"]
    out = tmp_path / "r.json"
    result = subprocess.run([sys.executable, "-m", "app", "extract", str(pdf), "--out", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    assert cells["requests.new.total"]["value"] == truth["cells"]["requests.new.total"]
    assert "confidence" in cells["requests.new.total"] and "confidence" not in cells["active.regulations.issued"]


def test_import_options_pickle_for_the_workers():
    from app.pipeline.step import Job, StepOptions

    for mode in ("off", "force"):
        job = pickle.loads(pickle.dumps(Job("a.pdf", None, StepOptions(ocr=mode))))
        assert job.options.ocr == mode


# ---------------------------------------------------------------- offline


def test_models_are_the_bundled_ones():
    root = engine.model_dir()
    params = engine.params()
    for key in ("Det.model_path", "Rec.model_path", "Cls.model_path"):
        path = engine.Path(params[key])
        assert path.is_file() and path.parent == root, key


def test_no_download_is_ever_attempted(monkeypatch):
    """A fresh engine recognises a line with every network path closed."""
    import numpy as np
    from rapidocr.utils import download_file

    def refuse(*_a, **_k):
        raise AssertionError("OCR tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(download_file.DownloadFile, "run", classmethod(refuse))
    monkeypatch.setattr(engine, "_engine", None)
    page = np.full((40, 120), 255, np.uint8)
    page[10:30, 20:24] = 0  # a stroke: something to read
    assert len(engine.recognise([page])) == 1


def test_a_missing_model_is_an_error_not_a_download(monkeypatch, tmp_path):
    from app.errors import NeedsOcrError

    monkeypatch.setattr(engine, "model_dir", lambda: tmp_path)
    with pytest.raises(NeedsOcrError, match="bundled models"):
        engine.params()


@pytest.mark.skipif(not REAL.exists(), reason="no shared/real")
def test_text_reports_are_not_ocrd():
    record = extract_pdf(REAL / "hongze-2024.pdf")
    assert all(c.confidence is None for c in record.cells.values())


# ---------------------------------------------------------------- a text layer that lies


def _lying(monkeypatch, pages: set[int] | None):
    """Make the text layer of ``pages`` (None: all) map every CJK character to its neighbour,
    as a font with a wrong character map does; the drawing and the rulings stay."""
    import app.extract.record as record

    def lie(text: str) -> str:
        return "".join(chr(ord(c) + 1) if "\u4e00" <= c < "\u9fa5" else c for c in text)

    real_text, real_page = record.read_text, record.read_page

    def read_text(path, *args):
        pdf = real_text(path, *args)
        for p in pdf.pages:
            if pages is None or p.number in pages:
                p.text = lie(p.text)
        return pdf

    def read_page(doc, number):
        objects = real_page(doc, number)
        if pages is None or number in pages:
            for ch in objects.chars:
                ch["text"] = lie(ch["text"])
        return objects

    monkeypatch.setattr(record, "read_text", read_text)
    monkeypatch.setattr(record, "read_page", read_page)


@pytest.mark.parametrize("pages", [None, {2}], ids=["every-page", "one-table-page"])
def test_a_lying_text_layer_is_read_by_ocr(monkeypatch, sources, pages):
    _lying(monkeypatch, pages)
    truth = case("gen-2021-plain").truth
    record = extract_pdf(sources["gen-2021-plain"])
    assert {cid: c.value for cid, c in record.cells.items()} == want(truth)
    ocrd = {c.page for c in record.cells.values() if c.confidence is not None}
    assert ocrd == ({1, 2} if pages is None else {2})
