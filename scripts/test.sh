#!/usr/bin/env bash
# Builds everything and runs the whole test suite offscreen (README's test command).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FMC_BUILD_DIR:-$root/build}"
bash "$root/scripts/build.sh" "$@"
export QT_QPA_PLATFORM=offscreen
cd "$build"
ctest --output-on-failure -j"${FMC_TEST_JOBS:-2}" --timeout 600
