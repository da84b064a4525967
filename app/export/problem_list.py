"""``export_problem_list``: the problem lists of a review — a Word letter per agency, one workbook.

Into a folder: ``AGENCY-问题清单.docx`` for each agency with at least one
confirmed problem (:mod:`app.export.problem_docx`), and ``问题清单.xlsx`` with
every finding and its decision (:mod:`app.export.problem_xlsx`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from app.export.common import CancelCheck, ExportError, Progress, Ticker
from app.export.problem_docx import docx_name, write_agency_docx
from app.export.problem_xlsx import write_problem_book
from app.export.problems import gather
from app.review import Review

BOOK = "问题清单.xlsx"


@dataclass
class ProblemListExport:
    folder: Path
    letters: list[Path] = field(default_factory=list)  # one .docx per agency
    workbook: Path | None = None
    findings: int = 0  # rows of the workbook
    confirmed: int = 0  # problems in the letters


def export_problem_list(
    review: Review,
    folder: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    **filters: Any,
) -> ProblemListExport:
    """Write the letters and the workbook into ``folder`` (created if missing)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError("不是文件夹", path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"无法创建文件夹：{e.strerror or e}", path=folder) from None
    reports = gather(review, **filters)
    agencies = [
        (agency, list(group))
        for agency, group in groupby(reports, key=lambda r: (r.region, r.agency))
    ]
    with_confirmed = [(a, rs) for a, rs in agencies if any(r.confirmed for r in rs)]
    ticker = Ticker(len(with_confirmed) + 1, progress, cancelled)
    ticker.start()
    result = ProblemListExport(folder)
    today = date.today().isoformat()
    names: set[str] = set()
    for (region, agency), rs in with_confirmed:
        name = docx_name(agency)
        if name in names:  # one agency name in two regions
            name = docx_name(f"{region}-{agency}")
        names.add(name)
        result.letters.append(write_agency_docx(rs, folder / name, reviewer=review.who, date=today))
        result.confirmed += sum(len(r.confirmed) for r in rs)
        ticker.step()
    result.workbook = folder / BOOK
    result.findings = write_problem_book(reports, result.workbook)
    ticker.finish()
    return result
