#!/usr/bin/env bash
# Refresh resources/i18n/nianbao_zh_CN.ts from the tr() strings in ui/ (keeping every existing
# translation), then compile the .qm the app loads. Translate new strings with pyside6-linguist.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate ui/*.py -ts resources/i18n/nianbao_zh_CN.ts -target-language zh_CN -no-obsolete
.venv/bin/pyside6-lrelease resources/i18n/nianbao_zh_CN.ts -qm resources/i18n/nianbao_zh_CN.qm
