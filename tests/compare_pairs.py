"""Generated pairs of years with known truth: prose reused at a planted share, tables with planted changes.

The prose comes from the seeds (real report text): last year's is one seed's
sentences; this year's mixes a planted share (by counted characters: letters
and digits) of last year's sentences, some with the year changed and one
character edited, with sentences of another seed that share no 10-character
run with last year's. The tables start from the real hongze 2023 truth.
"""

from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from pathlib import Path

from app.model import Cell, Record, Section, Source

SHARED = Path(os.environ.get("NIANBAO_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
REAL = SHARED / "real"
# sentences with the template's own wording are left out: it does not count either way
TEMPLATE_WORDING = re.compile("本报告|条例|[（(][一二三四五六七八九十]+[）)]|政府信息公开申请|主动公开政府信息|行政复议|行政诉讼")
HEADINGS = ["一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def counted(s: str) -> int:
    return sum(ch.isalnum() for ch in unicodedata.normalize("NFKC", s))


def sentences(path: Path) -> list[str]:
    text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
    out = []
    for s in re.split(r"(?<=[。；])", text):
        n = counted(s)
        digits = sum(ch.isdigit() for ch in s)
        if 20 <= n <= 120 and digits <= 4 and not TEMPLATE_WORDING.search(s):
            out.append(s)
    return list(dict.fromkeys(out))


def _grams(s: str, n: int = 10) -> set[str]:
    c = "".join(ch for ch in unicodedata.normalize("NFKC", s) if ch.isalnum())
    c = re.sub(r"\d", "#", c)
    return {c[i : i + n] for i in range(len(c) - n + 1)}


def prose_pair(share: float, seed: int = 0) -> tuple[list[Section], list[Section], float]:
    """(this year's sections, last year's sections, the planted share)."""
    rng = random.Random(seed)
    old = sentences(SEEDS[0])
    grams = set().union(*(_grams(s) for s in old))
    new = [s for p in SEEDS[1:] for s in sentences(p) if not (_grams(s) & grams)]
    rng.shuffle(old)
    rng.shuffle(new)
    last_text = old[:40]
    total_target = sum(counted(s) for s in last_text)
    reused, fresh, n_reused, n_fresh = [], [], 0, 0
    pool_old, pool_new = list(last_text), list(new)
    while n_reused + n_fresh < total_target and (pool_old or pool_new):
        want_reuse = (n_reused < share * (n_reused + n_fresh + 1)) if 0 < share < 1 else share >= 1
        if want_reuse and pool_old:
            s = pool_old.pop()
            if len(reused) % 3 == 1 and counted(s) >= 40:  # one character edited
                i = len(s) // 2
                s = s[:i] + ("的" if s[i] != "的" else "了") + s[i + 1 :]
            reused.append(s)
            n_reused += counted(s)
        elif pool_new:
            s = pool_new.pop()
            fresh.append(s)
            n_fresh += counted(s)
        else:
            break
    body = reused + fresh
    rng.shuffle(body)
    planted = n_reused / (n_reused + n_fresh)
    return _split(body), _split(last_text), planted


def _split(body: list[str]) -> list[Section]:
    k = len(body)
    cuts = [0, k * 3 // 5, k * 4 // 5, k]
    return [Section(h, 1, "\n".join(body[a:b])) for h, a, b in zip(HEADINGS, cuts, cuts[1:], strict=False)]


def truth_values(year: int = 2023) -> dict:
    return json.loads((REAL / f"hongze-{year}.json").read_text(encoding="utf-8"))


def record(values: dict, year: int, sections: list[Section], *, agency: str = "示例市示例区人民政府",
           name: str | None = None, template: str = "gov-info-annual-2021") -> Record:
    cells = {k: Cell(v, str(v), 1, (0.0, 0.0, 0.0, 0.0)) for k, v in values.items()}
    name = name or f"{agency}-{year}.pdf"
    sha = f"{abs(hash((name, year, json.dumps(values, sort_keys=True)))):064x}"[:64]
    return Record(Source(name, sha, 5), template, agency, year, cells, [], sections, [])


def table_pair() -> tuple[dict, dict, dict]:
    """(last values, this values, the planted changes {cell: [last, this]})."""
    last = dict(truth_values(2023)["cells"])
    this = dict(last)
    # carry-over as it should be: this year's 二 = last year's 四
    for k, v in last.items():
        if k.startswith("requests.carried_out."):
            this[k.replace("carried_out", "carried_in")] = v
    planted = {
        "active.licensing.decisions": (last["active.licensing.decisions"], last["active.licensing.decisions"] * 10),
        "active.penalty.decisions": (last["active.penalty.decisions"], last["active.penalty.decisions"] + 7),
        # in force that last year's 5, minus this year's 5 repealed, does not give
        "active.normative_docs.in_force": (last["active.normative_docs.in_force"], 9),
    }
    for k, (_a, b) in planted.items():
        this[k] = b
    changes = {k: [last.get(k), v] for k, v in this.items() if last.get(k) != v}
    return last, this, changes
