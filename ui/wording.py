"""Words the core hands over in a form not fit for the screen: rule ids, "中文 / English" lines."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

RULE_NAMES = {
    "balance": QT_TRANSLATE_NOOP("Wording", "Balance of requests"),
    "outcomes": QT_TRANSLATE_NOOP("Wording", "Outcomes add up"),
    "applicants": QT_TRANSLATE_NOOP("Wording", "Applicants add up"),
    "review_total": QT_TRANSLATE_NOOP("Wording", "Reconsideration and litigation add up"),
    "counts": QT_TRANSLATE_NOOP("Wording", "Valid number"),
    "narrative": QT_TRANSLATE_NOOP("Wording", "Text against table"),
    "carry_over": QT_TRANSLATE_NOOP("Wording", "Carried over from last year"),
    "in_force": QT_TRANSLATE_NOOP("Wording", "Documents in force"),
    "blank": QT_TRANSLATE_NOOP("Wording", "Printed blank"),
    "structure": QT_TRANSLATE_NOOP("Wording", "Table structure"),
    "ocr_uncertain": QT_TRANSLATE_NOOP("Wording", "Uncertain OCR reading"),
}

STATUS_NAMES = {
    "new": QT_TRANSLATE_NOOP("Wording", "new"),
    "in_review": QT_TRANSLATE_NOOP("Wording", "in review"),
    "approved": QT_TRANSLATE_NOOP("Wording", "approved"),
    "returned": QT_TRANSLATE_NOOP("Wording", "returned"),
    "doubtful": QT_TRANSLATE_NOOP("Wording", "doubtful"),
}


def status_name(status: str) -> str:
    """A review status as the queue, the header and the audit tab name it."""
    text = STATUS_NAMES.get(status)
    return QCoreApplication.translate("Wording", text) if text else status


def rule_name(rule: str) -> str:
    """A rule as the auditor calls it (its id only for a rule this version does not know)."""
    text = RULE_NAMES.get(rule)
    return QCoreApplication.translate("Wording", text) if text else rule


def one_language(text: str | None, chinese: bool) -> str:
    """The Chinese (or English) half of a core line written "中文 / English"."""
    if not text:
        return ""
    zh, sep, en = text.partition(" / ")
    if not sep:
        return text
    return zh if chinese else en


FAILURE_KINDS = {
    "NotAPdfError": QT_TRANSLATE_NOOP("Wording", "not a PDF file"),
    "EncryptedPdfError": QT_TRANSLATE_NOOP("Wording", "the PDF is encrypted"),
    "BrokenPdfError": QT_TRANSLATE_NOOP("Wording", "the PDF is damaged"),
    "NeedsOcrError": QT_TRANSLATE_NOOP("Wording", "scanned pages without text, and OCR is not installed"),
    "NoReportError": QT_TRANSLATE_NOOP("Wording", "no report table found"),
    "TimeLimit": QT_TRANSLATE_NOOP("Wording", "reading took too long (time limit)"),
    "MemoryLimit": QT_TRANSLATE_NOOP("Wording", "reading needed too much memory (memory limit)"),
    "MemoryError": QT_TRANSLATE_NOOP("Wording", "reading needed too much memory (memory limit)"),
    "WorkerDied": QT_TRANSLATE_NOOP("Wording", "the reading process crashed"),
    "OSError": QT_TRANSLATE_NOOP("Wording", "the file cannot be read"),
}


def failure_reason(kind: str | None, message: str) -> str:
    """Why a file failed to import, in the interface language (the core's message for kinds it does not know)."""
    text = FAILURE_KINDS.get(kind or "")
    return QCoreApplication.translate("Wording", text) if text else message
