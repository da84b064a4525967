"""Import on a Dask cluster (app.cluster): the same review file as the local pool, and no file
lost or stored twice when a worker dies mid-run."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import pytest
from test_store_helpers import fake_check, write_fake_pdf

from app.importer import import_paths
from app.review import open_review
from resources import SAMPLES

pytest.importorskip("dask.distributed")

from app.cluster import connect, import_on_cluster  # noqa: E402

FAKE = "test_store_helpers:fake_extract"


def content(path) -> dict[str, tuple]:
    """What a review file says about each report, by sha256: the record and its findings."""
    out = {}
    with open_review(path, create=False, reviewer="tester") as review:
        for doc in review.list_documents():
            loaded = review.load_document(doc.id)
            r = loaded.record
            findings = sorted(
                (f.rule, f.severity, f.message, tuple(f.cells), tuple((s.cell, s.suggested) for s in f.suspects))
                for f in loaded.findings
            )
            out[doc.sha256] = (doc.name, r.agency, r.year, r.template, r.cells, r.missing, r.sections,
                               r.problems, findings, doc.errors, doc.warnings)
    return out


def test_a_local_cluster_imports_what_the_local_pool_does(tmp_path):
    pdfs = sorted(SAMPLES.glob("*.pdf"))[:4]  # generated and real reports, both template years
    with open_review(tmp_path / "pool.sqlite", reviewer="tester") as review:
        pool = import_paths(review, pdfs, workers=2)
    with open_review(tmp_path / "cluster.sqlite", reviewer="tester") as review:
        seen = []
        dask = import_on_cluster(review, pdfs, "local:2", progress=lambda s: seen.append(s.done))
    assert (dask.imported, dask.failed) == (pool.imported, pool.failed) == (4, 0)
    assert seen[-1] == 4  # progress as the local import reports it
    got, want = content(tmp_path / "cluster.sqlite"), content(tmp_path / "pool.sqlite")
    assert got == want
    assert any(v[9] for v in got.values())  # findings were made (errors in the planted reports)
    with open_review(tmp_path / "cluster.sqlite", reviewer="tester") as review:  # resume: all skipped
        again = import_on_cluster(review, pdfs, "local:2")
    assert (again.imported, again.skipped) == (0, 4)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    n = 8
    for i in range(n):  # distinct contents, each taking a while
        write_fake_pdf(d / f"{i}.pdf", truth="hongze-2023" if i % 2 else "hongze-2024", sleep=0.8, agency=f"甲{i}")
    client, cluster = connect("local:2")
    address = cluster.scheduler_address
    killed = []

    def kill_a_worker() -> None:
        time.sleep(2.0)  # files are running on both workers
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    try:
        killer = threading.Thread(target=kill_a_worker)
        killer.start()
        with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
            summary = import_on_cluster(review, [d], address, extractor=FAKE)
            killer.join()
            docs = review.list_documents()
            errors = review.import_errors()
    finally:
        client.close()
        cluster.close()
    assert killed
    assert (summary.imported, summary.failed) == (n, 0), summary.failures
    assert not errors
    assert sorted(doc.name for doc in docs) == sorted(f"{i}.pdf" for i in range(n))
    assert len({doc.sha256 for doc in docs}) == n


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    import app.cluster
    from app.cluster import ClusterError

    monkeypatch.setattr(app.cluster, "CONNECT_TIMEOUT_S", 2.0)
    write_fake_pdf(tmp_path / "a.pdf", truth="hongze-2023")
    with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
        with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
            import_on_cluster(review, [tmp_path / "a.pdf"], "tcp://127.0.0.1:9", extractor=FAKE)


def test_files_past_the_limits_fail_alone_on_the_cluster(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write_fake_pdf(d / "1-hangs.pdf", sleep=60)
    write_fake_pdf(d / "2-good.pdf", truth="hongze-2023")
    shutil.copy(d / "2-good.pdf", d / "3-same.pdf")
    with open_review(tmp_path / "r.sqlite", reviewer="tester", checker=fake_check) as review:
        summary = import_on_cluster(review, [d], "local:1", extractor=FAKE, time_limit=3)
        kinds = {e["name"]: e["kind"] for e in review.import_errors()}
    assert (summary.imported, summary.skipped, summary.failed) == (1, 1, 1)
    assert kinds == {"1-hangs.pdf": "TimeLimit"}
