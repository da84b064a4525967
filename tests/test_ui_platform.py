"""Guards against Qt bindings that break the app in ways no other test would name."""

import sys

from PySide6.QtCore import QObject, Signal


def test_emit_keeps_reference_counts(qapp):
    """PySide6 6.12.0 takes a reference from True on every emit from Python; on Python 3.11
    the interpreter then aborts after a few hundred signals (bool_dealloc). pyproject.toml
    excludes that release; this fails loudly if such a build is installed anyway."""

    class Probe(QObject):
        plain = Signal()
        carrying = Signal(int, object)

    probe = Probe()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(50):
        probe.plain.emit()
        probe.carrying.emit(1, None)
    assert sys.getrefcount(True) >= true_before - 5
    assert sys.getrefcount(None) >= none_before - 5
