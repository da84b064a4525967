"""Files that failed to import, as rows of the review queue (导入失败, the reason, retry)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from app.review import ImportFailure
from ui.wording import failure_reason

FAILED_COLOUR = QColor("#b00020")


def failure_data(f: ImportFailure, col: str, role: int):
    """What the queue shows of a failed import in column ``col``."""
    if role == Qt.ItemDataRole.DisplayRole:
        if col == "status":
            return "✖ " + QCoreApplication.translate("FailedImports", "Import failed")
        if col == "name":
            return f.name
        if col == "agency":
            return failure_reason(f.kind, f.message)
        return ""
    if role == Qt.ItemDataRole.ForegroundRole and col in ("status", "agency"):
        return QBrush(FAILED_COLOUR)
    if role == Qt.ItemDataRole.ToolTipRole:
        return QCoreApplication.translate("FailedImports", "{0}\nFailed {1} time(s); last reason: {2}").format(
            f.path, f.attempts, failure_reason(f.kind, f.message))
    return None
