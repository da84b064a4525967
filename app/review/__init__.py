"""The review: the use cases the CLI and the GUI share, over one review file.

``open_review(path)`` gives a :class:`Review`; see :mod:`app.review.api` for
the operations, :mod:`app.review.types` for what they return.
"""

from app.review.api import Review, default_checker, open_review
from app.review.decisions import (
    DECISION_NAMES,
    DECISIONS,
    ApprovalBlockedError,
    Decision,
    DecisionError,
    KeyedFinding,
)
from app.review.integrity import AuditFingerprint
from app.review.records import undo_stacks
from app.review.reviewing import ImportFailure, OpenErrorsError
from app.review.types import (
    REVIEWER_HOWS,
    STATUSES,
    Checker,
    Conflict,
    DocumentSummary,
    DuplicateDocumentError,
    Edit,
    LoadedDocument,
    OpChanges,
    ReextractResult,
)

__all__ = [
    "AuditFingerprint",
    "DECISIONS",
    "DECISION_NAMES",
    "ApprovalBlockedError",
    "Decision",
    "DecisionError",
    "KeyedFinding",
    "REVIEWER_HOWS",
    "STATUSES",
    "Checker",
    "Conflict",
    "DocumentSummary",
    "DuplicateDocumentError",
    "Edit",
    "ImportFailure",
    "LoadedDocument",
    "OpChanges",
    "OpenErrorsError",
    "ReextractResult",
    "Review",
    "default_checker",
    "open_review",
    "undo_stacks",
]
