#!/usr/bin/env bash
# Builds the console (installing dependencies first when they are missing) and starts it.
# With no arguments it starts in sandbox mode, so a newcomer sees a working console with demo data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FMC_BUILD_DIR:-$root/build}"
bash "$root/scripts/build.sh"
if [ $# -eq 0 ]; then
  set -- --sandbox
fi
exec "$build/app/main/fabric-mirroring-console" "$@"
