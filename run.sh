#!/usr/bin/env bash
# Set up (first time) and run Nianbao on the bundled sample reports.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if .venv/bin/python -c "import app.commands.gui" 2>/dev/null; then
    exec .venv/bin/nianbao gui "$@"
fi
# Until the workstation lands: extract and check every bundled sample report.
for pdf in resources/samples/*.pdf; do
    echo "== $pdf"
    .venv/bin/nianbao check "$pdf" || true
done
