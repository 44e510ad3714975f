#!/usr/bin/env bash
# The real window's accessibility tree, as Orca reads it (issue 19): starts a
# private X display, a D-Bus session with the accessibility bus, the app on a
# fresh data dir holding the sample pair (made with the CLI), and runs
# atspi_check.py against it, then keyboard_journey.py (a pair, a meeting and
# a note made with key presses alone, heard over AT-SPI). Called by tests/e2e/run.sh after the journeys,
# with the same binaries and the same fonts.
#
#   tests/a11y/run.sh APP_BINARY CLI_BINARY
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app=${1:?usage: run.sh APP_BINARY CLI_BINARY}
cli=${2:?usage: run.sh APP_BINARY CLI_BINARY}

for tool in Xvfb xdotool dbus-run-session /usr/libexec/at-spi-bus-launcher; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] || {
    echo "a11y: $tool is missing: run scripts/setup.sh" >&2
    exit 1
  }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || {
  echo "a11y: python3-pyatspi is missing: run scripts/setup.sh" >&2
  exit 1
}

work=$(mktemp -d /tmp/trellis-a11y-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$cli" --data-dir "$work/data" pair sample >/dev/null
partner=$("$cli" --json --data-dir "$work/data" pair list | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["partnerName"])')

export TRELLIS_A11Y_APP=$app TRELLIS_A11Y_CLI=$cli TRELLIS_A11Y_DATA=$work/data TRELLIS_A11Y_PARTNER=$partner TRELLIS_A11Y_LOG=$work/app.log
status=0
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  launcher=$!
  # GTK loads the bridge to the accessibility bus (libatk-adaptor) itself once the bus is up.
  "$TRELLIS_A11Y_APP" --data-dir "$TRELLIS_A11Y_DATA" >"$TRELLIS_A11Y_LOG" 2>&1 &
  app=$!
  status=0
  /usr/bin/python3 '"$here"'/atspi_check.py "$TRELLIS_A11Y_PARTNER" || status=$?
  if [ "$status" -eq 0 ]; then
    /usr/bin/python3 '"$here"'/keyboard_journey.py "$TRELLIS_A11Y_CLI" "$TRELLIS_A11Y_DATA" || status=$?
  fi
  kill -TERM "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  kill "$launcher" 2>/dev/null || true
  exit $status
' || status=$?
if [ "$status" -ne 0 ]; then
  echo "a11y: the app's output:" >&2
  tail -20 "$work/app.log" >&2 || true
fi
exit "$status"
