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
    sources = {m.find("source").text for ts in TS.parent.glob("*_zh_CN.ts")  # every catalogue
               for m in ET.parse(ts).iter("message")}
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


def test_every_feature_catalogue_is_translated_and_compiled():
    """Each resources/i18n/<feature>_zh_CN.ts (ui modules listed in <feature>.sources) is complete and built."""
    for ts in sorted(TS.parent.glob("*_zh_CN.ts")):
        unfinished = [m.find("source").text for m in ET.parse(ts).iter("message")
                      if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                      or not (m.find("translation").text or "").strip()]
        assert not unfinished, (ts.name, unfinished)
        assert QTranslator().load(str(ts.with_suffix(".qm"))), f"run scripts/update_translations.sh ({ts.name})"


def test_decisions_catalogue_is_complete_and_loads(qapp):
    """The decisions feature keeps its own catalogue: every string of its modules, all translated."""
    ts = ROOT / "i18n" / "decisions_zh_CN.ts"
    messages = {m.find("source").text: m.find("translation") for m in ET.parse(ts).iter("message")}
    assert all((t.text or "").strip() and t.get("type") is None for t in messages.values())
    modules = [UI.parent / line for line in (ROOT / "i18n" / "decisions.sources").read_text().split()
               if line.endswith(".py")]  # fmt: skip
    used = set()
    for py in modules:
        used |= set(re.findall(r'translate\("DecideActions", "((?:[^"\\]|\\.)*)"\)', py.read_text(encoding="utf-8")))
    assert used and used <= set(messages), "run scripts/update_translations.sh"
    t = QTranslator()
    assert t.load(str(ts.with_suffix(".qm")))
    QCoreApplication.installTranslator(t)
    try:
        assert QCoreApplication.translate("DecideActions", "Report error") == "确认为报告错误"
        assert QCoreApplication.translate("DecideActions", "Open") == "待定数"
    finally:
        QCoreApplication.removeTranslator(t)


def test_compare_catalogue_is_complete_and_loads(qapp):
    """The comparison's own catalogue (resources/i18n/compare.sources): every string translated, and it loads."""
    ts = ROOT / "i18n" / "compare_zh_CN.ts"
    unfinished = [m.find("source").text for m in ET.parse(ts).iter("message")
                  if m.find("translation").get("type") or not (m.find("translation").text or "").strip()]
    assert not unfinished, unfinished
    sources = {m.find("source").text for m in ET.parse(ts).iter("message")}
    for name in (ROOT / "i18n" / "compare.sources").read_text(encoding="utf-8").split():
        text = (UI.parent / name).read_text(encoding="utf-8")
        used = set(re.findall(r'\btr\("((?:[^"\\]|\\.)*)"\)', text))
        used |= set(re.findall(r'QT_TRANSLATE_NOOP\("\w+", "((?:[^"\\]|\\.)*)"\)', text))
        assert used <= sources, (name, used - sources)
    t = QTranslator()
    assert t.load(str(ROOT / "i18n" / "compare_zh_CN.qm"))
    QCoreApplication.installTranslator(t)
    try:
        assert QCoreApplication.translate("Actions", "&Compare with last year…") == "与上年对比(&C)…"
        assert QCoreApplication.translate("CompareColumns", "Repeat rate") == "重复率"
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
