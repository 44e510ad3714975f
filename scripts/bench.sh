#!/usr/bin/env bash
# Run the benchmarks on the heavy dataset and write their figures into
# BENCHMARKS.md, between the "figures" markers:
#   screens, files  the core's criterion benches (crates/trellis-core/benches)
#   desktop         the release app beside an empty Tauri window under Xvfb
#                   (tests/e2e/benches/desktop.rs, tests/floor)
#
#   bash scripts/bench.sh                  # all three
#   bash scripts/bench.sh screens desktop  # some of them
#
# The heavy dataset and the 100,000 survey files are generated once into
# target/bench-data (about a minute each) and reused; the desktop part
# builds both binaries in release (about 10 minutes the first time) and
# drops the page cache before each start (root only). Run it on a quiet
# machine: another build beside it skews every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(screens files desktop)
data=target/bench-data
mkdir -p "$data"

# The heavy data dir for the desktop, generated once per schema (the number
# of migrations) and copied fresh for every run, since the run writes notes.
desktop() {
    echo "== building the UI, the app, the empty window and the generator (release)"
    npm --prefix ui run build
    cargo build --release -p trellis-desktop -p trellis-floor -p trellis-cli -p trellis-dev
    local schema heavy
    schema=$(find crates/trellis-core/migrations -name '*.sql' | wc -l)
    heavy="$data/desktop-heavy-seed1-2026-06-01-schema$schema"
    if [ ! -f "$heavy/generated.json" ]; then
        echo "== generating the heavy data dir into $heavy (about a minute)"
        rm -rf "$heavy" && mkdir -p "$heavy"
        target/release/trellis-dev --data-dir "$heavy" generate \
            --scale heavy --seed 1 --until 2026-06-01 > "$heavy/generated.json.part"
        mv "$heavy/generated.json.part" "$heavy/generated.json"
    fi
    rm -rf "$data/desktop-data"
    cp -r "$heavy" "$data/desktop-data"
    echo "== cargo bench --bench desktop (under Xvfb)"
    TRELLIS_BENCH_DATA="$PWD/$data/desktop-data" xvfb-run -a -s "-screen 0 1280x800x24" \
        cargo bench --manifest-path tests/e2e/Cargo.toml --bench desktop
}

for b in "${benches[@]}"; do
    case $b in
        screens | files)
            echo "== cargo bench --bench $b"
            cargo bench -p trellis-core --bench "$b"
            ;;
        desktop) desktop ;;
        *) echo "unknown bench $b (screens, files or desktop)" >&2; exit 2 ;;
    esac
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
{
    echo "Measured $(date -u +%Y-%m-%d) at commit $(git describe --always --dirty 2>/dev/null || echo '?')"
    echo "on $(nproc) cores ($cpu), $mem of memory, $(rustc --version)."
    echo "Median and p99 are of single calls timed one by one after warm-up,"
    echo "Trellis and its baseline in turns of 20 calls; ratio = Trellis median /"
    echo "baseline median. Criterion's own estimates are in target/criterion."
    echo
    for b in screens files desktop; do
        if [ -f "$data/$b.md" ]; then
            echo "### $b"
            echo
            cat "$data/$b.md"
            echo
        fi
    done
} > "$data/figures.md"

if grep -q '<!-- figures:begin -->' BENCHMARKS.md; then
    awk -v f="$data/figures.md" '
        /<!-- figures:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
        /<!-- figures:end -->/ { skip = 0 }
        !skip { print }
    ' BENCHMARKS.md > "$data/BENCHMARKS.md.new"
    mv "$data/BENCHMARKS.md.new" BENCHMARKS.md
    echo "== figures written into BENCHMARKS.md"
else
    echo "== no figures markers in BENCHMARKS.md; figures are in $data/figures.md"
fi
