"""Decisions on findings through the API and the CLI: keyed, audited, kept while the facts hold."""

from __future__ import annotations

import json

import pytest
from test_store_helpers import truth_record, with_sha

from app.cli import main
from app.extract import extract_pdf
from app.review import ApprovalBlockedError, DecisionError, open_review
from app.rules import check
from app.rules.keys import finding_key, keyed
from app.rules.plain_names import plain_cell_name
from app.store.db import Store
from app.store.migrations import MIGRATIONS, finding_decisions, latest_version
from tests.fixtures.catalog import build_case, case

TYPO = case("gen-2021-typo-single-digit")  # one digit of 三（一）·自然人 misprinted: two broken identities


@pytest.fixture(scope="module")
def typo_pdf(generated_dir):
    return build_case(TYPO, generated_dir)


@pytest.fixture(scope="module")
def typo_record(typo_pdf):
    return extract_pdf(typo_pdf)


@pytest.fixture
def review(tmp_path, typo_pdf, typo_record):
    r = open_review(tmp_path / "review.sqlite", reviewer="审核员甲")
    r.doc = r.add_record(typo_record, path=typo_pdf).document_id
    yield r
    r.close()


def keys_by_rule(review, doc):
    return {kf.finding.rule: kf.key for kf in review.keyed_findings(doc)}


def test_every_finding_starts_pending_and_counts_open(review):
    kfs = review.keyed_findings(review.doc)
    assert sorted(kf.finding.rule for kf in kfs) == ["applicants", "outcomes"]
    assert all(kf.open and kf.decision is None for kf in kfs)
    assert [kf.key for kf in review.open_findings(review.doc)] == [kf.key for kf in kfs]
    assert review.document(review.doc).open_findings == 2


def test_key_is_rule_cells_and_values(typo_record):
    findings = check(typo_record)
    key = finding_key(findings[0], typo_record)
    assert key.startswith(findings[0].rule + "-")
    assert finding_key(findings[0], typo_record) == key  # stable
    cell = typo_record.cells[TYPO.truth["typo"]["cell"]]
    old = cell.value
    cell.value = old + 5
    try:
        assert finding_key(findings[0], typo_record) != key  # a value involved changed
    finally:
        cell.value = old
    assert len({k for k, _ in keyed(findings, typo_record)}) == len(findings)


def test_confirm_is_stored_and_audited(review):
    key = keys_by_rule(review, review.doc)["outcomes"]
    ch = review.decide(review.doc, key, "confirmed", comment="报告印错，已电话核实")
    assert ch.decisions == {key} and ch.open_findings == 1 and len(ch.edits) == 1
    (d,) = review.decisions(review.doc)
    assert (d.key, d.decision, d.comment, d.reviewer) == (key, "confirmed", "报告印错，已电话核实", "审核员甲")
    assert d.finding["rule"] == "outcomes" and TYPO.truth["typo"]["cell"] in d.finding["values"]
    entry = review.history(review.doc)[-1]
    assert (entry.cell, entry.old_value, entry.new_value, entry.reason) == (
        f"@decision:{key}", "pending", "confirmed", "报告印错，已电话核实")
    assert review.document(review.doc).open_findings == 1
    assert review.decide(review.doc, key, "confirmed", comment="报告印错，已电话核实").empty
    assert review.undo_state(review.doc) == (False, False), "a decision is not a cell edit to undo"


def test_dismiss_needs_a_reason_and_unknown_keys_change_nothing(review):
    key = keys_by_rule(review, review.doc)["applicants"]
    before = review.history(review.doc)
    with pytest.raises(DecisionError, match="理由"):
        review.decide(review.doc, key, "dismissed")
    with pytest.raises(DecisionError, match="outcomes-0000000000"):
        review.decide_many(review.doc, [key, "outcomes-0000000000"], "confirmed")
    with pytest.raises(DecisionError):
        review.decide(review.doc, key, "maybe")
    assert review.history(review.doc) == before and review.decisions(review.doc) == []
    review.decide(review.doc, key, "dismissed", comment="附注已说明")
    assert {kf.finding.rule: kf.state for kf in review.keyed_findings(review.doc)}["applicants"] == "dismissed"


