#!/usr/bin/env bash
# Installs every Debian 12 package the build, the tests, the screenshots and the package need.
# Idempotent and quiet when everything is already there. Needs root (or sudo) only when
# something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev
  qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-charts-dev qt6-svg-dev qt6-l10n-tools
  qtkeychain-qt6-dev nlohmann-json3-dev libssl-dev
  libdtl-dev
  libgl-dev
  qt6-qpa-plugins libqt6svg6 qt6-image-formats-plugins
  # the history file: the Qt SQL SQLite driver is a plugin, which dpkg-shlibdeps cannot see
  libqt6sql6-sqlite
  xvfb xauth imagemagick fonts-dejavu-core
  # tst_tray_watch: a system tray host on its Xvfb display (tests/widgets/with-tray.sh)
  trayer
  # a keychain for the tests (tst_cli_signin): a private D-Bus session with gnome-keyring's
  # Secret Service, which QtKeychain reaches through libsecret
  dbus-daemon dbus-bin gnome-keyring libsecret-1-0
  dpkg-dev file lintian appstream desktop-file-utils
  wrk jq curl ca-certificates ccache librsvg2-bin openssl
  clang libclang-rt-14-dev
  # the linker of both builds (CMakeLists.txt, FMC_USE_LLD): GNU ld spent a quarter of a cold
  # build's CPU linking the hundred test executables
  lld
  # Sanitizer job and fuzz smoke (.ci/run): libclang-rt-14-dev has the ASan/UBSan runtimes and
  # libFuzzer (libclang_rt.fuzzer-x86_64.a); llvm puts llvm-symbolizer on PATH, without which
  # sanitizer reports carry bare addresses instead of file:line.
  llvm
)

# Node.js and npm run the contract checker (Prism). Some images ship a newer Node.js than Debian's;
# Debian's npm package conflicts with it, so only ask for Debian's when there is none.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
