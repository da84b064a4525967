"""The GUI program: ``python -m ui [REVIEW.sqlite] [--open DOC] [--lang L] [--screenshot FILE.png]``.

``nianbao gui`` hands over to this (the core never imports ui/); the bundle's
nianbao-gui starts here directly. Same arguments, same one-line errors.
"""

from __future__ import annotations

import argparse
import os
import sys

from app.commands.gui import add_arguments
from app.errors import NianbaoError


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    parser = argparse.ArgumentParser(prog="nianbao gui", description="年报审核工作台")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        from ui import app
    except ImportError as e:
        print(f"nianbao: the GUI cannot start ({e}); install nianbao with PySide6", file=sys.stderr)
        return 2
    if os.environ.get("NIANBAO_BENCH_T0"):  # bench/startup.py: time to the first paint
        _exit_on_first_paint(float(os.environ["NIANBAO_BENCH_T0"]))
    try:
        return app.run(args)
    except NianbaoError as e:
        print(f"nianbao: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _exit_on_first_paint(t0: float) -> None:
    import time

    from PySide6.QtCore import QEvent, QObject

    from ui.main_window import MainWindow

    class First(QObject):
        def eventFilter(self, obj, ev):  # noqa: N802 (Qt's name)
            if ev.type() == QEvent.Type.Paint:
                print(f"first-paint {time.time() - t0:.4f}", flush=True)
                os._exit(0)
            return False

    show = MainWindow.show
    first = First()

    def show_and_watch(self: MainWindow) -> None:
        self.installEventFilter(first)
        show(self)

    MainWindow.show = show_and_watch  # type: ignore[method-assign]
