#!/usr/bin/env bash
# Benchmark of `softbalance events panel` against DuckDB, Polars and pandas (not a test).
#
#   scripts/bench-events.sh [SIZE_MB=200]
#
# Generates GDELT 2.0-format events of about SIZE_MB (scripts/bench_events.py: realistic code
# and country frequencies), builds our binary in release mode, runs our panel and the same
# direct aggregation in each peer (pip-installed into a venv under the work folder), checks
# that the numbers are equal, and prints rows/s, MB/s, peak memory (RSS, /usr/bin/time) and
# each tool's time relative to ours. Work folder: $BENCH_DIR (default target-events/bench).
set -euo pipefail

SIZE_MB="${1:-200}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target-events}"
WORK="${BENCH_DIR:-$CARGO_TARGET_DIR/bench}"
THREADS="${THREADS:-2}"
mkdir -p "$WORK"
PY="$WORK/venv/bin/python"

if ! command -v /usr/bin/time >/dev/null; then
  echo "bench: /usr/bin/time is needed (apt-get install time)" >&2
  exit 1
fi

if [ ! -x "$PY" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet duckdb polars pandas
fi

DATA="$WORK/gdelt2-${SIZE_MB}mb.export.CSV"
if [ ! -f "$DATA" ]; then
  echo "bench: generating $DATA"
  "$PY" "$ROOT/scripts/bench_events.py" generate "$DATA" "$SIZE_MB"
fi
ROWS=$(wc -l < "$DATA")
BYTES=$(stat -c %s "$DATA")

echo "bench: building softbalance (release, features events)"
(cd "$ROOT" && cargo build --release -q -p softbalance --features events)
BIN="$CARGO_TARGET_DIR/release/softbalance"

# Run a command under /usr/bin/time; print "seconds peak_kib".
measure() {
  local log="$WORK/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || {
    cat "$WORK/last.err" >&2
    return 1
  }
  cat "$log"
}

declare -A SECS MEM
read -r SECS[ours] MEM[ours] < <(measure "$BIN" events panel "$DATA" --out "$WORK/ours.csv" \
  --threads "$THREADS" --memory-mib 128)
grep "rows read" "$WORK/last.err" || true
for peer in duckdb polars pandas; do
  read -r SECS[$peer] MEM[$peer] < <(measure "$PY" "$ROOT/scripts/bench_events.py" peer "$peer" "$DATA" "$WORK/$peer.csv")
  printf '%-7s ' "$peer"
  "$PY" "$ROOT/scripts/bench_events.py" compare "$WORK/ours.csv" "$WORK/$peer.csv"
done

printf '\n%d rows, %.1f MB of GDELT 2.0 events, %s threads\n' "$ROWS" "$(echo "$BYTES/1048576" | bc -l)" "$THREADS"
printf '%-8s %9s %12s %9s %11s %10s\n' tool seconds rows/s MB/s peak_MiB vs_ours
for t in ours duckdb polars pandas; do
  s=${SECS[$t]}
  printf '%-8s %9.2f %12.0f %9.1f %11.1f %9.2fx\n' "$t" "$s" \
    "$(echo "$ROWS/$s" | bc -l)" "$(echo "$BYTES/1048576/$s" | bc -l)" \
    "$(echo "${MEM[$t]}/1024" | bc -l)" "$(echo "$s/${SECS[ours]}" | bc -l)"
done
