#!/bin/bash
# Every option that `fmc --help` and `fmc COMMAND --help` list is in docs/man/fmc.1 (groff spells
# "-" as "\-"), and every command is. The package check does the same on the installed files.
# With COMPLETION, the bash completion script must know them all too.
# Usage: check-manual.sh FMC MANPAGE [COMPLETION]
set -u
fmc=$1 page=$2 completion=${3:-}
help=$("$fmc" --help) || { echo "fmc --help failed"; exit 1; }
# Commands: the lines of the "Commands:" block; "definition new" is two words.
mapfile -t commands < <(awk '/^Commands:/{on=1; next} on && /^$/{exit} on {print ($1 == "definition") ? $1 " " $2 : $1}' <<<"$help")
[ ${#commands[@]} -ge 10 ] || { echo "found only ${#commands[@]} commands in fmc --help"; exit 1; }
missing=()
for command in "${commands[@]}"; do
  # shellcheck disable=SC2086 # "definition new" is two arguments
  help+=$'\n'$("$fmc" $command --help) || { echo "fmc $command --help failed"; exit 1; }
  grep -qF -- "${command//-/\\-}" "$page" || missing+=("command:$command")
  if [ -n "$completion" ]; then
    grep -qwF -- "${command#definition }" "$completion" || missing+=("completion:$command")
  fi
done
for opt in $(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
  grep -qF -- "${opt//-/\\-}" "$page" || missing+=("$opt")
  if [ -n "$completion" ]; then
    grep -qF -- "$opt" "$completion" || missing+=("completion:$opt")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "docs/man/fmc.1 (or the completion) lacks: ${missing[*]}"
  exit 1
fi
echo "docs/man/fmc.1 documents ${#commands[@]} commands and every option of their --help"
