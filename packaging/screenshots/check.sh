#!/usr/bin/env bash
# ctest screenshots_render: fmc-screenshots renders every window into a temporary directory, and
# each picture is a PNG of its window's size that is not one flat colour.
set -euo pipefail
tool=${1:?usage: check.sh FMC_SCREENSHOTS}
out=$(mktemp -d "${TMPDIR:-/tmp}/fmc-screenshots.XXXXXX")
trap 'rm -rf "$out"' EXIT
"$tool" "$out" >"$out/list"
[ -s "$out/list" ] || { echo "FAIL: no screenshot written"; exit 1; }
failures=0
while read -r png; do
  info=$(file "$png")
  if [[ "$info" != *"PNG image data"* ]]; then echo "FAIL: $png: $info"; failures=$((failures + 1)); continue; fi
  colours=$(convert "$png" -format '%k' info:)
  if [ "$colours" -lt 16 ]; then echo "FAIL: $png has $colours colours: blank?"; failures=$((failures + 1)); continue; fi
  echo "ok: $(basename "$png"): ${info#*: }, $colours colours"
done <"$out/list"
[ "$failures" -eq 0 ]
