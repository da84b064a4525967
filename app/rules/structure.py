"""Does the report follow the mandated form? (warning ``structure``)

Three things are checked: the template suits the report year (a 2021 report
on the 2019 form departs from the rules); every section the template mandates
is there; and section 五 (存在的主要问题及改进情况) says something. A record
with no prose at all (built from table numbers only) is not checked for its
sections: there is nothing to say they are missing from.
"""

from __future__ import annotations

import re

from app.model import Finding, Record
from app.rules.narrative import normalise
from app.templates import Template

# Sections that must hold more than a bare "无": the template's section ids.
NOT_EMPTY = ("issues",)
_EMPTY = re.compile(r"^[无暂无没有。.;；,，、:：\-—/]*$")


def check(template: Template, record: Record) -> list[Finding]:
    """The ``structure`` warnings of ``record``."""
    out = []
    y = record.year
    if y is not None and (y < template.first_year or (template.last_year and y > template.last_year)):
        span = f"{template.first_year}–{template.last_year or ''}"
        out.append(
            Finding(
                "structure", "warning", [], None, None,
                f"{y} 年度报告使用了{template.name}（{template.mandate}，适用于 {span} 年度）",
                f"a {y} report printed on the {template.id} form, mandated for report years {span}",
            )
        )
    if not record.sections:
        return out
    headings = [normalise(s.heading) for s in record.sections]
    keywords = {spec.id: [normalise(k) for k in spec.keywords] for spec in template.sections}

    def under(spec_id: str) -> list[int]:
        return [i for i, h in enumerate(headings) if any(k in h for k in keywords[spec_id])]

    missing = [spec for spec in template.sections if not under(spec.id)]
    if missing:
        out.append(
            Finding(
                "structure", "warning", [], None, None,
                "缺少规定的部分：" + "；".join(s.heading for s in missing),
                "mandated sections missing: " + "; ".join(s.id for s in missing),
            )
        )
    for spec in template.sections:
        if spec.id not in NOT_EMPTY or spec in missing:
            continue
        texts = [normalise(record.sections[i].text) for i in under(spec.id)]
        if texts and all(_EMPTY.match(t) for t in texts):
            out.append(
                Finding(
                    "structure", "warning", [], None, None,
                    f"“{spec.heading}”为空或只写“无”",
                    f"section “{spec.heading}” is empty or just 无",
                )
            )
    return out
