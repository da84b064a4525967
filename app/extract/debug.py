"""Draw what extraction found on the page images, as pdfplumber's debug_tablefinder does.

Every extracted cell gets a box (red when unreadable, orange when blank,
green otherwise) and its id, so a wrong record can be looked at.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import ImageDraw

from app.limits import capped_scale
from app.model import Record

_SCALE = 2.0  # 144 dpi


def draw_record(record: Record, outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[tuple[str, object]]] = {}
    for cid, cell in record.cells.items():
        by_page.setdefault(cell.page, []).append((cid, cell))
    written = []
    doc = pdfium.PdfDocument(record.source.path)
    try:
        for pno, cells in sorted(by_page.items()):
            page = doc[pno - 1]
            scale = capped_scale(*page.get_size(), _SCALE)  # a huge page is drawn smaller
            image = page.render(scale=scale).to_pil().convert("RGB")
            draw = ImageDraw.Draw(image)
            labelled_rows = set()
            for cid, cell in sorted(cells, key=lambda kv: kv[1].bbox[0]):
                table, row, col = cid.split(".")
                x0, top, x1, bottom = (v * scale for v in cell.bbox)
                colour = "red" if cell.value is None else "orange" if cell.blank else "green"
                draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), outline=colour, width=2)
                draw.text((x0, bottom + 2), col, fill="blue")
                if (table, row) not in labelled_rows:  # the row id once, left of its first number
                    labelled_rows.add((table, row))
                    draw.text((max(0, x0 - 8 * len(row) - 12), top), row, fill="purple")
            out = outdir / f"{Path(record.source.path).stem}-p{pno}.png"
            image.save(out)
            written.append(out)
    finally:
        doc.close()
    return written
