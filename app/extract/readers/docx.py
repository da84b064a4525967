"""Word files (.docx; .doc/.wps through LibreOffice): the report's tables and prose.

The tables are read from the document itself (python-docx): each ``<w:tc>``
with its grid column, ``gridSpan`` as its colspan and a ``vMerge`` run as its
rowspan (the continuation cells are covered, not cells of their own). The
prose is every paragraph outside the tables in document order (headings
included, so the assembler splits the sections by them). A cell's anchor is
``path``: the n-th table of the document (nested ones included), its n-th
``<w:tr>``, its n-th ``<w:tc>``. ``.doc``/``.wps`` are converted with
``soffice --headless --convert-to docx`` when LibreOffice is installed, else
one clear line says how to convert. A zip bomb or a file that is not a Word
document is one clear line.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from app.errors import InputError
from app.extract.published import find_published
from app.extract.readers import ReadOptions, read_bounded
from app.extract.source import Anchor, SourceCell, SourceDocument, SourceTable

FORMAT = "docx"
EXTENSIONS = (".docx", ".docm", ".doc", ".wps")
MAX_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024  # a report's document.xml is a few MiB at most
MAX_RATIO = 200  # compressed → uncompressed, per member
CONVERT_SECONDS = 120
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sniff(head: bytes, name: str) -> bool:
    """A zip holding word/ (OOXML), or an OLE compound file named .doc/.wps."""
    if head.startswith(b"PK\x03\x04"):
        return b"word/" in head or b"[Content_Types].xml" in head and name.lower().endswith((".docx", ".docm"))
    return head.startswith(_OLE) and name.lower().endswith((".doc", ".wps"))


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            total = 0
            for info in z.infolist():
                total += info.file_size
                if info.file_size > MAX_UNZIPPED or total > MAX_UNZIPPED or (
                        info.compress_size and info.file_size > 1 << 20
                        and info.file_size / info.compress_size > MAX_RATIO):
                    raise InputError("Word 文件解压后过大（可能是压缩炸弹），拒绝读取", path=path)
            if "word/document.xml" not in z.namelist():
                raise InputError("不是 Word 文档（压缩包中没有 word/document.xml）", path=path)
    except zipfile.BadZipFile:
        raise InputError("不是 Word 文档（文件不是 docx 压缩包，可能已损坏）", path=path) from None


def _convert(path: Path, outdir: Path) -> Path:
    """A .doc/.wps converted to .docx by LibreOffice, or one clear line how to convert it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    hint = "请用 Word 或 WPS 打开后“另存为 .docx”再导入"
    if soffice is None:
        raise InputError(f"旧版 Word/WPS 文件需要 LibreOffice 转换，本机未安装；{hint}", path=path)
    try:
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{outdir}/profile",
                        "--convert-to", "docx", "--outdir", str(outdir), str(path)],
                       check=True, capture_output=True, timeout=CONVERT_SECONDS)
    except (subprocess.SubprocessError, OSError):
        raise InputError(f"LibreOffice 无法转换此文件；{hint}", path=path) from None
    out = outdir / (path.stem + ".docx")
    if not out.exists():
        raise InputError(f"LibreOffice 无法转换此文件；{hint}", path=path)
    return out


def read(path: Path, options: ReadOptions | None) -> SourceDocument:
    data = read_bounded(path, MAX_BYTES, "Word 文件过大，不是年报（{0} MiB）")
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(_OLE):
        with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as tmp:
            converted = _convert(path, Path(tmp))
            _check_zip(converted)
            return _read_docx(converted, str(path), sha)
    _check_zip(path)
    return _read_docx(path, str(path), sha)


def _text(el) -> str:
    """The text of a cell or paragraph element: its paragraphs as lines."""
    lines = []
    for p in el.iter(f"{_W}p"):
        t = "".join((x.text or "") if x.tag == f"{_W}t" else " " for x in p.iter(f"{_W}t", f"{_W}tab"))
        t = " ".join(t.replace("\u00a0", " ").replace("\u3000", " ").split())
        if t:
            lines.append(t)
    return "\n".join(lines)


def _table(tbl, index: int) -> SourceTable:
    """One Word table on its grid: gridSpan as colspan, a vMerge run as rowspan."""
    trs = [tr for tr in tbl if tr.tag == f"{_W}tr"]
    layout: list[list[tuple[int, int, object]]] = []  # per row: (grid col, n-th tc, tc)
    for tr in trs:
        col, row = 0, []
        for ch in tr:
            if ch.tag != f"{_W}tc":
                continue
            row.append((col, len(row), ch))
            col += max(1, ch.grid_span)
        first = tr.find(f"{_W}trPr/{_W}gridBefore")
        if first is not None:
            skip = int(first.get(f"{_W}val", "0") or 0)
            row = [(c + skip, n, tc) for c, n, tc in row]
        layout.append(row)
    rows: list[list[SourceCell]] = []
    for r, row in enumerate(layout):
        cells: list[SourceCell] = []
        for col, n, tc in row:
            if tc.vMerge == "continue":
                continue
            rs = 1
            if tc.vMerge == "restart":
                while r + rs < len(layout) and any(c == col and t.vMerge == "continue" for c, _, t in layout[r + rs]):
                    rs += 1
            cells.append(SourceCell(_text(tc), Anchor.path(index, r, n), col=col, rowspan=rs,
                                    colspan=max(1, tc.grid_span)))
        rows.append(cells)
    return SourceTable(rows, page=1, aligned=True, anchor=Anchor.path(index, 0, 0))


def _read_docx(path: Path, name: str, sha: str) -> SourceDocument:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises many kinds for a damaged package
        raise InputError(f"Word 文档已损坏，无法读取（{type(e).__name__}）", path=name) from None
    body = document.element.body
    every = list(body.iter(f"{_W}tbl"))  # kept alive: lxml proxies (and their ids) live as long as this list
    index = {id(t): i for i, t in enumerate(every)}
    tables: list[SourceTable] = []
    prose: list[str] = []
    for el in body:
        if el.tag == f"{_W}p":
            t = _text(el)
            prose.extend(t.split("\n") if t else [])
        elif el.tag == f"{_W}tbl":
            tables.append(_table(el, index[id(el)]))
            for inner in el.iter(f"{_W}tbl"):
                if inner is not el:
                    tables.append(_table(inner, index[id(inner)]))
    metadata: dict[str, str] = {}
    title = (document.core_properties.title or "").strip()
    if title:
        metadata["title"] = title
    published = find_published("\n".join(prose[:30] + prose[-15:]))
    return SourceDocument(path=name, format=FORMAT, sha256=sha, pages=1, tables=tables, prose=[prose],
                          published=published, metadata=metadata, content="\n".join(prose))
