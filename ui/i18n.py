"""The interface language: Qt's translation system, Chinese from resources/i18n, English as fallback.

Every ``resources/i18n/*_zh_CN.qm`` is loaded: ``nianbao_zh_CN`` holds the
workstation's own strings, and a feature may bring its own catalogue
(``compare_zh_CN.ts`` …) so that features translate without touching one file.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from resources import ROOT

I18N = ROOT / "i18n"


def language(settings: QSettings) -> str:
    """The language to use: the setting, else the system locale ("zh_CN", "en", …)."""
    chosen = str(settings.value("ui/language", "system") or "system")
    return QLocale.system().name() if chosen == "system" else chosen


def install(app: QApplication, lang: str) -> bool:
    """Install the translators for ``lang``; return whether the UI speaks Chinese."""
    if not lang.startswith("zh"):
        return False
    translators = []
    for qm in sorted(I18N.glob("*_zh_CN.qm")):
        ours = QTranslator(app)
        if ours.load(str(qm)):
            translators.append(ours)
    qt = QTranslator(app)  # Qt's own dialogs (file dialogs, buttons)
    if qt.load(QLocale("zh_CN"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for t in translators:
        app.installTranslator(t)
    app._nianbao_translators = translators  # keep them alive
    return True
