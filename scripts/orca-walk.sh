#!/usr/bin/env bash
# Runs the Orca screen reader over README's walk (End, ← ×5, Q, Tab…, Enter, D, Tab…)
# in the real app under Xvfb and prints what Orca says, from its speech log. Needs
# orca, at-spi2-core, xdotool and Xvfb (Debian: apt-get install orca xdotool xvfb).
# Usage: scripts/orca-walk.sh [target/debug/claimline] [speech.txt]
set -euo pipefail
app=$(realpath "${1:-target/debug/claimline}")
out=${2:-/dev/stdout}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export HOME=$work/home XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME" "$XDG_CONFIG_HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp &
sleep 1
export DISPLAY=$display
dbus-run-session -- bash -s "$app" "$work" <<'SESSION'
set -euo pipefail
app=$1 work=$2
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 1
for key in IsEnabled ScreenReaderEnabled; do
  dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status "string:$key" variant:boolean:true >/dev/null
done
orca --replace --debug-file="$work/orca.log" >/dev/null 2>&1 &
sleep 4
"$app" --size 1400x900 >/dev/null 2>&1 &
sleep 6
window=$(xdotool search --name 'Claimline' | head -1)
xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
# The pointer out of the way: Orca's mouse review would read what moves under it.
xdotool mousemove 0 0
sleep 1
press() { xdotool key --window "$window" "$1"; sleep 1.2; }
said() { grep -a "SPEECH OUTPUT:" "$work/orca.log" | tail -n 3; }
press End
for _ in 1 2 3 4 5; do press Left; done
press q
# Tab through the quotes and sources until Orca says the Kremlin's denial.
for _ in $(seq 1 15); do
  press Tab
  if said | grep -q "'Denied by: Kremlin denies"; then break; fi
done
press Tab
press Return
press d
for _ in 1 2 3 4; do press Tab; done
sleep 1
SESSION
grep -a "SPEECH OUTPUT:" "$work/orca.log" | sed "s/^.*SPEECH OUTPUT: //" > "$out"
