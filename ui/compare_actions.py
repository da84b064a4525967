"""The comparison's menu actions, as data for ui/actions.py (kept here so they translate in the
compare catalogue): (key, menu, text, slot, shortcut, needs, separator before)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

COMPARE_SPECS = (
    ("compare", "review", QT_TRANSLATE_NOOP("Actions", "&Compare with last year…"), "show_compare", "F9", "document", True),
    ("summary", "review", QT_TRANSLATE_NOOP("Actions", "Review &summary (charts)…"), "show_summary", "Ctrl+Shift+M", "review", False),
)