def test_extraction_error_corrects_the_cell_through_the_edit_path(review):
    typo = TYPO.truth["typo"]
    key = keys_by_rule(review, review.doc)["applicants"]
    ch = review.decide(review.doc, key, "extraction", comment="识别把 8 读成 9")
    assert ch.cells == {typo["cell"]} and ch.findings == ()
    assert review.record(review.doc).value(typo["cell"]) == typo["intended"]
    edits = review.history(review.doc)
    cell_edit = next(e for e in edits if e.cell == typo["cell"])
    assert (cell_edit.old_value, cell_edit.new_value, cell_edit.how) == (typo["printed"], typo["intended"], "manual")
    assert cell_edit.reason == "识别错误：识别把 8 读成 9"
    assert edits[-1].cell == f"@decision:{key}" and edits[-1].new_value == "extraction"
    assert review.open_findings(review.doc) == [] and review.document(review.doc).open_findings == 0
    assert review.undo_state(review.doc) == (True, False), "the correction undoes like any edit"


def test_extraction_without_a_single_suggestion_needs_a_value(tmp_path):
    with open_review(tmp_path / "r.sqlite", reviewer="t") as r:
        doc = r.add_record(with_sha(truth_record("hongze-2023"), "a")).document_id
        # hongze-2023 prints 复议后起诉 with a total that two cells explain equally well
        ambiguous = next(kf for kf in r.keyed_findings(doc) if kf.finding.note)
        with pytest.raises(DecisionError, match="--value"):
            r.decide(doc, ambiguous.key, "extraction")
        assert r.decisions(doc) == []
        cell = ambiguous.finding.suspects[0]
        ch = r.decide(doc, ambiguous.key, "extraction", values={cell.cell: cell.suggested})
        assert ch.cells == {cell.cell} and r.record(doc).value(cell.cell) == cell.suggested
        assert ambiguous.key not in {kf.key for kf in r.keyed_findings(doc)}


def test_bulk_decision_is_one_operation(review):
    keys = list(keys_by_rule(review, review.doc).values())
    ch = review.decide_many(review.doc, keys, "confirmed", comment="两处同一笔误")
    assert ch.decisions == set(keys) and ch.open_findings == 0
    entries = [e for e in review.history(review.doc) if e.cell.startswith("@decision:")]
    assert len(entries) == 2 and len({e.op for e in entries}) == 1
    review.set_status(review.doc, "approved")  # nothing pending: no override needed
    assert review.document(review.doc).status == "approved"


def test_bulk_extraction_corrects_the_shared_cell_once(review):
    typo = TYPO.truth["typo"]
    keys = list(keys_by_rule(review, review.doc).values())
    ch = review.decide_many(review.doc, keys, "extraction")
    assert ch.cells == {typo["cell"]}
    assert [e.cell for e in review.history(review.doc)].count(typo["cell"]) == 1


def test_recheck_and_reextraction_keep_decisions(review, typo_record, typo_pdf):
    key = keys_by_rule(review, review.doc)["outcomes"]
    review.decide(review.doc, key, "confirmed")
    review.recheck()
    assert {kf.key: kf.state for kf in review.keyed_findings(review.doc)}[key] == "confirmed"
    result = review.reextract(review.doc, extract_pdf(typo_pdf), path=typo_pdf)
    assert not result.conflicts
    assert {kf.key: kf.state for kf in review.keyed_findings(review.doc)}[key] == "confirmed"
    assert review.document(review.doc).open_findings == 1


def test_a_changed_value_reopens_the_finding(review):
    typo = TYPO.truth["typo"]
    keys = keys_by_rule(review, review.doc)
    review.decide_many(review.doc, list(keys.values()), "confirmed")
    assert review.document(review.doc).open_findings == 0
    review.apply_edit(review.doc, typo["cell"], typo["printed"] + 3)  # still wrong, differently
    states = {kf.finding.rule: (kf.key, kf.state) for kf in review.keyed_findings(review.doc)}
    assert states["outcomes"][0] != keys["outcomes"] and states["outcomes"][1] == "pending"
    assert review.document(review.doc).open_findings == 2
    review.apply_edit(review.doc, typo["cell"], typo["printed"])  # back to the facts decided on
    assert review.document(review.doc).open_findings == 0


