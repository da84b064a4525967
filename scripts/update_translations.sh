#!/usr/bin/env bash
# Refresh the Chinese catalogues from the tr() strings in ui/ (keeping every existing translation),
# then compile the .qm files the app loads. Translate new strings with pyside6-linguist.
#
# resources/i18n/nianbao_zh_CN.ts holds the workstation's strings (every ui/*.py not claimed
# below). A feature may keep its own catalogue, FEATURE_zh_CN.ts, next to a FEATURE.sources
# file listing its ui/ modules (one per line); ui/i18n.py loads every *_zh_CN.qm.
set -euo pipefail
cd "$(dirname "$0")/.."
claimed=()
for list in resources/i18n/*.sources; do
    [ -e "$list" ] || continue
    mapfile -t mods < <(grep -v '^\s*\(#\|$\)' "$list")
    claimed+=("${mods[@]}")
    ts="${list%.sources}_zh_CN.ts"
    .venv/bin/pyside6-lupdate "${mods[@]}" -ts "$ts" -target-language zh_CN -no-obsolete
done
own=()
for f in ui/*.py; do
    skip=
    for c in "${claimed[@]:-}"; do [ "$f" = "$c" ] && skip=1; done
    [ -n "$skip" ] || own+=("$f")
done
.venv/bin/pyside6-lupdate "${own[@]}" -ts resources/i18n/nianbao_zh_CN.ts -target-language zh_CN -no-obsolete
for ts in resources/i18n/*_zh_CN.ts; do
    .venv/bin/pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
