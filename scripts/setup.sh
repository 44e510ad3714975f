#!/usr/bin/env bash
# Installs what Trellis needs to build, run and test, and skips whatever is
# already there, so running it twice is cheap (a few seconds) and safe.
#
# For a fresh Debian 12 without a display, run as root (or with sudo):
#   scripts/setup.sh
# The other scripts source it (`source scripts/setup.sh`), which also puts
# ~/.cargo/bin on their PATH.
#
# Installs: the system libraries for Tauri/WebKitGTK, OpenSSL and D-Bus (SQLCipher
# and the keyring), Xvfb and WebKitWebDriver
# for headless runs, ImageMagick and x11-utils for screenshots, Rust (rustup)
# if cargo is missing, Node if node is missing, tauri-driver, and the UI's npm
# packages when they are missing or older than ui/package-lock.json.
set -euo pipefail

TRELLIS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TRELLIS_ROOT

# The UI's toolchain (vite 7) needs Node 20.19 or newer; see ui/package.json "engines".
TRELLIS_MIN_NODE=20.19

TRELLIS_APT_PACKAGES=(
  # Tauri 2 on Linux: WebKitGTK 4.1 and a C toolchain.
  libwebkit2gtk-4.1-dev build-essential pkg-config
  # Encryption at rest, in the core and the CLI too: SQLCipher (bundled, C)
  # links the system's OpenSSL libcrypto, and the keyring crate talks to the
  # Secret Service through libdbus (WebKitGTK also pulls it in, but the CLI
  # alone needs it).
  libssl-dev libdbus-1-dev
  # The tray icon (reminders with the window closed): the StatusNotifier
  # library Tauri's tray-icon loads on Linux.
  libayatana-appindicator3-dev
  # Headless runs and end-to-end tests: a virtual display and the WebDriver server.
  xvfb xauth webkit2gtk-driver
  # Reading the real window's accessibility tree as Orca does (tests/a11y):
  # pyatspi, GTK's bridge to the accessibility bus, the bus itself.
  python3-pyatspi libatk-adaptor at-spi2-core dbus
  # Looking at the app: screenshots (import) and window queries (xwininfo).
  imagemagick x11-utils xdotool
  # Fetching rustup when cargo is missing.
  curl ca-certificates
  # Listing the fonts the end-to-end run pins (fc-list; on a new machine already).
  fontconfig
  # Chinese and Korean in the window: Inter (the app's typeface) has no Han or
  # Hangul, so app.css falls back to Noto Sans CJK for zh-CN and ko.
  fonts-noto-cjk
)
# Fonts: the app ships its own Latin typefaces (ui: @fontsource-variable); the
# end-to-end run sees only DejaVu, which every Debian 12 machine has, and the
# Noto CJK fonts installed above.
# scripts/fresh-machine.sh (the proof on a clean Debian root) installs
# debootstrap for itself; nothing the README's two commands run needs it.

setup_say() { printf 'setup: %s\n' "$*"; }
setup_die() {
  printf 'setup: error: %s\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, else through sudo.
setup_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    setup_die "need root to run: $* (run this script as root)"
  fi
}

setup_is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

setup_apt() {
  local missing=() pkg
  for pkg in "${TRELLIS_APT_PACKAGES[@]}"; do
    setup_is_installed "$pkg" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    setup_say "system packages: all present"
    return
  fi
  setup_say "system packages: installing ${missing[*]}"
  setup_as_root apt-get update -qq
  setup_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_rust() {
  case ":$PATH:" in
    *":$HOME/.cargo/bin:"*) ;;
    *) export PATH="$HOME/.cargo/bin:$PATH" ;;
  esac
  if command -v cargo >/dev/null; then
    setup_say "rust: $(cargo --version)"
    return
  fi
  setup_say "rust: cargo missing, installing the stable toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs \
    | sh -s -- -y --profile minimal -c clippy -c rustfmt >/dev/null
  command -v cargo >/dev/null || setup_die "rustup ran but cargo is still missing"
  setup_say "rust: $(cargo --version)"
}

# True when version $1 (like v20.20.2) is at least $2 (like 20.19).
setup_version_at_least() {
  local have=${1#v} want=$2
  [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n1)" = "$want" ]
}

setup_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    setup_say "node: missing, installing Debian's nodejs and npm"
    setup_as_root apt-get update -qq
    setup_as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  local version
  version=$(node --version)
  if setup_version_at_least "$version" "$TRELLIS_MIN_NODE"; then
    setup_say "node: $version"
  else
    # Debian 12 ships Node 18: too old for vite 7. Say so loudly, but let the
    # Rust side (build, tests) go on.
    setup_say "WARNING: node $version is older than $TRELLIS_MIN_NODE; the UI will not build." \
      "Install Node $TRELLIS_MIN_NODE or newer (for example Node 20 LTS) and run this again."
  fi
}

setup_tauri_driver() {
  if command -v tauri-driver >/dev/null; then
    setup_say "tauri-driver: present"
    return
  fi
  setup_say "tauri-driver: installing (about a minute)"
  cargo install tauri-driver --locked --version '^2' --quiet
}

setup_ui_packages() {
  local ui="$TRELLIS_ROOT/ui"
  if [ ! -f "$ui/package.json" ]; then
    setup_say "ui: no ui/package.json yet, skipping npm packages"
    return
  fi
  # npm rewrites node_modules/.package-lock.json on every install.
  if [ -f "$ui/node_modules/.package-lock.json" ] \
    && [ ! "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
    setup_say "ui: npm packages up to date"
    return
  fi
  setup_say "ui: installing npm packages (npm ci)"
  npm --prefix "$ui" ci --no-audit --no-fund --loglevel=error \
    || setup_die "npm ci failed in ui/ (if it says the lock file is out of sync," \
      "run npm install in ui/ and commit ui/package-lock.json)"
}

trellis_setup() {
  setup_apt
  setup_rust
  setup_node
  setup_tauri_driver
  setup_ui_packages
}

# Sourced by run-app.sh and test.sh, or run directly; once per shell either way.
if [ -z "${TRELLIS_SETUP_DONE:-}" ]; then
  trellis_setup
  export TRELLIS_SETUP_DONE=1
fi
