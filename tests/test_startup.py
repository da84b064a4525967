"""Lean start-up and a quiet command line: what each command imports, a closed pipe, the layering."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_store_helpers import fake_check, write_fake_pdf

from app.importer import import_paths
from app.review import open_review
from resources import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
ENV = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{TESTS}"}

# What the parent process of `nianbao extract` must never load: the review store, the
# exporter, the GUI, and the readers themselves (they run in the limited worker).
NOT_FOR_EXTRACT = ("openpyxl", "sqlite_utils", "PySide6", "shiboken6", "app.export", "app.review",
                   "app.store", "app.importer", "ui", "pypdfium2", "pdfplumber", "numpy")

_MODULES_AFTER = """
import sys
from app.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\n" + "MODULES " + " ".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def modules_after(*argv: str) -> tuple[int, set[str], str]:
    r = subprocess.run([sys.executable, "-c", _MODULES_AFTER, *argv], capture_output=True, text=True,
                       env=ENV, timeout=120)
    head, _, mods = r.stderr.rpartition("MODULES ")
    return r.returncode, set(mods.split()), r.stdout


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_extract_imports_only_what_it_uses(tmp_path):
    pdf = sorted(SAMPLES.glob("*.pdf"))[0]
    code, modules, out = modules_after("extract", str(pdf))
    assert code == 0 and '"cells"' in out
    assert not loaded(modules, NOT_FOR_EXTRACT)
    assert not loaded(modules, tuple(f"app.commands.{m}" for m in ("import_", "list_", "verify", "export", "gui")))


def test_version_imports_no_command():
    code, modules, out = modules_after("--version")
    assert code == 0 and out.startswith("nianbao ")
    assert not loaded(modules, ("app.commands.extract", "app.commands.import_", "app.limits") + NOT_FOR_EXTRACT)


def test_help_still_lists_every_command():
    code, _modules, out = modules_after("--help")
    assert code == 0
    for name in ("extract", "check", "import", "list", "verify", "export", "gui"):
        assert f"    {name} " in out


def _closed_pipe(*argv: str) -> subprocess.CompletedProcess:
    """Run the CLI with its stdout a pipe whose reader has gone (as ``| head`` leaves it)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "app.cli", *argv], stdout=write, stderr=subprocess.PIPE,
                              text=True, env=ENV, timeout=120)
    finally:
        os.close(write)


def test_a_closed_pipe_ends_quietly(tmp_path):
    with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
        for i in range(3):
            write_fake_pdf(tmp_path / f"{i}.pdf", truth="hongze-2023", agency=f"甲{i}")
        import_paths(review, [tmp_path / f"{i}.pdf" for i in range(3)], extractor="test_store_helpers:fake_extract",
                     workers=1)
    pdf = sorted(SAMPLES.glob("*.pdf"))[0]
    for argv in (["list", "--db", str(tmp_path / "r.sqlite"), "--json"], ["list", "--db", str(tmp_path / "r.sqlite")],
                 ["extract", str(pdf)], ["--help"]):
        r = _closed_pipe(*argv)
        assert r.stderr == "" and r.returncode == 0, (argv, r.stderr)


def test_list_json_is_still_whole_on_an_open_pipe(tmp_path):
    write_fake_pdf(tmp_path / "a.pdf", truth="hongze-2023")
    with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
        import_paths(review, [tmp_path / "a.pdf"], extractor="test_store_helpers:fake_extract", workers=1)
    r = subprocess.run([sys.executable, "-m", "app.cli", "list", "--db", str(tmp_path / "r.sqlite"), "--json"],
                       capture_output=True, text=True, env=ENV, timeout=60)
    assert r.returncode == 0 and [json.loads(line)["name"] for line in r.stdout.splitlines()] == ["a.pdf"]


def test_the_core_names_no_gui_module():
    """app/ reaches the GUI only as a program (python -m ui), never by importing it, even dynamically."""
    for path in (ROOT / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import_module(\"ui" not in text and "import_module('ui" not in text, path
        assert "__import__(\"ui" not in text, path


def test_reading_a_born_digital_report_loads_no_ocr_stack():
    """The worker side: numpy, OpenCV and the OCR engine only once a page needs OCR."""
    pdf = sorted(SAMPLES.glob("真实-*.pdf"))[0]
    probe = ("import sys; from app.extract import extract_pdf; extract_pdf(sys.argv[1]); "
             "print(' '.join(sorted(sys.modules)))")
    r = subprocess.run([sys.executable, "-c", probe, str(pdf)], capture_output=True, text=True, env=ENV, timeout=120)
    assert r.returncode == 0, r.stderr
    assert not loaded(set(r.stdout.split()), ("numpy", "cv2", "rapidocr", "onnxruntime", "app.rules"))
