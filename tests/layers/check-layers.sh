#!/usr/bin/env bash
# ctest layers_check: check-layers.sh SOURCE_DIR
# The include rules of docs/architecture.md, read from the source tree, so that a file that
# reaches into a layer it must not use fails CI instead of waiting for a reviewer:
#   models/                     includes nothing from app/, ui/, sandbox/ or tests/
#   app/ except app/main/       (fmc_core) nothing from ui/, app/main/, sandbox/ or tests/
#   ui/                         nothing from app/main/, sandbox/ or tests/
#   sandbox/                    nothing from app/, ui/ or tests/ (models' JSON helpers only)
#   everything but app/main/, tests/ and sandbox/ itself: nothing from sandbox/
#   nowhere: an include that climbs out of its folder ("../"); shared test code is tests/support/
# Prints one line per broken rule (file:line: the include, and the rule) and exits 1 if any.
# Only quoted includes count: Qt and system headers come in <…> and the libraries' linkage
# (fmc_core does not link QtWidgets) already keeps those apart.
set -euo pipefail
src=${1:?usage: check-layers.sh SOURCE_DIR}
cd "$src"

failures=0
# check FOLDER EXCLUDED_PREFIX_REGEX FORBIDDEN_REGEX WHY
check() {
  local folder=$1 excluded=$2 forbidden=$3 why=$4 hit file
  [ -d "$folder" ] || return 0
  while IFS= read -r hit; do
    file=${hit%%:*}
    if [ -n "$excluded" ] && [[ "$file" =~ $excluded ]]; then continue; fi
    echo "$hit  <- $why"
    failures=$((failures + 1))
  done < <(grep -rnE --include='*.h' --include='*.cpp' --include='*.hpp' --include='*.in' \
                 "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"($forbidden)" "$folder" || true)
}

check models ''                   'app/|ui/|sandbox/|tests/' 'models/ uses QtCore, QtGui, nlohmann_json and dtl only'
check app    '^app/main/'         'ui/|app/main/|sandbox/|tests/' 'fmc_core (app/ but app/main/) never includes ui/, app/main/, sandbox/ or tests/'
check ui     ''                   'app/main/|sandbox/|tests/' 'fmc_ui never includes app/main/, sandbox/ or tests/'
check sandbox ''                  'app/|ui/|tests/' 'the sandbox shares only models with the client'
for top in */; do
  top=${top%/}
  case "$top" in app|tests|sandbox|build*|node_modules) continue ;; esac
  check "$top" '' 'sandbox/' 'only app/main/ and tests/ start the emulator'
done
check . '^\./(build|tools/node_modules)' '\.\./' 'no include climbs out of its folder; shared test code lives in tests/support/'

if [ "$failures" -gt 0 ]; then
  echo "check-layers: $failures include(s) break the layers (docs/architecture.md)"
  exit 1
fi
echo "check-layers: the includes keep to the layers"
