"""The hash chain that makes the audit trail tamper-evident.

Every edit stores ``sha256(previous edit's hash + canonical JSON of its own
fields)``; the first edit chains to ``GENESIS``. Changing, inserting or
deleting an edit anywhere but at the very end breaks the link of the edit
after it (or its own). Rewriting the whole tail is only caught by comparing
the head hash with one noted earlier, which is why ``verify`` prints it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64

# The fields an edit's hash covers, in this order. Never reorder: old files
# would no longer verify. A new field goes at the end, with a schema migration.
FIELDS = (
    "id",
    "document_id",
    "cell",
    "old_value",
    "new_value",
    "who",
    "at",
    "how",
    "reason",
    "op",
    "reverts",
)


def edit_hash(prev: str, edit: Mapping[str, Any]) -> str:
    """The hash of one edit given the hash of the edit before it."""
    payload = json.dumps([edit[f] for f in FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev + payload).encode("utf-8")).hexdigest()
