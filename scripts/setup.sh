#!/usr/bin/env bash
# Create .venv (once) and install Nianbao with its GUI, test, OCR, cluster and Parquet extras into it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
stamp=.venv/.nianbao-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[gui,test,ocr,cluster,parquet]"
    touch "$stamp"
fi
