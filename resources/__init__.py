"""Data the engine reads: report templates, sample reports, icons, translations.

Nothing here is code beyond locating the files, so a new report format is a
new file under ``templates/``.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
TEMPLATES = ROOT / "templates"
SAMPLES = ROOT / "samples"
