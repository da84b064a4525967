"""The problem list back to one agency: a Word document (python-docx).

Per report of the agency: each problem the reviewer confirmed (确认为报告错误)
in plain words (表三 第三（七）“总计”行 自然人列：印 12，按勾稽应为 11), the
reviewer's comment, and a crop of the page around the cell with the cell
boxed in red — or, for a source that is not a PDF, the printed text — then
the reviewer and the date. Written atomically, like every export.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from app.export.common import atomic_target
from app.export.problems import Problem, ReportProblems

FONT = "宋体"
SCALE = 2.0  # 144 dpi
ABOVE, BELOW = 110.0, 40.0  # points of page kept above (the headers) and below the cell; full width
CROP_WIDTH_CM = 15.0
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def docx_name(agency: str) -> str:
    """The file name of an agency's problem list: 淮安市洪泽区人民政府-问题清单.docx."""
    return f"{_UNSAFE.sub('_', agency).strip('_') or '机关'}-问题清单.docx"


def page_crop(pdf: str | Path, page: int, bbox: tuple[float, float, float, float]) -> bytes | None:
    """A PNG of the page around ``bbox`` (points, top-left origin), the box drawn in red; None if unreadable."""
    path = Path(pdf)
    if page < 1 or path.suffix.lower() != ".pdf" or not path.is_file():
        return None
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    x0, top, x1, bottom = bbox
    try:
        if page > len(doc):
            return None
        pdf_page = doc[page - 1]
        height = pdf_page.get_height()
        band_top, band_bottom = max(0.0, top - ABOVE), min(height, bottom + BELOW)
        if band_bottom <= band_top:
            return None
        # render only the band: crop = points cut from the left, bottom, right and top
        image = (
            pdf_page.render(scale=SCALE, crop=(0, height - band_bottom, 0, band_top))
            .to_pil()
            .convert("RGB")
        )
    except pdfium.PdfiumError:  # a damaged page: the letter still goes out, with the text
        return None
    finally:
        doc.close()
    box = tuple(v * SCALE for v in (x0, top - band_top, x1, bottom - band_top))
    ImageDraw.Draw(image).rectangle(
        (box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3), outline="red", width=3
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _chinese_font(document: Document) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = document.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    document.styles["Normal"].font.size = Pt(11)


def _problem(document: Document, n: int, p: Problem, source: str) -> None:
    para = document.add_paragraph()
    para.add_run(f"{n}. ").bold = True
    para.add_run(p.text).bold = True
    if p.message and p.message not in p.text:
        document.add_paragraph(f"说明：{p.message}")
    if p.comment:
        document.add_paragraph(f"审核意见：{p.comment}")
    if p.reviewer:
        document.add_paragraph(f"审核人：{p.reviewer}    日期：{(p.at or '')[:10]}")
    png = page_crop(source, p.page, p.bbox) if p.cell else None
    if png is not None:
        document.add_paragraph(f"原文第 {p.page} 页：")
        document.add_picture(io.BytesIO(png), width=Cm(CROP_WIDTH_CM))
    elif p.raw:
        document.add_paragraph(f"原文：{p.raw}")


def write_agency_docx(
    reports: Iterable[ReportProblems], path: str | Path, *, reviewer: str, date: str
) -> Path:
    """One agency's problem list: every confirmed problem of its reports, with page crops."""
    reports = [r for r in reports if r.confirmed]
    agency = reports[0].agency if reports else ""
    document = Document()
    _chinese_font(document)
    document.core_properties.title = f"{agency} 政府信息公开工作年度报告问题清单"
    document.core_properties.author = reviewer
    head = document.add_heading(f"{agency}\n政府信息公开工作年度报告问题清单", level=1)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if reports:
        document.add_paragraph(f"地区：{reports[0].region}")
    for r in reports:
        s = r.summary
        year = f"{s.year} 年度报告" if s.year else "年度报告"
        document.add_heading(f"{year}（{s.name}）", level=2)
        for n, p in enumerate(r.confirmed, start=1):
            _problem(document, n, p, s.path)
    document.add_paragraph("")
    document.add_paragraph(f"审核人：{reviewer}    日期：{date}")
    with atomic_target(path, ".docx") as tmp:
        document.save(str(tmp))
    return Path(path)
