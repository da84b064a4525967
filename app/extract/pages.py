"""Which files make one report: page images grouped by name or by folder, in page order.

    NAME-p1.jpg NAME-p2.jpg NAME_3.png   → the pages of NAME, ordered by number
    a folder holding only page images     → one report, its images in name order

Used by the batch import (app/importer.py) and the workstation's import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from app.extract.readers.image import EXTENSIONS as IMAGE_EXTENSIONS

_PAGE = re.compile(r"^(?P<name>.+?)[-_ ]?(?:p|page|第)?(?P<n>\d{1,3})页?$", re.IGNORECASE)
_SEPARATED = re.compile(r"[-_ ](?:p|page|第)?\d{1,3}页?$", re.IGNORECASE)
_REPORT_WORDS = ("政府信息公开", "政务公开", "信息公开工作年度报告")
SNIFF_BYTES = 256 * 1024


def is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_EXTENSIONS


def page_key(path: Path) -> tuple[str, int] | None:
    """(NAME, page number) of a file named like NAME-p1.jpg / NAME_2.png, else None."""
    stem = path.stem
    if not _SEPARATED.search(stem):
        return None
    m = _PAGE.match(stem)
    return (m.group("name").rstrip("-_ "), int(m.group("n"))) if m else None


def _natural(path: Path) -> list[object]:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.name)]


def group_pages(files: list[Path], *, folders: bool) -> list[list[Path]]:
    """``files`` as reports: page images grouped, everything else one report each, in the given order.

    ``folders``: the files were found under folders, so a folder holding only
    page images (and at most one NAME among them) is one report.
    """
    by_dir: dict[Path, list[Path]] = defaultdict(list)
    for f in files:
        by_dir[f.parent].append(f)
    whole: set[Path] = set()
    if folders:
        for d, fs in by_dir.items():
            names = {k[0] for k in map(page_key, fs) if k}
            if len(fs) > 1 and all(is_image(f) for f in fs) and len(names) <= 1:
                whole.add(d)
    groups: dict[tuple[Path, str], list[Path]] = {}
    out: list[list[Path]] = []
    for f in files:
        if f.parent in whole:
            key = (f.parent, "")
        elif is_image(f) and page_key(f):
            key = (f.parent, page_key(f)[0].lower())  # type: ignore[index]
        else:
            out.append([f])
            continue
        if key not in groups:
            groups[key] = []
            out.append(groups[key])
        groups[key].append(f)
    for key, group in groups.items():
        if key[1]:
            group.sort(key=lambda f: (page_key(f)[1], _natural(f)))  # type: ignore[index]
        else:
            group.sort(key=_natural)
    return out


def looks_like_report(path: Path) -> bool:
    """A PDF, Word file or image always; text and web pages when their text names the report."""
    if path.suffix.lower() not in (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".mhtml"):
        return True
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError:
        return True  # let the import say what is wrong with it
    for enc in ("utf-8", "gb18030"):
        text = head.decode(enc, errors="ignore")
        if any(w in text for w in _REPORT_WORDS):
            return True
    return False
