"""Shared fixtures: real reports with their truth, and generated report PDFs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "real"
GENERATED = Path(__file__).resolve().parent / "_generated"


def real_reports() -> list[tuple[Path, dict]]:
    """The real report PDFs in ../shared/real with their printed truth."""
    out = []
    for pdf in sorted(REAL.glob("*.pdf")):
        truth = pdf.with_suffix(".json")
        if truth.exists():
            out.append((pdf, json.loads(truth.read_text(encoding="utf-8"))))
    return out


@pytest.fixture(scope="session")
def generated_dir() -> Path:
    GENERATED.mkdir(exist_ok=True)
    return GENERATED
