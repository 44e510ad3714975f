#!/usr/bin/env bash
# The end-to-end journeys in the real app window: builds the desktop binary
# in the root workspace (it embeds ui/dist), builds this crate's test binary,
# then runs the journeys on a private virtual display (xvfb-run), one at a
# time, each with its own tauri-driver and a fresh data directory.
#
#   tests/e2e/run.sh                 every journey, then the desktop bench once
#   tests/e2e/run.sh notes           the journeys whose name contains "notes"
#   tests/e2e/run.sh desktop         only the desktop bench, once (--smoke)
#   tests/e2e/run.sh a11y            only the AT-SPI check of the real window (tests/a11y)
#
# The desktop benchmark (benches/desktop.rs) runs here once with --smoke —
# one start of the app and of the empty window (tests/floor), two clicks per
# action, debug builds, a tiny generated data dir — so that it keeps
# working; its figures mean nothing. scripts/bench.sh desktop measures.
# It builds its own UI (ui/dist-e2e) and an `e2e` build of the app, whose
# file dialogs the journeys answer (window.__TRELLIS_E2E__). Screenshots of the key steps go to
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
# The journeys answer file dialogs through window.__TRELLIS_E2E__, which
# only a build made for them honours: the page built with VITE_TRELLIS_E2E=1
# (into ui/dist-e2e, so the ui/dist people get stays without the hook) and
# the shell built with its `e2e` cargo feature, pointed at that page by
# TAURI_CONFIG. See src-tauri/src/commands/file.rs.
say "building the UI for the journeys (ui/dist-e2e)"
(cd ui && VITE_TRELLIS_E2E=1 node node_modules/vite/bin/vite.js build --outDir dist-e2e --emptyOutDir)

say "building the app (feature e2e), the empty window, the CLI and the generator (cargo build)"
TAURI_CONFIG='{"build":{"frontendDist":"../ui/dist-e2e"}}' \
  cargo build -p trellis-desktop --features e2e
cargo build -p trellis-floor -p trellis-cli -p trellis-dev
export TRELLIS_E2E_APP="$ROOT/target/debug/trellis-desktop"
export TRELLIS_E2E_SCREENSHOTS="$ROOT/target/e2e-screenshots"

say "building the journeys and the desktop bench"
cargo test --manifest-path "$E2E_DIR/Cargo.toml" --no-run
cargo test --manifest-path "$E2E_DIR/Cargo.toml" --bench desktop --no-run

# A new machine's fonts and nothing else: only DejaVu (Debian 12's base image
# has no other font) and the Noto CJK fonts scripts/setup.sh installs, so that
# a font installed here by hand can never again make the window, and these
# journeys, pass by accident. The app ships its own
# typefaces; this pins what it could fall back to.
fonts_conf="$ROOT/target/e2e-fontconfig/fonts.conf"
mkdir -p "$(dirname "$fonts_conf")"
cat >"$fonts_conf" <<EOF
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <dir>/usr/share/fonts/opentype/noto</dir>
  <cachedir>$ROOT/target/e2e-fontconfig/cache</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
  <selectfont>
    <acceptfont><glob>/usr/share/fonts/truetype/dejavu/*</glob></acceptfont>
    <acceptfont><glob>/usr/share/fonts/opentype/noto/NotoSansCJK*</glob></acceptfont>
    <rejectfont><glob>*</glob></rejectfont>
  </selectfont>
</fontconfig>
EOF
export FONTCONFIG_FILE="$fonts_conf"
say "fonts the app can see: $(fc-list : family 2>/dev/null | sort -u | paste -sd, - || echo '(fc-list missing)')"

# Old screenshots would pass for new ones.
rm -rf "$TRELLIS_E2E_SCREENSHOTS"
mkdir -p "$TRELLIS_E2E_SCREENSHOTS"

if [ "${1:-}" != desktop ] && [ "${1:-}" != a11y ]; then
  say "running the journeys under Xvfb"
  # A screen as large as the largest window a journey sets (2560×1440).
  xvfb-run -a -s "-screen 0 2560x1440x24" \
    cargo test --manifest-path "$E2E_DIR/Cargo.toml" -- --test-threads=1 "$@"
  say "screenshots: $TRELLIS_E2E_SCREENSHOTS"
fi

if [ $# -eq 0 ] || [ "$1" = a11y ]; then
  say "reading the real window's accessibility tree over AT-SPI (tests/a11y)"
  bash "$ROOT/tests/a11y/run.sh" "$TRELLIS_E2E_APP" "$ROOT/target/debug/trellis"
fi

if [ $# -eq 0 ] || [ "$1" = desktop ]; then
  say "running the desktop bench once (--smoke) under Xvfb"
  smoke_data="$ROOT/target/e2e-bench-data"
  rm -rf "$smoke_data" && mkdir -p "$smoke_data"
  target/debug/trellis-dev --data-dir "$smoke_data" generate \
    --scale tiny --seed 1 --until 2026-06-01 > "$smoke_data/generated.json"
  TRELLIS_BENCH_DATA="$smoke_data" TRELLIS_BENCH_OUT="$ROOT/target/e2e-logs" \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test --manifest-path "$E2E_DIR/Cargo.toml" --bench desktop -- --smoke
fi
