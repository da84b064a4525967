"""Excel hand-off: one report in the national layout, or the whole review in one workbook.

- :func:`export_report` — one report's tables 二, 三, 四 as the national form
  prints them, broken identities in red with comments, reviewers' corrections
  in blue with the printed value, and a sheet of its findings and edits.
- :func:`export_review` — every report (filtered as ``Review.list_documents``)
  as one row of sheet ``records``, with sheets ``findings`` and ``edits``.
- :func:`find_report` — a document by id or by its file name as imported.

Both take ``progress(done, total)`` and ``cancelled() -> bool`` so a GUI can run
them on a worker thread behind a dialog; both write atomically. See
docs/export.md for the layout and the column conventions.
"""

from app.export.common import (
    CancelCheck,
    ExportCancelled,
    ExportError,
    Progress,
    UnknownReportError,
)
from app.export.report_xlsx import export_report, report_workbook, sheet_title
from app.export.resolve import find_report
from app.export.review_xlsx import CellColumn, ReviewExport, cell_columns, export_review
from app.layout import TableLayout, layout_table, printed_rows

__all__ = [
    "CancelCheck",
    "CellColumn",
    "ExportCancelled",
    "ExportError",
    "Progress",
    "ReviewExport",
    "TableLayout",
    "UnknownReportError",
    "cell_columns",
    "export_report",
    "export_review",
    "find_report",
    "layout_table",
    "printed_rows",
    "report_workbook",
    "sheet_title",
]
