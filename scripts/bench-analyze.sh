#!/usr/bin/env bash
# Benchmark (not a test): wall time of `softbalance analyze` on the built-in case — loading and
# validating the embedded case, the model, the evidence-level Monte Carlo, the sensitivity
# table and the report — with and without the text coder's agreement block, and the per-year
# timeline. Prints the median and the best of RUNS runs, measured with /usr/bin/time.
# Usage: scripts/bench-analyze.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
cargo build --release -q -p softbalance
bin=${CARGO_TARGET_DIR:-target}/release/softbalance
measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    times+=("$( { /usr/bin/time -f '%e' "$bin" "$@" >/dev/null; } 2>&1 | tail -1)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1 } END { printf "%-62s median %6.0f ms  best %6.0f ms  (%d runs)\n", label, t[int((n + 1) / 2)] * 1000, t[1] * 1000, n }'
}
measure "analyze --no-coder (5,000 draws)" analyze --no-coder
measure "analyze --no-coder --draws 10000" analyze --no-coder --draws 10000
measure "analyze --draws 10000 (coder agreement block included)" analyze --draws 10000
measure "analyze --format markdown --no-coder" analyze --format markdown --no-coder
measure "analyze --by-year (escalation timeline)" analyze --by-year
