"""Start-up, in one run: ``nianbao --version``, whole-process ``nianbao extract`` against a
whole-process pdfplumber ``extract_text()`` of every page (the baseline, same run, interleaved),
and the workstation's first paint.

Targets (issue 15): --version ≤ 0.15 s; extract ≤ 0.6× pdfplumber on the real reports; first
paint unchanged or faster than with every command module imported first (the old start-up).

    QT_QPA_PLATFORM=offscreen python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}

PLUMBER = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
"""

# The old start-up: every command module (store, exporter, importer…) imported before the GUI.
OLD_GUI = """
import sys
import app.commands.extract, app.commands.check, app.commands.import_, app.commands.list_
import app.commands.verify, app.commands.export, app.export, app.importer, app.review
from ui.launch import main
sys.exit(main(sys.argv[1:]))
"""


def real_reports() -> list[Path]:
    found, seen = [], set()
    shared = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared")) / "real"
    for pdf in sorted(ROOT.glob("resources/samples/真实-*.pdf")) + sorted(shared.glob("*.pdf")):
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            found.append(pdf)
    return found


def wall(cmd: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
    return time.perf_counter() - t


def first_paint(cmd: list[str]) -> float:
    env = {**ENV, "NIANBAO_BENCH_T0": repr(time.time())}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("first-paint ")]
    if not lines:
        raise RuntimeError(f"no first paint: {out.stderr[-500:]}")
    return float(lines[-1].split()[1])


def fmt(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:6.0f} ms, worst {max(times) * 1000:6.0f} ms"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    n = ap.parse_args().runs
    py = sys.executable

    version = [wall([py, "-m", "app.cli", "--version"]) for _ in range(n)]
    print(f"nianbao --version            {fmt(version)}   target ≤ 150 ms: "
          f"{'met' if statistics.median(version) <= 0.15 else 'NOT met'}")

    ratios = []
    for pdf in real_reports():
        ours, base = [], []
        for _ in range(n):  # interleaved: both see the same machine load
            ours.append(wall([py, "-m", "app.cli", "extract", str(pdf)]))
            base.append(wall([py, "-c", PLUMBER, str(pdf)]))
        ratio = statistics.median(ours) / statistics.median(base)
        worst = max(o / b for o, b in zip(ours, base, strict=True))
        ratios.append(ratio)
        print(f"{pdf.name:28s} extract {fmt(ours)}; pdfplumber {fmt(base)}; "
              f"ratio median {ratio:.2f}×, worst pair {worst:.2f}×")
    if ratios:
        print(f"extract / pdfplumber, whole process: worst report {max(ratios):.2f}× (target ≤ 0.60×)")

    with tempfile.TemporaryDirectory() as tmp:
        from app.importer import import_paths
        from app.review import open_review

        db = Path(tmp) / "review.sqlite"
        with open_review(db, reviewer="bench") as review:
            import_paths(review, sorted(ROOT.glob("resources/samples/*.pdf")), workers=2)
        settings = {**ENV, "NIANBAO_QSETTINGS": str(Path(tmp) / "s.ini")}
        ENV.update(settings)
        new = [first_paint([py, "-m", "app.cli", "gui", str(db)]) for _ in range(3)]
        old = [first_paint([py, "-c", OLD_GUI, str(db)]) for _ in range(3)]
        print(f"first paint, nianbao gui     {fmt(new)}")
        print(f"first paint, old start-up    {fmt(old)}  "
              f"({'unchanged or faster' if statistics.median(new) <= statistics.median(old) * 1.05 else 'SLOWER'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
