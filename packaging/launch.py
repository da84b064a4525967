"""Entry point of the bundled app (PyInstaller): the ``nianbao`` command line.

Two programs in the bundle start here. ``nianbao`` is the console program, the same
command line as a pip install. ``nianbao-gui`` (windowed on Windows and macOS, the one
to double-click) opens the workstation: ``nianbao-gui [REVIEW.sqlite]`` is
``nianbao gui [REVIEW.sqlite]``, so a review file dropped on it (or opened by a file
association) opens in the workstation. ``gui`` goes to ui.launch here, not through
app.cli: the core never imports ui/.
"""

import multiprocessing
import os
import sys


def main() -> int:
    # `nianbao import` extracts in "spawn" worker processes; in a frozen program a worker
    # is this executable again, and freeze_support() turns it into the worker.
    multiprocessing.freeze_support()
    argv = sys.argv[1:]
    if argv[:1] == ["--nianbao-sandbox"]:  # a reader worker of app.limits.Sandbox
        from app.limits import _child

        _child()
    name = os.path.splitext(os.path.basename(sys.executable))[0].lower()
    if name.endswith("-gui") and (not argv or argv[0] not in ("gui", "--version")):
        argv = ["gui", *argv]
    if argv[:1] == ["gui"]:  # the workstation: ui/ starts it (the core never imports ui/)
        from ui.launch import main as gui

        return gui(argv[1:])
    from app.cli import main as cli

    return cli(argv)


if __name__ == "__main__":
    sys.exit(main())
