"""One helper for background work: run a function on a worker thread, report progress, allow cancel.

Code on the worker never touches widgets: it reports through a ``TaskContext``
whose progress is relayed to the GUI thread by queued signals. Results and
errors arrive on the GUI thread. A NianbaoError becomes its message; any other
exception a one-line internal error — never a traceback in a dialog.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import NianbaoError

log = logging.getLogger(__name__)


class TaskContext:
    """Handed to the work function: report progress, look at the cancel flag."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self.cancel_event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """A unit of background work; connect to ``signals`` before starting it."""

    def __init__(self, fn: Callable[[TaskContext], Any]):
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self.context = TaskContext(self.signals)
        self._fn = fn

    def cancel(self) -> None:
        self.context.cancel_event.set()

    def run(self) -> None:  # on the worker thread
        try:
            result = self._fn(self.context)
        except NianbaoError as e:
            self.signals.failed.emit(str(e))
        except Exception as e:  # noqa: BLE001 — reported as one line, logged in full
            log.exception("background task failed")
            self.signals.failed.emit(f"internal error: {type(e).__name__}: {e}")
        else:
            self.signals.finished.emit(result)


class TaskManager(QObject):
    """Starts tasks on a thread pool and keeps them alive until they end."""

    def __init__(self, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._running: set[Task] = set()

    def start(
        self,
        fn: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Task:
        task = Task(fn)
        self._running.add(task)
        if on_progress:
            task.signals.progress.connect(on_progress)
        task.signals.finished.connect(lambda result: self._end(task, on_done, result))
        task.signals.failed.connect(lambda message: self._end(task, on_error, message))
        self.pool.start(task)
        return task

    def _end(self, task: Task, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._running.discard(task)
        if callback:
            callback(value)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
