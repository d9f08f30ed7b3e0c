#!/usr/bin/env bash
# CI sanitizer job: builds the whole tree with clang + AddressSanitizer +
# UndefinedBehaviorSanitizer (and libFuzzer coverage, so tests/fuzz builds in the same tree) in
# ${FMC_SAN_BUILD_DIR:-build-asan}, then runs the whole CTest suite there.
# Extra arguments go to ctest (e.g. -R tst_json, -LE soak).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FMC_SAN_BUILD_DIR:-$root/build-asan}"

generator=()
command -v ninja >/dev/null && [ ! -f "$build/Makefile" ] && generator=(-G Ninja)
# -O1 and line tables only (not full debug info): what the ASan documentation recommends, and it
# keeps a cold build of the whole tree inside the CI budget; reports still name file:line.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DFMC_SANITIZERS="address;undefined" -DFMC_FUZZ=ON -DFMC_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j"${FMC_JOBS:-2}"

# Leaks are errors; tests/sanitizers/lsan.supp lists the third-party leaks we accept, each with
# the reason. halt_on_error keeps the first report readable.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_init_order=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$root/tests/sanitizers/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen
# Tests multiply their wall-clock bounds by this (tests/support/timefactor.h; tst_bad_input reads it
# itself): the same code runs here several times slower under the sanitizers.
export FMC_TIME_FACTOR="${FMC_TIME_FACTOR:-4}"
cd "$build"
ctest --output-on-failure -j"${FMC_TEST_JOBS:-2}" --timeout 900 "$@"
