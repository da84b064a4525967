"""Reading untrusted files within limits (app.limits), from every entry point: huge pages,
runaway memory, hangs, workers that die mid-file, workers orphaned by their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fixtures.huge import huge_page_pdf
from test_store_helpers import fake_check, fake_extract, write_fake_pdf

from app.importer import import_paths
from app.limits import MAX_PIXELS, LimitError, Limits, Sandbox, capped_scale, run_limited
from app.review import open_review

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
PEAK_MB = 1536
SECONDS = 30


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("huge")
    return [huge_page_pdf(d / "mediabox.pdf"), huge_page_pdf(d / "userunit.pdf", 14400, user_unit=75000)]


def measured(*argv: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``python -m app.cli ARGV`` and return it, its wall time and the peak RSS (MB) of it and
    every process under it (measured by a fresh parent, so nothing else counts)."""
    probe = textwrap.dedent("""
        import resource, subprocess, sys, time
        t = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "app.cli", *sys.argv[1:]], capture_output=True, text=True)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        sys.stdout.write(f"{r.returncode}\\n{time.monotonic() - t}\\n{peak}\\n" + r.stderr)
    """)
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{TESTS}"}
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, env=env,
                         timeout=SECONDS * 3)
    code, seconds, peak, *stderr = out.stdout.split("\n")
    done = subprocess.CompletedProcess(argv, int(code), "", "\n".join(stderr))
    return done, float(seconds), float(peak)


@pytest.mark.parametrize("command", ["extract", "check"])
def test_huge_pages_are_refused_quickly_by_extract_and_check(huge, command):
    for pdf in huge:
        done, seconds, peak = measured(command, str(pdf))
        assert done.returncode == 2, done.stderr
        assert seconds <= SECONDS and peak <= PEAK_MB, (pdf.name, seconds, peak)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"nianbao: {pdf.name}: "), done.stderr
    assert "too large to read by OCR" in measured(command, str(huge[0]))[0].stderr


def test_huge_pages_in_an_import_fail_alone_within_the_limits(huge, tmp_path):
    started = time.monotonic()
    with open_review(tmp_path / "r.sqlite", reviewer="tester") as review:
        summary = import_paths(review, huge, workers=2)
        errors = {e["name"]: e["message"] for e in review.import_errors()}
    assert time.monotonic() - started <= SECONDS
    assert summary.failed == 2 and set(errors) == {"mediabox.pdf", "userunit.pdf"}
    assert "too large to read by OCR" in errors["mediabox.pdf"]


def test_render_scale_is_capped():
    assert capped_scale(595, 842, 200 / 72) == 200 / 72  # an A4 page at 200 dpi is untouched
    s = capped_scale(14400, 14400, 200 / 72)
    assert (14400 * s) ** 2 <= MAX_PIXELS * 1.0001


def test_the_sandbox_enforces_time_and_memory_and_survives_crashes():
    with Sandbox(Limits(time_s=2, memory_mb=300)) as sandbox:
        assert sandbox.call("os.path:basename", "/x/a.pdf") == "a.pdf"
        started = time.monotonic()
        with pytest.raises(LimitError, match="time limit") as e:
            sandbox.call("time:sleep", 30, path="slow.pdf")
        assert e.value.kind == "TimeLimit" and time.monotonic() - started < 10
        assert str(e.value).startswith("slow.pdf: ")
        with pytest.raises(LimitError, match="memory limit") as e:
            sandbox.call("os:urandom", 2 << 30, path="greedy.pdf")  # 2 GB at once, under a 300 MB cap
        assert e.value.kind == "MemoryLimit"
        with pytest.raises(LimitError, match="crashed") as e:
            sandbox.call("os:_exit", 7, path="dies.pdf")
        assert e.value.kind == "WorkerDied"
        assert sandbox.call("os.path:basename", "/x/b.pdf") == "b.pdf"  # a fresh worker after each
    with pytest.raises(LimitError):
        run_limited("time:sleep", 30, Limits(time_s=1))


def test_the_import_workers_cap_their_own_memory(tmp_path):
    """A single huge allocation fails inside the worker (RLIMIT_AS), before any poll could see it."""
    write_fake_pdf(tmp_path / "a.pdf", truth="hongze-2023")
    with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
        summary = import_paths(review, [tmp_path / "a.pdf"], extractor=allocate_8gb, workers=1,
                               memory_limit_mb=300)
        kinds = [e["kind"] for e in review.import_errors()]
    assert summary.failed == 1 and kinds == ["MemoryLimit"]


def allocate_8gb(path: str):
    data = bytearray(8 << 30)
    data[::4096] = b"x" * len(data[::4096])
    return fake_extract(path)


def crash_once(path: str):
    """Kill the worker the first time a file is read (a marker file beside it remembers)."""
    marker = Path(path).with_suffix(".crashed")
    if not marker.exists():
        marker.write_text("once")
        os.kill(os.getpid(), signal.SIGKILL)
    return fake_extract(path)


def test_a_worker_that_dies_mid_file_is_retried_once_on_a_fresh_worker(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write_fake_pdf(d / "a.pdf", truth="hongze-2023")
    write_fake_pdf(d / "b.pdf", truth="hongze-2024")
    with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
        summary = import_paths(review, [d], extractor=crash_once, workers=1)
        errors = review.import_errors()
    assert (summary.imported, summary.failed) == (2, 0) and not errors
    assert (d / "a.crashed").exists() and (d / "b.crashed").exists()  # each did die once


_ORPHAN_PARENT = """
import sys, threading, time
sys.path[:0] = [{root!r}, {tests!r}]
from pathlib import Path
from test_store_helpers import fake_check, fake_extract
from app.importer import import_paths
from app.limits import Limits, Sandbox
from app.review import open_review

if sys.argv[1] == "import":
    review = open_review(sys.argv[2], reviewer="tester", checker=fake_check)
    import_paths(review, [sys.argv[3]], extractor=fake_extract, workers=1)
else:
    sandbox = Sandbox(Limits(time_s=600))
    threading.Thread(target=sandbox.call, args=("time:sleep", 600), daemon=True).start()
    time.sleep(600)
"""


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("how", ["import", "sandbox"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path, how, sig):
    hang = write_fake_pdf(tmp_path / "hangs.pdf", sleep=600)
    script = _ORPHAN_PARENT.format(root=str(ROOT), tests=str(TESTS))
    parent = subprocess.Popen([sys.executable, "-c", script, how, str(tmp_path / "r.sqlite"), str(hang)])
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not workers:
            time.sleep(0.5)
            workers = _children(parent.pid)
        assert workers, "no worker started"
        time.sleep(3)  # the worker is busy with the file
        workers = _children(parent.pid)
        parent.send_signal(sig)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in workers if _alive(p)], "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        for p in workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)
