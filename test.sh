#!/usr/bin/env bash
# Set up (first time) and run every check and test: lint, architecture, pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/ruff check app ui tests bench
# The core never imports Qt: the dependency arrow points ui -> app -> resources.
if grep -rEn --include='*.py' '^\s*(from|import)\s+(PySide6|shiboken6|PyQt|ui\b)' app resources; then
    echo "test.sh: app/ or resources/ imports Qt or ui/ (see above)" >&2
    exit 1
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
