#!/usr/bin/env bash
# Build the one-folder app with PyInstaller (Linux and macOS; Windows: packaging/build.ps1).
#
#   packaging/build.sh [--fresh [--ocr]] [--dist DIR] [--work DIR] [--no-archive]
#
# Default: build with the Python that runs Nianbao here ($PYTHON, else .venv/bin/python,
# else python3), installing PyInstaller into it if it lacks it. --fresh builds in a clean
# venv (build/venv-bundle) holding only `pip install .` (with --ocr: `.[ocr]`, which bundles
# the OCR engine and its models). Result: DIST/nianbao/ (default dist/), and
# DIST/nianbao-VERSION-OS-ARCH.tar.gz unless --no-archive; macOS also gets Nianbao.app.
set -euo pipefail
cd "$(dirname "$0")/.."

PYINSTALLER='pyinstaller>=6.10'
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
    echo "build.sh: PyInstaller needs objdump and objcopy on Linux: apt-get install binutils" >&2
    exit 2
fi
fresh=0 ocr=0 archive=1 dist=dist work=build/pyinstaller
while [ $# -gt 0 ]; do
    case "$1" in
        --fresh) fresh=1 ;;
        --ocr) ocr=1 ;;
        --no-archive) archive=0 ;;
        --dist) dist=$2; shift ;;
        --work) work=$2; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$fresh" = 1 ]; then
    venv=build/venv-bundle
    rm -rf "$venv"
    "${PYTHON:-python3}" -m venv "$venv"
    py=$venv/bin/python
    extra=""; [ "$ocr" = 1 ] && extra="[ocr]"
    "$py" -m pip install --quiet --upgrade pip
    "$py" -m pip install --quiet ".$extra" "$PYINSTALLER"
elif [ -n "${PYTHON:-}" ]; then
    py=$PYTHON
elif [ -x .venv/bin/python ]; then
    py=.venv/bin/python
else
    py=python3
fi
if ! "$py" -c 'import PyInstaller' 2>/dev/null; then
    "$py" -m pip install --quiet "$PYINSTALLER"
fi

version=$("$py" -c 'import re,sys; print(re.search(r"^__version__\s*=\s*\"([^\"]+)\"", open("app/__init__.py", encoding="utf-8").read(), re.M)[1])')
start=$SECONDS
# PyInstaller reads and writes file names with the locale's encoding (Chinese sample names).
LANG=C.UTF-8 LC_ALL=C.UTF-8 "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/nianbao.spec
took=$((SECONDS - start))

bundle=$dist/nianbao
case "$(uname -s)" in Darwin) os=macos ;; Linux) os=linux ;; *) os=$(uname -s | tr 'A-Z' 'a-z') ;; esac
size() { du -sh "$1" | cut -f1; }
echo "built $bundle in ${took}s: $(size "$bundle") ($(find "$bundle" -type f | wc -l | tr -d ' ') files)"
if [ "$archive" = 1 ]; then
    name=nianbao-$version-$os-$(uname -m)
    if [ "$os" = macos ] && [ -d "$dist/Nianbao.app" ]; then
        ditto -c -k --keepParent "$dist/Nianbao.app" "$dist/$name.zip"
        echo "archive $dist/$name.zip: $(size "$dist/$name.zip") (Nianbao.app $(size "$dist/Nianbao.app"))"
    else
        tar -C "$dist" -czf "$dist/$name.tar.gz" nianbao
        echo "archive $dist/$name.tar.gz: $(size "$dist/$name.tar.gz")"
    fi
fi
echo "start it: $bundle/nianbao-gui   (command line: $bundle/nianbao --help)"
