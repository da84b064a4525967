"""The audit trail as a reader reads it, shared by the window and the workbooks: local times,
Chinese names of how a change came about. (The stored trail keeps UTC and the machine words.)"""

from __future__ import annotations

from datetime import UTC, datetime

HOW_LABELS = {
    "manual": "手工更正",
    "suggestion": "采纳建议",
    "undo": "撤销",
    "redo": "重做",
    "reextract": "重新提取",
}


def local_time(at: str | None) -> str:
    """A stored UTC timestamp (ISO 8601) as local time, to the second; the text as is if unreadable."""
    if not at:
        return ""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def how_label(how: str) -> str:
    return HOW_LABELS.get(how, how)
