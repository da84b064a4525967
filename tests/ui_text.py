"""Every text a reviewer can read in the workstation window, and the Latin-letter words left in it.

Used by the zh_CN test: menus, labels, buttons, tabs, headers, every cell and
tooltip of the queue, the tables and the problems panel, the status bar, and
Qt's own file dialog.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTreeWidget,
    QWidget,
)

# words that stay Latin in a Chinese interface: formats, keys, the command name
ALLOWED = {"PDF", "Excel", "SHA", "OCR", "Ctrl", "Shift", "Alt", "Enter", "Tab", "F8", "nianbao", "verify", "Nianbao"}
PATHS = re.compile(r"\S*[/\\]\S*|\S+\.(?:pdf|sqlite|xlsx|db|png)\b", re.IGNORECASE)
MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")
SHORTCUT = re.compile(r"(?:Ctrl|Shift|Alt)\+\S+")
WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*")
DIGEST = re.compile(r"\b[0-9a-f]{8,}\b")  # a hash (the 审计指纹) is data, not English


def latin_words(text: str) -> list[str]:
    text = DIGEST.sub(" ", SHORTCUT.sub(" ", PATHS.sub(" ", MNEMONIC.sub("", text or ""))))
    return [w for w in WORD.findall(text) if w not in ALLOWED]


def model_texts(model: QAbstractItemModel) -> list[str]:
    out = []
    for col in range(model.columnCount()):
        out.append(str(model.headerData(col, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    out.append(value)
    return out


def widget_texts(root: QWidget) -> list[str]:
    out = [root.windowTitle()]
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out += [w.text(), w.toolTip()]
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            out += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QMenu):
            out.append(w.title())
            out += [a.text() for a in w.actions()]
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            out += [header.text(c) for c in range(w.columnCount())]
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                out += [item.text(c) for c in range(w.columnCount())]
                out += [item.toolTip(c) for c in range(w.columnCount())]
    return out


def latin_leftovers(window) -> dict[str, list[str]]:
    """{text: its Latin words} for every readable text of ``window`` that has some."""
    texts = widget_texts(window)
    texts += [a.text() for a in window.menuBar().actions()]
    texts.append(window.statusBar().currentMessage())
    texts += model_texts(window.queue.model)
    for model in window.models.values():
        texts += model_texts(model)
    dialog = QFileDialog(window, "", "", "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts += widget_texts(dialog)
    dialog.deleteLater()
    return {t: words for t in texts if (words := latin_words(t))}
