#!/usr/bin/env bash
# Throughput of `softbalance code` on one core (not a test; see docs/coder.md, "Speed").
#
# Builds the release binary, generates N sentences (default 200000) in mixed languages by
# sampling the bundled corpus and perturbing each sample (dropping or swapping a clause,
# switching the year, padding with a neutral phrase, converting to the other Chinese
# script is left to the corpus, which has both), then times coding them pinned to one CPU.
#
#   scripts/bench-coder.sh            # 200k sentences
#   N=50000 scripts/bench-coder.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-200000}"
SEED="${SEED:-7}"
cargo build --release -p softbalance --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/softbalance"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 - "$N" "$SEED" > "$WORK/items.jsonl" <<'PY'
import json, random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
items = []
for path in ["crates/coder/corpus/en.jsonl", "crates/coder/corpus/zh.jsonl", "crates/coder/corpus/written.jsonl"]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    items.append(json.loads(line))
                except ValueError:
                    pass
pads_en = ["Officials said on Monday that ", "According to reports, ", "", "", "In a statement, "]
pads_zh = ["据报道，", "消息人士称，", "", "", "官方表示，"]
for i in range(n):
    it = rng.choice(items)
    t = it["text"]
    zh = it.get("lang", "en") != "en"
    sep = "，" if zh else ", "
    parts = t.split(sep)
    r = rng.random()
    if len(parts) > 2 and r < 0.3:
        del parts[rng.randrange(1, len(parts))]
    elif len(parts) > 2 and r < 0.5:
        a, b = rng.randrange(1, len(parts)), rng.randrange(1, len(parts))
        parts[a], parts[b] = parts[b], parts[a]
    t = (rng.choice(pads_zh) if zh else rng.choice(pads_en)) + sep.join(parts)
    d = {"id": str(i), "text": t}
    if rng.random() < 0.5 and it.get("balancer") and it.get("target"):
        d["balancer"], d["target"] = it["balancer"], it["target"]
    print(json.dumps(d, ensure_ascii=False))
PY

COUNT=$(wc -l < "$WORK/items.jsonl")
BYTES=$(wc -c < "$WORK/items.jsonl")
PIN=""
if command -v taskset >/dev/null; then PIN="taskset -c 0"; fi
START=$(date +%s.%N)
$PIN "$BIN" code --input "$WORK/items.jsonl" --format jsonl --split never > "$WORK/out.jsonl"
END=$(date +%s.%N)
OUT=$(wc -l < "$WORK/out.jsonl")
python3 - "$COUNT" "$BYTES" "$START" "$END" "$OUT" <<'PY'
import sys
n, b, s, e, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
secs = e - s
print(f"coded {out} of {n} sentences ({b/1e6:.1f} MB) in {secs:.2f} s on one core "
      f"(including start-up and loading the model): {n/secs:,.0f} items/s")
PY
