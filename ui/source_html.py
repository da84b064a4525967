"""The source view of a web page, Word or text report: the selected cell highlighted in its source.

Shown in place of the page view when the open report's format is "html" or
"docx" (ui/main_window.py picks it through ``install``/``show_source``). The
file is read again by its reader (app.extract.readers) — a few dozen ms — and
its tables drawn as the source prints them (rowspan/colspan kept); each cell
is a link named by its anchor path, so selecting a cell highlights and scrolls
to it, and clicking a cell in the source selects the record's cell there. A
text report shows its decoded text with the cell's line and characters (its
span anchor) highlighted; a click on them selects the cell.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app.errors import InputError
from app.extract.readers import reader_for
from app.extract.source import SourceDocument

FORMATS = ("html", "docx", "text")
HIGHLIGHT = "#ffe08a"


def _key(anchor) -> str:
    return f"{anchor.table}-{anchor.row}-{anchor.col}"


class SourceHtmlView(QTextBrowser):
    """The report's tables as HTML; ``cellClicked(table, row, col)`` when a printed cell is clicked."""

    cellClicked = Signal(int, int, int)
    spanClicked = Signal(int, int)  # text reports: 1-based line, 0-based character clicked

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.cursorPositionChanged.connect(self._moved)
        self._quiet = False
        self.doc: SourceDocument | None = None
        self.selected: str | None = None

    def set_source(self, path: str | Path | None) -> bool:
        """Read and show ``path``; False (and a one-line message) when it cannot be read."""
        self.doc, self.selected = None, None
        if path is None:
            self.clear()
            return False
        try:
            self.doc = reader_for(Path(path)).read(Path(path), None)
        except (InputError, OSError) as e:
            self.setPlainText(self.tr("Cannot show the source: {0}").format(e))
            return False
        self._render()
        return True

    def _render(self) -> None:
        doc = self.doc
        if doc is None:
            return
        if doc.format == "text":
            self._quiet = True
            self.setPlainText(doc.content or "")
            self._quiet = False
            return
        parts = [f"<p><b>{escape(doc.prose[0][0])}</b></p>" if doc.prose and doc.prose[0] else ""]
        for table in doc.tables:
            rows = []
            for row in table.rows:
                tds = []
                for c in row:
                    key = _key(c.anchor)
                    bg = f' bgcolor="{HIGHLIGHT}"' if key == self.selected else ""
                    text = escape(c.text).replace("\n", "<br>") or "&nbsp;"
                    tds.append(f'<td rowspan="{c.rowspan}" colspan="{c.colspan}"{bg}>'
                               f'<a name="c{key}" href="cell:{key}" style="color:black;text-decoration:none">'
                               f"{text}</a></td>")
                rows.append("<tr>" + "".join(tds) + "</tr>")
            parts.append('<table border="1" cellspacing="0" cellpadding="3">' + "".join(rows) + "</table><br>")
        bar = self.verticalScrollBar().value()
        self.setHtml("".join(parts))
        self.verticalScrollBar().setValue(bar)

    def show_anchor(self, anchor) -> None:
        """Highlight the printed cell at ``anchor`` (a path or span anchor) and scroll it into view."""
        if anchor is not None and anchor.kind == "span":
            self._show_span(anchor)
            return
        key = _key(anchor) if anchor is not None and anchor.kind == "path" else None
        if key == self.selected:
            return
        self.selected = key
        self._render()
        if key:
            self.scrollToAnchor(f"c{key}")

    def _show_span(self, anchor) -> None:
        from PySide6.QtGui import QColor, QTextCursor

        block = self.document().findBlockByNumber(anchor.line - 1)
        if not block.isValid():
            return
        self.selected = f"{anchor.line}:{anchor.start}"
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + anchor.start)
        cursor.setPosition(block.position() + anchor.end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextBrowser.ExtraSelection()
        mark.cursor = cursor
        mark.format.setBackground(QColor(HIGHLIGHT))
        self.setExtraSelections([mark])
        self._quiet = True
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._quiet = False

    def _moved(self) -> None:
        if self._quiet or self.doc is None or self.doc.format != "text":
            return
        c = self.textCursor()
        self.spanClicked.emit(c.blockNumber() + 1, c.positionInBlock())

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("cell:"):
            t, r, c = (int(x) for x in text[5:].split("-"))
            self.cellClicked.emit(t, r, c)


def install(window) -> None:
    """Make the window's source view for web pages and Word files, beside its page view."""
    window.source_html = SourceHtmlView(window)
    window.source_html.hide()
    # share the page view's pane (not a pane of its own): the splitter's panes and their kept
    # sizes stay what the layout code expects
    holder = QWidget(window)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    window.centre.replaceWidget(window.centre.indexOf(window.pdf), holder)
    layout.addWidget(window.pdf)
    layout.addWidget(window.source_html)

    def clicked(t: int, r: int, c: int) -> None:
        state = window.state
        if state is None:
            return
        for cid, cell in state.record.cells.items():
            a = cell.anchor
            if a is not None and a.kind == "path" and (a.table, a.row, a.col) == (t, r, c):
                window.select_cell(cid)
                return

    def clicked_text(line: int, char: int) -> None:
        state = window.state
        if state is None:
            return
        for cid, cell in state.record.cells.items():
            a = cell.anchor
            if a is not None and a.kind == "span" and a.line == line and a.start <= char <= a.end:
                window.select_cell(cid)
                return

    window.source_html.cellClicked.connect(clicked)
    window.source_html.spanClicked.connect(clicked_text)


def show_source(window, path: str | None, fmt: str | None) -> None:
    """Show the web page / Word view for those formats, the page view otherwise."""
    view = getattr(window, "source_html", None)
    if view is None:
        return
    if path and fmt in FORMATS and view.set_source(path):
        window.pdf.hide()
        view.show()
    else:
        view.set_source(None)
        view.hide()
        window.pdf.show()


def import_filter() -> str:
    """The import dialog's filter: every format a reader opens (PDF, web page, Word, text, page image)."""
    from PySide6.QtCore import QCoreApplication

    from app.extract.readers import extensions

    patterns = " ".join(sorted({f"*{e}" for e in extensions()}))
    return QCoreApplication.translate("SourceHtml", "Report files ({0})").format(patterns)
