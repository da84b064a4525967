"""The review campaign in the GUI (issue 13): the agency register window and the
completeness view, reached from one menu the main window installs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction


def tr(text: str) -> str:
    return QCoreApplication.translate("CampaignMenu", text)


def install(window) -> dict[str, QAction]:
    """Add the 名录 menu to ``window`` (a MainWindow); return its actions by key."""
    from ui.campaign.completeness_view import CompletenessView
    from ui.campaign.register_window import RegisterWindow

    menu = window.menuBar().addMenu(tr(QT_TRANSLATE_NOOP("CampaignMenu", "&Campaign")))
    opened: dict[str, object] = {}

    def show(key: str, cls) -> None:
        if window.review is None:
            return
        view = opened.get(key)
        if view is None or getattr(view, "review", None) is not window.review:
            view = opened[key] = cls(window.review, window)
            if hasattr(view, "document_activated"):
                view.document_activated.connect(window.open_document)
        view.refresh()
        view.show()
        view.raise_()
        view.activateWindow()

    actions = {
        "register": QAction(tr(QT_TRANSLATE_NOOP("CampaignMenu", "Agency &register…")), window),
        "completeness": QAction(tr(QT_TRANSLATE_NOOP("CampaignMenu", "&Who has published…")), window),
    }
    actions["register"].triggered.connect(lambda: show("register", RegisterWindow))
    actions["completeness"].triggered.connect(lambda: show("completeness", CompletenessView))
    for a in actions.values():
        menu.addAction(a)

    def enable() -> None:
        for a in actions.values():
            a.setEnabled(window.review is not None)

    window.review_changed.connect(enable)
    enable()
    window.campaign_views = opened  # tests and the window reach the open views here
    return actions
