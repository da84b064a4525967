"""One pure step per file: path → FileResult(record, findings, sha256, error).

The same step runs in a local import's worker processes (app.workers), on a
Dask cluster (app.cluster), under ``nianbao extract`` and ``check`` (through
app.limits): the file is hashed once, opened once, read and checked there;
the one writer only stores the result. Nothing here touches a review file.

``read_report`` is the single call into the readers: every input format goes
through it, so the rest of the step does not know one format from another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError, NianbaoError
from app.limits import Limits, run_limited
from app.model import Finding, Record

Reader = Callable[[str], Record]


@dataclass(frozen=True)
class StepOptions:
    """How to read and check a file. ``reader`` replaces the readers (a picklable path → Record
    function, or "module:function"); ``check`` False leaves the findings to the writer."""

    ocr: str = "auto"
    check: bool = True
    reader: Reader | str | None = None


@dataclass(frozen=True)
class Job:
    """One file to process: what a worker receives (picklable)."""

    path: str | list[str]  # a list: the page images of one report
    sha256: str | None = None  # known already (the importer hashed it to skip duplicates)
    options: StepOptions = StepOptions()


@dataclass
class FileResult:
    """What the step made of one file: a checked record, or the error that stopped it."""

    path: str
    sha256: str | None
    record: Record | None = None
    findings: list[Finding] | None = None  # the report on its own (no previous year); None: not checked
    error: str | None = None
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None


def process(path: str | Path | list[str], options: StepOptions = StepOptions(),
            sha256: str | None = None) -> FileResult:
    """Hash, read and check one file (or the page images of one report, a list).

    A file's own trouble is the result's ``error``, never raised."""
    source: str | list[str] = [str(p) for p in path] if isinstance(path, list) else str(path)
    path = source[0] if isinstance(source, list) else source
    try:
        if sha256:
            sha = sha256
        elif isinstance(source, list) and len(source) > 1:
            from app.extract.readers.image import group_sha256

            sha = group_sha256([Path(p) for p in source])
        else:
            sha = hash_file(path)
    except OSError as e:
        return FileResult(path, None, error=f"cannot read the file: {e.strerror or e}", error_kind="OSError")
    try:
        record = read_report(source, options, sha)
    except NianbaoError as e:
        return FileResult(path, sha, error=e.message, error_kind=type(e).__name__)
    record.source.sha256 = sha
    findings = None
    if options.check:
        from app.rules import check

        findings = list(check(record))
    return FileResult(path, sha, record, findings)


def run_job(job: Job) -> FileResult:
    """``process`` for a Job: the function workers and cluster tasks call."""
    return process(job.path, job.options, job.sha256)


def read_job(job: Job) -> Record:
    """Only the reading part of the step, its error raised (for ``extract`` and ``check``)."""
    return read_report(job.path, job.options, job.sha256)


def read_limited(path: str | Path | list[Path], options: StepOptions = StepOptions(check=False),
                 limits: Limits | None = None) -> Record:
    """Read one untrusted file (or a report's page images, a list) in a worker under ``limits``
    (default: the import's); errors raised here."""
    arg: str | list[str] = [str(p) for p in path] if isinstance(path, list) else str(path)
    first = path[0] if isinstance(path, list) else path
    return run_limited("app.pipeline.step:read_job", Job(arg, None, options),
                       limits or Limits(), path=first)


def read_report(path: str | list[str], options: StepOptions, sha256: str | None) -> Record:
    """The one call into the readers (one place for the reader registry to plug in)."""
    if options.reader is not None:
        from app.limits import resolve

        return resolve(options.reader)(path)
    if isinstance(path, str) and path.lower().endswith(".pdf"):
        from app.extract import extract_pdf

        return extract_pdf(path, ocr=options.ocr, sha256=sha256)  # hashed once
    from app.extract import extract  # the reader registry: every format, page images as a list

    return extract(path, ocr=options.ocr)


def hash_file(path: str | Path) -> str:
    """The file's sha256 (one read; the identity of a report in the review file)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def raise_error(result: FileResult) -> Record:
    """The record of a result, or its error raised as an InputError naming the file."""
    if result.record is None:
        raise InputError(result.error or "cannot read", path=result.path)
    return result.record
