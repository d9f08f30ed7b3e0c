#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for FMC_FUZZ_SECONDS (default 60) each, from seed
# corpora made from the official examples (scripts/fuzz-seeds.sh), with a memory cap and a
# per-input timeout so that unbounded memory or a hang fails the run. Crash inputs are written
# to $build/fuzz-artifacts/. Expects the sanitizer tree (scripts/ci-sanitize.sh builds it);
# builds the fuzzers there if they are missing. Exit status: non-zero if any target failed.
# Env: FMC_FUZZ_SECONDS, FMC_FUZZ_RSS_MB (default 2048), FMC_FUZZ_TIMEOUT (s per input, default 10),
#      FMC_SAN_BUILD_DIR (default build-asan), FMC_FUZZ_TARGETS (default: all four),
#      FMC_FUZZ_PARALLEL (targets run at the same time, default 2: one per core of the CI machine),
#      FMC_FUZZ_NO_BUILD=1 (use the fuzzers as built).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FMC_SAN_BUILD_DIR:-$root/build-asan}"
seconds="${FMC_FUZZ_SECONDS:-60}"
targets=(${FMC_FUZZ_TARGETS:-fuzz_json fuzz_apierror fuzz_decoders fuzz_mirroringdefinition})

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  echo "fuzz-smoke: no sanitizer tree in $build; run scripts/ci-sanitize.sh first" >&2
  exit 2
fi
[ -n "${FMC_FUZZ_NO_BUILD:-}" ] || cmake --build "$build" -j"${FMC_JOBS:-2}" --target fuzzers

seeds="$build/fuzz-seeds"
rm -rf "$seeds"
bash "$root/scripts/fuzz-seeds.sh" "$seeds"
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# One target: runs it, then prints one line (figures or the finding). Status 0 only when libFuzzer
# stopped at the time limit with nothing found.
fuzz_one() {
  local target=$1 corpus="$build/fuzz-corpus/$1" log="$build/fuzz-$1.log"   # corpus grows across runs
  mkdir -p "$corpus"
  if "$build/tests/fuzz/$target" "$corpus" "$seeds/$target" \
      -max_total_time="$seconds" -rss_limit_mb="${FMC_FUZZ_RSS_MB:-2048}" \
      -timeout="${FMC_FUZZ_TIMEOUT:-10}" -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$target-" >"$log" 2>&1; then
    local stats cov
    stats="$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | tr '\n' ' ' || true)"
    cov="$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' || true)"
    echo "fuzz-smoke: $target OK  $cov  $stats"
  else
    echo "fuzz-smoke: $target FAILED (see $log and $artifacts/)" >&2
    grep -E 'ERROR|invariant failed|SUMMARY' "$log" | head -5 >&2 || true
    return 1
  fi
}

# FMC_FUZZ_PARALLEL targets at a time; the run fails if any of them did.
parallel="${FMC_FUZZ_PARALLEL:-2}"
failed=0
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  echo "fuzz-smoke: $target for ${seconds}s"
  fuzz_one "$target" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit "$failed"
