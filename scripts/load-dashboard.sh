#!/usr/bin/env bash
# Load test of the dashboard's what-if API (not a test in CI): builds the release binary with
# the `dashboard` feature, starts `softbalance serve` on a free loopback port, drives
# POST /api/cases/us-china-ai/whatif (a change that flips the prediction: 1,000-draw recompute
# on every request) with wrk for a bounded time at a stated concurrency, and prints
# requests/s, p50/p99 latency and errors. Then GET /api/cases as a baseline for the server
# itself.
#
#   scripts/load-dashboard.sh [SECONDS] [CONNECTIONS] [THREADS]     # defaults: 20 4 2
#
# Needs wrk (apt-get install -y wrk). Figures and the machine they came from: docs/dashboard.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
conns=${2:-4}
threads=${3:-2}
command -v wrk >/dev/null || { echo "load-dashboard.sh: wrk not found; install it with: apt-get install -y wrk" >&2; exit 2; }

cargo build --release -q -p softbalance --features dashboard
target=${CARGO_TARGET_DIR:-target}
bin="$target/release/softbalance"

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" serve --addr 127.0.0.1:0 2>"$work/serve.log" &
pid=$!
for _ in $(seq 1 300); do
  grep -q 'serving' "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
addr=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
[ -n "$addr" ] || { echo "load-dashboard.sh: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

cat >"$work/whatif.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"sets":["threat.thresholds.severe=0.6"]}'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d non_2xx_3xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
cp "$work/whatif.lua" "$work/get.lua"
sed -i -e '/^wrk.method/d' -e '/^wrk.body/d' -e '/^wrk.headers/d' "$work/get.lua"

# one request first: the answer must be the flipped prediction, or the figures mean nothing
if command -v curl >/dev/null; then
  curl -sf -X POST -H 'content-type: application/json' -d '{"sets":["threat.thresholds.severe=0.6"]}' \
    "$addr/api/cases/us-china-ai/whatif" | grep -q '"response":"hard"' \
    || { echo "load-dashboard.sh: the what-if did not answer hard balancing" >&2; exit 1; }
fi
echo "server: $addr (pid $pid) · machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "what-if: POST $addr/api/cases/us-china-ai/whatif {\"sets\":[\"threat.thresholds.severe=0.6\"]}, ${secs} s, ${conns} connections, ${threads} threads"
wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$work/whatif.lua" "$addr/api/cases/us-china-ai/whatif" | grep '^RESULT' | sed 's/^RESULT/what-if/'
echo "baseline: GET $addr/api/cases, ${secs} s, ${conns} connections"
wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$work/get.lua" "$addr/api/cases" | grep '^RESULT' | sed 's/^RESULT/cases/'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
