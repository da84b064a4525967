"""The queue's comparison columns: the repeat rate against last year's report and the indicators.

A small hook on :class:`ui.queue.QueueModel` (its ``extra`` columns): the
figures are fetched once per queue reload for the listed reports
(:func:`app.review.compare.queue_metrics`, repeat rates from the review
file's cache; the ones not cached yet are computed on a worker, with its own
connection, and the queue redrawn), and shown greyed when the base is below
the small-sample guard.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from app.compare.batch import indicator_labels
from app.errors import NianbaoError
from app.review import open_review
from app.review.compare import queue_metrics, repeat_rates

REPEAT = QT_TRANSLATE_NOOP("CompareColumns", "Repeat rate")
REPEAT_TIP = QT_TRANSLATE_NOOP("CompareColumns", "Share of the prose repeated from last year's report")
SMALL_TIP = QT_TRANSLATE_NOOP("CompareColumns", " — too few cases to compare")
OVER = QColor("#9a6700")
SMALL = QColor("#9a9a9a")


def tr(text: str) -> str:
    return QCoreApplication.translate("CompareColumns", text)


class CompareColumns:
    def __init__(self, window):
        self.window = window
        self.labels = indicator_labels()
        self.ids = list(self.labels)
        self.data: dict[int, dict] = {}
        self._filling = None  # the background task computing missing repeat rates
        self._tried: frozenset[int] = frozenset()
        self._headers: list[str] | None = None

    def headers(self) -> list[str]:
        if self._headers is None:  # asked on every columnCount: made once
            chinese = getattr(self.window, "chinese", True)
            self._headers = [tr(REPEAT)] + [zh if chinese else en for zh, en in self.labels.values()]
        return self._headers

    def refresh(self, docs) -> None:
        """Cached repeat rates now; the missing ones computed in the background, then the queue redrawn."""
        review = self.window.review
        self.data = {}
        if review is None or not docs:
            return
        try:
            self.data = queue_metrics(review, [d.id for d in docs], compute=False)
        except NianbaoError:
            self.data = {}  # the columns stay empty; the queue itself still lists
            return
        pending = frozenset(i for i, m in self.data.items() if m["pending"])
        if pending and self._filling is None and pending != self._tried:
            self._fill(str(review.path), pending)

    def _fill(self, path: str, pending: frozenset[int]) -> None:
        self._tried = pending  # a cache that cannot be written is not retried for the same reports

        def work(_ctx):
            with open_review(path, create=False) as review:
                return repeat_rates(review, pending)

        def done(_result) -> None:
            self._filling = None
            if self.window.review is not None and str(self.window.review.path) == path:
                self.window.refresh_queue()

        def failed(_message: str) -> None:
            self._filling = None

        self._filling = self.window.tasks.start(work, done, failed)

    def value(self, doc_id: int, k: int, role: int):
        m = self.data.get(doc_id)
        if m is None:
            return None
        if k == 0:
            rep = m["repeat"]
            if role == Qt.ItemDataRole.DisplayRole:
                return ("…" if m["pending"] else "") if rep is None else f"{rep * 100:.0f}%"
            if role == Qt.ItemDataRole.ForegroundRole and m["over"]:
                return QBrush(OVER)
            if role == Qt.ItemDataRole.ToolTipRole and rep is not None:
                return tr(REPEAT_TIP)
            return None
        r = m["rates"].get(self.ids[k - 1])
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if r.value is None else f"{r.value * 100:.0f}%"
        if role == Qt.ItemDataRole.ForegroundRole and r.small:
            return QBrush(SMALL)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{r.numerator:g} / {r.denominator:g}"
            return text + (tr(SMALL_TIP) if r.small else "")
        return None


def install(window) -> None:
    """Give the window's queue the comparison columns."""
    window.queue.model.extra = CompareColumns(window)
