#!/usr/bin/env bash
# Benchmark (not a test): wall time of `softbalance analyze` on the built-in case, including
# loading and validating the embedded case, the model and the 5,000-draw Monte Carlo.
# Usage: scripts/bench-analyze.sh [RUNS]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release -q -p softbalance
bin=target/release/softbalance
for fmt in text json markdown; do
  best=999999; total=0
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$bin" analyze --no-coder --format "$fmt" >/dev/null; e=$(date +%s%N)
    ms=$(( (e - s) / 1000 )); total=$((total + ms)); (( ms < best )) && best=$ms
  done
  printf 'analyze --format %-8s (no coder)  mean %6.2f ms  best %6.2f ms  over %d runs\n' "$fmt" "$(echo "$total / $runs / 1000" | bc -l)" "$(echo "$best / 1000" | bc -l)" "$runs"
done
best=999999; total=0
for _ in $(seq "$runs"); do
  s=$(date +%s%N); "$bin" analyze --format json >/dev/null; e=$(date +%s%N)
  ms=$(( (e - s) / 1000 )); total=$((total + ms)); (( ms < best )) && best=$ms
done
printf 'analyze --format json     (with coder) mean %6.2f ms  best %6.2f ms  over %d runs\n' "$(echo "$total / $runs / 1000" | bc -l)" "$(echo "$best / 1000" | bc -l)" "$runs"
s=$(date +%s%N); "$bin" analyze --no-coder --draws 100000 --format json >/dev/null; e=$(date +%s%N)
printf 'analyze with 100,000 Monte Carlo draws: %.1f ms\n' "$(echo "($e - $s) / 1000000" | bc -l)"
