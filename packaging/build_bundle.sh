#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle in dist/readinglist/ and smoke-test it.
#
#   packaging/build_bundle.sh            # Linux, macOS, or Git Bash on Windows
#
# PyInstaller goes into its own virtualenv (build/bundle-venv, kept between runs) with a
# regular (not editable) install of readinglist, so the bundle holds exactly what
# `pip install .` installs. Variables: PYTHON (the interpreter for the venv, default
# python3), BUNDLE_VENV (where the venv lives), PYINSTALLER (the pip requirement).
# The smoke test runs the bundle from a scratch folder, offscreen, on a scratch library.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUNDLE_VENV="${BUNDLE_VENV:-$ROOT/build/bundle-venv}"
PYINSTALLER="${PYINSTALLER:-pyinstaller>=6.10,<7}"
cd "$ROOT"

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*) BIN="$BUNDLE_VENV/Scripts"; EXE=".exe" ;;
  *) BIN="$BUNDLE_VENV/bin"; EXE="" ;;
esac
step() { printf '\n== %s\n' "$*"; }

step "resources in the package match resources/"
"$PYTHON" packaging/sync_resources.py --check

step "build virtualenv: $BUNDLE_VENV"
[ -x "$BIN/python$EXE" ] || "$PYTHON" -m venv "$BUNDLE_VENV"
"$BIN/python$EXE" -m pip install -q --upgrade pip
extra=()
if [ "$(uname -s)" != Linux ]; then extra+=("pillow"); fi  # turns the PNG into .ico / .icns
"$BIN/python$EXE" -m pip install -q "$ROOT" "$PYINSTALLER" ${extra[@]+"${extra[@]}"}
# The same version number would not reinstall: take the working tree as it is now.
"$BIN/python$EXE" -m pip install -q --force-reinstall --no-deps "$ROOT"
"$BIN/python$EXE" -m pip list --format=freeze | grep -iE '^(pyinstaller|pyside6|shiboken6|readinglist)'

step "icon PNGs"
"$BIN/python$EXE" packaging/render_icon.py build/icons 256 512

step "pyinstaller"
rm -rf dist/readinglist dist/ReadingList.app
"$BIN/pyinstaller$EXE" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/readinglist.spec

bundle="$ROOT/dist/readinglist"
program="$bundle/readinglist$EXE"
step "bundle size"
du -sh "$bundle"
du -sh "$bundle"/_internal/PySide6 2>/dev/null || true
du -shc "$bundle"/_internal/{sklearn,scipy,scipy.libs,numpy,numpy.libs,scikit_learn.libs} 2>/dev/null |
  tail -1 | sed 's/total/scikit-learn, scipy and numpy (discovery)/' || true
[ -d dist/ReadingList.app ] && du -sh dist/ReadingList.app

step "smoke test from another working directory"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp tests/fixtures/spaced_wrapped.txt "$scratch/digest.txt"
cd "$scratch"
export QT_QPA_PLATFORM=offscreen READINGLIST_DB="$scratch/library.sqlite"
export HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
echo "\$ readinglist --version"
"$program" --version
echo "\$ readinglist import digest.txt"
"$program" import digest.txt
echo "\$ readinglist discover && readinglist related 1"  # scikit-learn made it into the bundle
"$program" discover
"$program" related 1
echo "\$ readinglist gui --screenshot shot.png"
"$program" gui --screenshot shot.png
[ -s shot.png ] || { echo "smoke test: no screenshot written" >&2; exit 1; }
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $3*256+$4 "x" $7*256+$8}'; }
echo "shot.png: $(wc -c <shot.png) bytes, $(png_size shot.png) pixels"
[ -f "$bundle/_internal/readinglist/resources/readinglist.svg" ] || {
  echo "smoke test: the icon is missing from the bundle" >&2
  exit 1
}
# Every Qt module the program imports (some only when a view opens, like QtCharts) is there.
for module in $("$BIN/python$EXE" "$ROOT/packaging/project_meta.py" --qt-modules); do
  compgen -G "$bundle/_internal/PySide6/$module.*" >/dev/null || {
    echo "smoke test: PySide6.$module, which the program imports, is missing from the bundle" >&2
    exit 1
  }
done
echo "smoke test passed: $program"
