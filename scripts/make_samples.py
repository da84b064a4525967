"""Regenerate resources/samples/: the bundled sample reports a new user opens first.

A few generated fixture reports (a deliberate typo, the 2019 form, quirks)
and the two real reports from ../shared/real. Run from the repository root:

    .venv/bin/python scripts/make_samples.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.catalog import build_case, case  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
GENERATED = ["gen-2021-typo-single-digit", "gen-2021-narrative-mismatch", "gen-2019-with-procurement", "seed-001"]
NAMES = {
    "gen-2021-typo-single-digit": "示例-2021-单元格笔误.pdf",
    "gen-2021-narrative-mismatch": "示例-2021-正文数字不符.pdf",
    "gen-2019-with-procurement": "示例-2020-旧版格式.pdf",
    "seed-001": "示例-2021-空白单元格.pdf",
}


def main() -> int:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        pdf = build_case(case(name), ROOT / "tests" / "_generated")
        shutil.copyfile(pdf, SAMPLES / NAMES[name])
    for pdf in sorted((ROOT.parent / "shared" / "real").glob("*.pdf")):
        shutil.copyfile(pdf, SAMPLES / f"真实-{pdf.name}")
    for p in sorted(SAMPLES.glob("*.pdf")):
        print(p.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
