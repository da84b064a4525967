"""Progress on stderr for long commands (import, export): one helper, shared.

On a terminal the bar is redrawn in place; otherwise (a log, a pipe) a plain
line is printed every few seconds, so logs stay readable. The final state is
always printed, once.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """``update(done, total, detail)`` draws ``[####....] done/total  detail  ETA``."""

    width = 24

    def __init__(self, stream: TextIO | None = None, every: float = 5.0):
        self.stream = stream = stream or sys.stderr
        self.tty = stream.isatty()
        self.every = every
        self.started = time.monotonic()
        self.last = 0.0
        self.closed = False

    def update(
        self,
        done: int,
        total: int,
        detail: str = "",
        *,
        final: bool | None = None,
        worked: int | None = None,
    ) -> None:
        """Show the state; ``worked``: the units that cost time (for the ETA; default ``done``)."""
        now = time.monotonic()
        final = done >= total if final is None else final
        if self.closed or (not self.tty and not final and now - self.last < self.every):
            return
        self.last = now
        self.closed = final
        line = self.line(done, total, detail, now, done if worked is None else worked)
        if self.tty:
            self.stream.write("\r" + line + "\x1b[K" + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def line(self, done: int, total: int, detail: str, now: float, worked: int) -> str:
        fill = int(self.width * done / total) if total else self.width
        fill = max(0, min(self.width, fill))
        bar = f"[{'#' * fill}{'.' * (self.width - fill)}] {done}/{total}"
        parts = [bar, detail, self.eta(done, total, worked, now)]
        return "  ".join(p for p in parts if p)

    def eta(self, done: int, total: int, worked: int, now: float) -> str:
        """Time left at the rate units have been worked so far."""
        elapsed = now - self.started
        left = total - done
        if left <= 0:
            return f"{elapsed:.0f}s"
        if worked <= 0:
            return "ETA --"
        secs = int(left * elapsed / worked)
        return f"ETA {secs // 60}m{secs % 60:02d}s" if secs >= 60 else f"ETA {secs}s"
