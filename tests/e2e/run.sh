#!/usr/bin/env bash
# The end-to-end journeys in the real app window: builds the desktop binary
# in the root workspace (it embeds ui/dist), builds this crate's test binary,
# then runs the journeys on a private virtual display (xvfb-run), one at a
# time, each with its own tauri-driver and a fresh data directory.
#
#   tests/e2e/run.sh                 every journey
#   tests/e2e/run.sh notes           the journeys whose name contains "notes"
#
# scripts/test.sh calls it after building ui/dist; run alone, it builds the
# UI only when ui/dist is missing. Screenshots of the key steps go to
# target/e2e-screenshots/<journey>-<step>.png, tauri-driver's output to
# target/e2e-logs/. Needs tauri-driver, WebKitWebDriver and xvfb-run
# (scripts/setup.sh installs them).
set -euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$E2E_DIR/../.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'e2e: %s\n' "$*"; }
die() {
  printf 'e2e: error: %s\n' "$*" >&2
  exit 1
}

for tool in tauri-driver WebKitWebDriver xvfb-run; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/setup.sh"
done

cd "$ROOT"
if [ ! -f ui/dist/index.html ]; then
  say "ui/dist is missing: building the UI"
  npm --prefix ui run build
fi

say "building the app (cargo build -p trellis-desktop)"
cargo build -p trellis-desktop
export TRELLIS_E2E_APP="$ROOT/target/debug/trellis-desktop"
export TRELLIS_E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots"

say "building the journeys"
cargo test --manifest-path "$E2E_DIR/Cargo.toml" --no-run

# Old screenshots would pass for new ones.
rm -rf "$TRELLIS_E2E_SCREENSHOTS"
mkdir -p "$TRELLIS_E2E_SCREENSHOTS"

say "running the journeys under Xvfb"
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --manifest-path "$E2E_DIR/Cargo.toml" -- --test-threads=1 "$@"
say "screenshots: $TRELLIS_E2E_SCREENSHOTS"
