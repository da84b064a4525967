"""``nianbao check``: text and JSON output, exit status 0/1/2, record JSON and PDF input."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.conftest import real_reports
from tests.test_rules_support import T2021, consistent, make_record


def write(path, record):
    path.write_text(json.dumps(record.to_json(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path):
    values, missing = consistent(T2021, 5)
    return write(tmp_path / "good.json", make_record(T2021, values, missing=missing, year=2023)), values, missing


@pytest.fixture
def bad(tmp_path):
    values, missing = consistent(T2021, 5)
    values["review.reconsideration.total"] = 0
    values["review.reconsideration.upheld"] = 10
    values["review.reconsideration.corrected"] = 1
    values["review.reconsideration.other"] = values["review.reconsideration.pending"] = 0
    return write(tmp_path / "bad.json", make_record(T2021, values, missing=missing, year=2023))


def run(capsys, *argv):
    code = main(["check", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_balanced_record_exits_0(capsys, good):
    code, out, err = run(capsys, good[0])
    assert code == 0 and err == ""
    assert "全部检查通过" in out


def test_errors_exit_1_with_suspects(capsys, bad):
    code, out, err = run(capsys, bad)
    assert code == 1
    assert "[错误] review_total  行政复议：总计 = 0" in out
    assert "→ review.reconsideration.total: 0 → 11  [低]" in out
    code, out, _ = run(capsys, bad, "--lang", "en")
    assert code == 1 and "[ERROR] review_total  Reconsideration: Total = 0" in out


def test_json_is_the_record_with_findings(capsys, bad):
    code, out, _ = run(capsys, bad, "--json")
    assert code == 1
    data = json.loads(out)
    assert {"source", "template", "cells", "missing", "sections", "findings"} <= set(data)
    (f,) = data["findings"]
    assert f["rule"] == "review_total" and f["severity"] == "error"
    assert f["suspects"][0]["cell"] == "review.reconsideration.total"
    assert data["cells"]["review.reconsideration.upheld"]["value"] == 10


def test_checked_json_can_be_checked_again(capsys, bad, tmp_path):
    _, out, _ = run(capsys, bad, "--json")
    again = tmp_path / "again.json"
    again.write_text(out, encoding="utf-8")
    code, out2, _ = run(capsys, again, "--json")
    assert code == 1 and json.loads(out2)["findings"] == json.loads(out)["findings"]


def test_previous(capsys, good, tmp_path):
    path, values, missing = good
    prev_values = dict(values)
    prev_values["requests.carried_out.natural"] = values["requests.carried_in.natural"] + 2
    prev = write(tmp_path / "prev.json", make_record(T2021, prev_values, missing=missing, year=2022))
    code, out, err = run(capsys, path, "--previous", prev)
    assert code == 0  # a warning is not an error
    assert "[警告] carry_over" in out
    old = write(tmp_path / "old.json", make_record(T2021, prev_values, missing=missing, year=2020))
    code, out, err = run(capsys, path, "--previous", old)
    assert code == 0 and "carry_over" not in out
    assert "old.json is the 2020 report" in err


@pytest.mark.parametrize("content", [
    b"not json at all",
    b"[1, 2, 3]",
    b'{"cells": {}}',
    b'{"template": "no-such-template", "cells": {}}',
    b'{"template": "gov-info-annual-2021", "cells": {"requests.new.total": {"value": "12"}}}',
    b"\xff\xfe\x00garbage",
])
def test_unreadable_input_exits_2_with_one_line(capsys, tmp_path, content):
    path = tmp_path / "input.json"
    path.write_bytes(content)
    code, out, err = run(capsys, path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "input.json" in err and "Traceback" not in err


def test_missing_file_and_fake_pdf_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "nowhere.pdf")
    assert code == 2 and "nowhere.pdf" in err and err.count("\n") == 1
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, fake)
    assert code == 2 and "fake.pdf" in err and err.count("\n") == 1
    code, _, err = run(capsys, fake.with_name("x.json"))
    assert code == 2


def test_real_pdf(capsys):
    reports = {truth["year"]: pdf for pdf, truth in real_reports()}
    if 2023 not in reports:
        pytest.skip("../shared/real is not available")
    code, out, _ = run(capsys, reports[2023], "--json")
    assert code == 1
    found = json.loads(out)["findings"]
    assert [(f["rule"], f["cells"][0]) for f in found if f["severity"] == "error"] == [
        ("review_total", "review.reconsideration.total"), ("review_total", "review.litigation_after.total")]
    code, out, _ = run(capsys, reports[2024], "--previous", reports[2023])
    assert code == 0
    assert "[警告] narrative" in out and "carry_over" not in out


def test_help(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "--previous" in capsys.readouterr().out