def test_approval_is_refused_while_pending_unless_overridden(review):
    with pytest.raises(ApprovalBlockedError, match="2 项问题待定"):
        review.set_status(review.doc, "approved")
    assert review.document(review.doc).status == "new"
    review.set_status(review.doc, "in_review")  # other statuses are free
    ch = review.set_status(review.doc, "approved", override="领导同意先行通过")
    assert ch.status == "approved"
    entry = review.history(review.doc)[-1]
    assert entry.cell == "@status" and entry.reason == "强制批准（2 项待定）：领导同意先行通过"


def test_file_of_the_previous_schema_migrates_without_loss(tmp_path, typo_record, typo_pdf):
    from app.review.records import cell_fields, document_fields
    from app.store.verify import verify_store

    path = tmp_path / "old.sqlite"
    before = MIGRATIONS.index(finding_decisions)  # the schema just before decisions
    store = Store(path, schema_version=before)
    assert store.schema_version == before < latest_version()
    findings = [f.to_json() for f in check(typo_record)]
    with store.write():
        doc = store.insert_document(
            {"sha256": typo_record.source.sha256, "path": str(typo_pdf), "name": typo_pdf.name,
             "imported_at": "2025-01-01T00:00:00.000000Z", **document_fields(typo_record, "2025-01-01T00:00:00.000000Z")}
        )  # fmt: skip
        store.insert_cells(doc, (cell_fields(c, k) for k, c in typo_record.cells.items()))
        store.replace_findings(doc, findings, checked_at="2025-01-01T00:00:00.000000Z")
        store.db.execute("UPDATE cells SET value = 80 WHERE cell = 'requests.new.natural'")
        store.append_edits(
            [{"document_id": doc, "cell": "requests.new.natural", "old_value": 79, "new_value": 80,
              "who": "old", "at": "2025-01-02T00:00:00.000000Z", "how": "manual"}]
        )  # fmt: skip
    cells_before = {c["cell"]: c["value"] for c in store.cell_rows(doc)}
    trail_before = [e["hash"] for e in store.edit_rows()]
    findings_before = store.finding_rows(doc)
    store.close()
    with open_review(path, reviewer="t") as r:
        assert r.store.schema_version == latest_version()
        assert {c["cell"]: c["value"] for c in r.store.cell_rows(doc)} == cells_before
        assert [e["hash"] for e in r.store.edit_rows()] == trail_before
        assert r.store.finding_rows(doc) == findings_before
        summary = r.document(doc)
        assert summary.open_findings == summary.errors + summary.warnings == len(findings)
        assert r.decisions() == []
        r.decide(doc, r.keyed_findings(doc)[0].key, "confirmed")
        assert r.document(doc).open_findings == len(findings) - 1
    store = Store(path, create=False, upgrade=False)
    try:
        assert verify_store(store).ok
    finally:
        store.close()


def test_plain_cell_names_come_from_the_template():
    assert plain_cell_name("gov-info-annual-2021", "requests.handled_total.natural") == "表三 第三（七）“总计”行 自然人列"
    assert plain_cell_name("gov-info-annual-2021", "active.regulations.issued") == "表二 “规章”行 本年制发件数列"
    assert plain_cell_name("gov-info-annual-2019", "review.litigation_after.total") == "表四 “行政诉讼·复议后起诉”行 总计列"
    assert plain_cell_name("gov-info-annual-2021", "requests.nope.natural") == "requests.nope.natural"


# ---------------------------------------------------------------- the command line


