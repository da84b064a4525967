"""``nianbao register import|export`` and ``nianbao completeness`` (issue 13)."""

from __future__ import annotations

import json

from campaign_support import campaign_reports, register_rows, write_register_csv

from app.cli import main
from app.review import open_review


def test_register_and_completeness_commands(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    with open_review(db) as r:
        for rec in campaign_reports(register_rows())[:40]:
            r.add_record(rec)
    reg = write_register_csv(tmp_path / "名录.csv")
    assert main(["register", "import", str(reg), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert f"名录.csv：新增 {len(register_rows())} 个、更新 0 个机关；0 份报告未匹配" in err
    assert main(["completeness", "--db", str(db), "--json"]) == 0
    grid = json.loads(capsys.readouterr().out)
    assert len(grid) == len(register_rows())
    assert set(grid[0]) >= {"agency", "level", "parent", "years"}
    states = [s for row in grid for s in row["years"].values()]
    assert states.count("imported") == 40 and set(states) == {"missing", "imported"}
    assert main(["completeness", "--db", str(db), "--year", "2024", "--json"]) == 0
    assert all(list(row["years"]) == ["2024"] for row in json.loads(capsys.readouterr().out))
    out = tmp_path / "grid.xlsx"
    assert main(["completeness", "--db", str(db), "--level", "乡", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("机关\t2023\t2024") and out.exists()
    assert main(["register", "export", str(tmp_path / "out.xlsx"), "--db", str(db)]) == 0
    assert (tmp_path / "out.xlsx").exists()


def test_unregistered_reports_are_listed_and_exit_1(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    with open_review(db) as r:
        for rec in campaign_reports(register_rows())[-2:]:
            r.add_record(rec)
    reg = tmp_path / "a.csv"
    reg.write_text("名称\n淮安市财政局\n", encoding="utf-8")
    assert main(["register", "import", str(reg), "--db", str(db)]) == 1
    assert "未匹配到名录机关" in capsys.readouterr().err
    assert main(["completeness", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["registered"] for r in rows] == [True, False, False]


def test_bad_register_file_exit_2_one_line(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    assert main(["register", "import", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("nianbao: bad.xlsx: 无法读取机关名录")
    assert main(["completeness", "--db", str(tmp_path / "none.sqlite")]) == 2
