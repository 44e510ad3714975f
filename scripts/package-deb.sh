#!/usr/bin/env bash
# Builds the Debian package (.deb) with the Tauri bundler: the app, its
# desktop entry and icons. AppImage bundling downloads tools and cannot work
# offline, so only `deb` is built.
#
#   scripts/package-deb.sh            # release build (7–12 min from cold)
#   scripts/package-deb.sh --debug    # quicker, unoptimised
set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$TRELLIS_ROOT"

# The Tauri CLI from npm installs a prebuilt binary in seconds
# (`cargo install tauri-cli` takes ~15 minutes here).
npm exec --yes --package=@tauri-apps/cli@2 -- tauri build --bundles deb "$@"
ls -l target/*/bundle/deb/*.deb
