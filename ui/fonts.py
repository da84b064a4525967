"""Make Chinese render everywhere: load the bundled CJK font when the system lacks one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from resources import ROOT


def install_cjk_font(app: QApplication) -> str | None:
    """Load resources/fonts/* and, if the system has no Chinese font, make it the default.

    Returns the family in use for Chinese, or None if none could be found.
    """
    loaded: list[str] = []
    for path in sorted((ROOT / "fonts").glob("*.tt[cf]")):
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            loaded.extend(QFontDatabase.applicationFontFamilies(fid))
    if loaded and not any(f not in loaded for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)):
        font = QFont(loaded[0])
        font.setPointSize(app.font().pointSize())
        app.setFont(font)
        return loaded[0]
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return families[0] if families else (loaded[0] if loaded else None)
