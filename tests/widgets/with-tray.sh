#!/bin/sh
# Runs a test executable with a system tray: its own X server (xvfb-run) and a tray host
# (trayer, Debian package trayer) on it, so that QSystemTrayIcon finds a tray. Without xvfb-run
# or trayer it runs the test as it is (offscreen), and the test skips, saying why.
#   with-tray.sh <test executable> [arguments...]
set -u
if [ "${1:-}" = "--on-display" ]; then
    shift
    # No session bus: Qt then shows the icon through XEmbed on trayer, not through a
    # StatusNotifier host that this display does not have.
    unset DBUS_SESSION_BUS_ADDRESS
    trayer --align right --widthtype request --expand false >/dev/null 2>&1 &
    tray=$!
    QT_QPA_PLATFORM=xcb "$@"
    status=$?
    kill "$tray" 2>/dev/null
    wait "$tray" 2>/dev/null
    exit "$status"
fi
if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v trayer >/dev/null 2>&1; then
    echo "with-tray.sh: xvfb-run or trayer is missing (Debian: apt install xvfb xauth trayer); running offscreen" >&2
    exec "$@"
fi
exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" --on-display "$@"
