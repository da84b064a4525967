"""Errors of the review file. Each message says what is wrong and what to do."""

from __future__ import annotations

from app.errors import NianbaoError


class StoreError(NianbaoError):
    """Something is wrong with a review file or with an operation on it."""


class NotAReviewFileError(StoreError):
    """The file is not a Nianbao review file (not SQLite, or another program's database)."""


class NewerSchemaError(StoreError):
    """The review file was written by a newer Nianbao than this one."""


class StoreBusyError(StoreError):
    """Another program held the review file's write lock for too long."""


class NoSuchDocumentError(StoreError):
    """No document with that id in this review file."""


class EditError(StoreError):
    """An edit names an unknown cell or a value that cell cannot hold."""


class CheckerMissingError(StoreError):
    """The rules engine could not be loaded, so findings cannot be computed."""


class CorruptReviewFileError(StoreError):
    """SQLite reports damaged pages (malformed image): restore a copy, run verify."""


class StoreFullError(StoreError):
    """The disk (or quota) is full: nothing of the failed change was written."""


class ReadOnlyReviewError(StoreError):
    """The review file is on a read-only location (or read-only): it can be read, not changed."""


class StoreIOError(StoreError):
    """The operating system reported an I/O error reading or writing the review file."""


class HostileSchemaError(StoreError):
    """The file's schema is not the one its version declares (planted triggers, views…)."""


class UndoConflictError(StoreError):
    """The newest undoable operation on the document is another reviewer's."""
