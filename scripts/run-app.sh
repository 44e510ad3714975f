#!/usr/bin/env bash
# Builds the UI and the desktop app, then starts it.
#
#   scripts/run-app.sh [--release] [--build-only] [APP ARGS...]
#   scripts/run-app.sh --data-dir /tmp/trellis-try     # a throwaway data dir
#   scripts/run-app.sh --build-only                    # build, print the binary's path
#
# The binary embeds ui/dist (the `custom-protocol` feature is on by default),
# so the UI is built first.
#
# A debug build by default (the first one takes ~5 min on 2 cores, later ones
# seconds); --release optimises (7–12 min from clean). Without a display
# ($DISPLAY / $WAYLAND_DISPLAY unset) the app runs on a virtual X display
# under xvfb-run, where nobody can see it: useful to check that it starts.
set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$TRELLIS_ROOT"

profile=debug
cargo_profile=()
build_only=false
while [ $# -gt 0 ]; do
  case $1 in
    --release) profile=release cargo_profile=(--release) ;;
    --build-only) build_only=true ;;
    *) break ;;
  esac
  shift
done

say() { printf 'run-app: %s\n' "$*"; }

say "building the UI (ui/dist)"
npm --prefix ui run build --silent

say "building the app ($profile)"
cargo build -p trellis-desktop "${cargo_profile[@]}"

app="$TRELLIS_ROOT/target/$profile/trellis-desktop"
if $build_only; then
  say "built $app"
  exit 0
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  say "starting $app $*"
  exec "$app" "$@"
fi
say "no display found: starting on a virtual X display (xvfb-run)."
say "the window is not visible from here; stop the app with Ctrl-C."
exec xvfb-run -a "$app" "$@"
