"""Issue 17: a review file you can trust, and readers no file can knock over.

A sample of bench/faults.py (which runs every case and the no-false-alarm
sets), plus one test per defect 5, 7, 9, 10 and 12 — each fails on the code
before the fix.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_store_helpers import fake_extract, truth_record, with_sha, write_fake_pdf

from app.review import open_review
from app.store.db import Store
from app.store.errors import ReadOnlyReviewError, StoreFullError, UndoConflictError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import faults  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}


def nianbao(*argv: str, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], capture_output=True, text=True,
        env=ENV, cwd=ROOT, timeout=timeout, **kw,
    )  # fmt: skip


# ---------------------------------------------------------------- item 1: the seal


@pytest.mark.parametrize("name", list(faults.TAMPERS))
def test_every_tampering_is_caught_and_named(tmp_path, name):
    assert faults.tamper_case(tmp_path, name, random.Random(name)) is None


def test_no_false_alarm_on_untouched_and_edited_files(tmp_path):
    rng = random.Random(5)
    for edited in (False, True):
        assert faults.false_alarms(tmp_path, 4, rng, edited=edited)[0] == 0


def test_existing_files_are_sealed_on_first_open(tmp_path):
    from test_store_integrity import make_v1_file

    path = tmp_path / "old.sqlite"
    doc = make_v1_file(path)
    with open_review(path, reviewer="tester") as r:
        (seal,) = [e for e in r.history(doc, seals=True) if e.how == "seal"]
        assert seal.cell == "@seal" and "升级" in (seal.reason or "") and seal.who == "nianbao"
        assert seal.id > 1  # after the edit the old file held: the trail is not rewritten
    assert nianbao("verify", str(path)).returncode == 0
    faults.forge(path, f"UPDATE cells SET extracted = 77, value = 77 WHERE document_id = {doc}"
                       " AND cell = 'requests.new.natural'")  # fmt: skip
    res = nianbao("verify", str(path))
    assert res.returncode == 1 and "requests.new.natural：提取值" in res.stdout


def test_deleting_a_document_is_audited(tmp_path):
    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(2), edited=True)
    with open_review(path, reviewer="甲") as r:
        changes = r.delete_document(2, reason="重复导入")
        assert changes.edits and [d.id for d in r.list_documents()] == [1]
        (entry,) = [e for e in r.history(2) if e.cell == "@delete"]
        assert (entry.how, entry.who, entry.reason) == ("delete", "甲", "重复导入")
        used = {e.document_id for e in r.history(seals=True)}
        again = r.add_record(faults.generated_record(random.Random(9), "again"))
        assert again.document_id not in used  # a deleted document's id is never given again
    assert nianbao("verify", str(path)).returncode == 0


def test_verify_head_proves_the_trail_was_not_cut_back(tmp_path):
    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(3), edited=True)
    with open_review(path, readonly=True) as r:
        fp = r.audit_fingerprint()
    assert len(fp.short) == 12 + 1 + len(str(fp.count))
    with open_review(path) as r:  # the file grows after the export: still fine
        r.set_note(1, "后来的备注")
    assert nianbao("verify", str(path), "--head", fp.head, "--count", str(fp.count)).returncode == 0
    res = nianbao("verify", str(path), "--head", "ab" * 32)
    assert res.returncode == 1 and "截断或改写" in res.stdout


def test_exports_carry_the_audit_fingerprint(tmp_path):
    from openpyxl import load_workbook

    from app.export import export_report, export_review

    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(4), edited=True)
    with open_review(path) as r:
        fp = r.audit_fingerprint()
        export_review(r, tmp_path / "all.xlsx")
        export_report(r, 1, tmp_path / "one.xlsx")
    for name in ("all.xlsx", "one.xlsx"):
        props = load_workbook(tmp_path / name).properties
        assert f"nianbao-audit-head={fp.head} count={fp.count}" == props.keywords


# ---------------------------------------------------------------- items 2 and 3


@pytest.mark.parametrize("name", ["planted trigger", "planted view", "extra column",
                                  "defused append-only trigger", "version 0 over real tables",
                                  "newer version"])  # fmt: skip
def test_hostile_schemas_are_refused_in_one_line(tmp_path, name):
    assert faults.hostile_case(tmp_path, name, random.Random(name)) is None


@pytest.mark.parametrize("name", list(faults.CORRUPT))
def test_corrupt_files_get_one_line_from_every_command(tmp_path, name):
    assert faults.corrupt_case(tmp_path, name, random.Random(name)) is None


def test_connections_do_not_trust_the_schema(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    try:
        assert store.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        store.close()


# ---------------------------------------------------------------- item 5: GBK file names


def test_gbk_file_names_are_imported_and_never_stop_a_batch(tmp_path):
    from app.importer import import_paths

    folder = tmp_path / "zip"
    folder.mkdir()
    good = os.fsdecode(bytes(folder) + b"/" + "洪泽区2023年报.pdf".encode("gbk"))
    bad = os.fsdecode(bytes(folder) + b"/" + "坏文件.pdf".encode("gbk"))
    write_fake_pdf(Path(good), truth="hongze-2023")
    Path(bad).write_bytes(b"%PDF-1.7 broken")
    with open_review(tmp_path / "r.sqlite", reviewer="t") as r:
        summary = import_paths(r, [folder], extractor=fake_extract, workers=1)
        assert (summary.imported, summary.failed) == (1, 1)
        (doc,) = r.list_documents()
        assert doc.name == "洪泽区2023年报.pdf"
        raw = r.store.db.execute("SELECT path_raw FROM documents").fetchone()[0]
        assert raw == os.fsencode(good)  # lossless: the file can be found again
        assert r.source_path(doc.id) == Path(good) and r.source_path(doc.id).exists()
        (err,) = r.import_errors()
        assert err["name"] == "坏文件.pdf"
        assert summary.failures[0][0].endswith("坏文件.pdf")
    res = nianbao("extract", bad)  # every reader: one line, the name decoded
    assert res.returncode == 2 and res.stderr.startswith("nianbao: 坏文件.pdf: ")


# ---------------------------------------------------------------- item 7: no formula cells


def test_text_and_blobs_in_value_columns_never_become_formulas(tmp_path):
    from openpyxl import load_workbook

    from app.export import export_report, export_review

    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(7), edited=True)
    faults.forge(path, "UPDATE cells SET value = '=1+2', extracted = '=1+2' WHERE document_id = 1"
                       " AND cell = 'requests.new.natural'",
                 "UPDATE cells SET value = X'3D31', extracted = X'3D31' WHERE document_id = 1"
                 " AND cell = 'requests.new.business'")  # fmt: skip
    with open_review(path) as r:
        export_review(r, tmp_path / "all.xlsx")
        export_report(r, 1, tmp_path / "one.xlsx")
    for name in ("all.xlsx", "one.xlsx"):
        wb = load_workbook(tmp_path / name)
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert any(c.value == "=1+2" and c.data_type == "s" for c in cells)
        assert any(c.value == "0x3d31" for c in cells)


# ---------------------------------------------------------------- item 9: read-only places


def test_a_read_only_review_file_reads_and_refuses_edits(tmp_path):
    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(8), edited=False)
    with open_review(path, readonly=True, reviewer="乙") as r:
        assert len(r.list_documents()) == 2
        with pytest.raises(ReadOnlyReviewError, match="只读"):
            r.set_note(1, "x")


RO_SCRIPT = r"""
set -e
mount -t tmpfs none "$MNT"
cp "$DB" "$MNT/r.sqlite"
mount -o remount,ro "$MNT"
"$PY" -m app list --db "$MNT/r.sqlite" > "$OUT/list.txt" 2>&1 || echo "list $?" >> "$OUT/rc"
"$PY" -m app verify "$MNT/r.sqlite" > "$OUT/verify.txt" 2>&1 || echo "verify $?" >> "$OUT/rc"
"$PY" -m app export --db "$MNT/r.sqlite" --out "$OUT/x.xlsx" > "$OUT/export.txt" 2>&1 || echo "export $?" >> "$OUT/rc"
"$PY" -c "
from app.review import open_review
r = open_review('$MNT/r.sqlite')
r.set_note(1, 'x')
" > "$OUT/edit.txt" 2>&1 || true
"""


def test_a_review_file_on_a_read_only_mount(tmp_path):
    """A real read-only mount (a tmpfs in a private mount namespace)."""
    if subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("no user namespaces here to mount a read-only file system")
    db = tmp_path / "r.sqlite"
    faults.make_review(db, random.Random(9), edited=True)
    with open_review(db, readonly=True) as r:
        n = len(r.list_documents())
    (tmp_path / "mnt").mkdir()
    env = {**ENV, "MNT": str(tmp_path / "mnt"), "DB": str(db), "OUT": str(tmp_path),
           "PY": sys.executable}  # fmt: skip
    subprocess.run(["unshare", "-rm", "sh", "-c", RO_SCRIPT], env=env, cwd=ROOT, timeout=120,
                   check=True)  # fmt: skip
    assert not (tmp_path / "rc").exists(), (tmp_path / "rc").read_text()
    assert f"{n} document(s)" in (tmp_path / "list.txt").read_text()
    assert (tmp_path / "verify.txt").read_text().startswith("ok:")
    assert (tmp_path / "x.xlsx").exists()
    assert "只读" in (tmp_path / "edit.txt").read_text()


# ---------------------------------------------------------------- item 10: SQLite and files


def test_a_full_disk_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(10), edited=False)
    with open_review(path) as r:
        pages = r.store.db.execute("PRAGMA page_count").fetchone()[0]
        r.store.db.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
        with pytest.raises(StoreFullError, match="磁盘已满") as e:
            r.add_record(with_sha(truth_record("hongze-2024"), "full"))
        assert "r.sqlite" in str(e.value)
        assert [d.id for d in r.list_documents()] == [1, 2]  # nothing half-written


def test_extract_of_a_fifo_answers_instead_of_hanging(tmp_path):
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    res = nianbao("extract", str(fifo), timeout=30)
    assert res.returncode == 2 and "FIFO" in res.stderr and "report.pdf" in res.stderr


def test_extract_out_goes_through_the_atomic_writer(tmp_path):
    out = tmp_path / "r.json"
    mine = tmp_path / "r.json.tmp"
    mine.write_text("a file of the user's", encoding="utf-8")  # the old fixed temp name
    pdf = Path("/work/shared/real/hongze-2023.pdf")
    res = nianbao("extract", str(pdf), "--no-ocr", "--out", str(out), timeout=120)
    assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith("{")
    assert mine.read_text(encoding="utf-8") == "a file of the user's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "r.json.tmp"]


def test_exports_keep_their_temp_files_beside_the_target(tmp_path, monkeypatch):
    from app.export import export_review, review_xlsx

    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(11), edited=True)
    system_tmp = tmp_path / "tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    stale = out_dir / ".nianbao-tmp-999999999-x.xlsx.abc"  # left by an export that was killed
    stale.mkdir()
    (stale / "sheet.xml").write_text("<x/>")
    monkeypatch.setattr(review_xlsx, "_discard_temp_files", lambda wb: None)  # killed: no cleanup
    with open_review(path) as r:
        export_review(r, out_dir / "x.xlsx")
    assert list(system_tmp.iterdir()) == []  # nothing in /tmp
    assert sorted(p.name for p in out_dir.iterdir()) == ["x.xlsx"]


EXPORT_FULL = r"""
import resource, signal, sys
from app.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails like a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
sys.exit(main(["export", "--db", sys.argv[1], "--out", sys.argv[2]]))
"""


def test_export_to_a_full_disk_prints_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "r.sqlite"
    faults.make_review(path, random.Random(12), edited=True, docs=12)
    out = tmp_path / "out" / "x.xlsx"
    out.parent.mkdir()
    res = subprocess.run(
        [sys.executable, "-c", EXPORT_FULL, str(path), str(out), str(40_000)],
        capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=120,
    )  # fmt: skip
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("[")]  # progress bar
    assert res.returncode == 2 and len(lines) == 1, res.stderr
    assert "x.xlsx" in lines[0] and "Traceback" not in res.stderr
    assert list(out.parent.iterdir()) == []


# ---------------------------------------------------------------- item 12: undo across reviewers


def test_undo_reverts_only_ones_own_operations(tmp_path):
    path = tmp_path / "r.sqlite"
    with open_review(path, reviewer="甲") as a:
        doc = a.add_record(with_sha(truth_record("hongze-2023"), "u")).document_id
        a.apply_edit(doc, "requests.new.total", 30)
    with open_review(path, reviewer="乙") as b:
        b.apply_edit(doc, "requests.new.natural", 40)
    with open_review(path, reviewer="甲") as a:
        assert a.undo_state(doc) == (False, False)  # the GUI greys out Ctrl+Z: 乙's edit is on top
        assert not a.load_document(doc).can_undo
        with pytest.raises(UndoConflictError, match="乙"):
            a.undo(doc)
        assert a.record(doc).value("requests.new.natural") == 40  # 乙's edit stands
    with open_review(path, reviewer="乙") as b:
        assert b.undo(doc).cells == {"requests.new.natural"}
    with open_review(path, reviewer="甲") as a:
        assert a.undo(doc).cells == {"requests.new.total"}
        assert a.redo(doc).cells == {"requests.new.total"}  # 甲's own, on top of the redo stack
        with pytest.raises(UndoConflictError, match="乙"):
            a.redo(doc)  # next on the redo stack is 乙's


def test_approving_a_reissue_rechecks_the_next_year(tmp_path):
    """No false alarm when an approved re-issue becomes the year the next one compares with."""
    path = tmp_path / "r.sqlite"
    rng = random.Random(13)
    with open_review(path) as r:
        first = r.add_record(faults.generated_record(rng, "a1", 2022)).document_id
        nxt = r.add_record(faults.generated_record(rng, "b1", 2023)).document_id
        r.add_record(faults.generated_record(rng, "a2", 2022))  # the re-issue, compared with now
        changes = r.set_status(first, "approved", override="测试")  # … until the first is approved
        assert changes.related == (nxt,)
    assert nianbao("verify", str(path)).returncode == 0
