#!/usr/bin/env bash
# Runs every check a change must pass, in order, and stops at the first failure:
# Rust format, lints and tests; the UI's type check, lints, tests and build;
# then the end-to-end suite (tests/e2e/run.sh) when there is one.
#
#   scripts/test.sh
set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$TRELLIS_ROOT"

say() { printf 'test: %s\n' "$*"; }

# step NAME COMMAND...: runs COMMAND, prints how long it took, exits on failure.
step() {
  local name=$1 start=$SECONDS status=0
  shift
  say "--- $name"
  "$@" || status=$?
  local elapsed=$((SECONDS - start))
  if [ "$status" -ne 0 ]; then
    say "FAILED: $name (exit $status after ${elapsed}s)"
    exit "$status"
  fi
  say "ok: $name (${elapsed}s)"
}

total_start=$SECONDS

[ -f ui/package.json ] || { say "FAILED: ui/package.json is missing"; exit 1; }
# The UI first: the desktop binary embeds ui/dist, so cargo needs it built.
step "ui: type check" npm --prefix ui run check
step "ui: lint" npm --prefix ui run lint
step "ui: unit tests" npm --prefix ui test
step "ui: build" npm --prefix ui run build

step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
step "cargo test" cargo test --workspace

# Licences, banned crates and sources of every dependency (cargo-deny, see
# deny.toml). Offline: the RustSec advisory database is fetched from GitHub,
# which CI cannot reach; docs/cargo-deny.md says how to run that part.
cargo_deny() {
  if ! command -v cargo-deny >/dev/null; then
    say "cargo-deny: installing (about 8 minutes, once per machine)"
    cargo install cargo-deny --locked --version '^0.20' --quiet
  fi
  cargo deny --offline check --hide-inclusion-graph licenses bans sources
}
step "cargo deny (licences, bans, sources)" cargo_deny

# `cargo test` regenerates the TypeScript bindings of IPC types (ts-rs) and
# the core's reports the UI's test doubles answer with; the committed ones
# must match what the Rust code says.
bindings_fresh() {
  local generated=(ui/src/bindings ui/src/test/doubles/reports ui/src/test/doubles/fixtures)
  git diff --exit-code --stat -- "${generated[@]}" \
    && [ -z "$(git ls-files --others --exclude-standard -- "${generated[@]}")" ] \
    || { say "${generated[*]} are stale: run cargo test and commit them"; return 1; }
}
step "ts bindings and UI fixtures up to date" bindings_fresh

if [ -f tests/e2e/run.sh ]; then
  step "end to end" bash tests/e2e/run.sh
else
  say "no tests/e2e/run.sh: end-to-end suite skipped"
fi

say "all checks passed in $((SECONDS - total_start))s"
