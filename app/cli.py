"""The ``nianbao`` command line: a thin shell over the core.

Every command is a module in app/commands. Errors of the core (NianbaoError)
become one line on stderr and exit status 2; nothing else reaches the user as
a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__
from app.commands import COMMANDS
from app.errors import NianbaoError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="年报审核工作台 — extract, check and review the tables of "
        "government information-disclosure annual reports.",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"app.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"app.commands.{name}":
                raise
            continue  # a command listed before its module lands
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # Chinese output on any console
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except NianbaoError as e:
        print(f"nianbao: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nianbao: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # last resort: one line, never a traceback
        print(f"nianbao: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
