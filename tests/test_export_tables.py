"""Data for analysts: ``nianbao export --format parquet|csv``, read back with pyarrow, DuckDB and csv."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from test_store_helpers import fake_check, write_fake_pdf

from app.cli import main
from app.export import ExportError
from app.export.tables import export_tables
from app.importer import import_paths
from app.review import open_review

FAKE = "test_store_helpers:fake_extract"


@pytest.fixture
def review_file(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write_fake_pdf(d / "2023.pdf", truth="hongze-2023")
    write_fake_pdf(d / "2024.pdf", truth="hongze-2024", agency="另一个单位")
    path = tmp_path / "r.sqlite"
    with open_review(path, reviewer="tester", checker=fake_check) as review:
        import_paths(review, [d], extractor=FAKE, workers=1)
        (doc,) = review.list_documents(text="2023.pdf")
        review.apply_edit(doc.id, "requests.new.total", 4242, reason="typo")
    return path


def _truth(path):
    with open_review(path, create=False, reviewer="tester", checker=fake_check) as review:
        docs = {d.id: d for d in review.list_documents()}
        loaded = {i: review.load_document(i) for i in docs}
    return docs, loaded


def test_parquet_reads_back_with_pyarrow_and_duckdb(review_file, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "tables"
    assert main(["export", "--db", str(review_file), "--format", "parquet", str(out)]) == 0
    docs, loaded = _truth(review_file)
    cells = pq.read_table(out / "cells.parquet").to_pylist()
    assert len(cells) == sum(len(x.record.cells) for x in loaded.values())
    for row in cells:
        doc = loaded[row["document_id"]]
        cell = doc.record.cells[row["cell"]]
        assert row["document"] == docs[row["document_id"]].name and row["agency"] == doc.record.agency
        assert row["year"] == doc.record.year and row["printed"] == cell.raw
        assert row["value"] == cell.value and row["extracted"] == doc.extracted.get(row["cell"])
        assert row["corrected"] == (row["cell"] in doc.edited)
    (edited,) = [r for r in cells if r["corrected"]]
    assert (edited["cell"], edited["value"], edited["document"]) == ("requests.new.total", 4242, "2023.pdf")
    findings = pq.read_table(out / "findings.parquet").to_pylist()
    assert len(findings) == sum(len(x.findings) for x in loaded.values())
    # the documented query works as written
    q = duckdb.sql(f"""
        SELECT agency, year, count(*) FILTER (WHERE corrected) AS corrected
        FROM '{out}/cells.parquet' GROUP BY agency, year ORDER BY year""").fetchall()
    assert q == [(docs[edited["document_id"]].agency, 2023, 1), ("另一个单位", 2024, 0)]


def test_csv_has_the_same_rows(review_file, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", "--db", str(review_file), "--format", "csv", "--out", str(out), "--year", "2023"]) == 0
    with open(out / "cells.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["year"] for r in rows} == {"2023"}  # filters apply
    edited = [r for r in rows if r["corrected"] == "True"]
    assert [(r["cell"], r["value"]) for r in edited] == [("requests.new.total", "4242")]


def test_decisions_are_exported_where_the_file_keeps_them(review_file, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with open_review(review_file, create=False, reviewer="tester", checker=fake_check) as review:
        doc = review.list_documents()[0].id
        keyed = review.keyed_findings(doc)
        assert keyed, "the fake checker gives findings to decide"
        review.decide(doc, keyed[0].key, "confirmed", comment="原文如此")
        result = export_tables(review, tmp_path / "t")
    assert [p.name for p in result.files] == ["cells.parquet", "findings.parquet", "decisions.parquet"]
    rows = pq.read_table(tmp_path / "t" / "decisions.parquet").to_pylist()
    assert [(int(r["document_id"]), r["key"], r["decision"], r["comment"], r["reviewer"]) for r in rows] == [
        (doc, keyed[0].key, "confirmed", "原文如此", "tester")
    ]


def test_bad_targets_and_planted_values(review_file, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with open_review(review_file, create=False, checker=fake_check) as review:
        with pytest.raises(ExportError, match="must be a folder"):
            export_tables(review, a_file)
        with pytest.raises(ExportError, match="unknown format"):
            export_tables(review, tmp_path / "t", "xml")
    conn = sqlite3.connect(review_file)
    conn.execute("UPDATE cells SET value = '=1+1' WHERE cell = 'requests.new.natural'")  # a hostile file
    conn.commit()
    conn.close()
    with open_review(review_file, create=False, checker=fake_check) as review:
        export_tables(review, tmp_path / "t")
    rows = pq.read_table(tmp_path / "t" / "cells.parquet").to_pylist()
    assert {r["value"] for r in rows if r["cell"] == "requests.new.natural"} == {None}
    assert main(["export", "--db", str(review_file), "--format", "csv", "--report", "1", str(tmp_path / "c")]) == 2
