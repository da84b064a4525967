"""The look of exported workbooks: fills, fonts, borders, and fitting widths and heights.

Colours say one thing each, in every workbook (the legend lists them):
red fill — the cell is in a broken identity (error); yellow — a warning;
grey — the report does not print this cell; blue font — a reviewer changed
the printed value.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
MISSING_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

EDITED_FONT = Font(color="0000FF", bold=True)
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)

LEGEND = (
    (ERROR_FILL, None, "红色底：该格所在的勾稽关系不成立（错误） / red: in a broken identity"),
    (WARNING_FILL, None, "黄色底：提示，值得复核 / yellow: a warning"),
    (MISSING_FILL, None, "灰色底：报告未印此格 / grey: not printed in the report"),
    (None, EDITED_FONT, "蓝色字：审核人已更正，批注中为原印数值 / blue: corrected by a reviewer"),
)

LINE_PT = 14.5  # the height of one line of 11 pt text
DEFAULT_ROW_PT = 16.0


def print_setup(ws: Any, *, landscape: bool) -> None:
    """Every sheet prints on A4, as wide as the paper (as many pages down as it takes)."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
