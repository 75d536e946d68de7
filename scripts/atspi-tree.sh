#!/usr/bin/env bash
# Prints what a screen reader (Orca, or any AT-SPI client) is told about the running
# app: its accessibility tree as AT-SPI exposes it, with focused and pressed states.
# Runs the app on its own session bus with AT-SPI switched on. Needs at-spi2-core,
# python3-pyatspi and a display (DISPLAY, e.g. Xvfb :99). Usage:
#   DISPLAY=:99 dbus-run-session -- scripts/atspi-tree.sh [target/debug/claimline] [ARGS…]
set -euo pipefail
app=${1:-target/debug/claimline}
shift || true
/usr/libexec/at-spi-bus-launcher --launch-immediately &
launcher=$!
sleep 1
for key in IsEnabled ScreenReaderEnabled; do
  dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status "string:$key" variant:boolean:true >/dev/null
done
"$app" "$@" &
pid=$!
trap 'kill $pid $launcher 2>/dev/null || true' EXIT
sleep "${ATSPI_WAIT:-8}"
/usr/bin/python3 - <<'PY'
import pyatspi

def walk(node, depth):
    try:
        states = node.getState().getStates()
        flags = [n for s, n in ((pyatspi.STATE_FOCUSED, "focused"), (pyatspi.STATE_PRESSED, "pressed")) if s in states]
        print("  " * depth + f"[{node.getRoleName()}] {node.name!r} {' '.join(flags)}".rstrip())
    except Exception:
        return
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), depth + 1)

desktop = pyatspi.Registry.getDesktop(0)
for i in range(desktop.childCount):
    walk(desktop.getChildAtIndex(i), 0)
PY
