"""Saved web pages (.html/.htm/.shtml/.mhtml): the report's tables and prose.

Parsed with lxml.html (never patterns over markup). The encoding is the one
the page declares (BOM, ``<meta charset>``), else UTF-8, GB18030, else what
charset-normalizer detects. The article is found inside the site's header,
navigation and footer: a known content container (``TRS_Editor``, ``#zoom``,
``article``, ``.article-content`` …) holding a table, else the element with
the most text that holds the tables. Tables keep their grid: rowspan and
colspan are expanded into each cell's ``col``/``rowspan``/``colspan``; a
cell's text is every text node under it (``<p>``/``<span>``/``<font>``,
digits split across spans joined); ``&nbsp;`` is an empty cell. A cell's
anchor is ``path``: the n-th ``<table>`` of the page, its n-th ``<tr>``, its
n-th ``<td>``/``<th>``. A metadata table (索引号/发布机构/发布日期) becomes
``metadata`` and ``published``.
"""

from __future__ import annotations

import email
import hashlib
import re
from pathlib import Path

from app.errors import InputError
from app.extract.published import find_published
from app.extract.readers import ReadOptions, read_bounded
from app.extract.source import Anchor, SourceCell, SourceDocument, SourceTable

FORMAT = "html"
EXTENSIONS = (".html", ".htm", ".shtml", ".mhtml", ".mht")
MAX_BYTES = 20 * 1024 * 1024  # a report page is well under 1 MiB; 50 MB is not a report
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table", b"<div", b"<title")
_CONTAINERS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[@id='zoom']", "//*[@id='Zoom']", "//*[@id='UCAP-CONTENT']",
    "//*[contains(@class, 'article-content')]", "//*[contains(@class, 'article_con')]",
    "//article", "//*[@id='content']", "//*[contains(@class, 'content')]",
)
_META_LABELS = ("索引号", "发布机构", "发文机关", "发布日期", "公开日期", "发文日期", "成文日期", "主题分类", "文号")
_META_DATE = ("PubDate", "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "date")
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
_SPACE = re.compile(r"[ \t\u00a0\u3000]+")


def sniff(head: bytes, name: str) -> bool:
    """Markup in the first bytes (after a BOM and whitespace), or a MIME archive of a page."""
    h = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if h.startswith((b"mime-version:", b"from:", b"content-type: multipart/related")):
        return b"text/html" in head.lower()
    if b"\x00" in head[:512]:
        return False
    return h.startswith(b"<") and any(m in h[:4096] for m in _MARKUP)


def _declared(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>`` or http-equiv), lower-case."""
    head = data[:4096].lower()
    i = head.find(b"charset=")
    if i < 0:
        return None
    tok = head[i + 8:i + 28].strip(b"\"' ")
    for stop in (b'"', b"'", b";", b">", b" ", b"/"):
        tok = tok.split(stop)[0]
    return tok.decode("ascii", errors="ignore") or None


def decode(data: bytes, path: Path) -> str:
    """The page's text: BOM, declared charset, UTF-8, GB18030, then detection; else one clear error."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    tried: list[str] = []
    enc = _declared(data)
    if enc:
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(enc, enc)
        tried.append(enc)
    tried += ["utf-8", "gb18030"]
    for e in tried:
        try:
            return data.decode(e)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None:
        raise InputError("网页的编码无法识别（请另存为 UTF-8 或 GB18030）", path=path)
    return data.decode(best.encoding, errors="replace")


def _mhtml(data: bytes, path: Path) -> bytes:
    """The HTML part of a saved .mhtml archive."""
    msg = email.message_from_bytes(data)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                cs = part.get_content_charset()
                if cs:
                    try:
                        return payload.decode(cs).encode("utf-8")
                    except (LookupError, UnicodeDecodeError):
                        pass
                return payload
    raise InputError("网页存档（MHTML）中没有网页", path=path)


def cell_text(el) -> str:
    """Every text node under ``el``, block elements as line breaks, spaces collapsed."""
    parts: list[str] = []

    def walk(e) -> None:
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag in ("script", "style"):
            if e.tail:
                parts.append(e.tail)
            return
        if tag in _BLOCK and parts:
            parts.append("\n")
        if e.text and tag:
            parts.append(e.text)
        for ch in e:
            walk(ch)
        if tag in _BLOCK:
            parts.append("\n")
        if e.tail and e is not el:
            parts.append(e.tail)

    walk(el)
    lines = [_SPACE.sub(" ", ln).strip() for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _own_rows(table) -> list:
    """The ``<tr>`` of this table (through thead/tbody/tfoot), not of tables nested in it."""
    rows = []
    for ch in table:
        tag = ch.tag if isinstance(ch.tag, str) else ""
        if tag == "tr":
            rows.append(ch)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in ch if r.tag == "tr")
    return rows


def _span(el, name: str) -> int:
    try:
        return max(1, min(int(str(el.get(name, "1")).strip() or 1), 200))
    except ValueError:
        return 1


def _table(table, index: int) -> SourceTable:
    """One ``<table>`` with its grid: rowspans and colspans placed as the browser places them."""
    taken: dict[tuple[int, int], bool] = {}
    rows: list[list[SourceCell]] = []
    for r, tr in enumerate(_own_rows(table)):
        row: list[SourceCell] = []
        col = 0
        for c, td in enumerate(x for x in tr if x.tag in ("td", "th")):
            while taken.get((r, col)):
                col += 1
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, col + dc)] = True
            row.append(SourceCell(cell_text(td), Anchor.path(index, r, c), col=col, rowspan=rs, colspan=cs))
            col += cs
        rows.append(row)
    return SourceTable(rows, page=1, aligned=True, anchor=Anchor.path(index, 0, 0))


