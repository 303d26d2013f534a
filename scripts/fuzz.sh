#!/usr/bin/env bash
# Fuzz every cargo-fuzz target in fuzz/ for a shared time budget (not a test, not run in CI).
#
#   scripts/fuzz.sh [SECONDS=600] [TARGET...]
#
# SECONDS is the total: each target gets an equal share (libFuzzer's -max_total_time), so
# `scripts/fuzz.sh 1800` is done in about 30 minutes plus one build. Needs the nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The fuzz crate is outside the
# workspace and builds softbalance-events without DataFusion (feature `engine` off), into
# fuzz/target. Seeds come from the in-repo fixtures (fuzz/seeds.py → fuzz/corpus/TARGET/);
# the corpus grows across runs. A crash, timeout or out-of-memory input is saved under
# fuzz/artifacts/TARGET/ and the target restarts for the rest of its share; each finding
# should become a regression test (docs/events.md, "Fuzzing").
#
# Prints, per target: seconds, executions, corpus size and findings (the artifact files).
set -uo pipefail

TOTAL="${1:-600}"
shift || true
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT/fuzz"
ALL=(case_load events_gdelt1 events_gdelt2 events_icews events_polecat events_detect coder_text coder_jsonl)
TARGETS=("${@:-${ALL[@]}}")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=("${ALL[@]}")
# Per-input limits: an input that runs 10 s or needs 2 GiB is a finding, as is a panic.
FLAGS=(-timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1)

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2; exit 2; }
python3 seeds.py || { echo "could not build the seed corpora (fuzz/seeds.py)" >&2; exit 2; }
echo "building the fuzz targets (nightly, fuzz/target) ..." >&2
cargo +nightly fuzz build >/dev/null 2>fuzz-build.log || { cat fuzz-build.log >&2; exit 2; }
rm -f fuzz-build.log
# Run the binaries built above directly: `cargo fuzz run` would rebuild (inside a target's
# share) whenever a source file changed since the build.
HOST=$(rustc +nightly -vV | sed -n 's/^host: //p')
BIN="target/$HOST/release"
mkdir -p artifacts logs

SUMMARY=()
DEADLINE=$(( $(date +%s) + TOTAL ))
i=0
for t in "${TARGETS[@]}"; do
  # An equal share of what is left (start-up and restarts eat into the budget, not past it).
  SHARE=$(( (DEADLINE - $(date +%s)) / (${#TARGETS[@]} - i) - 3 ))
  [ "$SHARE" -ge 1 ] || SHARE=1
  i=$((i + 1))
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(ls "artifacts/$t" | wc -l)
  left=$SHARE execs=0 runs=0 start=$(date +%s)
  # Restart after a finding until the share is used (at most 5 findings per target).
  while [ "$left" -gt 0 ] && [ "$runs" -lt 5 ]; do
    runs=$((runs + 1))
    log="logs/$t.$runs.log"
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_odr_violation=0}" "$BIN/$t" -artifact_prefix="artifacts/$t/" \
      "${FLAGS[@]}" -max_total_time="$left" "corpus/$t" >"$log" 2>&1
    rc=$?
    n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    [ -n "$n" ] || n=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    execs=$((execs + ${n:-0}))
    [ "$rc" -eq 0 ] && break
    grep -m1 -E 'panicked at|ERROR: libFuzzer' "$log" | sed "s/^/  $t: /" >&2
    left=$(( SHARE - ($(date +%s) - start) ))
  done
  secs=$(( $(date +%s) - start ))
  found=$(( $(ls "artifacts/$t" | wc -l) - before ))
  corpus=$(ls "corpus/$t" | wc -l)
  SUMMARY+=("$(printf '%-16s %6ss %12s execs %6s corpus %3s new findings' "$t" "$secs" "$execs" "$corpus" "$found")")
  echo "${SUMMARY[-1]}" >&2
done

echo
echo "fuzzing: ${#TARGETS[@]} targets sharing a budget of ${TOTAL}s"
printf '%s\n' "${SUMMARY[@]}"
echo "findings (all runs so far, fuzz/artifacts/):"
find artifacts -type f | sort | sed 's/^/  /'
echo "reproduce: cd fuzz && cargo +nightly fuzz run TARGET ARTIFACT; minimise: cargo +nightly fuzz tmin TARGET ARTIFACT"
