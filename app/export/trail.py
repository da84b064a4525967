"""The findings and the audit trail as rows, shared by the per-report and whole-review workbooks.

Each list of columns has a readable Chinese label and a machine name (the
second header row of the whole-review sheets, so scripts find their columns
by name). Values are the review file's own: rule ids, cell ids, ``how``
words, UTC timestamps as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.model import Finding
from app.review import DocumentSummary, Edit
from app.review.decisions import DECISION_CELL
from app.review.trail_text import how_label, local_time
from app.rules.messages import names_for
from app.templates import Template, all_templates

DOCUMENT_FIELD_LABELS = {
    "@status": "状态",
    "@note": "备注",
    "@extract": "重新提取",
    "@seal": "封存提取记录",
    "@delete": "删除文档",
    "@agency": "机关",
    "@year": "年度",
    "@confirm": "确认原印数值",
}
STATUS_LABELS = {
    "new": "待审",
    "in_review": "审核中",
    "approved": "已通过",
    "returned": "退回",
    "doubtful": "存疑",
}


@dataclass(frozen=True)
class Col:
    name: str  # machine name
    label: str  # Chinese, for the reader
    width: float = 10.0
    wrap: bool = False


DOC_COLUMNS = (
    Col("document", "文档编号", 9),
    Col("file", "文件名", 28),
    Col("agency", "机关", 26),
    Col("year", "年度", 7),
)
FINDING_COLUMNS = (
    Col("severity", "级别", 8),
    Col("rule", "规则", 13),
    Col("cells", "涉及单元格", 30),
    Col("expected", "期望值", 9),
    Col("actual", "实际值", 9),
    Col("message", "说明", 60, wrap=True),
    Col("message_en", "说明（英文）", 40),
    Col("suggestion_cell", "建议修改的单元格", 26),
    Col("suggestion_value", "建议值", 9),
    Col("suggestion_confidence", "把握", 7),
    Col("note", "附注", 40),
)
EDIT_COLUMNS = (
    Col("id", "编号", 8),
    Col("cell", "单元格", 30),
    Col("label", "单元格名称", 26),
    Col("old", "原值", 10),
    Col("new", "新值", 10),
    Col("who", "修改人", 12),
    Col("at", "时间（UTC）", 28),
    Col("how", "方式", 10),
    Col("reason", "原因", 30),
    Col("at_local", "时间（本地）", 20),
    Col("how_label", "方式（中文）", 10),
    Col("op", "操作编号", 9),
    Col("reverts", "撤销/重做的操作", 9),
    Col("hash", "校验值", 20),
)


def template_for(template_id: str) -> Template | None:
    for t in all_templates():
        if t.id == template_id:
            return t
    return None


def cell_name(template: Template | None, cell: str) -> str:
    """A cell's readable name (三（七）·自然人); a document field's (状态); the id if unknown."""
    if cell in DOCUMENT_FIELD_LABELS:
        return DOCUMENT_FIELD_LABELS[cell]
    if isinstance(cell, str) and cell.startswith(DECISION_CELL):  # a decision on a finding, by its key
        return f"问题决定 {cell[len(DECISION_CELL):]}"
    if template is None or not isinstance(cell, str) or cell.count(".") != 2:
        return str(cell)  # not a cell id of the form TABLE.ROW.COL (a damaged file): as is
    try:
        return names_for(template).cell(cell)
    except (KeyError, ValueError):
        return cell


def suggestion(f: Finding) -> tuple[str | None, Any, str | None]:
    """The finding's suggested fix (cell, value, confidence), if it makes one.

    The first suspect is the suggestion unless the finding carries a note
    (several cells explain the break equally well): then none is made.
    """
    if not f.suspects or f.note:
        return None, None, None
    s = f.suspects[0]
    return s.cell, s.suggested, s.confidence


def finding_row(f: Finding) -> dict[str, Any]:
    cell, value, confidence = suggestion(f)
    return {
        "severity": f.severity,
        "rule": f.rule,
        "cells": ", ".join(f.cells),
        "expected": f.expected,
        "actual": f.actual,
        "message": f.message,
        "message_en": f.message_en,
        "suggestion_cell": cell,
        "suggestion_value": value,
        "suggestion_confidence": confidence,
        "note": f.note,
    }


def edit_row(e: Edit, template: Template | None) -> dict[str, Any]:
    return {
        "id": e.id,
        "cell": e.cell,
        "label": cell_name(template, e.cell),
        "old": e.old_value,
        "new": e.new_value,
        "who": e.who,
        "at": e.at,
        "at_local": local_time(e.at),
        "how": e.how,
        "how_label": how_label(e.how),
        "reason": e.reason,
        "op": e.op,
        "reverts": e.reverts,
        "hash": e.hash,
    }


def doc_row(d: DocumentSummary) -> dict[str, Any]:
    return {"document": d.id, "file": d.name, "agency": d.agency, "year": d.year}
