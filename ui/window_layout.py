"""Where the window's panes sit: (queue over import) | header, (page | snippet over tables), (problems | trail);
and their splitter sizes — restored once the window has its size, else proportioned to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SPLITTERS = ("main", "centre", "right")


def _column(parent: QWidget, *widgets: QWidget, top: int = 0, stretch: int = -1) -> QWidget:
    """The widgets stacked, the one at ``stretch`` (default: the last) taking the height left."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, top, 0, 0)
    layout.setSpacing(2)
    stretch %= len(widgets)
    for i, w in enumerate(widgets):
        layout.addWidget(w, 1 if i == stretch else 0)
    return box


def arrange(w: MainWindow) -> None:
    """Put the window's panes (already made) in their places."""
    w.centre = QSplitter(Qt.Orientation.Horizontal, w)
    w.centre.addWidget(w.pdf)
    w.centre.addWidget(_column(w, w.snippet, w.tabs))
    w.bottom = QTabWidget(w)
    w.bottom.addTab(_column(w, w.problems.filter, w.problems, top=2), w.problems.tab_title())
    w.bottom.addTab(w.audit, w.problems.audit_title())
    w.right = QSplitter(Qt.Orientation.Vertical, w)
    w.right.addWidget(w.centre)
    w.right.addWidget(w.bottom)
    w.main = QSplitter(Qt.Orientation.Horizontal, w)
    w.main.addWidget(_column(w, w.queue, w.import_panel, stretch=0))  # the import under the queue it fills
    w.main.addWidget(_column(w, w.header, w.unsaved_bar, w.right))
    w.setCentralWidget(w.main)


def restore_splitters(w: MainWindow) -> None:
    """The saved splitter sizes, or on first start proportions that suit a laptop and a desktop."""
    w.layout().activate()
    width, height = w.width(), w.height()
    queue = max(220, width * 17 // 100)
    defaults = {
        "main": [queue, width - queue],
        "centre": [width * 38 // 100, width * 45 // 100],  # a wide page: a larger fit-width zoom
        "right": [height * 70 // 100, height * 30 // 100],
    }
    for name in SPLITTERS:
        state = w.settings.value(f"window/{name}")
        splitter = getattr(w, name)
        if state is None or not splitter.restoreState(state):
            splitter.setSizes(defaults[name])
