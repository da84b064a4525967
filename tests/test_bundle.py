"""The double-click app: build the one-folder bundle with packaging/build.sh and run what it built.

The build takes about 40 s on two cores. It is kept in build/test-bundle/KEY/, KEY being a hash
of the sources and of the installed packages, so running the suite again reuses it; CI starts
from a clean clone and builds. The built programs run in a bare environment (no venv on PATH,
no Python variables, a home and XDG dirs of their own, no system fonts) to show that the
bundle stands on its own.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import app
from tests.conftest import REAL

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "test-bundle"
SAMPLE = "示例-2021-单元格笔误.pdf"  # a sample report with a broken identity
HONGZE = REAL / "hongze-2023.pdf"

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test builds the Linux bundle")


def test_version_has_one_source():
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"nianbao {app.__version__}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}


def source_key() -> str:
    """A hash of what goes into the bundle: our files, the Python and the installed packages."""
    h = hashlib.sha256(sys.version.encode())
    for top in ("app", "ui", "resources", "packaging"):
        for f in sorted((ROOT / top).rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(f.relative_to(ROOT).as_posix().encode())
                h.update(f.read_bytes())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()):
        h.update(dist.encode())
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def bundle() -> Path:
    """dist/nianbao/ as packaging/build.sh makes it (built once per source state)."""
    key = source_key()
    home = CACHE / key
    done = home / "built"
    if not done.exists():
        if CACHE.exists():
            for old in CACHE.iterdir():  # keep one build, not one per edit
                shutil.rmtree(old, ignore_errors=True)
        home.mkdir(parents=True)
        result = subprocess.run(
            ["bash", "packaging/build.sh", "--dist", str(home / "dist"), "--work", str(home / "work"), "--no-archive"],
            cwd=ROOT, env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True, timeout=1200,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        shutil.rmtree(home / "work", ignore_errors=True)
        done.write_text(result.stdout, encoding="utf-8")
    return home / "dist" / "nianbao"


@pytest.fixture
def bare_env(tmp_path) -> dict[str, str]:
    """An environment with nothing of this machine's Python, Qt settings or fonts."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
        "NIANBAO_QSETTINGS": str(tmp_path / "qsettings.ini"), "NIANBAO_CONFIG": str(tmp_path / "config.json"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    for var in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"XDG_{var}_HOME"] = str(tmp_path / var.lower())
    return env


def run(program: Path, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(program), *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=180, env=env, cwd=cwd)


@pytest.mark.slow
@linux_only
def test_bundle_carries_its_resources_and_version(bundle, bare_env, tmp_path):
    inside = bundle / "_internal"
    for pattern in ("resources/templates/gov-info-annual-2021.toml", "resources/fonts/*.ttc",
                    "resources/i18n/nianbao_zh_CN.qm", f"resources/samples/{SAMPLE}",
                    "resources/icons/nianbao.png", "pdfplumber-*.dist-info", "PySide6/Qt/translations/qtbase_zh_CN.qm"):
        assert list(inside.glob(pattern)), f"{pattern} is not in the bundle"
    assert not list(inside.glob("PySide6/Qt/translations/qtbase_de.qm")), "Qt's other languages are left out"
    if importlib.util.find_spec("rapidocr") is not None:  # the OCR extra is installed: its models ship
        assert list(inside.glob("rapidocr/models/*.onnx")), "rapidocr's models are not in the bundle"
        assert list(inside.glob("rapidocr-*.dist-info")), "the About box needs rapidocr's version"
    for program in ("nianbao", "nianbao-gui"):
        result = run(bundle / program, "--version", env=bare_env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"nianbao {app.__version__}"


@pytest.mark.slow
@linux_only
@pytest.mark.skipif(not HONGZE.exists(), reason="real report not available")
def test_bundle_extracts_a_real_report(bundle, bare_env, tmp_path):
    result = run(bundle / "nianbao", "extract", str(HONGZE), env=bare_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    values = {cell: record["cells"][cell]["value"] for cell in
              ("requests.new.total", "review.reconsideration.upheld", "active.fees.amount")}
    assert values == {"requests.new.total": 21, "review.reconsideration.upheld": 10, "active.fees.amount": 7730.28}
    assert record["year"] == 2023 and "洪泽" in record["agency"]


@pytest.mark.slow
@linux_only
def test_bundle_imports_with_workers_and_shows_a_report(bundle, bare_env, tmp_path):
    from PySide6.QtGui import QImage

    review = tmp_path / "review.sqlite"
    samples = bundle / "_internal" / "resources" / "samples"
    result = run(bundle / "nianbao", "import", str(samples), "--db", str(review), "--workers", "2",
                 env=bare_env, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr  # 1: some sample reports have errors, by design
    assert "6 imported" in result.stderr + result.stdout, result.stderr

    out = tmp_path / "shot.png"
    result = run(bundle / "nianbao", "gui", str(review), "--open", SAMPLE, "--lang", "zh_CN",
                 "--screenshot", str(out), env=bare_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 900)
    colours = {image.pixel(x, y) for x in range(0, 1600, 20) for y in range(0, 900, 20)}
    assert len(colours) > 10, "a real picture, not a blank window"
