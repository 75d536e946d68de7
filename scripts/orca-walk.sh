#!/usr/bin/env bash
# Runs the Orca screen reader over README's walk (End, ← ×5, Q, Tab… to the Kremlin's
# denial, Tab, Enter, D, Tab ×4) in the real app under Xvfb, and writes what Orca says,
# one utterance a line, from its speech log. Needs orca, at-spi2-core, dbus, xdotool and
# Xvfb (Debian: apt-get install orca dbus xdotool xvfb), and a graphics adapter for the
# window (Mesa's software one will do). tests/e2e_orca.rs runs it.
# Usage: scripts/orca-walk.sh [target/debug/claimline] [speech.txt]
set -euo pipefail
app=$(realpath "${1:-target/debug/claimline}")
out=${2:-/dev/stdout}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export HOME=$work/home XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/config \
    XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
# A free display of our own.
for n in $(seq 140 199); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=:$n; break; fi
done
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY=$display
dbus-run-session -- bash -s "$app" "$work" <<'SESSION'
set -euo pipefail
app=$1 work=$2
log=$work/orca.log
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
sleep 1
for key in IsEnabled ScreenReaderEnabled; do
  dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status "string:$key" variant:boolean:true >/dev/null
done
orca --replace --disable speech --debug-file="$log" >/dev/null 2>&1 &
# Orca listens once it has registered for focus events. Its speech is off (with no audio
# device it would hang); the debug log still records every phrase it would say.
for _ in $(seq 1 100); do grep -q "registering listener for: object:state-changed:focused" "$log" 2>/dev/null && break; sleep 0.2; done
sleep 1
"$app" --size 1400x900 >/dev/null 2>&1 &
window=""
for _ in $(seq 1 150); do
  window=$(xdotool search --onlyvisible --name 'Claimline' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.2
done
[ -n "$window" ] || { echo "the app's window never appeared" >&2; exit 1; }
# Until Orca has been told the window has the focus.
for _ in $(seq 1 50); do
  xdotool windowactivate --sync "$window" >/dev/null 2>&1 || xdotool windowfocus "$window" >/dev/null 2>&1 || true
  grep -q "Claimline frame" "$log" && break
  sleep 0.2
done
# The pointer out of the way: Orca's mouse review would read what moves under it.
xdotool mousemove 0 0
sleep 1
press() { xdotool key --window "$window" "$1"; sleep 1.5; }
press End
for _ in 1 2 3 4 5; do press Left; done
press q
# Tab through the other three quotes, two sources, the section's header and the
# Kremlin's denial to its Go to button: 8 stops, as tests/ui_access.rs counts them.
# (Orca's log is written in bursts, so the walk cannot wait on what it said.)
for _ in $(seq 1 8); do press Tab; done
press Return
press d
for _ in 1 2 3 4; do press Tab; done
# Orca's log reaches its file in buffered bursts: ask Orca where we are (KP_Enter, its
# own key, which the app never sees) until what it said last is in the file, or 20 s.
sleep 1
for _ in $(seq 1 20); do
  grep -aq "SPEECH OUTPUT: 'Won't say" "$log" && break
  xdotool key --window "$window" KP_Enter
  sleep 1
done
# Orca writes its log in bursts: stop it as it would stop itself, so it writes the rest.
pkill -INT -f "orca --replace" || true
for _ in $(seq 1 100); do pgrep -f "orca --replace" >/dev/null || break; sleep 0.2; done
SESSION
grep -a "SPEECH OUTPUT:" "$work/orca.log" | sed -e "s/^.*SPEECH OUTPUT: '//" -e "s/'{'established'.*\$//" > "$out"
