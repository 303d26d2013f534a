#!/usr/bin/env bash
# Benchmark of `softbalance events panel` against DuckDB, Polars and pandas (not a test).
#
#   scripts/bench-events.sh [SIZE_MB=200] [RUNS=5]
#
# Generates GDELT 2.0-format events of about SIZE_MB (scripts/bench_events.py: realistic code
# and country frequencies), builds our binary in release mode, runs our panel and the same
# direct aggregation in each peer (pip-installed into a venv under the work folder), checks
# that the numbers are equal, and prints rows/s, MB/s, peak memory (RSS, /usr/bin/time) and
# each tool's time relative to ours. Timings swing between runs on a shared machine, so every
# tool runs RUNS times, interleaved round by round (ours, duckdb, polars, pandas, then again),
# and the table gives the median with the fastest and slowest run beside it; "vs_ours" is the
# ratio of medians. Work folder: $BENCH_DIR (default target-events/bench).
set -euo pipefail

SIZE_MB="${1:-200}"
RUNS="${2:-5}"
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

TOOLS=(ours duckdb polars pandas)
declare -A TIMES MEM
run_tool() {
  if [ "$1" = ours ]; then
    measure "$BIN" events panel "$DATA" --out "$WORK/ours.csv" --threads "$THREADS" --memory-mib 128
  else
    measure "$PY" "$ROOT/scripts/bench_events.py" peer "$1" "$DATA" "$WORK/$1.csv"
  fi
}
for round in $(seq "$RUNS"); do
  for t in "${TOOLS[@]}"; do
    read -r secs kib < <(run_tool "$t")
    TIMES[$t]="${TIMES[$t]:-} $secs"
    # Peak memory: the largest of the runs.
    if [ -z "${MEM[$t]:-}" ] || [ "$kib" -gt "${MEM[$t]}" ]; then MEM[$t]=$kib; fi
    if [ "$round" = 1 ]; then
      if [ "$t" = ours ]; then
        grep "rows read" "$WORK/last.err" || true
      else
        printf '%-7s ' "$t"
        "$PY" "$ROOT/scripts/bench_events.py" compare "$WORK/ours.csv" "$WORK/$t.csv"
      fi
    fi
  done
done

# median, min, max of a list of seconds
stats() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { printf "%s %s %s\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'; }
declare -A MED
for t in "${TOOLS[@]}"; do read -r MED[$t] _ _ < <(stats "${TIMES[$t]}"); done

printf '\n%d rows, %.1f MB of GDELT 2.0 events, %s threads, median of %s runs per tool\n' "$ROWS" "$(echo "$BYTES/1048576" | bc -l)" "$THREADS" "$RUNS"
printf '%-8s %9s %9s %9s %12s %9s %11s %10s\n' tool median fastest slowest rows/s MB/s peak_MiB vs_ours
for t in "${TOOLS[@]}"; do
  read -r med lo hi < <(stats "${TIMES[$t]}")
  printf '%-8s %9.2f %9.2f %9.2f %12.0f %9.1f %11.1f %9.2fx\n' "$t" "$med" "$lo" "$hi" \
    "$(echo "$ROWS/$med" | bc -l)" "$(echo "$BYTES/1048576/$med" | bc -l)" \
    "$(echo "${MEM[$t]}/1024" | bc -l)" "$(echo "$med/${MED[ours]}" | bc -l)"
done
