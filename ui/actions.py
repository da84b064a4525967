"""Every menu action in one place, declared as data; enabled state derived from the window's state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from ui.compare_actions import COMPARE_SPECS


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True)
class Spec:
    key: str
    menu: str  # file | edit | view | review | help
    text: str
    slot: str  # MainWindow method name, or "helper.method" of an object the window holds
    shortcut: str | QKeySequence.StandardKey | tuple | None = None  # a tuple: every one of them
    needs: str | None = None  # "review" | "document" | "undo" | "redo" | "cell" | None
    separator_before: bool = False


SPECS = (
    Spec("open", "file", QT_TRANSLATE_NOOP("Actions", "&Open review file…"), "choose_review_file", QKeySequence.StandardKey.Open),
    Spec("new", "file", QT_TRANSLATE_NOOP("Actions", "&New review file…"), "choose_new_review_file", QKeySequence.StandardKey.New),
    Spec("import_files", "file", QT_TRANSLATE_NOOP("Actions", "&Import PDF files…"), "choose_import_files", "Ctrl+I", "review", True),
    Spec("import_folder", "file", QT_TRANSLATE_NOOP("Actions", "Import a &folder…"), "choose_import_folder", "Ctrl+Shift+I", "review"),
    Spec("export_report", "file", QT_TRANSLATE_NOOP("Actions", "&Export this report to Excel…"), "choose_export_report", "Ctrl+E", "document", True),
    Spec("export_review", "file", QT_TRANSLATE_NOOP("Actions", "Export the &whole review to Excel…"), "choose_export_review", "Ctrl+Shift+E", "review"),
    Spec("quit", "file", QT_TRANSLATE_NOOP("Actions", "&Quit"), "close", QKeySequence.StandardKey.Quit, None, True),
    Spec("undo", "edit", QT_TRANSLATE_NOOP("Actions", "&Undo"), "undo", QKeySequence.StandardKey.Undo, "undo"),
    Spec("redo", "edit", QT_TRANSLATE_NOOP("Actions", "&Redo"), "redo", ("Ctrl+Y", "Ctrl+Shift+Z"), "redo"),  # both, on every platform
    Spec("accept", "edit", QT_TRANSLATE_NOOP("Actions", "&Accept the suggestion for this cell"), "accept_current_suggestion", "Ctrl+Shift+A", "cell", True),
    Spec("confirm", "edit", QT_TRANSLATE_NOOP("Actions", "&Confirm as printed"), "review_actions.confirm_as_printed", "Ctrl+K", "document"),
    Spec("correct_reason", "edit", QT_TRANSLATE_NOOP("Actions", "Correct with a &reason…"), "review_actions.correct_with_reason", "Ctrl+Shift+R", "document"),
    Spec("details", "edit", QT_TRANSLATE_NOOP("Actions", "Agency and &year…"), "review_actions.edit_details", None, "document"),
    Spec("reread", "edit", QT_TRANSLATE_NOOP("Actions", "Read the report &again"), "review_actions.reread_auto", None, "document", True),
    Spec("reread_ocr", "edit", QT_TRANSLATE_NOOP("Actions", "Read again, every page by &OCR"), "review_actions.reread_force_ocr", None, "document"),
    Spec("reread_text", "edit", QT_TRANSLATE_NOOP("Actions", "Read again, &text layer only"), "review_actions.reread_without_ocr", None, "document"),
    Spec("settings", "edit", QT_TRANSLATE_NOOP("Actions", "&Settings…"), "show_settings", QKeySequence.StandardKey.Preferences, None, True),
    Spec("zoom_in", "view", QT_TRANSLATE_NOOP("Actions", "Zoom &in"), "zoom_in", QKeySequence.StandardKey.ZoomIn, "document"),
    Spec("zoom_out", "view", QT_TRANSLATE_NOOP("Actions", "Zoom &out"), "zoom_out", QKeySequence.StandardKey.ZoomOut, "document"),
    Spec("fit_width", "view", QT_TRANSLATE_NOOP("Actions", "&Fit width"), "fit_width", "Ctrl+0", "document"),
    Spec("by_confidence", "view", QT_TRANSLATE_NOOP("Actions", "Least &certain cells first"), "toggle_attention_order", None, "document"),
    Spec("next_problem", "review", QT_TRANSLATE_NOOP("Actions", "&Next problem"), "next_problem", "F8", "document"),
    Spec("prev_problem", "review", QT_TRANSLATE_NOOP("Actions", "&Previous problem"), "previous_problem", "Shift+F8", "document"),
    Spec("approve", "review", QT_TRANSLATE_NOOP("Actions", "&Approve and go to the next report"), "approve_and_next", "Ctrl+Return", "document", True),
    Spec("reopen", "review", QT_TRANSLATE_NOOP("Actions", "Mark as &in review"), "mark_in_review", None, "document"),
    Spec("return", "review", QT_TRANSLATE_NOOP("Actions", "&Return to the agency"), "review_actions.mark_returned", None, "document"),
    Spec("doubtful", "review", QT_TRANSLATE_NOOP("Actions", "Mark as &doubtful"), "review_actions.mark_doubtful", None, "document"),
    Spec("opinion", "review", QT_TRANSLATE_NOOP("Actions", "Review &opinion…"), "review_actions.edit_opinion", "Ctrl+Shift+O", "document", True),
    *(Spec(*s) for s in COMPARE_SPECS),
    Spec("about", "help", QT_TRANSLATE_NOOP("Actions", "&About Nianbao"), "show_about"),
)

MENUS = (("file", QT_TRANSLATE_NOOP("Actions", "&File")), ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")), ("view", QT_TRANSLATE_NOOP("Actions", "&View")), ("review", QT_TRANSLATE_NOOP("Actions", "&Review")), ("help", QT_TRANSLATE_NOOP("Actions", "&Help")))


def build(window) -> dict[str, QAction]:
    """Create the actions and menus on ``window`` (a QMainWindow with the slots named above)."""
    actions: dict[str, QAction] = {}
    menus = {key: window.menuBar().addMenu(tr(text)) for key, text in MENUS}
    for spec in SPECS:
        action = QAction(tr(spec.text), window)
        if isinstance(spec.shortcut, tuple):
            action.setShortcuts([QKeySequence(k) for k in spec.shortcut])
        elif spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.triggered.connect(lambda _checked=False, slot=spec.slot: _resolve(window, slot)())
        if spec.separator_before:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        window.addAction(action)  # shortcuts work wherever the focus is
        actions[spec.key] = action
    return actions


def _resolve(window, slot: str):
    target = window
    for name in slot.split("."):
        target = getattr(target, name)
    return target


def update(actions: dict[str, QAction], state: dict[str, bool]) -> None:
    """Enable each action whose requirement holds in ``state``."""
    for spec in SPECS:
        actions[spec.key].setEnabled(spec.needs is None or state.get(spec.needs, False))
