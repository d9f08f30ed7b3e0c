#!/usr/bin/env bash
# Renders the screenshots of the README and of the AppStream metainfo into docs/screenshots/:
# builds fmc-screenshots and runs it under a real X server (Xvfb), where it opens each window with
# the demo data of an in-process fabric-sandbox and grabs it once the data is shown.
#
#   scripts/screenshots.sh [NAME...]      e.g. scripts/screenshots.sh main-window dashboard-many
#
# Without names it also renders the main window and the dashboard with a dark palette
# (NAME-dark.png) and at 200 % (NAME-200.png): look at those for colours that a dark theme makes
# unreadable and for blurry icons.
#
# Look at every picture before committing it. Needs xvfb, xauth and fonts-dejavu-core (installed
# by packaging/install-deps.sh). FMC_BUILD_DIR and FMC_JOBS as for scripts/build.sh;
# FMC_SCREENSHOT_DIR writes elsewhere than docs/screenshots/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FMC_BUILD_DIR:-$root/build}"
out="${FMC_SCREENSHOT_DIR:-$root/docs/screenshots}"

if [ ! -f "$build/CMakeCache.txt" ]; then
  bash "$root/scripts/build.sh"
fi
cmake --build "$build" -j"${FMC_JOBS:-2}" --target fmc-screenshots
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run not found (Debian: apt install xvfb xauth)"; exit 1; }

# A fixed DPI and no desktop settings, so that the pictures are the same on every machine.
render() {
  xvfb-run -a -s "-screen 0 1920x1200x24 -dpi 96" \
    env -u QT_QPA_PLATFORM -u QT_SCALE_FACTOR -u QT_STYLE_OVERRIDE QT_QPA_PLATFORM=xcb QT_FONT_DPI=96 \
        LC_ALL=C.UTF-8 TZ=UTC "$build/tests/screenshots/fmc-screenshots" "$@"
}
render "$out" "$@"
if [ $# -eq 0 ]; then
  render --dark "$out" main-window dashboard-one dashboard-many
  render --scale 2 "$out" main-window dashboard-one
fi
echo "screenshots: written to $out; look at each before committing"
