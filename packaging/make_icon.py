"""Draw the application icon: resources/icons/nianbao.svg, and from it .png, .ico and .icns.

The SVG is the source; Qt renders it to PNG (the window icon, Linux), Pillow packs the
Windows .ico and the macOS .icns. Run it after changing the drawing and commit the results:

    python packaging/make_icon.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"

# A report page with its red header (红头) and a ruled table whose likely wrong cell is
# framed, as the workstation shows it, and a green tick for the review.
SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect x="8" y="8" width="240" height="240" rx="48" fill="#B03A2E"/>
  <rect x="50" y="30" width="156" height="196" rx="10" fill="#FFFFFF"/>
  <rect x="68" y="48" width="120" height="12" rx="4" fill="#B03A2E"/>
  <g fill="none" stroke="#566573" stroke-width="5">
    <rect x="68" y="78" width="120" height="126"/>
    <path d="M108 78V204M148 78V204M68 120H188M68 162H188"/>
  </g>
  <rect x="148" y="120" width="40" height="42" fill="#F5B7B1" stroke="#B03A2E" stroke-width="9"/>
  <circle cx="190" cy="200" r="42" fill="#1E8449" stroke="#FFFFFF" stroke-width="7"/>
  <path d="M170 201l14 14 26-28" fill="none" stroke="#FFFFFF" stroke-width="11"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""

ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def render(size: int):
    """The SVG as a Pillow image of size × size, drawn by Qt."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # drawing only, no screen needed
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(SVG.encode())).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "nianbao.svg").write_text(SVG, encoding="utf-8")
    big = render(1024)
    render(256).save(ICONS / "nianbao.png", optimize=True)
    render(256).save(ICONS / "nianbao.ico", sizes=[(s, s) for s in ICO_SIZES])
    big.save(ICONS / "nianbao.icns")
    for name in ("nianbao.svg", "nianbao.png", "nianbao.ico", "nianbao.icns"):
        print(f"{ICONS / name}  {(ICONS / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
