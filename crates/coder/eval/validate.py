#!/usr/bin/env python3
"""Validate frozen-v1.jsonl and print its counts table (Markdown).

Usage: python3 crates/coder/eval/validate.py [path/to/frozen-v1.jsonl]
Checks: 330 lines, valid JSON, exact keys, 33 items per label and 11 per
label x script, unique ids in order fz001..fz330, unique texts, dyad codes of
three uppercase letters, balancer != target, US-China dyad share <= 20 %.
"""
import json, re, sys
from collections import Counter
from pathlib import Path

LABELS = ["offset.internal", "offset.external", "obstruct.passive", "obstruct.active",
          "institutional", "hard.internal", "hard.external", "friction", "cooperation", "none"]
LANGS = ["en", "zh-Hant", "zh-Hans"]
KEYS = ["id", "text", "lang", "label", "balancer", "target"]

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("frozen-v1.jsonl")
lines = path.read_text(encoding="utf-8").splitlines()
errors = []
def err(msg): errors.append(msg)

if len(lines) != 330: err(f"expected 330 lines, got {len(lines)}")
recs = []
for n, line in enumerate(lines, 1):
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        err(f"line {n}: invalid JSON ({e})"); continue
    if list(r.keys()) != KEYS: err(f"line {n}: keys {list(r.keys())} != {KEYS}")
    if r.get("id") != f"fz{n:03d}": err(f"line {n}: id {r.get('id')!r}, expected fz{n:03d}")
    if r.get("lang") not in LANGS: err(f"line {n}: bad lang {r.get('lang')!r}")
    if r.get("label") not in LABELS: err(f"line {n}: bad label {r.get('label')!r}")
    for k in ("balancer", "target"):
        if not re.fullmatch(r"[A-Z]{3}", str(r.get(k, ""))): err(f"line {n}: bad {k} {r.get(k)!r}")
    if r.get("balancer") == r.get("target"): err(f"line {n}: balancer == target")
    if not str(r.get("text", "")).strip(): err(f"line {n}: empty text")
    recs.append(r)

ids = Counter(r["id"] for r in recs)
if any(v > 1 for v in ids.values()): err("duplicate ids")
texts = Counter(r["text"] for r in recs)
if any(v > 1 for v in texts.values()): err("duplicate texts")
cell = Counter((r["label"], r["lang"]) for r in recs)
for lab in LABELS:
    if sum(cell[(lab, lg)] for lg in LANGS) != 33: err(f"{lab}: not 33 items")
    for lg in LANGS:
        if cell[(lab, lg)] != 11: err(f"{lab} x {lg}: {cell[(lab, lg)]} items, expected 11")
uschn = sum(1 for r in recs if {r["balancer"], r["target"]} == {"USA", "CHN"})
if uschn > 0.2 * len(recs): err(f"US-China dyad in {uschn} items (> 20 %)")

print("| label | en | zh-Hant | zh-Hans | total |")
print("|---|---:|---:|---:|---:|")
for lab in LABELS:
    row = [cell[(lab, lg)] for lg in LANGS]
    print(f"| `{lab}` | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
tot = [sum(cell[(lab, lg)] for lab in LABELS) for lg in LANGS]
print("| **total** | " + " | ".join(map(str, tot)) + f" | {sum(tot)} |")
dyads = Counter(tuple(sorted((r["balancer"], r["target"]))) for r in recs)
states = {r[k] for r in recs for k in ("balancer", "target")}
print(f"\ndistinct dyads: {len(dyads)}; distinct states: {len(states)}; "
      f"US-China dyad: {uschn} items ({100 * uschn / max(len(recs), 1):.1f} %)")
if errors:
    print("\nFAILED:", *errors, sep="\n  ")
    sys.exit(1)
print("OK")
