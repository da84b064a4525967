"""The interface speaks Chinese: every tr() string is translated, and the app loads the translation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from resources import ROOT

TS = ROOT / "i18n" / "nianbao_zh_CN.ts"
QM = ROOT / "i18n" / "nianbao_zh_CN.qm"
UI = Path(__file__).resolve().parent.parent / "ui"


def test_every_message_is_translated():
    unfinished = [m.find("source").text for m in ET.parse(TS).iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not (m.find("translation").text or "").strip()]
    assert not unfinished, unfinished


def test_every_tr_string_in_the_code_is_in_the_catalogue():
    sources = {m.find("source").text for m in ET.parse(TS).iter("message")}
    used = set()
    for py in UI.glob("*.py"):
        text = py.read_text(encoding="utf-8")
        used |= set(re.findall(r'\btr\("((?:[^"\\]|\\.)*)"\)', text))
        used |= set(re.findall(r'QT_TRANSLATE_NOOP\("\w+", "((?:[^"\\]|\\.)*)"\)', text))
    used = {u.encode().decode("unicode_escape").encode("latin-1").decode("utf-8") for u in used}
    assert used - sources == set(), "run scripts/update_translations.sh"


def test_translation_loads(qapp):
    t = QTranslator()
    assert t.load(str(QM))
    QCoreApplication.installTranslator(t)
    try:
        assert QCoreApplication.translate("Actions", "&Undo") == "撤销(&U)"
        assert QCoreApplication.translate("QueuePanel", "Has errors") == "有错误"
    finally:
        QCoreApplication.removeTranslator(t)


def test_feature_catalogue_readers_covers_the_paste_strings():
    """ui/paste.py translates through its own catalogue (readers_zh_CN.ts), every string finished."""
    ts = ROOT / "i18n" / "readers_zh_CN.ts"
    done = {m.find("source").text for m in ET.parse(ts).iter("message")
            if m.find("translation").get("type") is None and (m.find("translation").text or "").strip()}
    text = (UI / "paste.py").read_text(encoding="utf-8")
    used = set(re.findall(r'translate\("PasteImporter", "((?:[^"\\]|\\.)*)"\)', text))
    assert used and used <= done
    assert (ROOT / "i18n" / "readers_zh_CN.qm").exists()
