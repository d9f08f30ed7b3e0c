#!/usr/bin/env bash
# ctest layers_check_selftest: selftest.sh CHECK_LAYERS_SCRIPT
# check-layers.sh must catch each kind of break, so that layers_check passing means something.
# Each row plants one include in an otherwise clean tree and expects exit 1 naming that file;
# the clean tree itself must pass.
set -euo pipefail
checker=${1:?usage: selftest.sh CHECK_LAYERS_SCRIPT}
work=$(mktemp -d "${TMPDIR:-/tmp}/fmc-layers.XXXXXX")
trap 'rm -rf "$work"' EXIT

clean_tree() {
  rm -rf "$work/src"
  mkdir -p "$work/src"/{models,app/api,app/main,ui/editor,sandbox,tests/unit,tests/support,packaging}
  cd "$work/src"
  echo '#include "models/json.h"' > models/item.cpp
  printf '#include "models/item.h"\n#include "app/api/apirequest.h"\n' > app/api/fabricclient.cpp
  printf '#include "app/api/fabricclient.h"\n#include "models/item.h"\n#include "definitioneditor.h"\n' > ui/editor/definitioneditor.cpp
  printf '#include "ui/editor/definitioneditor.h"\n#include "sandbox/sandbox.h"\n#include "app/main/consolecontroller.h"\n' > app/main/main.cpp
  printf '#include "models/json.h"\n#include "sandbox/fabricstate.h"\n' > sandbox/sandbox.cpp
  printf '#include "sandbox/sandbox.h"\n#include "app/main/consolecontroller.h"\n#include "tests/support/fixture.h"\n' > tests/unit/tst_a.cpp
  cd - >/dev/null
}

failures=0
clean_tree
if ! out=$(bash "$checker" "$work/src" 2>&1); then
  echo "FAIL: a clean tree was refused:"; echo "$out"; failures=$((failures + 1))
fi

# file | include line
rows=(
  'models/item.cpp|#include "app/api/fabricclient.h"'
  'models/item.cpp|#include "ui/editor/definitioneditor.h"'
  'models/item.cpp|#include "sandbox/sandbox.h"'
  'app/api/fabricclient.cpp|#include "ui/editor/definitioneditor.h"'
  'app/api/fabricclient.cpp|#include "app/main/consolecontroller.h"'
  'app/api/fabricclient.cpp|  #  include "sandbox/sandbox.h"'
  'ui/editor/definitioneditor.cpp|#include "app/main/consolecontroller.h"'
  'ui/editor/definitioneditor.cpp|#include "sandbox/fabricstate.h"'
  'ui/editor/definitioneditor.cpp|#include "tests/support/fixture.h"'
  'sandbox/sandbox.cpp|#include "app/api/apirequest.h"'
  'packaging/tool.cpp|#include "sandbox/sandbox.h"'
  'tests/unit/tst_a.cpp|#include "../widgets/harness.h"'
)
for row in "${rows[@]}"; do
  clean_tree
  file=${row%%|*}
  line=${row#*|}
  echo "$line" >> "$work/src/$file"
  if out=$(bash "$checker" "$work/src" 2>&1); then
    echo "FAIL: not caught: $file: $line"; failures=$((failures + 1))
  elif [[ "$out" != *"$file"* ]]; then
    echo "FAIL: caught, but $file is not named: $out"; failures=$((failures + 1))
  else
    echo "ok: $file: $line"
  fi
done

[ "$failures" -eq 0 ] || { echo "selftest: $failures failure(s)"; exit 1; }
echo "selftest: ${#rows[@]} breaks caught, the clean tree passes"
