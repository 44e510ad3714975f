#!/usr/bin/env bash
# Run the core benchmarks (criterion) on the heavy dataset and write their
# figures into BENCHMARKS.md, between the "figures" markers.
#
#   bash scripts/bench.sh            # screens and files
#   bash scripts/bench.sh screens    # one of them
#
# The heavy dataset and the 100,000 survey files are generated once into
# target/bench-data (about a minute each) and reused. Run it on a quiet
# machine: another build beside it skews every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(screens files)
data=target/bench-data
mkdir -p "$data"

for b in "${benches[@]}"; do
    echo "== cargo bench --bench $b"
    cargo bench -p trellis-core --bench "$b"
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
    for b in screens files; do
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
