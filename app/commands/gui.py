"""``nianbao gui``: the review workstation.

The core never imports the GUI: this command only parses its arguments and
hands over to the GUI program (``python -m ui``, ui/launch.py) — on POSIX by
replacing this process, elsewhere as a child whose exit status is passed on.
Every other command works without PySide6 installed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from app.errors import NianbaoError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "gui",
        help="open the review workstation",
        description="Open the review workstation on a review file (default: the last one, "
        "or a sample review of the bundled sample reports on first run).",
    )
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The workstation's arguments (ui/launch.py parses the same)."""
    p.add_argument("review", nargs="?", type=Path, help="the review file (.sqlite); created if missing")
    p.add_argument("--open", metavar="DOC", help="open this report: its id, or its file name as imported")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="interface language (default: the setting, else the system's)")
    p.add_argument("--screenshot", metavar="FILE.png",
                   help="show the first (or --open) report with its page, save a picture of the window and exit")


def gui_argv(args: argparse.Namespace) -> list[str]:
    """The parsed arguments as the GUI program's command line."""
    argv = [] if args.review is None else [str(args.review)]
    for flag in ("open", "lang", "screenshot"):
        value = getattr(args, flag, None)
        if value is not None:
            argv += [f"--{flag}", str(value)]
    return argv


def run(args: argparse.Namespace) -> int:
    if getattr(sys, "frozen", False):  # the bundle starts the workstation itself (packaging/launch.py)
        raise NianbaoError("start the workstation with the nianbao-gui program")
    cmd = [sys.executable, "-m", "ui", *gui_argv(args)]
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        if os.name == "posix":
            os.execve(sys.executable, cmd, env)  # does not return
        return subprocess.call(cmd, env=env)
    except OSError as e:
        raise NianbaoError(f"the GUI cannot start ({e.strerror or e})") from None
