"""The About box text: versions of the app and of what it stands on."""

from __future__ import annotations

from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion

from app import __version__


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "—"


def about_text() -> str:
    name = QCoreApplication.translate("About", "Nianbao")
    blurb = QCoreApplication.translate("About", "Review the statistical tables of government information-disclosure annual reports.")
    engine = QCoreApplication.translate("About", "OCR engine")
    ocr = _version("rapidocr")
    if ocr == "—":
        ocr = _version("rapidocr-onnxruntime")
    return (
        f"<h3>{name} 年报审核工作台 {__version__}</h3>"
        f"<p>{blurb}</p>"
        "<table>"
        f"<tr><td>Qt</td><td>{qVersion()} (PySide6 {pyside_version})</td></tr>"
        f"<tr><td>pdfplumber</td><td>{_version('pdfplumber')}</td></tr>"
        f"<tr><td>pypdfium2</td><td>{_version('pypdfium2')}</td></tr>"
        f"<tr><td>{engine} (RapidOCR)</td><td>{ocr}</td></tr>"
        "</table>"
    )
