#!/usr/bin/env bash
# The long form of the crash harness: kills a writing child process with
# SIGKILL at random moments, TRIALS times (default 200), and checks after each
# kill that every acknowledged write is present and the database is intact.
# See docs/crash-safety.md. The short form (5 trials) runs in `cargo test`.
#
#   scripts/crash-harness.sh [TRIALS] [SEED]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export TRELLIS_CRASH_TRIALS="${1:-200}"
if [ -n "${2:-}" ]; then
  export TRELLIS_CRASH_SEED="$2"
fi
exec cargo test -p trellis-core --test core -- \
  --exact safety::crash::every_acknowledged_write_survives_a_kill_at_a_random_moment \
  --nocapture
