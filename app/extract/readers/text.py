"""Text and Markdown reports: what OCR services and copy-paste produce.

Layouts seen in the wild (the five seeds of shared/seeds):

- tab-separated rows where merged label cells leave extra tabs (``⇥⇥18⇥1⇥…``),
- a row label followed by space-separated numbers, with header words and long
  labels broken over several lines (``（二）部分公开（…，`` / ``不计其他情形）`` /
  ``3 0 0 0 0 0 3``),
- Markdown pipe tables (``| 规章 | 0 | 0 | 0 |``, ``|---|``),
- page footers (``— 3 —``, ``第 3 页``) and form feeds inside a table.

The reader knows no template: it only tells numbers from labels. Every line
ending in a run of numbers is a row (its label cells, then one cell per
number); the lines above it since the previous row are kept as the row's
leading label cells, nearest last, so the assembler can join a label broken
over lines. Tables are unaligned (app/extract/source.py): the assembler names
each row by its label and gives its numbers the form's columns. Each cell's
anchor is its line and characters in ``content``, the decoded text.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from app.errors import InputError
from app.extract.published import find_published
from app.extract.readers import ReadOptions, read_bounded
from app.extract.source import Anchor, SourceCell, SourceDocument, SourceTable

FORMAT = "text"
EXTENSIONS = (".txt", ".text", ".md", ".markdown")
MAX_BYTES = 20 * 1024 * 1024  # a report's text is a few dozen KiB
PENDING = 40  # label lines kept above a row (table 四's header is broken one word a line)

_VALUE = re.compile(
    r"^(?:[+\-−－＋]?\s?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:件|万元|元|个|项|次|条|家|人次|%)?"
    r"|/|／|[—–－\-]{1,2}|_+|无|\\)$"
)
_FOOTER = re.compile(r"^\s*(?:[-－—–]+\s*\d+\s*[-－—–]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_PIPE_RULE = re.compile(r"^:?-{2,}:?$")
_TOKEN = re.compile(r"\S+")
_LAST = set("0123456789０１２３４５６７８９/／—–－-_无\\件元个项次条家%")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def sniff(head: bytes, name: str) -> bool:
    """Text in an encoding a report uses, with no binary bytes: the last reader asked."""
    if not head or b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError as e:
            if e.start < len(head) - 4:  # only a character cut by the 8 KiB boundary is forgiven
                continue
            text = head[: e.start].decode(enc)
        return len(_CONTROL.findall(text)) <= max(2, len(text) // 200)
    return False


def decode(data: bytes, path: Path) -> str:
    """The text of ``data``: BOM, UTF-8, GB18030, then charset detection; else one clear error."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = None
        for enc in ("utf-8", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            from charset_normalizer import from_bytes

            best = from_bytes(data[: 1 << 20]).best()
            if best is None or best.encoding not in ("big5", "cp950", "utf_16", "utf_16_le", "utf_16_be",
                                                     "gbk", "gb2312", "hz", "cp936"):
                raise InputError("the text is in an unknown encoding (save it as UTF-8 or GB18030)", path=path)
            text = data.decode(best.encoding, errors="replace")
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise InputError("not a text file (binary content)", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(path: Path, options: ReadOptions) -> SourceDocument:
    data = read_bounded(path, MAX_BYTES, "文本文件过大，不是年报（{0} MiB）")
    if not data.strip():
        raise InputError("the file is empty", path=path)
    return parse(decode(data, path), str(path), hashlib.sha256(data).hexdigest())


def parse(text: str, path: str = "", sha256: str = "") -> SourceDocument:
    """A decoded text (a file's, or text pasted into the workstation) in the neutral form."""
    if not sha256:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = text.split("\n")
    prose: list[list[str]] = [[]]
    tables: list[SourceTable] = []
    rows: list[list[SourceCell]] = []
    pending: list[SourceCell] = []
    page = 1
    last_numbers_only = False  # the last row printed numbers only: more numbers under it go on with it

    def close_table() -> None:
        nonlocal rows
        if rows:
            tables.append(SourceTable(rows, page=page, aligned=False))
            rows = []

    fresh = True  # nothing read on this page yet: a footer and a form feed together end one page

    def new_page() -> None:
        nonlocal page, fresh
        close_table()
        if not fresh:
            page += 1
            prose.append([])
        fresh = True

    for n, whole in enumerate(lines, start=1):
        parts = whole.split("\f")
        for k, part in enumerate(parts):
            if k:  # a form feed: a new page (text copied from a PDF ends each page so)
                new_page()
            # the other parts blanked out, so characters keep their columns in the line
            line = " " * sum(len(p) + 1 for p in parts[:k]) + part
            if _FOOTER.match(line):
                new_page()
                continue
            if not line.strip():
                continue
            fresh = False
            pending, last_numbers_only = _line(line, n, rows, pending, prose, last_numbers_only)
        del pending[:-PENDING]
    close_table()
    head = "\n".join(lines[:80] + lines[-40:])  # a copied web page's 发布日期 is at its top or bottom
    return SourceDocument(path, FORMAT, sha256, pages=len(prose), tables=tables, prose=prose, content=text,
                          published=find_published(head))


def _line(line: str, n: int, rows: list[list[SourceCell]], pending: list[SourceCell], prose: list[list[str]],
          last_numbers_only: bool) -> tuple[list[SourceCell], bool]:
    """One line into the current table's rows, the pending label cells, or the prose; returns the new
    pending cells and whether this line was a row of numbers only."""
    cells, tabular = _cells(line, n)
    values = _trailing_values(cells)
    if values:
        numbers_only = values == sum(1 for c in cells if not c.empty)
        if rows and not pending and numbers_only and last_numbers_only:
            rows[-1].extend(cells)  # numbers going on under a row of numbers only: one row (一数一行)
        else:
            rows.append([*pending, *cells])
        return [], numbers_only
    if tabular:
        pending.extend(c for c in cells if not c.empty)
    else:
        prose[-1].append(line.strip("\f"))
        pending.append(cells[0])
    return pending, last_numbers_only


def _trailing_values(cells: list[SourceCell]) -> int:
    """How many cells at the end of a row are numbers (empty slots between them allowed)."""
    count = 0
    for c in reversed(cells):
        if c.empty:
            continue
        if not _VALUE.match(c.text.strip()):
            break
        count += 1
    return count


def _cells(line: str, n: int) -> tuple[list[SourceCell], bool]:
    """A line as cells: tab-separated, a Markdown pipe row, or a label then space-separated numbers.

    Returns the cells and whether the line is tabular (tabs or pipes) — a
    tabular line is never prose.
    """
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return _split_on(line, "|", n, pipes=True), True
    if "\t" in line.strip(" ") or line.count("\t") >= 2:
        return _split_on(line, "\t", n), True
    if not stripped or stripped[-1] not in _LAST:  # no number at its end: a line of text or a label
        lead = len(line) - len(line.lstrip())
        return [SourceCell(_tidy(stripped), Anchor.span(n, lead, lead + len(stripped)))], False
    tokens: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(line):
        tok = (m.group(), m.start(), m.end())
        if tokens and tokens[-1][0] in ("+", "＋") and tok[0][:1].isdigit():  # "+ 54": a sign apart
            sign = tokens.pop()
            tok = (line[sign[1]:tok[2]], sign[1], tok[2])
        tokens.append(tok)
    k = len(tokens)
    while k > 0 and _VALUE.match(tokens[k - 1][0]):
        k -= 1
    merged = tokens[k:]
    cells = []
    if k:
        start, end = tokens[0][1], tokens[k - 1][2]
        cells.append(SourceCell(_tidy(line[start:end]), Anchor.span(n, start, end)))
    cells += [SourceCell(t, Anchor.span(n, s, e)) for t, s, e in merged]
    if not cells:
        cells.append(SourceCell("", Anchor.span(n, 0, 0)))
    return cells, False


def _split_on(line: str, sep: str, n: int, pipes: bool = False) -> list[SourceCell]:
    cells = []
    pos = 0
    parts = line.split(sep)
    if pipes:  # "| a | b |": the text outside the outer pipes is not a cell
        pos = len(parts[0]) + 1
        parts = parts[1:-1] if line.rstrip().endswith("|") else parts[1:]
    for part in parts:
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        start = pos + lead
        if pipes and _PIPE_RULE.match(text):
            text = ""
        cells.append(SourceCell(_tidy(text), Anchor.span(n, start, start + len(text))))
        pos += len(part) + 1
    if pipes and all(c.empty for c in cells):
        return [SourceCell("", Anchor.span(n, 0, 0))]
    return cells


def _tidy(text: str) -> str:
    """Markdown emphasis and escapes off a cell's text."""
    text = text.strip()
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2]
    return text.replace("\\|", "|").strip()
