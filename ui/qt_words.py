"""Strings Qt's own file dialog asks for that Qt's qtbase_zh_CN catalogue lacks (it has "Look in:",
the dialog asks for "&Look in:"): translated in the workstation catalogue under Qt's context."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_FILE_DIALOG = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
)
