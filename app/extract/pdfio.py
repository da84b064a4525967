"""Open a report file safely: every way a file can fail becomes one InputError.

pypdfium2 reads the whole text layer fast (~20× pdfplumber), so it answers the
cheap questions first — is this a PDF, is it encrypted, how many pages, is
there text at all, which pages hold the tables — before pdfplumber parses the
few pages whose ruling lines we need.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from app.errors import BrokenPdfError, EncryptedPdfError, InputError, NotAPdfError
from app.inputs import require_regular_file


@dataclass
class PageText:
    number: int  # 1-based
    text: str
    chars: int
    width: float
    height: float


@dataclass
class PdfText:
    path: Path
    sha256: str
    pages: list[PageText]
    doc: pdfium.PdfDocument | None = None  # still open, for the caller's later stages; close()

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()
            self.doc = None


def sha256_of(path: Path) -> str:
    from app.pipeline.step import hash_file

    return hash_file(path)


def _scan(path: Path) -> tuple[str, bool]:
    """The file's sha256, and whether it carries an /Encrypt dictionary — in one read."""
    h = hashlib.sha256()
    encrypted = False
    tail = b""
    require_regular_file(path)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            encrypted = encrypted or b"/Encrypt" in tail + block
            tail = block[-16:]
    return h.hexdigest(), encrypted


def read_text(path: str | Path, sha256: str | None = None) -> PdfText:
    """Validate ``path`` as a readable PDF and return the text of every page, the PDF left open.

    ``sha256``: the file's hash when the caller has it already (the file is
    then read once, by pdfium). The caller closes the result (``close()``).
    """
    path = require_regular_file(path)  # a FIFO named .pdf would block the open forever
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a PDF file", path=path) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", path=path) from None
    if not head:
        raise NotAPdfError("the file is empty", path=path)
    if b"%PDF-" not in head:
        raise NotAPdfError("not a PDF file", path=path)
    digest = sha256 or sha256_of(path)
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if ("password" in msg or "security" in msg) and _scan(path)[1]:
            raise EncryptedPdfError("the PDF is encrypted (password-protected); save an unprotected copy", path=path) from None
        if "success" in msg or "password" in msg:
            # pdfium refuses an empty page tree with no error code (or a bogus password one)
            raise BrokenPdfError("the PDF has no pages", path=path) from None
        raise BrokenPdfError(f"the PDF is damaged and cannot be opened ({e})", path=path) from None
    try:
        n = len(doc)
        if n == 0:
            raise BrokenPdfError("the PDF has no pages", path=path)
        pages = []
        for i in range(n):
            try:
                page = doc[i]
                width, height = page.get_size()
                tp = page.get_textpage()
                count = tp.count_chars()
                text = tp.get_text_range() if count > 0 else ""
                tp.close()
                page.close()
            except pdfium.PdfiumError as e:
                raise BrokenPdfError(f"a page cannot be read ({e})", path=path, page=i + 1) from None
            pages.append(PageText(i + 1, text.replace("\r\n", "\n").replace("\r", "\n"), count, width, height))
    except BaseException:
        doc.close()
        raise
    return PdfText(path, digest, pages, doc)
