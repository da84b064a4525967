"""Anchors, formats and publication dates in the review file (migration readers_anchor_format_published)."""

from __future__ import annotations

import json
import sqlite3

from app.extract.assemble import assemble
from app.extract.readers.text import parse
from app.model import Anchor
from app.review import open_review
from app.store.db import Store
from app.store.migrations import MIGRATIONS, latest_version, readers_anchor_format_published
from tests.fixtures import catalog
from tests.fixtures.textrender import render_text


def _checker(record, previous=None):  # the rules engine is not under test here
    return []


def _text_record():
    truth = catalog.case("gen-2021-plain").truth
    record = assemble(parse(render_text(truth, "spaced"), "/reports/plain.txt"))
    record.published = "2023-01-31"
    return record


def test_text_record_round_trips_with_anchor_format_published(tmp_path):
    record = _text_record()
    with open_review(tmp_path / "r.sqlite", reviewer="t", checker=_checker) as r:
        r.add_record(record, path="/reports/plain.txt")
        doc = r.store.all_document_ids()[0]
        back = r.record(doc)
    assert back.source.format == "text"
    assert back.published == "2023-01-31"
    for cid, cell in record.cells.items():
        assert back.cells[cid].anchor == cell.anchor, cid
        assert back.cells[cid].anchor.kind == "span"
    assert back.to_json()["cells"]["requests.new.total"]["anchor"] == record.cells["requests.new.total"].anchor.to_json()


def test_file_from_before_the_migration_upgrades(tmp_path):
    """Cells written before have no anchor: they read back with the page box of page and bbox."""
    path = tmp_path / "old.sqlite"
    before = MIGRATIONS.index(readers_anchor_format_published)  # the version just before it
    store = Store(path, schema_version=before)
    with store.write():
        doc = store.insert_document(
            {"sha256": "cd" * 32, "path": "/r/a.pdf", "name": "a.pdf", "pages": 5,
             "template": "gov-info-annual-2021", "agency": "某区", "year": 2023,
             "imported_at": "2024-01-01T00:00:00.000000Z", "extracted_at": "2024-01-01T00:00:00.000000Z"}
        )  # fmt: skip
        store.insert_cells(doc, [{"cell": "requests.new.total", "extracted": 7, "raw": "7", "page": 3,
                                  "x0": 10.0, "top": 20.0, "x1": 30.0, "bottom": 40.0, "value": 7,
                                  "blank": 0, "origin": "extracted"}])  # fmt: skip
    store.close()
    with open_review(path, reviewer="t", checker=_checker) as r:
        assert r.store.schema_version == latest_version()
        row = r.store.document_row(doc)
        assert row["format"] == "pdf" and row["published"] is None
        cell = r.record(doc).cells["requests.new.total"]
    assert cell.anchor is None
    assert cell.where() == Anchor.box(3, (10.0, 20.0, 30.0, 40.0))
    assert cell.to_json()["anchor"] == {"kind": "box", "page": 3, "bbox": [10.0, 20.0, 30.0, 40.0]}
    conn = sqlite3.connect(path)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(cells)")}
    conn.close()
    assert "anchor" in cols


def test_anchor_json_forms():
    assert Anchor.path(3, 5, 2).to_json() == {"kind": "path", "table": 3, "row": 5, "col": 2}
    assert Anchor.span(12, 4, 8).to_json() == {"kind": "span", "line": 12, "start": 4, "end": 8}
    for a in (Anchor.path(3, 5, 2), Anchor.span(12, 4, 8), Anchor.box(2, (1.0, 2.0, 3.0, 4.0))):
        assert Anchor.from_json(json.loads(json.dumps(a.to_json()))) == a
    assert Anchor.from_json({"kind": "nonsense"}) is None
