#!/usr/bin/env bash
# Retrain the committed text-coder model (crates/coder/model/coder.sbm) from the bundled
# corpus and codebook: the one command that reproduces it (issue 10 §4). The model is
# trained without the corpus items about built-in cases' events (crates/coder/src/corpus.rs
# `training_set`). The test `committed_model_matches_the_current_sources` (crates/coder/tests/
# it/model.rs) fails until this is rerun after any change to the corpus, codebook, options or
# features. Run it twice if the format changed: the first build may carry an unreadable model.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p softbalance --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/softbalance"
"$BIN" code --train-model crates/coder/model/coder.sbm
