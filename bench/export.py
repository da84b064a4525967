"""Benchmark: export 10,000 reports to one workbook, beside writing the same values as CSV.

    python bench/export.py [--docs 10000] [--api 300] [--keep DIR]

Builds a review file of ``--docs`` reports made in memory from the extracted
fixture and real reports (both templates, both forms of （六）), each scaled by
its own factor so the identities still hold, one in ten with a typo that
breaks two of them. The first ``--api`` reports go through the review API
(``Review.add_record``, one transaction and one check each) to measure its
rate; the rest are written through the store in one transaction, with their
findings from the same rules engine. Then, through the API, some reports are
corrected, annotated (notes that begin like formulas too) and approved.

Each measurement runs in a fresh child process, so its peak memory is its
own: ``nianbao export`` of the whole review (target ≤ 60 s and ≤ 500 MB),
and the baseline — the same rows (records, findings, edits), read the same
way, written with the csv module.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.model import Record  # noqa: E402
from app.review import Edit, open_review  # noqa: E402
from app.review.records import cell_fields, document_fields  # noqa: E402
from app.store.keys import utc_now  # noqa: E402

CASES = (
    "gen-2021-plain",
    "gen-2021-other-single-row",
    "gen-2019-with-procurement",
    "gen-2021-large-numbers",
)
TARGET_S, TARGET_MB = 60.0, 500.0


# ---------------------------------------------------------------- the review file


def base_records() -> list[Record]:
    from app.extract import extract_pdf
    from tests.fixtures.catalog import build_all

    built = {c.name: p for c, p in build_all(ROOT / "tests" / "_generated") if c.name in CASES}
    pdfs = [built[n] for n in CASES] + sorted((ROOT.parent / "shared" / "real").glob("*.pdf"))
    return [extract_pdf(str(p)) for p in pdfs]


def make_record(bases: list[Record], i: int, rng: random.Random) -> Record:
    """Report ``i``: a base scaled by a factor (identities still hold), one in ten with a typo."""
    r = copy.deepcopy(bases[i % len(bases)])
    k = rng.randint(1, 9)
    for c in r.cells.values():
        if c.value is not None:
            c.value = round(c.value * k, 2) if isinstance(c.value, float) else c.value * k
            c.raw = str(c.value)
    if i % 10 == 0:
        cid = rng.choice(sorted(cid for cid in r.cells if cid.startswith("requests.")))
        r.cells[cid].value = (r.cells[cid].value or 0) + 1
    r.source.sha256 = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
    r.source.path = f"/reports/{r.year or 0}/{i:05d}.pdf"
    r.agency = f"{r.agency or '某机关'}{i % 2000:04d}"
    return r


def fill(db: Path, n: int, n_api: int) -> dict[str, float]:
    from app.rules import check

    rng = random.Random(2024)
    bases = base_records()
    stats = {}
    with open_review(db, reviewer="bench") as review:
        started = time.perf_counter()
        for i in range(min(n, n_api)):
            review.add_record(make_record(bases, i, rng))
        api_s = time.perf_counter() - started
        stats["api_ms_per_report"] = api_s / max(1, min(n, n_api)) * 1000
        started = time.perf_counter()
        store = review.store
        now = utc_now()
        with store.write():
            for i in range(n_api, n):
                rec = make_record(bases, i, rng)
                doc = store.insert_document(
                    {"sha256": rec.source.sha256, "path": rec.source.path,
                     "name": Path(rec.source.path).name, "imported_at": now,
                     "imported_by": "bench", **document_fields(rec, now)}
                )  # fmt: skip
                store.insert_cells(doc, (cell_fields(c, k) for k, c in rec.cells.items()))
                findings = [f.to_json() for f in check(rec)]
                store.replace_findings(doc, findings, checked_at=now)
        stats["bulk_ms_per_report"] = (time.perf_counter() - started) / max(1, n - n_api) * 1000
        started = time.perf_counter()
        docs = review.list_documents()
        for d in docs[::50]:  # 2 %: a correction, a note, approval
            record = review.record(d.id)
            cid = next(iter(record.cells))
            value = record.cells[cid].value
            review.apply_edit(d.id, cid, None if value is None else value + 1, reason="bench")
            review.set_note(d.id, '=HYPERLINK("http://x","y")' if d.id % 100 == 1 else "复核")
            review.set_status(d.id, "approved", override="bench")
        stats["edits_s"] = time.perf_counter() - started
    return stats


# ---------------------------------------------------------------- the two measured exports


def child(kind: str, db: Path, out: Path) -> None:
    """Run one export in this (fresh) process; print its time and peak memory as JSON."""
    started = time.perf_counter()
    if kind == "xlsx":
        from app.cli import main

        code = main(["export", "--db", str(db), "--out", str(out)])
        assert code == 0, code
    else:
        write_csv(db, out)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak}))


def write_csv(db: Path, out: Path) -> None:
    """The baseline: the same three tables, read the same way, as CSV files in folder ``out``."""
    from app.export.review_xlsx import (
        EDITS_SHEET_COLUMNS,
        FINDINGS_SHEET_COLUMNS,
        RECORD_COLUMNS,
        cell_columns,
    )
    from app.export.trail import doc_row, edit_row, finding_row, template_for

    out.mkdir(parents=True, exist_ok=True)
    columns = cell_columns()
    with (
        open_review(db, create=False) as review,
        open(out / "records.csv", "w", newline="", encoding="utf-8") as rf,
        open(out / "findings.csv", "w", newline="", encoding="utf-8") as ff,
        open(out / "edits.csv", "w", newline="", encoding="utf-8") as ef,
    ):
        records, findings, edits = csv.writer(rf), csv.writer(ff), csv.writer(ef)
        records.writerow([c.name for c in RECORD_COLUMNS] + [c.id for c in columns])
        findings.writerow([c.name for c in FINDINGS_SHEET_COLUMNS])
        edits.writerow([c.name for c in EDITS_SHEET_COLUMNS])
        with review.store.read():
            docs = review.list_documents()
            for d in docs:
                loaded = review.load_document(d.id)
                values = {cid: c.value for cid, c in loaded.record.cells.items()}
                head = [d.id, d.name, d.agency, d.year, d.template, d.status, d.reviewer,
                        d.errors, d.warnings, d.note, d.sha256]  # fmt: skip
                records.writerow(head + [values.get(c.id) for c in columns])
                for f in loaded.findings:
                    row = {**doc_row(d), **finding_row(f)}
                    findings.writerow([row[c.name] for c in FINDINGS_SHEET_COLUMNS])
            by_id = {d.id: d for d in docs}
            for e in review.store.iter_edits():
                d = by_id[e["document_id"]]
                row = {**doc_row(d), **edit_row(Edit(**e), template_for(d.template))}
                edits.writerow([row[c.name] for c in EDITS_SHEET_COLUMNS])


def measure(kind: str, db: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(db), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"{kind} export failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def size_mb(path: Path) -> float:
    files = path.glob("*") if path.is_dir() else [path]
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="reports (default 10000)")
    parser.add_argument("--api", type=int, default=300, help="reports added through the API")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db, out = args.child
        child(kind, Path(db), Path(out))
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-bench-export-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        db = work / f"review-{args.docs}.sqlite"
        if not db.exists():
            started = time.perf_counter()
            stats = fill(db, args.docs, args.api)
            print(
                f"review file: {args.docs} reports in {time.perf_counter() - started:.1f} s — "
                f"through the API {stats['api_ms_per_report']:.1f} ms/report "
                f"(10,000 would take {stats['api_ms_per_report'] * 10:.0f} s), "
                f"in bulk through the store {stats['bulk_ms_per_report']:.2f} ms/report "
                f"(check included); edits, notes, approvals {stats['edits_s']:.1f} s"
            )
        with open_review(db, create=False) as review:
            docs = review.list_documents()
            n_findings = sum((d.errors or 0) + (d.warnings or 0) for d in docs)
            n_edits = len(review.history())
        print(
            f"exporting {len(docs)} reports, {n_findings} findings, {n_edits} edits "
            f"({db.stat().st_size / 2**20:.0f} MB review file)"
        )
        xlsx = measure("xlsx", db, work / "review.xlsx")
        base = measure("csv", db, work / "csv")
        ok = xlsx["seconds"] <= TARGET_S and xlsx["peak_mb"] <= TARGET_MB
        print(
            f"  xlsx (nianbao export): {xlsx['seconds']:6.1f} s, peak {xlsx['peak_mb']:5.0f} MB, "
            f"{size_mb(work / 'review.xlsx'):5.1f} MB file "
            f"(target ≤ {TARGET_S:.0f} s, ≤ {TARGET_MB:.0f} MB: {'ok' if ok else 'MISSED'})"
        )
        print(
            f"  csv baseline:          {base['seconds']:6.1f} s, peak {base['peak_mb']:5.0f} MB, "
            f"{size_mb(work / 'csv'):5.1f} MB in 3 files"
        )
        print(f"  xlsx / csv: {xlsx['seconds'] / base['seconds']:.1f}× the time")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
