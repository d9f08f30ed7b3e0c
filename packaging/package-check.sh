#!/usr/bin/env bash
# Builds the .deb and checks it the way a user receives it (ctest -L packaging):
#   package-check.sh CPACK BUILD_DIR HAS_SANDBOX(ON|OFF) [HARDENING(ON|OFF)]
# cpack -G DEB into a temporary directory, lintian (errors fail, warnings are shown), the file list,
# the computed Depends, then the package is unpacked with dpkg -x and its executables, desktop
# entry, metainfo and icons are checked there. Leaves nothing behind.
set -euo pipefail

cpack=${1:?usage: package-check.sh CPACK BUILD_DIR HAS_SANDBOX}
build=${2:?build directory}
has_sandbox=${3:-OFF}
hardening=${4:-OFF}
pkg=fabric-mirroring-console
app_id=io.github.fabric_mirroring_console

work=$(mktemp -d "${TMPDIR:-/tmp}/fmc-package-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# 1. Build the package (outputs, including CPack's staging tree, go to the temporary directory).
if ! "$cpack" -G DEB -B "$work/out" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1
fi
debs=("$work"/out/${pkg}_*.deb)
[ -f "${debs[0]}" ] || { cat "$work/cpack.log"; echo "FAIL: cpack made no ${pkg}_*.deb"; exit 1; }
deb=${debs[0]}
pass "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# 2. lintian: errors fail the check, warnings and infos are reported.
lintian_rc=0
lintian --fail-on error --display-info --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || lintian_rc=$?
grep -v "running with root privileges" "$work/lintian.log" || true
errors=$(grep -c '^E: ' "$work/lintian.log" || true)
warnings=$(grep -c '^W: ' "$work/lintian.log" || true)
if [ "$lintian_rc" -ne 0 ] || [ "$errors" -ne 0 ]; then
  fail "lintian: $errors error(s), $warnings warning(s) (exit $lintian_rc)"
else
  pass "lintian: 0 errors, $warnings warning(s)"
fi
# A build with FMC_HARDENING must give binaries lintian finds fortified and bound now.
if [ "$hardening" = ON ]; then
  if grep -E 'hardening-no-(bindnow|relro|fortify-functions)' "$work/lintian.log" >/dev/null; then
    fail "FMC_HARDENING is ON but lintian reports: $(grep -oE 'hardening-no-[a-z-]+ [^ ]+' "$work/lintian.log" | sort -u | tr '\n' ' ')"
  else
    pass "hardening: lintian finds no unhardened binary"
  fi
fi

# 3. Control fields: Depends computed by dpkg-shlibdeps, metadata present.
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libqt6core6 libqt6widgets6 libqt6sql6-sqlite; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
for field in Maintainer Section Homepage Description; do
  [ -n "$(dpkg-deb -f "$deb" "$field")" ] || fail "control field $field is empty"
done
pass "Depends: $depends"

# 4. The file list.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
expected=(
  /usr/bin/fabric-mirroring-console
  /usr/share/applications/$pkg.desktop
  /usr/share/metainfo/$app_id.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/$pkg.svg
  /usr/share/man/man1/fabric-mirroring-console.1.gz
  /usr/bin/fmc
  /usr/share/man/man1/fmc.1.gz
  /usr/share/bash-completion/completions/fmc
  /usr/share/doc/$pkg/copyright
  /usr/share/doc/$pkg/changelog.Debian.gz
)
for size in 16 32 48 64 128 256; do
  expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$pkg.png")
done
if [ "$has_sandbox" = ON ]; then
  expected+=(/usr/bin/fabric-sandbox /usr/share/man/man1/fabric-sandbox.1.gz)
fi
for f in "${expected[@]}"; do
  grep -qx "$f" "$work/files" || fail "package lacks $f"
done
pass "package holds the ${#expected[@]} expected files"

# 5. Unpack as an installation would, and use what was unpacked.
root="$work/root"
dpkg -x "$deb" "$root"
version=$(dpkg-deb -f "$deb" Version)
# Every option an executable's --help lists is in its man page (groff spells "-" as "\-").
check_manual() {
  local exe=$1 help=$2 page="$root/usr/share/man/man1/$1.1.gz" missing=() opt
  for opt in $(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
    zcat "$page" | grep -qF -- "${opt//-/\\-}" || missing+=("$opt")
  done
  if [ ${#missing[@]} -eq 0 ]; then pass "man page of $exe documents every option of --help"
  else fail "man page of $exe lacks ${missing[*]} (docs/man/$exe.1)"; fi
}

check_manual fabric-mirroring-console "$("$root/usr/bin/fabric-mirroring-console" --help 2>&1)"
if out=$("$root/usr/bin/fabric-mirroring-console" --version 2>&1) && [ "$out" = "fabric-mirroring-console ${version%-*}" ]; then
  pass "usr/bin/fabric-mirroring-console --version: $out"
else
  fail "fabric-mirroring-console --version said '$out', the package is $version"
fi
# fmc: its man page and completion against the --help of every command (tests/cli/check-manual.sh).
zcat "$root/usr/share/man/man1/fmc.1.gz" >"$work/fmc.1"
if out=$("$(dirname "$0")/../tests/cli/check-manual.sh" "$root/usr/bin/fmc" "$work/fmc.1" \
    "$root/usr/share/bash-completion/completions/fmc" 2>&1); then
  pass "fmc: $out"
else
  fail "fmc: $out"
fi
if [ -x "$root/usr/bin/fabric-sandbox" ]; then
  if out=$("$root/usr/bin/fabric-sandbox" --help 2>&1) && [[ "$out" == *--port* ]]; then
    pass "usr/bin/fabric-sandbox --help"
    check_manual fabric-sandbox "$out"
  else
    fail "fabric-sandbox --help: $out"
  fi
fi

metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
# Software centres show the newest <release>: it must be this version.
grep -q "<release version=\"${version%-*}\"" "$metainfo" || fail "metainfo has no <release version=\"${version%-*}\">"

desktop="$root/usr/share/applications/$pkg.desktop"
desktop-file-validate "$desktop" && pass "desktop-file-validate" || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$metainfo" >"$work/as.log" 2>&1 \
  && pass "appstreamcli validate --pedantic" || { cat "$work/as.log"; fail "appstreamcli validate"; }
# The three must name each other: metainfo launches the desktop file, whose Icon= is installed.
grep -q "<launchable type=\"desktop-id\">$pkg.desktop</launchable>" "$metainfo" || fail "metainfo does not launch $pkg.desktop"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "Icon=$icon is not installed"
for exec_name in $(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop"); do
  [ -x "$root/usr/bin/$exec_name" ] || fail "Exec=$exec_name is not installed"
done
for size in 16 32 48 64 128 256; do
  png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png"
  file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x${size} PNG"
done
pass "desktop entry, metainfo and icons agree"

if [ "$failures" -ne 0 ]; then
  echo "package-check: $failures failure(s)"; exit 1
fi
echo "package-check: all checks passed"
