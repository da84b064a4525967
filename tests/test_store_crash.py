"""Crash safety and concurrency of the review file, with real processes.

A child process applies edits and reports each one once ``apply_edit`` has
returned; it is killed with SIGKILL at random moments. Every reported edit
must survive, the file must pass SQLite's integrity check, and ``verify``
must find the hash chain and the current values intact. Two children editing
the same file at once must both finish, with no edit lost and no "database is
locked".
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store_helpers import fake_check, truth_record, with_sha

from app.review import open_review
from app.store.db import Store
from app.store.verify import verify_store

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}

# Edits cells at random, with undos, redos and status changes between; prints
# one line per operation after it returned: KIND FIRST_EDIT_ID CELL VALUE.
EDITOR = r"""
import random, sys, time
from app.review import open_review
from app.store.errors import UndoConflictError
from test_store_helpers import fake_check
db, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
cells = ["requests.new.natural", "requests.new.total", "active.fees.amount", "review.reconsideration.total"]
with open_review(db, reviewer=f"editor-{seed}", checker=fake_check, busy_timeout=60) as r:
    docs = [d.id for d in r.list_documents()]
    print("ready", flush=True)
    sys.stdin.readline()  # go
    for i in range(count):
        time.sleep(rng.uniform(0, 0.003))  # a moment between operations, as any real user leaves
        doc, roll = rng.choice(docs), rng.random()
        if roll < 0.7:
            cell = rng.choice(cells)
            value = round(rng.uniform(0, 10000), 2) if cell == "active.fees.amount" else rng.randrange(1000)
            ch = r.apply_edit(doc, cell, value)
            kind = "edit"
        elif roll < 0.85:
            try:
                ch, kind, cell, value = r.undo(doc), "undo", "-", "-"
            except UndoConflictError:  # the newest operation is another editor's
                continue
        elif roll < 0.95:
            try:
                ch, kind, cell, value = r.redo(doc), "redo", "-", "-"
            except UndoConflictError:
                continue
        else:
            ch = r.set_status(doc, rng.choice(["new", "in_review", "approved"]), override="crash test")
            kind, cell, value = "status", "@status", ch.status
        if ch.edits:
            print(kind, doc, ch.edits[0], len(ch.edits), cell, value, flush=True)
"""


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "review.sqlite"
    with open_review(path, reviewer="setup", checker=fake_check) as r:
        r.add_record(with_sha(truth_record("hongze-2023"), "a"))
        r.add_record(with_sha(truth_record("hongze-2024"), "b"))
    return path


def start_editor(db: Path, seed: int, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(db), str(seed), str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def go(child: subprocess.Popen) -> None:
    """Wait until the child has the file open, then let it start editing."""
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()


def parse(lines: list[str]) -> list[tuple]:
    out = []
    for line in lines:
        parts = line.split()
        if len(parts) == 6:  # a half-written last line of a killed child is not a report
            kind, doc, first, n, cell, value = parts
            out.append((kind, int(doc), int(first), int(n), cell, value))
    return out


def check_reported(db: Path, reports: list[tuple]) -> None:
    """Every reported operation is in the trail, as reported; the file is sound."""
    store = Store(db, create=False, upgrade=False)
    try:
        conn = store.db.conn
        for kind, doc, first, n, cell, value in reports:
            rows = conn.execute(
                "SELECT document_id, cell, new_value, how FROM edits WHERE op = ? ORDER BY id",
                [first],
            ).fetchall()
            assert len(rows) == n, (kind, first)
            assert all(r[0] == doc for r in rows)
            if kind == "edit":
                ((_, got_cell, got_value, how),) = rows
                assert (got_cell, how) == (cell, "manual")
                assert got_value == (float(value) if "." in value else int(value))
            elif kind in ("undo", "redo"):
                assert {r[3] for r in rows} == {kind}
            else:
                assert rows == [(doc, "@status", value, "manual")]
        assert store.integrity_check() == ["ok"]
        report = verify_store(store)
        assert report.ok, report.to_json()
    finally:
        store.close()


def test_sigkill_at_random_moments_loses_no_reported_edit(db):
    rng = random.Random(20240601)
    reports: list[tuple] = []
    rounds = 15
    for round_ in range(rounds):
        child = start_editor(db, seed=round_, count=100_000)
        go(child)
        time.sleep(rng.uniform(0.01, 0.25))  # up to a few dozen edits, one in flight
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        round_reports = parse(out.splitlines())
        reports += round_reports
        check_reported(db, reports)
    print(f"{len(reports)} operations reported over {rounds} kills")
    assert len(reports) > rounds  # the children got real work done before dying


def test_two_processes_editing_at_once_lose_nothing(db):
    count = 150
    children = [start_editor(db, seed=100 + i, count=count) for i in range(2)]
    for child in children:
        go(child)
    outputs = [c.communicate(timeout=120) for c in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err and "busy" not in err
    reports = [r for out, _ in outputs for r in parse(out.splitlines())]
    assert len(reports) >= count  # most operations change something
    check_reported(db, reports)
    store = Store(db, create=False, upgrade=False)
    try:
        total = store.db.conn.execute(
            "SELECT count(*) FROM edits WHERE cell != '@seal'"
        ).fetchone()[0]
        trail = store.db.conn.execute(
            "SELECT who, at FROM edits WHERE cell != '@seal' ORDER BY id"
        ).fetchall()
    finally:
        store.close()
    assert total == sum(r[3] for r in reports)  # nothing written that was not reported
    # the two really edited at the same time: their spans overlap and their edits interleave
    spans = {who: [at for w, at in trail if w == who] for who in ("editor-100", "editor-101")}
    first_end = min(ats[-1] for ats in spans.values())
    last_start = max(ats[0] for ats in spans.values())
    switches = sum(a[0] != b[0] for a, b in zip(trail, trail[1:]))
    assert last_start < first_end and switches >= 2, (spans, switches)