def test_check_json_findings_carry_the_review_keys(review, typo_pdf, capsys):
    assert main(["check", str(typo_pdf), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {f["key"] for f in data["findings"]} == {kf.key for kf in review.keyed_findings(review.doc)}


def test_decide_cli(review, capsys):
    db = str(review.path)
    keys = keys_by_rule(review, review.doc)
    assert main(["decide", "--db", db, str(review.doc)]) == 0
    listed = capsys.readouterr()
    assert keys["outcomes"] in listed.out and "待定" in listed.out and "2 项待定" in listed.err
    assert main(["decide", "--db", db, str(review.doc), keys["applicants"], "dismiss"]) == 2
    assert "须说明理由" in capsys.readouterr().err
    assert main(["decide", "--db", db, TYPO.name + ".pdf", keys["outcomes"], "confirm",
                 "--comment", "报告印错"]) == 0  # fmt: skip
    assert "仍有 1 项待定" in capsys.readouterr().out
    assert main(["decide", "--db", db, str(review.doc), keys["applicants"], "dismiss",
                 "--comment", "不是问题", "--json"]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert out["keys"] == [keys["applicants"]] and out["open_findings"] == 0
    assert main(["decide", "--db", db, str(review.doc), "nope-1234", "confirm"]) == 2
    assert "nope-1234" in capsys.readouterr().err
    states = {kf.key: kf.state for kf in review.keyed_findings(review.doc)}
    assert states == {keys["outcomes"]: "confirmed", keys["applicants"]: "dismissed"}


def test_decide_cli_corrects_with_a_value(review, capsys):
    typo = TYPO.truth["typo"]
    keys = keys_by_rule(review, review.doc)
    assert main(["decide", "--db", str(review.path), str(review.doc), keys["outcomes"], "extraction",
                 "--value", f"{typo['cell']}={typo['intended']}"]) == 0  # fmt: skip
    assert review.record(review.doc).value(typo["cell"]) == typo["intended"]
    assert main(["decide", "--db", str(review.path), str(review.doc), keys["outcomes"], "extraction",
                 "--value", "oops"]) == 2  # fmt: skip
    capsys.readouterr()


def test_verify_catches_a_decision_the_trail_does_not_explain(review):
    import sqlite3

    from app.store.verify import verify_store

    key = keys_by_rule(review, review.doc)["outcomes"]
    review.decide(review.doc, key, "confirmed")
    assert verify_store(review.store).ok
    conn = sqlite3.connect(review.path)
    conn.execute("UPDATE decisions SET decision = 'dismissed'")
    conn.commit()
    conn.close()
    report = verify_store(review.store)
    assert not report.ok and any(key in p and "'dismissed'" in p for p in report.problems)


def test_list_counts_open_findings(review, capsys):
    review.decide(review.doc, keys_by_rule(review, review.doc)["outcomes"], "confirmed")
    assert main(["list", "--db", str(review.path), "--json"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["errors"], row["open_findings"]) == (2, 1)
    assert main(["list", "--db", str(review.path)]) == 0
    assert "2 err 0 warn 1 open" in capsys.readouterr().out


def test_decide_cli_bad_input_is_one_line_and_changes_nothing(review, capsys):
    db = str(review.path)
    key = keys_by_rule(review, review.doc)["outcomes"]
    before = review.history()
    assert main(["decide", "--db", db, "no-such-report.pdf", key, "confirm"]) == 2
    assert "no-such-report.pdf" in capsys.readouterr().err
    assert main(["decide", "--db", db, str(review.doc), key]) == 2
    assert "请给出决定" in capsys.readouterr().err
    assert main(["decide", "--db", db, str(review.doc), "confirm", "--key", key]) == 0
    capsys.readouterr()
    assert review.history()[:-1] == before
    assert {kf.key: kf.state for kf in review.keyed_findings(review.doc)}[key] == "confirmed"


def test_decide_cli_bulk_is_one_operation(review, capsys):
    keys = sorted(keys_by_rule(review, review.doc).values())
    args = ["decide", "--db", str(review.path), str(review.doc), keys[0], "dismiss", "--key", keys[1]]
    assert main([*args, "--comment", "同一笔误，已在附注说明"]) == 0
    assert "2 项判为不是问题，仍有 0 项待定" in capsys.readouterr().out
    entries = [e for e in review.history(review.doc) if e.cell.startswith("@decision:")]
    assert sorted(e.cell for e in entries) == [f"@decision:{k}" for k in keys]
    assert len({e.op for e in entries}) == 1 and {e.reason for e in entries} == {"同一笔误，已在附注说明"}
