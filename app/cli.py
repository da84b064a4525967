"""The ``nianbao`` command line: a thin shell over the core.

Every command is a module in app/commands; only the one asked for is imported
(with the libraries it needs), so ``nianbao --version`` and ``nianbao
extract`` start without the review store, the exporter or the GUI. Errors of
the core (NianbaoError) become one line on stderr and exit status 2; a closed
output pipe (``nianbao list --json | head``) ends the command quietly; nothing
else reaches the user as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from app import __version__
from app.commands import COMMANDS
from app.errors import NianbaoError


def command_name(module: str) -> str:
    """The name a user types for a command module (``import_`` → ``import``)."""
    return module.rstrip("_")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's module is imported (the others are named)."""
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="年报审核工作台 — extract, check and review the tables of "
        "government information-disclosure annual reports.",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is not None and command_name(name) != only:
            sub.add_parser(command_name(name))  # for the usage line; never parsed
            continue
        try:
            module = importlib.import_module(f"app.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"app.commands.{name}":
                raise
            continue  # a command listed before its module lands
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def chosen_command(argv: list[str]) -> str | None:
    """The command named in ``argv`` ("" for none: ``--version``); None when help needs them all."""
    names = {command_name(m) for m in COMMANDS}
    for word in argv:
        if word in names:
            return word
        if not word.startswith("-") or word in ("-h", "--help"):
            return None
    return "" if argv else None


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # Chinese output on any console
        except (AttributeError, ValueError):
            pass
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        parser = build_parser(chosen_command(argv))
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        try:
            code = int(args._run(args) or 0)
            sys.stdout.flush()
            return code
        except NianbaoError as e:
            print(f"nianbao: {e}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("nianbao: interrupted", file=sys.stderr)
            return 130
    except BrokenPipeError:
        return _closed_pipe()
    except NianbaoError as e:  # while building the parser (e.g. a template file)
        print(f"nianbao: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # last resort: one line, never a traceback
        try:
            print(f"nianbao: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        except BrokenPipeError:
            return _closed_pipe()
        return 2


def _closed_pipe() -> int:
    """The reader of our output went away (``| head``): stop quietly, as a filter does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())  # nothing more to flush at exit, no "Exception ignored"
        except (OSError, ValueError):
            pass
    os.close(devnull)
    return 0


if __name__ == "__main__":
    sys.exit(main())
