"""Batch import: round trips, skips, re-extraction, bad files, limits, interruption, the CLI."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_store_helpers import REAL, fake_check, fake_extract, write_fake_pdf

from app.commands import import_ as import_cmd
from app.commands import list_ as list_cmd
from app.importer import ImportSummary, NothingToImportError, find_pdfs, import_paths, sha256_of
from app.review import open_review
from app.workers import WorkerPool, WorkersCannotStartError

ROOT = Path(__file__).resolve().parent.parent
FAKE = "test_store_helpers:fake_extract"


@pytest.fixture
def review(tmp_path):
    r = open_review(tmp_path / "review.sqlite", reviewer="tester", checker=fake_check)
    yield r
    r.close()


@pytest.fixture
def fakes(tmp_path):
    """A folder of fake reports: the two hongze years, in a nested folder too."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    write_fake_pdf(d / "hongze-2023.pdf", truth="hongze-2023")
    write_fake_pdf(d / "sub" / "hongze-2024.PDF", truth="hongze-2024")
    (d / "notes.txt").write_text("not a report")
    return d


def snapshot(path: Path) -> dict[str, list]:
    """Every row of the tables an import must not disturb."""
    conn = sqlite3.connect(path)
    out = {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        for t in ("documents", "cells", "edits", "findings")
    }
    conn.close()
    return out


def test_find_pdfs(fakes):
    found = find_pdfs([fakes, fakes / "hongze-2023.pdf"])
    assert [p.name for p in found] == ["hongze-2023.pdf", "hongze-2024.PDF"]
    with pytest.raises(NothingToImportError):
        find_pdfs([fakes / "nope"])


