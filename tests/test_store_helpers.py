"""Shared helpers for the review-file tests: records from the real reports' truth,
a small checker, and a fake extractor that child processes can import.

No tests here. The fake extractor reads "PDFs" that hold a JSON spec, so a
test can make a file that extracts to a known record, fails, hangs, crashes
or eats memory — the cases a real batch meets.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

from app.errors import BrokenPdfError
from app.model import Cell, Finding, Problem, Record, Section, Source

REAL = Path("/work/shared/real")
FAKE_MAGIC = b"NIANBAO-FAKE\n"


def truth_record(name: str, *, path: str = "", sha256: str = "") -> Record:
    """A Record built from a real report's typed-in truth (real/NAME.json)."""
    data = json.loads((REAL / f"{name}.json").read_text(encoding="utf-8"))
    cells = {}
    for i, (cell, value) in enumerate(data["cells"].items()):
        top = 100.0 + 12.5 * (i % 40)
        cells[cell] = Cell(
            value=value,
            raw=str(value),
            page=3 + i // 40,
            bbox=(72.0 + (i % 7) * 50.25, top, 110.125 + (i % 7) * 50.25, top + 12.0),
            blank=cell in data.get("blank", []),
        )
    return Record(
        source=Source(path, sha256, 5),
        template=data["template"],
        agency=data["agency"],
        year=data["year"],
        cells=cells,
        missing=list(data.get("missing", [])),
        sections=[
            Section("一、总体情况", 1, "本年度……"),
            Section("五、存在的主要问题及改进情况", 4, "无"),
        ],
        problems=[Problem(3, "a test problem", "requests.new.total")],
    )


def with_sha(record: Record, salt: str) -> Record:
    """The record under a distinct sha256 (a different file with the same tables)."""
    record.source.sha256 = hashlib.sha256(salt.encode()).hexdigest()
    return record


# ---------------------------------------------------------------- a small checker


def fake_check(record: Record, previous: Record | None = None) -> list[Finding]:
    """Two rules, enough to exercise counts and cross-year links without the rules engine."""
    findings = []
    for row in ("reconsideration", "litigation_direct", "litigation_after"):
        ids = [f"review.{row}.{c}" for c in ("upheld", "corrected", "other", "pending")]
        total = record.value(f"review.{row}.total")
        parts = [record.value(i) for i in ids]
        if total is not None and None not in parts and sum(parts) != total:
            findings.append(
                Finding("review_total", "error", [*ids, f"review.{row}.total"], sum(parts), total,
                        "总计不符", "total does not add up")
            )  # fmt: skip
    if previous is not None:
        for col in ("natural", "business", "research", "nonprofit", "legal", "other", "total"):
            now = record.value(f"requests.carried_in.{col}")
            before = previous.value(f"requests.carried_out.{col}")
            if now is not None and before is not None and now != before:
                findings.append(
                    Finding("carry_over", "warning", [f"requests.carried_in.{col}"], before, now,
                            "上年结转不符", "carried in differs from last year's carried out")
                )  # fmt: skip
    return findings


# ---------------------------------------------------------------- a fake extractor


def write_fake_pdf(path: Path, **spec: Any) -> Path:
    """A file the fake extractor reads: spec keys truth, sleep, hog_mb, crash, error."""
    path.write_bytes(FAKE_MAGIC + json.dumps(spec).encode())
    return path


def fake_extract(path: str) -> Record:
    data = Path(path).read_bytes()
    if not data.startswith(FAKE_MAGIC):
        raise BrokenPdfError("not a fake PDF", path=path)
    spec = json.loads(data[len(FAKE_MAGIC) :])
    if spec.get("sleep"):
        time.sleep(spec["sleep"])
    if spec.get("hog_mb"):
        hog = []
        for _ in range(spec["hog_mb"]):
            hog.append(b"x" * (1 << 20))
            time.sleep(0.002)
        time.sleep(30)
    if spec.get("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if spec.get("error"):
        raise BrokenPdfError(spec["error"], path=path)
    record = truth_record(spec["truth"], path=str(path))
    if "agency" in spec:
        record.agency = spec["agency"]
    if "year" in spec:
        record.year = spec["year"]
    for cell, value in spec.get("set", {}).items():
        record.cells[cell].value = value
    return record


def fake_extract_changed(path: str) -> Record:
    """The fake extractor after an "improvement" that reads three cells differently."""
    record = fake_extract(path)
    record.cells["requests.new.total"].value = 25
    record.cells["requests.new.natural"].value = 30
    record.cells["active.fees.amount"].value = 1.5
    return record
