#!/usr/bin/env bash
# Set up (first time) and run every check and test: lint, architecture, pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
.venv/bin/ruff check app ui tests bench
# The layering, as contracts (.importlinter): ui -> app -> resources; the core never imports Qt.
PYTHONPATH=. .venv/bin/lint-imports
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