def test_no_pdfs_is_an_error(review, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(NothingToImportError, match="no PDF files"):
        import_paths(review, [tmp_path / "empty"], extractor=fake_extract)


def test_a_batch_of_skips_starts_no_worker(review, fakes, monkeypatch):
    import_paths(review, [fakes], extractor=fake_extract, workers=1)
    started = []
    monkeypatch.setattr("app.workers._Worker.__init__", lambda *a: started.append(a))
    summary = import_paths(review, [fakes], extractor=fake_extract, workers=1)
    assert summary.skipped == 2 and started == []


def test_import_round_trip_with_fake_extractor(review, fakes):
    summary = import_paths(review, [fakes], extractor=fake_extract, workers=2)
    assert (summary.total, summary.imported, summary.skipped, summary.failed) == (2, 2, 0, 0)
    assert summary.with_errors == 1  # 2023 prints a review row that does not add up
    docs = {d.year: d for d in review.list_documents()}
    for doc in docs.values():
        want = fake_extract(doc.path)
        got = review.record(doc.id)
        assert got.cells == want.cells
        assert doc.sha256 == sha256_of(doc.path)
        assert (got.agency, got.year, got.template) == (want.agency, want.year, want.template)
    assert review.previous_id(docs[2024].id) == docs[2023].id
    assert review.previous_record(docs[2024].id).year == 2023


def test_second_import_skips_same_content(review, fakes, tmp_path):
    import_paths(review, [fakes], extractor=fake_extract, workers=1)
    before = snapshot(review.path)
    copy = tmp_path / "copy.pdf"
    shutil.copy(fakes / "hongze-2023.pdf", copy)  # same bytes, another name
    summary = import_paths(review, [fakes, copy], extractor=fake_extract, workers=1)
    assert (summary.imported, summary.skipped, summary.failed) == (0, 3, 0)
    assert snapshot(review.path) == before


def test_reextract_refreshes_but_keeps_reviewer_edits(review, fakes):
    import_paths(review, [fakes], extractor=fake_extract, workers=1)
    doc = review.list_documents(year=2023)[0]
    review.apply_edit(doc.id, "requests.new.total", 30)
    summary = import_paths(review, [fakes], extractor=FAKE, workers=1, reextract=True)
    assert (summary.imported, summary.reextracted, summary.skipped) == (0, 2, 0)
    assert summary.conflicts == []  # the extraction did not change
    assert review.record(doc.id).value("requests.new.total") == 30
    assert review.history(doc.id)[-1].cell == "@extract"


def test_reextract_conflicts_are_reported(review, tmp_path):
    pdf = write_fake_pdf(tmp_path / "a.pdf", truth="hongze-2023")
    import_paths(review, [pdf], extractor=FAKE, workers=1)
    (doc,) = review.list_documents()
    review.apply_edit(doc.id, "requests.new.total", 30)
    review.apply_edit(doc.id, "requests.new.natural", 30)
    # same file, but the extractor has improved and reads two cells differently
    changed = "test_store_helpers:fake_extract_changed"
    summary = import_paths(review, [pdf], extractor=changed, workers=1, reextract=True)
    assert [c.cell for c in summary.conflicts] == ["requests.new.total"]
    rec = review.record(doc.id)
    assert rec.value("requests.new.total") == 30  # the reviewer's
    assert rec.value("active.fees.amount") == 1.5  # refreshed


def test_broken_file_mid_batch(review, fakes, tmp_path):
    import_paths(review, [fakes], extractor=fake_extract, workers=1)
    before = snapshot(review.path)
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(fakes / "hongze-2023.pdf", batch / "a-known.pdf")
    (batch / "b-broken.pdf").write_bytes(b"%PDF-1.7\ngarbage")
    write_fake_pdf(batch / "c-new.pdf", truth="hongze-2024", agency="某县人民政府")
    summary = import_paths(review, [batch], extractor=fake_extract, workers=2)
    assert (summary.imported, summary.skipped, summary.failed) == (1, 1, 1)
    (err,) = review.import_errors()
    assert err["name"] == "b-broken.pdf" and "not a fake PDF" in err["message"]
    assert err["kind"] == "BrokenPdfError" and err["at"].endswith("Z")
    after = snapshot(review.path)
    new_id = review.list_documents(text="c-new")[0].id
    assert [d for d in after["documents"] if d[0] != new_id] == before["documents"]
    assert [c for c in after["cells"] if c[0] != new_id] == before["cells"]
    # the new document's seal (app/store/seal.py) is its only trail entry
    assert [e for e in after["edits"] if e[1] != new_id] == before["edits"]


def test_hung_crashed_and_greedy_files_are_abandoned(review, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write_fake_pdf(d / "1-hangs.pdf", sleep=60)
    write_fake_pdf(d / "2-crashes.pdf", crash=True)
    write_fake_pdf(d / "3-hogs.pdf", hog_mb=400)
    write_fake_pdf(d / "4-good.pdf", truth="hongze-2023")
    write_fake_pdf(d / "5-good.pdf", truth="hongze-2024")
    started = time.monotonic()
    summary = import_paths(
        review, [d], extractor=fake_extract, workers=2, time_limit=1.5, memory_limit_mb=150
    )
    assert time.monotonic() - started < 20
    assert (summary.imported, summary.failed) == (2, 3)
    kinds = {e["name"]: e["kind"] for e in review.import_errors()}
    assert kinds == {
        "1-hangs.pdf": "TimeLimit",
        "2-crashes.pdf": "WorkerDied",
        "3-hogs.pdf": "MemoryLimit",
    }


def test_workers_that_cannot_start_stop_the_batch(tmp_path, monkeypatch):
    (tmp_path / "nianbao_dies_on_import.py").write_text("import os\nos._exit(3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))  # spawned workers get the same sys.path
    pool = WorkerPool(1, "nianbao_dies_on_import:extract", time_limit=10)
    try:
        pool.submit("key", "a.pdf")
        with pytest.raises(WorkersCannotStartError, match="exit code 3"):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                assert pool.collect(0.1) == []  # the task is retried, never blamed
    finally:
        pool.close()


def test_stop_keeps_what_is_finished(review, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(12):
        write_fake_pdf(d / f"{i:02d}.pdf", truth="hongze-2023", year=2000 + i, sleep=0.1)
    stop = threading.Event()

    def progress(s: ImportSummary) -> None:
        if s.imported >= 2:
            stop.set()

    summary = import_paths(
        review, [d], extractor=fake_extract, workers=2, progress=progress, stop=stop
    )
    assert summary.interrupted
    assert 2 <= summary.imported < 12
    assert len(review.list_documents()) == summary.imported


def test_missing_extractor_stops_before_starting(review, fakes):
    with pytest.raises(Exception, match="extractor cannot be loaded"):
        import_paths(review, [fakes], extractor="no_such_module:extract")
    assert review.list_documents() == []


# ---------------------------------------------------------------- the real extractor


def _real_pdfs() -> list[Path]:
    pdfs = sorted(REAL.glob("*.pdf"))
    try:  # the fixture reports: the seeds and the quirk cases, rendered
        from fixtures.catalog import build_all

        pdfs += [p for _, p in build_all(ROOT / "tests" / "_generated")]
    except ImportError:
        pass
    return pdfs


@pytest.mark.slow
def test_round_trip_with_the_real_extractor(tmp_path):
    extract = pytest.importorskip("app.extract").extract_pdf
    pytest.importorskip("app.rules")
    pdfs = _real_pdfs()
    with open_review(tmp_path / "r.sqlite", reviewer="tester") as review:
        summary = import_paths(review, pdfs, workers=2)
        assert summary.failed == 0, summary.failures
        assert summary.imported == len({p.read_bytes() for p in pdfs})
        for doc in review.list_documents():
            want = extract(doc.path)
            got = review.record(doc.id)
            assert got.cells == want.cells, doc.name
            assert got.missing == want.missing and got.sections == want.sections
            assert got.problems == want.problems
            assert doc.errors is not None
        (y2023,) = review.list_documents(text="hongze-2023")
        (y2024,) = review.list_documents(text="hongze-2024")
        assert review.previous_id(y2024.id) == y2023.id
        assert y2023.errors >= 2  # review_total, as printed


# ---------------------------------------------------------------- the CLI


def _args(**kw) -> argparse.Namespace:
    base = dict(
        reextract=False, workers=1, time_limit=120.0, memory_limit=2048.0, reviewer="tester",
        ocr="auto",
    )
    return argparse.Namespace(**{**base, **kw})


def test_cli_exit_codes(tmp_path, fakes, monkeypatch, capsys):
    from functools import partial

    monkeypatch.setattr(import_cmd, "import_paths", partial(import_paths, extractor=FAKE))
    monkeypatch.setattr(import_cmd, "open_review", partial(open_review, checker=fake_check))
    db = str(tmp_path / "r.sqlite")
    assert import_cmd.run(_args(paths=[str(fakes)], db=db)) == 0
    out = capsys.readouterr().out
    assert "2 imported, 0 skipped, 0 failed, 1 with errors" in out
    assert import_cmd.run(_args(paths=[str(fakes)], db=db)) == 0
    assert "0 imported, 2 skipped" in capsys.readouterr().out
    (fakes / "broken.pdf").write_bytes(b"junk")
    assert import_cmd.run(_args(paths=[str(fakes)], db=db)) == 1
    assert "failed: broken.pdf" in capsys.readouterr().out
    with pytest.raises(NothingToImportError):  # the CLI turns this into exit status 2
        import_cmd.run(_args(paths=[str(tmp_path / "nope")], db=db))


def test_cli_list_json(tmp_path, fakes, capsys):
    db = tmp_path / "r.sqlite"
    with open_review(db, checker=fake_check) as r:
        import_paths(r, [fakes], extractor=fake_extract, workers=1)
    args = argparse.Namespace(
        db=str(db), status=None, has_errors=True, has_warnings=None, agency=None, year=None,
        search=None, limit=None, json=True,
    )  # fmt: skip
    assert list_cmd.run(args) == 0
    (line,) = capsys.readouterr().out.splitlines()
    row = json.loads(line)
    assert list(row) == [
        "id",
        "name",
        "sha256",
        "agency",
        "year",
        "template",
        "status",
        "errors",
        "warnings",
        "open_findings",
    ]
    assert (row["name"], row["year"], row["errors"], row["warnings"]) == (
        "hongze-2023.pdf",
        2023,
        2,
        0,
    )


def test_progress_bar():
    out = io.StringIO()
    bar = import_cmd.Bar(out, every=0)
    s = ImportSummary(total=4)
    bar(s)
    s.imported, s.skipped = 1, 1
    bar(s)
    s.failed, s.imported = 1, 2
    bar(s)
    bar(s)  # the final state is printed once
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[1].startswith(
        "[############............] 2/4  1 imported, 1 skipped, 0 failed  ETA"
    )
    assert lines[2].startswith("[########################] 4/4  2 imported, 1 skipped, 1 failed")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_redraws_one_line():
    out = _Tty()
    bar = import_cmd.Bar(out)
    s = ImportSummary(total=2)
    bar(s)
    s.imported = 2
    bar(s)
    text = out.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n") and text.count("\n") == 1


def test_ctrl_c_stops_cleanly(tmp_path):
    """A real SIGINT to `nianbao import`: exit 130, finished files stored, the file sound."""
    d = tmp_path / "in"
    d.mkdir()
    for i in range(40):
        write_fake_pdf(d / f"{i:02d}.pdf", truth="hongze-2023", year=1980 + i, sleep=0.15)
    db = tmp_path / "r.sqlite"
    script = (
        "import sys, functools\n"
        "from app.commands import import_ as c\n"
        "from app.importer import import_paths\n"
        "from app.review import open_review\n"
        "from test_store_helpers import fake_check\n"
        f"c.import_paths = functools.partial(import_paths, extractor={FAKE!r})\n"
        "c.open_review = functools.partial(open_review, checker=fake_check)\n"
        "from app.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "import", str(d), "--db", str(db), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # wait until some files are stored
        time.sleep(0.2)
        if db.exists() and _count(db) >= 3:
            break
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "interrupted" in out
    stored = _count(db)
    assert 3 <= stored < 40
    assert f"{stored} imported" in out
    with open_review(db, checker=fake_check) as r:
        assert len(r.list_documents()) == stored
        assert r.store.integrity_check() == ["ok"]


def _count(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()
