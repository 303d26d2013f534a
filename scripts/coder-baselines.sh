#!/usr/bin/env bash
# The text coder beside two baselines in one run (a benchmark, not a test; issue 10, item 2).
#
# Makes a Python venv with scikit-learn (pinned in scripts/requirements-baselines.txt, from
# PyPI), builds the CLI in release, then runs scripts/coder_baselines.py: TF-IDF character
# 1-5-grams + LinearSVC(C=1) and + LogisticRegression, trained on the bundled corpus as the
# coder trains on it, scored beside `softbalance eval` on the CLI's cross-validation folds
# (grouped by event, per language) and on the frozen held-out set. Prints one table and
# paired-bootstrap intervals.
#
#   scripts/coder-baselines.sh --skip-frozen   # grouped CV only (development numbers)
#   scripts/coder-baselines.sh --log           # also the frozen set; appends a row to scores.md
#   scripts/coder-baselines.sh --skip-cv       # frozen set only
#
# Every run without --skip-frozen scores the frozen set (crates/coder/eval/frozen-v1.jsonl).
# Its README asks that every scoring be recorded in crates/coder/eval/scores.md, so run it
# with --log (or use --gold on another file). Never use the frozen set to choose cues,
# features or constants; develop with --skip-frozen.
#
# Environment: VENV (default ${TMPDIR:-/tmp}/softbalance-baselines-venv), PYTHON (python3),
# CARGO_TARGET_DIR (honoured; default target/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VENV="${VENV:-${TMPDIR:-/tmp}/softbalance-baselines-venv}"
PYTHON="${PYTHON:-python3}"
REQ="$ROOT/scripts/requirements-baselines.txt"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
# Reinstall only when the pins changed.
STAMP="$VENV/.softbalance-requirements"
if ! cmp -s "$REQ" "$STAMP" 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
    cp "$REQ" "$STAMP"
fi

cargo build --release -p softbalance --quiet
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/softbalance"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac

CMD="scripts/coder-baselines.sh${*:+ $*}"
exec "$VENV/bin/python" "$ROOT/scripts/coder_baselines.py" --bin "$BIN" --root "$ROOT" --command "$CMD" "$@"
