"""One error hierarchy for the core.

Third-party exceptions are wrapped where they enter (opening a PDF, reading a
template) so that callers — the CLI and the GUI — only ever catch
``NianbaoError`` and can show its message as is. Messages name the file (and
page, where there is one) and say what is wrong in one line.
"""

from __future__ import annotations

from pathlib import Path


class NianbaoError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str, *, path: str | Path | None = None, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.page = page

    def __str__(self) -> str:
        from app.filenames import readable  # a GBK file name (surrogate-escaped) decoded

        where = ""
        if self.path:
            where = readable(Path(self.path).name)
            if self.page:
                where += f", page {self.page}"
            where += ": "
        return f"{where}{readable(self.message)}"


class TemplateError(NianbaoError):
    """A template file in resources/templates is malformed."""


class InputError(NianbaoError):
    """A report file cannot be read as a report (not a PDF, broken, encrypted…)."""


class NotAPdfError(InputError):
    pass


class EncryptedPdfError(InputError):
    pass


class BrokenPdfError(InputError):
    pass


class NeedsOcrError(InputError):
    """The PDF has no usable text layer; its pages must be OCR'd."""


class NoReportError(InputError):
    """The PDF reads fine but holds none of the report tables."""


class RecordError(NianbaoError):
    """A record JSON file is not a valid Nianbao record."""
