"""Fault injection against the review file: tampering, hostile schemas, corrupt files.

    python bench/faults.py [--files N] [--keep DIR]

Attacks review files as a hostile colleague or a broken disk would, and
checks the answers, through the command line as a user meets them:

- every tampering of issue 17 item 1 (an extracted value with its current
  value, agency, year, sha256, a deleted document, an inserted cell row, raw
  text, page, box, hidden findings, a cut-back tail) makes ``nianbao verify``
  fail with a line naming the document and what changed;
- every hostile schema (planted trigger or view, extra table or column, a
  defused append-only trigger, version 0 over real tables, a newer version)
  is refused by ``list``, ``export`` and ``import`` with one line, and no
  planted trigger ever fires;
- corrupt files (damaged pages, a BLOB or a formula in a value column, a
  truncated file) get one line from every command, never an internal error,
  and no export holds a formula cell;
- no false alarm: ``--files`` untouched and ``--files`` legitimately edited
  review files (edits, undo, redo, status, note, re-extraction, an audited
  deletion) all verify.

Exit status 0 when every case holds. tests/test_store_faults.py runs a sample.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.cli import main as cli  # noqa: E402
from app.model import Cell, Problem, Record, Section, Source  # noqa: E402
from app.review import open_review  # noqa: E402
from app.store.migrations import latest_version  # noqa: E402

TRUTH = Path("/work/shared/real/hongze-2023.json")
TRIGGERS = (
    """CREATE TRIGGER edits_append_only_update BEFORE UPDATE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    """CREATE TRIGGER edits_append_only_delete BEFORE DELETE ON edits
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
)


# ---------------------------------------------------------------- generated reviews


def generated_record(rng: random.Random, salt: str, year: int = 2023) -> Record:
    """A small report with known values: the real report's cells, values drawn at random."""
    data = json.loads(TRUTH.read_text(encoding="utf-8"))
    cells = {}
    for i, (cell, value) in enumerate(data["cells"].items()):
        if isinstance(value, float):
            value = round(rng.uniform(0, 500), 2)
        elif isinstance(value, int):
            value = rng.choice([value, value, rng.randrange(50)])
        top = 100.0 + 12.5 * (i % 40)
        cells[cell] = Cell(value, str(value), 3 + i // 40, (72.0, top, 110.5, top + 12.0))
    return Record(
        source=Source(f"/reports/{salt}.pdf", f"{salt:0>64}"[-64:], 5),
        template=data["template"],
        agency=data["agency"],  # one body: its years are compared (carry-over warnings)
        year=year,
        cells=cells,
        missing=list(data.get("missing", [])),
        sections=[Section("一、总体情况", 1, "本年度……")],
        problems=[Problem(3, "generated", None)],
    )


def make_review(path: Path, rng: random.Random, *, edited: bool, docs: int = 2) -> None:
    """A review file of ``docs`` generated reports; ``edited``: a reviewer's work on top."""
    with open_review(path, reviewer="甲") as r:
        ids = []
        for i in range(docs):
            salt = f"{rng.getrandbits(64):x}{i}"
            ids.append(r.add_record(generated_record(rng, salt, 2022 + i)).document_id)
        if not edited:
            return
        cells = list(r.record(ids[0]).cells)
        for _ in range(rng.randint(1, 6)):
            cell = rng.choice(cells)
            r.apply_edit(ids[0], cell, rng.randrange(100))
        if rng.random() < 0.5:
            r.undo(ids[0])
            if rng.random() < 0.5:
                r.redo(ids[0])
        r.set_status(ids[0], rng.choice(["in_review", "approved"]), override="基准测试")
        r.set_note(ids[-1], "已核对")
        if rng.random() < 0.3:
            rec = r.record(ids[0], extracted=True)
            r.reextract(ids[0], rec)
        if rng.random() < 0.2:
            extra = generated_record(rng, f"{rng.getrandbits(64):x}x", 2030)
            r.delete_document(r.add_record(extra).document_id)
        if rng.random() < 0.3:  # a corrected re-issue of the first year, then approved
            again = generated_record(rng, f"{rng.getrandbits(64):x}r", 2022)
            reissue = r.add_record(again).document_id
            r.set_status(rng.choice([ids[0], reissue]), "approved", override="基准测试")


# ---------------------------------------------------------------- running the CLI


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def clean(self) -> bool:
        """No traceback and no internal error reached the user."""
        text = self.out + self.err
        return "Traceback" not in text and "internal error" not in text


def run_cli(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli(list(argv))
        except SystemExit as e:
            code = int(e.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def fingerprint(path: Path) -> tuple[str, int]:
    with open_review(path, readonly=True) as r:
        f = r.audit_fingerprint()
    return f.head, f.count


def forge(path: Path, *sql: str) -> None:
    """Change the file with any SQLite tool, as a careful forger: triggers back afterwards."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TRIGGER IF EXISTS edits_append_only_update")
    conn.execute("DROP TRIGGER IF EXISTS edits_append_only_delete")
    for s in sql:
        conn.execute(s)
    for s in TRIGGERS:
        conn.execute(s)
    conn.close()


# ---------------------------------------------------------------- tampering (item 1)

# A cell document 1 printed as a whole number (the reviewer edited some cells of it).
CELL = (
    "(SELECT cell FROM cells WHERE document_id = 1 AND origin = 'extracted'"
    " AND typeof(extracted) = 'integer' ORDER BY cell LIMIT 1 OFFSET {n})"
)
EDITED = "(SELECT cell FROM cells WHERE document_id = 1 AND value IS NOT extracted LIMIT 1)"
TAMPERS: dict[str, tuple[list[str], str]] = {
    "extracted value with its current value": (
        [
            f"UPDATE cells SET extracted = extracted + 7, value = value + 7"
            f" WHERE document_id = 2 AND cell = {CELL.format(n=3).replace('= 1', '= 2')}"
        ],
        "提取值",
    ),
    "extracted value of an edited cell": (
        [f"UPDATE cells SET extracted = 99999 WHERE document_id = 1 AND cell = {EDITED}"],
        "提取值",
    ),
    "agency": (["UPDATE documents SET agency = '某某局' WHERE id = 1"], "机关"),
    "year": (["UPDATE documents SET year = year + 1 WHERE id = 2"], "年度"),
    "sha256": (["UPDATE documents SET sha256 = '" + "e" * 64 + "' WHERE id = 2"], "SHA-256"),
    "document deleted": (
        [
            f"DELETE FROM {t} WHERE {k} = 2"
            for t, k in (
                ("findings", "document_id"),
                ("cells", "document_id"),
                ("record_extras", "document_id"),
                ("seals", "document_id"),
                ("documents", "id"),
            )
        ],  # fmt: skip
        "没有删除操作",
    ),
    "cell row inserted": (
        [
            "INSERT INTO cells (document_id, cell, extracted, raw, page, value, origin)"
            " VALUES (2, 'requests.new.extra', 5, '5', 3, 5, 'extracted')"
        ],  # fmt: skip
        "被插入",
    ),
    "cell row removed": (
        [
            f"DELETE FROM cells WHERE document_id = 2 AND cell = {CELL.format(n=5).replace('= 1', '= 2')}"
        ],
        "被删除",
    ),
    "raw text": (
        [
            f"UPDATE cells SET raw = '8' || raw WHERE document_id = 2 AND cell = {CELL.format(n=1).replace('= 1', '= 2')}"
        ],
        "原文",
    ),
    "page": (
        [
            f"UPDATE cells SET page = page + 1 WHERE document_id = 2 AND cell = {CELL.format(n=2).replace('= 1', '= 2')}"
        ],
        "位置",
    ),
    "box": (
        [
            f"UPDATE cells SET x0 = x0 + 30 WHERE document_id = 2 AND cell = {CELL.format(n=2).replace('= 1', '= 2')}"
        ],
        "位置",
    ),
    "findings hidden": (
        [
            "DELETE FROM findings WHERE document_id = 2",
            "UPDATE documents SET errors = 0, warnings = 0 WHERE id = 2",
        ],  # fmt: skip
        "问题",
    ),
    "tail cut back with the cell it set": (
        [
            "UPDATE cells SET value = (SELECT old_value FROM edits WHERE id = (SELECT max(id) FROM edits"
            " WHERE cell NOT LIKE '@%')) WHERE document_id = 1 AND cell = (SELECT cell FROM edits"
            " WHERE id = (SELECT max(id) FROM edits WHERE cell NOT LIKE '@%'))",
            "DELETE FROM edits WHERE id >= (SELECT max(id) FROM edits WHERE cell NOT LIKE '@%')",
        ],  # fmt: skip
        "截断",
    ),
}


def tamper_case(work: Path, name: str, rng: random.Random) -> str | None:
    """Apply one tampering to a fresh edited review; None if verify catches and names it."""
    path = work / f"tamper-{abs(hash(name))}.sqlite"
    make_review(path, rng, edited=True)
    with open_review(path) as r:  # an edit as the last entry, so the tail case has one to cut
        cell = next(c for c in r.record(1).cells if not r.record(1).cells[c].blank)
        r.apply_edit(1, cell, 4321)
    head, count = fingerprint(path)
    ok = run_cli("verify", str(path), "--head", head, "--count", str(count))
    if ok.code != 0:
        return f"false alarm before tampering: {ok.out}{ok.err}"
    sql, expect = TAMPERS[name]
    forge(path, *sql)
    res = run_cli("verify", str(path), "--head", head, "--count", str(count))
    if res.code != 1 or not res.clean:
        return f"exit {res.code}: {res.out}{res.err}"
    lines = [ln for ln in res.out.splitlines() if expect in ln]
    if not lines:
        return f"no line names {expect!r}: {res.out}"
    return None


# ---------------------------------------------------------------- hostile schemas (item 2)

HOSTILE: dict[str, tuple[list[str], str]] = {
    "planted trigger": (
        ["CREATE TRIGGER wipe AFTER INSERT ON edits BEGIN DELETE FROM findings; END"],
        "触发器 wipe",
    ),
    "planted view": (["CREATE VIEW cells_view AS SELECT * FROM cells"], "视图 cells_view"),
    "extra table": (["CREATE TABLE stash (x)"], "表 stash"),
    "extra column": (["ALTER TABLE cells ADD COLUMN secret TEXT"], "secret"),
    "defused append-only trigger": (
        [
            "DROP TRIGGER edits_append_only_delete",
            "CREATE TRIGGER edits_append_only_delete BEFORE DELETE ON edits BEGIN SELECT 1; END",
        ],  # fmt: skip
        "edits_append_only_delete",
    ),
    "version 0 over real tables": (["PRAGMA user_version = 0"], "第 0 版"),
    "newer version": (
        [f"PRAGMA user_version = {latest_version() + 5}"],
        f"第 {latest_version() + 5} 版",
    ),
}


def plant(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for s in sql:
        conn.execute(s)
    conn.close()


def pdf_folder(work: Path) -> Path:
    """A folder with one (broken) PDF for ``import`` to try."""
    pdf_dir = work / "import-in"
    pdf_dir.mkdir(exist_ok=True)
    (pdf_dir / "a.pdf").write_bytes(b"%PDF-1.4 not really")
    return pdf_dir


def hostile_case(work: Path, name: str, rng: random.Random) -> str | None:
    path = work / f"hostile-{abs(hash(name))}.sqlite"
    make_review(path, rng, edited=True)
    conn = sqlite3.connect(path)
    findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    conn.close()
    sql, expect = HOSTILE[name]
    plant(path, *sql)
    pdf_dir = pdf_folder(work)
    for argv in (
        ("list", "--db", str(path)),
        ("export", "--db", str(path), "--out", str(work / "h.xlsx")),
        ("import", str(pdf_dir), "--db", str(path), "--workers", "1"),
    ):
        res = run_cli(*argv)
        if res.code != 2 or not res.clean or expect not in res.err or path.name not in res.err:
            return f"{argv[0]}: exit {res.code}: {res.out}{res.err}"
        if len(res.err.strip().splitlines()) != 1:
            return f"{argv[0]}: more than one line: {res.err}"
    try:  # the API refuses too, so nothing can make a planted trigger fire
        open_review(path).close()
        return "open_review accepted it"
    except Exception as e:  # noqa: BLE001
        if expect not in str(e):
            return f"open_review: {e}"
    conn = sqlite3.connect(path)
    left = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
    conn.close()
    return None if left == findings else "a planted trigger fired"


# ---------------------------------------------------------------- corrupt files (item 3, 7)


def damage_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    rnd = random.Random(7)
    for p in range(2, len(data) // page - 1, 2):  # every other page, not the header
        for i in range(p * page + 16, (p + 1) * page, 7):
            data[i] = rnd.randrange(256)
    path.write_bytes(bytes(data))


CORRUPT: dict[str, Callable[[Path], None]] = {
    "damaged pages": damage_pages,
    "truncated file": lambda p: p.write_bytes(p.read_bytes()[: 4096 * 3]),
    "blob in a value column": lambda p: forge(
        p, "UPDATE cells SET value = X'00FF10', extracted = X'00FF10' WHERE document_id = 2"
    ),
    "formula in a value column": lambda p: forge(
        p,
        "UPDATE cells SET value = '=HYPERLINK(\"http://x\",\"y\")', extracted = '=1+1'"
        " WHERE document_id = 2 AND rowid % 3 = 0",
    ),
}


def formula_cells(xlsx: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    return sum(
        1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    )


def corrupt_case(work: Path, name: str, rng: random.Random) -> str | None:
    path = work / f"corrupt-{abs(hash(name))}.sqlite"
    make_review(path, rng, edited=True, docs=3)
    CORRUPT[name](path)
    for argv in (
        ("verify", str(path)),
        ("list", "--db", str(path)),
        ("export", "--db", str(path), "--out", str(work / "c.xlsx")),
        ("export", "--db", str(path), "--out", str(work / "c2.xlsx"), "--report", "2"),
        ("import", str(pdf_folder(work)), "--db", str(path), "--workers", "1"),
    ):
        res = run_cli(*argv)
        if not res.clean:
            return f"{argv[0]}: {res.out}{res.err}"
        if res.code == 2 and len(res.err.strip().splitlines()) != 1:
            return f"{argv[0]}: more than one line: {res.err}"
    for out in (work / "c.xlsx", work / "c2.xlsx"):
        if out.exists():
            n = formula_cells(out)
            out.unlink()
            if n:
                return f"{n} formula cell(s) in {out.name}"
    return None


# ---------------------------------------------------------------- no false alarm


def false_alarms(
    work: Path, n: int, rng: random.Random, *, edited: bool
) -> tuple[int, float, float]:
    """Verify ``n`` fresh review files; return (how many failed, median and worst seconds)."""
    bad, times = 0, []
    for i in range(n):
        path = work / f"clean-{edited}-{i}.sqlite"
        make_review(path, rng, edited=edited)
        started = time.monotonic()
        res = run_cli("verify", str(path))
        times.append(time.monotonic() - started)
        if res.code != 0:
            bad += 1
            print(f"  false alarm on {path.name}: {res.out.strip()}", file=sys.stderr)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return bad, statistics.median(times) if times else 0.0, max(times, default=0.0)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=1000, help="untouched and edited files each")
    ap.add_argument("--keep", type=Path, help="work here and keep the files")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    failures = 0
    try:
        for title, cases, fn in (
            ("tampering", TAMPERS, tamper_case),
            ("hostile schema", HOSTILE, hostile_case),
            ("corrupt file", CORRUPT, corrupt_case),
        ):
            for name in cases:
                problem = fn(work, name, rng)
                failures += problem is not None
                print(f"{title:15} {name:40} {'ok' if problem is None else 'FAILED: ' + problem}")
        started = time.monotonic()
        for edited in (False, True):
            bad, median, worst = false_alarms(work, args.files, rng, edited=edited)
            failures += bad
            kind = "edited" if edited else "untouched"
            print(
                f"no false alarm   {args.files} {kind} files: {bad} alarm(s); "
                f"verify median {median:.3f} s, worst {worst:.3f} s"
            )
        print(f"false-alarm runs took {time.monotonic() - started:.0f} s")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("ok" if not failures else f"FAILED: {failures} case(s)")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
