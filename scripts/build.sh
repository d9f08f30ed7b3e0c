#!/usr/bin/env bash
# Shared by run.sh and test.sh: installs missing dependencies, configures and builds into
# ${FMC_BUILD_DIR:-build}. Extra arguments go to cmake's configure step.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FMC_BUILD_DIR:-$root/build}"

bash "$root/packaging/install-deps.sh"

# Node tools (the Prism contract checker) are pinned by tools/package-lock.json.
if [ -f "$root/tools/package-lock.json" ] && [ ! -x "$root/tools/node_modules/.bin/prism" ]; then
  echo "build: installing Node tools (Prism) from tools/package-lock.json"
  npm ci --prefix "$root/tools" --no-audit --no-fund --loglevel=error >/dev/null
fi

generator=()
command -v ninja >/dev/null && [ ! -f "$build/Makefile" ] && generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE="${FMC_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build" -j"${FMC_JOBS:-2}"