def _container(root):
    """The article: a known content container holding a table, else the element with the most text."""
    for xp in _CONTAINERS:
        for el in root.xpath(xp):
            if el.xpath(".//table"):
                return el
    best, best_len = root, -1
    for el in root.xpath("//div|//td|//section|//article"):
        if not el.xpath(".//table"):
            continue
        n = len("".join(el.itertext()))
        tables = len(el.xpath(".//table"))
        # the smallest element still holding (nearly) all the tables and text: prefer deeper ones
        score = n + 50 * tables
        if score > best_len:
            best, best_len = el, score
    return best


def _metadata(table: SourceTable) -> dict[str, str]:
    """Label → value pairs of a metadata table (索引号 / 发布机构 / 发布日期 …)."""
    out: dict[str, str] = {}
    for row in table.rows:
        texts = [c.text for c in row]
        for i, t in enumerate(texts):
            key = t.replace(" ", "").rstrip(":：")
            for label in _META_LABELS:
                if key == label and i + 1 < len(texts):
                    out[label] = texts[i + 1].strip()
                elif key.startswith(label) and key[len(label):len(label) + 1] in (":", "："):
                    out[label] = t.split("：" if "：" in t else ":", 1)[1].strip()
    return out


def read(path: Path, options: ReadOptions | None) -> SourceDocument:
    data = read_bounded(path, MAX_BYTES, "网页过大，不是年报网页（{0} MiB）")
    if not data.strip():
        raise InputError("文件为空", path=path)
    sha = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in (".mhtml", ".mht") or data.lstrip()[:13].lower() == b"mime-version:":
        data = _mhtml(data, path)
    return parse(decode(data, path), str(path), sha)


def parse(text: str, path: str = "", sha256: str = "") -> SourceDocument:
    """A decoded page in the neutral form; raises InputError when it is not a web page."""
    from lxml import etree
    from lxml import html as lhtml

    if not sha256:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    bad = sum(1 for ch in text[:20000] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > max(20, len(text[:20000]) // 50):
        raise InputError("不是网页文件（二进制内容）", path=path)
    try:
        root = lhtml.document_fromstring(text.lstrip("\ufeff"))
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"网页无法解析：{e}", path=path) from None
    all_tables = root.xpath("//table")
    index = {id(t): i for i, t in enumerate(all_tables)}
    metadata: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        metadata["title"] = title.text.strip()
    published = None
    for m in root.xpath("//meta[@name or @property]"):
        key = m.get("name") or m.get("property") or ""
        if key in _META_DATE and m.get("content"):
            published = published or find_published("发布日期：" + m.get("content", ""))
    for t in all_tables:
        if t.xpath("ancestor::table"):
            continue
        md = _metadata(_table(t, index[id(t)]))
        if md:
            metadata.update(md)
    container = _container(root)
    tables: list[SourceTable] = []
    for t in container.xpath(".//table"):
        if t.xpath(".//table"):  # a layout table around the report's tables: its cells are the inner ones
            continue
        st = _table(t, index[id(t)])
        if _metadata(st) and not any(c.text.strip().isdigit() for row in st.rows for c in row if len(c.text) < 8):
            continue
        tables.append(st)
    prose_lines: list[str] = []
    for el in container.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li") and not el.xpath("ancestor::table"):
            if el.xpath("ancestor::p|ancestor::h1|ancestor::h2|ancestor::h3|ancestor::li"):
                continue
            t = cell_text(el)
            prose_lines.extend(t.split("\n") if t else [])
    head = [metadata.get("title", "")] if metadata.get("title") else []
    titles = [cell_text(h) for h in root.xpath("//h1|//h2") if not h.xpath("ancestor::table")]
    prose = [ln for ln in titles if ln and ln not in prose_lines] + prose_lines
    if not prose:
        prose = head
    for label in ("发布日期", "公开日期", "发文日期", "成文日期"):
        if label in metadata:
            published = find_published(f"{label}：{metadata[label]}") or published
            if published:
                break
    if published is None:
        published = find_published("\n".join(prose[:20]))
    if "发布机构" in metadata or "发文机关" in metadata:
        metadata["agency"] = metadata.get("发布机构") or metadata.get("发文机关", "")
    return SourceDocument(path=path, format=FORMAT, sha256=sha256, pages=1, tables=tables, prose=[prose],
                          published=published, metadata=metadata,
                          content=etree.tostring(container, encoding="unicode", method="html"))
