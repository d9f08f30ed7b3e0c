#!/usr/bin/env bash
# ctest screenshots_render: check.sh FMC_SCREENSHOTS SOURCE_DIR
# fmc-screenshots renders every window, filled from an in-process sandbox, into a temporary
# directory. It fails by itself when a window never shows what its picture must show (rows, a
# selection, a loaded definition). Here: each picture is a PNG that is not one flat colour, and
# every screenshot the README and the AppStream metainfo name is committed under docs/screenshots/
# and is one the tool renders (so that scripts/screenshots.sh can make it again; NAME-dark.png with
# --dark).
set -euo pipefail
tool=${1:?usage: check.sh FMC_SCREENSHOTS SOURCE_DIR}
src=${2:?source directory}
out=$(mktemp -d "${TMPDIR:-/tmp}/fmc-screenshots.XXXXXX")
trap 'rm -rf "$out"' EXIT
failures=0
metainfo="$src/packaging/io.github.fabric_mirroring_console.metainfo.xml"
named=$( (grep -o 'docs/screenshots/[a-z0-9-]*\.png' "$src/README.md" "$metainfo" || true) | sed 's|.*docs/screenshots/||' | sort -u)
if ! "$tool" "$out" >"$out/list" 2>"$out/errors"; then
  cat "$out/errors"; echo "FAIL: fmc-screenshots exited with an error"; failures=$((failures + 1))
else
  cat "$out/errors"
fi
# NAME-dark.png pictures the README names come from a second run with the dark palette.
dark=$(sed -n 's/-dark\.png$//p' <<<"$named")
if [ -n "$dark" ]; then
  # shellcheck disable=SC2086 # one name per word
  if ! "$tool" --dark "$out" $dark >>"$out/list" 2>"$out/errors"; then
    cat "$out/errors"; echo "FAIL: fmc-screenshots --dark exited with an error"; failures=$((failures + 1))
  fi
fi
[ -s "$out/list" ] || { echo "FAIL: no screenshot written"; exit 1; }
while read -r png; do
  info=$(file "$png")
  if [[ "$info" != *"PNG image data"* ]]; then echo "FAIL: $png: $info"; failures=$((failures + 1)); continue; fi
  colours=$(convert "$png" -format '%k' info:)
  if [ "$colours" -lt 16 ]; then echo "FAIL: $png has $colours colours: blank?"; failures=$((failures + 1)); continue; fi
  echo "ok: $(basename "$png"): ${info#*: }, $colours colours"
done <"$out/list"

for name in $named; do
  if [ ! -f "$src/docs/screenshots/$name" ]; then
    echo "FAIL: docs/screenshots/$name is named in README.md or the metainfo but not committed"; failures=$((failures + 1))
  elif ! grep -q "/$name\$" "$out/list"; then
    echo "FAIL: docs/screenshots/$name is not rendered by fmc-screenshots"; failures=$((failures + 1))
  fi
done
echo "ok: README and metainfo name $(wc -w <<<"$named") screenshot(s)"
[ "$failures" -eq 0 ]
