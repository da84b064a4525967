"""A generated review campaign: a register of ~300 agencies and ~200 reports of two
years with known truth (records straight into the review file, no PDFs). No tests here."""

from __future__ import annotations

import csv
import hashlib
import random
from pathlib import Path

from test_rules_support import T2021, consistent, make_record, sections

from app.model import Record, Section

CITIES = ["淮安市", "扬州市", "泰州市", "盐城市", "宿迁市", "镇江市", "常州市", "南通市", "连云港市", "徐州市"]
CITY_DEPTS = ["财政局", "教育局", "民政局", "自然资源和规划局", "生态环境局"]
COUNTY_DEPTS = ["财政局", "教育局", "卫生健康委员会", "市场监督管理局"]
CN_DIGITS = "〇一二三四五六七八九"


def register_rows() -> list[dict[str, str]]:
    """~301 agencies: a province, 10 cities with 5 departments and 3 counties each,
    each county with 4 departments and 3 towns. Counties aggregate their towns."""
    rows = [{"名称": "江苏省人民政府", "别名": "", "层级": "省", "上级": "", "类别": "政府", "区划代码": "320000", "汇总下级": ""}]
    for i, city in enumerate(CITIES):
        gov = f"{city}人民政府"
        rows.append({"名称": gov, "别名": f"{city}政府", "层级": "市", "上级": "江苏省人民政府", "类别": "",
                     "区划代码": f"32{i + 1:02d}00", "汇总下级": ""})
        for d in CITY_DEPTS:
            rows.append({"名称": f"{city}{d}", "别名": "", "层级": "市", "上级": gov, "类别": "部门",
                         "区划代码": "", "汇总下级": ""})
        for j in range(3):
            county = f"{city[:-1]}{'东西中'[j]}区"
            cgov = f"{city}{county}人民政府"
            rows.append({"名称": cgov, "别名": "", "层级": "县", "上级": gov, "类别": "",
                         "区划代码": f"32{i + 1:02d}{j + 1:02d}", "汇总下级": "是"})
            for d in COUNTY_DEPTS:
                rows.append({"名称": f"{city}{county}{d}", "别名": "", "层级": "县", "上级": cgov,
                             "类别": "部门", "区划代码": "", "汇总下级": ""})
            for k in range(3):
                rows.append({"名称": f"{county}{'甲乙丙'[k]}镇人民政府", "别名": "", "层级": "乡", "上级": cgov,
                             "类别": "政府", "区划代码": "", "汇总下级": ""})
    return rows


def write_register_csv(path: Path) -> Path:
    rows = register_rows()
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def cn_date(y: int, m: int, d: int) -> str:
    """二〇二五年一月二十日."""
    def small(n: int) -> str:
        if n < 10:
            return CN_DIGITS[n]
        return ("" if n < 20 else CN_DIGITS[n // 10]) + "十" + ("" if n % 10 == 0 else CN_DIGITS[n % 10])

    return "".join(CN_DIGITS[int(c)] for c in str(y)) + f"年{small(m)}月{small(d)}日"


def report(agency: str, year: int, seed: int, *, signed: str | None = None, values=None) -> Record:
    """A consistent 2021-form record of ``agency`` for ``year`` with prose; ``signed`` ends its text."""
    vals, missing = values or consistent(T2021, seed)
    n = vals["requests.new.total"]
    other = f"{year}年，在办理政府信息公开申请过程中，未收取信息处理费。"
    if signed:
        other += f"\n{agency}\n{signed}"
    secs = sections(T2021, overview=f"全年共收到政府信息公开申请 {n} 件。", issues="存在问题：……改进措施：……",
                    other=other)
    rec = make_record(T2021, dict(vals), missing=missing, sections=secs, year=year)
    rec.agency = agency
    rec.source.path = f"/reports/{agency}{year}年政府信息公开工作年度报告.pdf"
    rec.source.sha256 = hashlib.sha256(f"{agency}{year}{seed}".encode()).hexdigest()
    return rec


def campaign_reports(rows: list[dict[str, str]], seed: int = 7) -> list[Record]:
    """~200 reports of 2023 and 2024: 100 agencies, some named as their title prints them
    (short county name, 办公室), two not in the register; signed on time or late."""
    rng = random.Random(seed)
    chosen = rng.sample([r["名称"] for r in rows], 100)
    out = []
    for i, name in enumerate(chosen):
        for year in (2023, 2024):
            printed = name
            if i % 10 == 1 and name.endswith("区人民政府") and name.count("市") >= 1:
                printed = name.split("市", 1)[1]  # 淮安市淮东区人民政府 → 淮东区人民政府 as titles print it
            elif i % 10 == 2 and name.endswith("人民政府"):
                printed = name + "办公室"
            late = i % 7 == 0
            month, day = (4, 15) if late else (1, 20)
            out.append(report(printed, year, seed * 1000 + i * 2 + year, signed=cn_date(year + 1, month, day)))
    out.append(report("某某市不存在局", 2024, 99, signed=cn_date(2025, 1, 10)))
    out.append(report("另一个未登记单位", 2023, 98, signed=cn_date(2024, 1, 10)))
    return out


def date_section(text: str) -> list[Section]:
    return sections(T2021, other=text)
