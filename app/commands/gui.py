"""``nianbao gui``: the review workstation.

The core never imports Qt: the GUI package (ui/) is looked up only when this
command runs, so every other command works without PySide6 installed.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from app.errors import NianbaoError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "gui",
        help="open the review workstation",
        description="Open the review workstation on a review file (default: the last one, "
        "or a sample review of the bundled sample reports on first run).",
    )
    p.add_argument("review", nargs="?", type=Path, help="the review file (.sqlite); created if missing")
    p.add_argument("--open", metavar="DOC", help="open this report: its id, or its file name as imported")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="interface language (default: the setting, else the system's)")
    p.add_argument("--screenshot", metavar="FILE.png",
                   help="show the first (or --open) report with its page, save a picture of the window and exit")
    return p


def run(args: argparse.Namespace) -> int:
    try:
        gui = importlib.import_module("ui.app")
    except ImportError as e:
        raise NianbaoError(f"the GUI cannot start ({e}); install nianbao with PySide6") from None
    return gui.run(args)
