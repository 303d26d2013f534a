#!/usr/bin/env python3
"""The coder beside two simple baselines, in one run, on the same items (not a test).

Run through scripts/coder-baselines.sh, which makes the venv and builds the CLI. This script:

1. loads the bundled training data exactly as the coder does (crates/coder/src/corpus.rs):
   corpus/en.jsonl, zh.jsonl, written.jsonl, lines that do not parse skipped; labels are the
   nine codes or `none` (no act);
2. trains two baselines on it: TF-IDF character n-grams (analyzer char_wb, 1-5-grams, sklearn
   defaults otherwise) + LinearSVC(C=1), and the same features + LogisticRegression (C=1);
   they see the text only, never the dyad; they learn `none` like the coder;
3. scores them and `softbalance eval` on the SAME items:
   - the CLI's cross-validation folds, grouped by event: the script rebuilds them with the
     same algorithm (crates/coder/src/eval.rs `folds`: one unit per `event`, exact duplicate
     texts kept together, units dealt per label from a SplitMix64 shuffle with the seed) and
     trains each baseline fold on the other folds, as the CLI does; the reconstruction of the
     CLI's predictions is checked against the macro-F1 the CLI prints, and the script stops
     if they differ. Macro-F1 is over the nine codes (a real act answered `none` is a miss);
   - unless --skip-frozen: the frozen held-out set (crates/coder/eval/frozen-v1.jsonl), with
     the committed model and baselines trained on the committed model's training set (the
     corpus without the items about built-in cases' events). "10 labels" is macro-F1 over
     the ten labels on all items, "9 codes" over the nine codes on the items not labeled
     `none`. Every such scoring must be logged (--log), see crates/coder/eval/README.md;
4. prints one table, model x (macro-F1 all, en, zh-Hant, zh-Hans, accuracy), per section, and
   a paired bootstrap (items resampled with replacement, fixed seed) 95% interval of the
   macro-F1 difference softbalance - each baseline, overall and per script; "ahead" only when
   the whole interval lies above 0, "behind" only when it lies below 0;
5. with --log, appends one row to crates/coder/eval/scores.md.

The per-item predictions of the CLI come from `--errors` (misclassified items with their
prediction; every other item was predicted as the label it was given).

Scripts (en, zh-Hant, zh-Hans) are the `lang` field of each gold item, not detected.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

CODES = [
    "offset.internal",
    "offset.external",
    "obstruct.passive",
    "obstruct.active",
    "institutional",
    "hard.internal",
    "hard.external",
    "friction",
    "cooperation",
]  # StrategyCode::ALL order
NONE = "none"
LABELS10 = CODES + [NONE]
SCRIPTS = ["en", "zh-Hant", "zh-Hans"]
MASK = (1 << 64) - 1

# --------------------------------------------------------------------------------------------
# Data, as crates/coder/src/corpus.rs reads it
# --------------------------------------------------------------------------------------------


def _parse_labeled(obj) -> dict | None:
    if not isinstance(obj, dict):
        return None
    text, label, id_ = obj.get("text"), obj.get("label"), obj.get("id")
    if isinstance(id_, (int, float)) and not isinstance(id_, bool):
        id_ = str(id_)
    if not isinstance(id_, str) or not isinstance(text, str) or not text.strip():
        return None
    if not isinstance(label, str) or label.strip() not in LABELS10:
        return None

    def dy(k):
        v = obj.get(k)
        if not isinstance(v, str):
            return None
        v = v.strip().upper()
        return v or None

    return {
        "id": id_,
        "text": text,
        "label": label.strip(),
        "lang": obj.get("lang"),
        "balancer": dy("balancer"),
        "target": dy("target"),
        "event": (obj.get("event") or "").strip() or None,
        "case_event": (obj.get("case_event") or "").strip() or None,
    }


def load_corpus(root: Path) -> tuple[list[dict], list[str]]:
    items, skipped = [], []
    for name in ["en.jsonl", "zh.jsonl", "written.jsonl"]:
        path = root / "crates/coder/corpus" / name
        if not path.exists():
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                it = _parse_labeled(json.loads(line))
            except ValueError:
                it = None
            if it is None:
                skipped.append(f"corpus/{name}:{i}")
            else:
                items.append(it)
    return items, skipped


def load_gold(path: Path) -> list[dict]:
    items = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        o = json.loads(line)
        if o.get("label") not in LABELS10:
            sys.exit(f"{path}:{i}: label {o.get('label')!r} is neither a code nor `none`")
        items.append(o)
    return items


# --------------------------------------------------------------------------------------------
# The CLI's folds (crates/coder/src/eval.rs `folds`, crates/coder/src/model.rs `SplitMix`)
# --------------------------------------------------------------------------------------------


class SplitMix:
    def __init__(self, seed: int):
        self.s = seed & MASK

    def next_u64(self) -> int:
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def shuffle(self, v: list) -> None:
        for i in range(len(v) - 1, 0, -1):
            j = self.next_u64() % (i + 1)
            v[i], v[j] = v[j], v[i]


def cli_folds(items: list[dict], k: int, seed: int) -> list[int]:
    """crates/coder/src/eval.rs `folds`: one unit per event (items without an event, and
    exact duplicate texts, by text), stratified by the label of the unit's first item."""
    unit_of, units, by_key = [], [], {}
    for it in items:
        tkey = "text:" + it["text"].strip()
        ekey = ("event:" + it["event"]) if it.get("event") else None
        u = by_key.get(ekey) if ekey is not None and ekey in by_key else by_key.get(tkey)
        if u is None:
            units.append(it["label"])
            u = len(units) - 1
        by_key.setdefault(tkey, u)
        if ekey is not None:
            by_key.setdefault(ekey, u)
        unit_of.append(u)
    rng = SplitMix(seed)
    fold_of_unit = [0] * len(units)
    nxt = 0
    for code in CODES:
        us = [u for u in range(len(units)) if units[u] == code]
        rng.shuffle(us)
        for u in us:
            fold_of_unit[u] = nxt % k
            nxt += 1
    return [fold_of_unit[u] for u in unit_of]


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


def baselines(analyzer: str):
    def vec():
        return TfidfVectorizer(analyzer=analyzer, ngram_range=(1, 5))

    return {
        "tfidf-char+LinearSVC": lambda: (vec(), LinearSVC(C=1.0)),
        "tfidf-char+LogReg": lambda: (vec(), LogisticRegression(C=1.0, max_iter=5000)),
    }


def fit_predict(make, train: list[dict], test_texts: list[str]) -> list[str]:
    v, clf = make()
    x = v.fit_transform([t["text"] for t in train])
    clf.fit(x, [t["label"] for t in train])
    return list(clf.predict(v.transform(test_texts)))


# --------------------------------------------------------------------------------------------
# The CLI
# --------------------------------------------------------------------------------------------


def run_cli(bin_: str, args: list[str]) -> dict:
    cmd = [bin_, "eval", "--format", "json", "--errors", *args]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{shlex.join(cmd)} exited {p.returncode}:\n{p.stderr}")
    return json.loads(p.stdout)


def predictions_from(out: dict, given: list[tuple[str, str]]) -> list[str]:
    """Per-item predictions: an item listed in `errors` was predicted as listed, every other
    one as the label it was given."""
    err = {}
    for e in out.get("errors", []):
        if e["id"] in err:
            sys.exit(f"id {e['id']} listed twice in the CLI's errors; cannot reconstruct")
        err[e["id"]] = e["predicted"]
    return [err.get(id_, lab) for id_, lab in given]


# --------------------------------------------------------------------------------------------
# Metrics and bootstrap
# --------------------------------------------------------------------------------------------


def macro_f1_idx(gold: np.ndarray, pred: np.ndarray, nlab: int, idx: np.ndarray) -> np.ndarray:
    """Macro-F1 over labels 0..nlab-1 (fixed set, F1 0 when undefined) for each row of idx."""
    g, p = gold[idx], pred[idx]  # (B, n)
    f1s = []
    for c in range(nlab):
        tp = ((g == c) & (p == c)).sum(1)
        ng = (g == c).sum(1)
        npred = (p == c).sum(1)
        denom = ng + npred
        f1s.append(np.where(denom > 0, 2.0 * tp / np.maximum(denom, 1), 0.0))
    return np.mean(f1s, axis=0)


LAB10 = {l: i for i, l in enumerate(LABELS10)}


def macro_f1(gold, pred, labels) -> float:
    """Macro-F1 averaged over `labels` (a prefix of LABELS10: the nine codes, or all ten);
    `none` items still count as misses and false positives of the codes."""
    g = np.array([LAB10[x] for x in gold])
    p = np.array([LAB10.get(x, -1) for x in pred])
    return float(macro_f1_idx(g, p, len(labels), np.arange(len(g))[None, :])[0])


def accuracy(gold, pred) -> float:
    return float(np.mean([a == b for a, b in zip(gold, pred)])) if gold else float("nan")


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


class Section:
    """One set of items scored by every model, with one label set."""

    def __init__(self, name, gold, langs, preds: dict[str, list[str]], labels):
        self.name, self.gold, self.langs, self.preds, self.labels = name, gold, langs, preds, labels

    def subset(self, script):
        return [i for i, l in enumerate(self.langs) if script is None or l == script]

    def score(self, model, script=None):
        ix = self.subset(script)
        g = [self.gold[i] for i in ix]
        p = [self.preds[model][i] for i in ix]
        return (macro_f1(g, p, self.labels) if ix else float("nan")), accuracy(g, p), len(ix)


def fmt(x):
    return "  -  " if x != x else f"{x:.3f}"


def print_table(sections: list[Section], out):
    w = max(len(m) for s in sections for m in s.preds) + 2
    for s in sections:
        print(f"\n{s.name}", file=out)
        n_all = s.score(next(iter(s.preds)))[2]
        ns = [s.score(next(iter(s.preds)), sc)[2] for sc in SCRIPTS]
        print(
            f"  {'model':<{w}} {'macro-F1':>9} {'en':>7} {'zh-Hant':>8} {'zh-Hans':>8} {'accuracy':>9}",
            file=out,
        )
        print(
            f"  {'(items)':<{w}} {n_all:>9} {ns[0]:>7} {ns[1]:>8} {ns[2]:>8} {n_all:>9}",
            file=out,
        )
        for m in s.preds:
            f_all, acc, _ = s.score(m)
            per = [s.score(m, sc)[0] for sc in SCRIPTS]
            print(
                f"  {m:<{w}} {fmt(f_all):>9} {fmt(per[0]):>7} {fmt(per[1]):>8} {fmt(per[2]):>8} {fmt(acc):>9}",
                file=out,
            )


def bootstrap(sections: list[Section], b: int, seed: int, out) -> dict:
    """Paired bootstrap of macro-F1(softbalance) - macro-F1(baseline)."""
    rng = np.random.default_rng(seed)
    res = {}
    print(
        f"\nPaired bootstrap, {b} resamples of items (numpy default_rng seed {seed}), 95% percentile "
        "interval of macro-F1(softbalance) - macro-F1(baseline); per script the items of that "
        "script are resampled. 'ahead' = interval above 0, 'behind' = below 0, else 'not shown'.",
        file=out,
    )
    for s in sections:
        lab = LAB10
        gold = np.array([lab[x] for x in s.gold])
        base = [m for m in s.preds if m != "softbalance"]
        print(f"\n{s.name}", file=out)
        for scope in [None] + SCRIPTS:
            ix = np.array(s.subset(scope))
            if len(ix) == 0:
                continue
            draws = ix[rng.integers(0, len(ix), size=(b, len(ix)))]
            pr = {m: np.array([lab.get(x, -1) for x in s.preds[m]]) for m in s.preds}
            f = {m: macro_f1_idx(gold, pr[m], len(s.labels), draws) for m in s.preds}
            point = {m: s.score(m, scope)[0] for m in s.preds}
            best = max(base, key=lambda m: point[m])
            for m in base:
                d = f["softbalance"] - f[m]
                lo, hi = np.percentile(d, [2.5, 97.5])
                verdict = "ahead" if lo > 0 else "behind" if hi < 0 else "not shown"
                diff = point["softbalance"] - point[m]
                tag = " (best baseline)" if m == best else ""
                print(
                    f"  {scope or 'all':<8} softbalance - {m:<22} {diff:+.3f}  "
                    f"[{lo:+.3f}, {hi:+.3f}]  {verdict}{tag}",
                    file=out,
                )
                res[(s.name, scope or "all", m)] = (diff, lo, hi, verdict, m == best)
    return res


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the softbalance release binary")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--gold", default="crates/coder/eval/frozen-v1.jsonl")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20221, help="the CLI's fold seed")
    ap.add_argument("--analyzer", default="char_wb", choices=["char_wb", "char"])
    ap.add_argument("--bootstrap", type=int, default=2000)
    ap.add_argument("--bootstrap-seed", type=int, default=20221)
    ap.add_argument("--skip-cv", action="store_true")
    ap.add_argument("--skip-frozen", action="store_true",
                    help="grouped CV only; the frozen set is not read or scored")
    ap.add_argument("--log", action="store_true", help="append a row to crates/coder/eval/scores.md")
    ap.add_argument("--command", default=None, help="the command line to record with --log")
    a = ap.parse_args()
    root = Path(a.root)
    gold_path = (root / a.gold) if not Path(a.gold).is_absolute() else Path(a.gold)
    out = sys.stdout

    corpus, skipped = load_corpus(root)
    # The committed model's training set (crates/coder/src/corpus.rs `training_set`): the
    # corpus without the items about built-in cases' events.
    train_all = [c for c in corpus if not c.get("case_event")]
    print(
        f"training data: {len(corpus)} corpus items ({len(skipped)} lines skipped); "
        f"for the frozen set {len(train_all)} of them (without items about built-in cases' events); baselines: TF-IDF {a.analyzer} 1-5-grams, "
        "LinearSVC(C=1) / LogisticRegression(C=1), text only (no dyad)",
        file=out,
    )
    models = baselines(a.analyzer)
    cli_extra = []
    sections = []

    # --- frozen / gold set ------------------------------------------------------------------
    none_ix = []
    if not a.skip_frozen:
        none_ix = score_gold(a, root, gold_path, train_all, models, cli_extra, sections)

    # --- grouped cross-validation folds -----------------------------------------------------
    if not a.skip_cv:
        cv_section(a, corpus, models, cli_extra, sections)

    print_table(sections, out)
    if none_ix:
        print(
            f"\n`none` items ({len(none_ix)}): see the 10-label rows.",
            file=out,
        )
    res = bootstrap(sections, a.bootstrap, a.bootstrap_seed, out)

    if a.log:
        if a.skip_frozen:
            sys.exit("--log records a scoring of the frozen set; it cannot go with --skip-frozen")
        log_row(root, a, sections, res)


def score_gold(a, root, gold_path, train_all, models, cli_extra, sections):
    gold_items = load_gold(gold_path)
    given = [(g["id"], g["label"]) for g in gold_items]
    if len({i for i, _ in given}) != len(given):
        sys.exit(f"{gold_path}: ids are not unique")
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td) / "gold-for-cli.jsonl"
        with tmp.open("w", encoding="utf-8") as f:
            for g, (_, lab) in zip(gold_items, given):
                o = {"id": g["id"], "text": g["text"], "label": lab}
                for k in ["balancer", "target"]:
                    if g.get(k):
                        o[k] = g[k]
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        cli = run_cli(a.bin, ["--gold", str(tmp), *cli_extra])
    sb = predictions_from(cli, given)
    check = macro_f1([l for _, l in given], sb, CODES)
    if abs(check - cli["macro_f1"]) > 1e-9 or cli["n"] != len(gold_items):
        sys.exit(f"reconstructed CLI predictions disagree with the CLI: {check} vs {cli['macro_f1']}")
    preds = {"softbalance": sb}
    texts = [g["text"] for g in gold_items]
    for m, make in models.items():
        preds[m] = fit_predict(make, train_all, texts)
    gl = [g["label"] for g in gold_items]
    langs = [g.get("lang") for g in gold_items]
    rel = gold_path.relative_to(root) if gold_path.is_relative_to(root) else gold_path
    sections.append(Section(f"{rel}, 10 labels (nine codes + none), all {len(gl)} items", gl, langs, preds, LABELS10))
    keep = [i for i, l in enumerate(gl) if l != NONE]
    if len(keep) != len(gl):
        sections.append(
            Section(
                f"{rel}, 9 codes, the {len(keep)} items not labeled none",
                [gl[i] for i in keep],
                [langs[i] for i in keep],
                {m: [p[i] for i in keep] for m, p in preds.items()},
                CODES,
            )
        )
    return [i for i, l in enumerate(gl) if l == NONE]


def cv_section(a, corpus, models, cli_extra, sections):
    cv = run_cli(a.bin, ["--folds", str(a.folds), "--seed", str(a.seed), *cli_extra])
    if cv["n"] != len(corpus):
        sys.exit(f"CLI cross-validated {cv['n']} items, this script loaded {len(corpus)}")
    if "grouped by event" not in cv.get("mode", ""):
        sys.exit(f"CLI folds are not grouped by event: {cv.get('mode')!r}")
    cgiven = [(c["id"], c["label"]) for c in corpus]
    csb = predictions_from(cv, cgiven)
    cg = [c["label"] for c in corpus]
    check = macro_f1(cg, csb, CODES)
    if abs(check - cv["macro_f1"]) > 1e-9:
        sys.exit(f"reconstructed CV predictions disagree with the CLI: {check} vs {cv['macro_f1']}")
    fold = cli_folds(corpus, a.folds, a.seed)
    cpreds = {"softbalance": csb}
    for m, make in models.items():
        p = [None] * len(corpus)
        for f in range(a.folds):
            tr = [c for c, g in zip(corpus, fold) if g != f]
            te = [i for i, g in enumerate(fold) if g == f]
            for i, y in zip(te, fit_predict(make, tr, [corpus[i]["text"] for i in te])):
                p[i] = y
        cpreds[m] = p
    sections.append(
        Section(
            f"bundled corpus, the CLI's {a.folds}-fold CV grouped by event (seed {a.seed}; folds "
            f"rebuilt in Python), {len(corpus)} items, macro-F1 over the nine codes",
            cg,
            [c.get("lang") for c in corpus],
            cpreds,
            CODES,
        )
    )


def log_row(root: Path, a, sections, res):
    s10 = sections[0]
    s9 = sections[1] if len(sections) > 1 and sections[1].labels == CODES and "not labeled none" in sections[1].name else None
    # rstrip only: porcelain lines start with a status column that may be a space.
    git = lambda *c: subprocess.run(["git", "-C", str(root), *c], capture_output=True, text=True).stdout.rstrip()
    commit = git("rev-parse", "--short", "HEAD").strip()
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "crates/coder", "crates/core",
                "crates/gazetteer", "crates/cli/src", "cases")
    if dirty:
        paths = sorted({l[3:].split(" -> ")[-1] for l in dirty.splitlines()})
        commit += " + uncommitted " + ", ".join(paths)
    f_all = s10.score("softbalance")[0]
    per = [s10.score("softbalance", sc)[0] for sc in SCRIPTS]

    def bline(s):
        base = [m for m in s.preds if m != "softbalance"]
        best = max(base, key=lambda m: s.score(m)[0])
        d = res[(s.name, "all", best)]
        per_b = "/".join(f"{s.score(best, sc)[0]:.3f}" for sc in SCRIPTS)
        return (f"softbalance {s.score('softbalance')[0]:.3f}, best baseline {best} {s.score(best)[0]:.3f} "
                f"(en/zh-Hant/zh-Hans {per_b}), difference {d[0]:+.3f} [{d[1]:+.3f}, {d[2]:+.3f}] {d[3]}")

    note = f"baselines: scripts/coder_baselines.py ({a.analyzer} 1-5 TF-IDF, C=1). 10 labels: {bline(s10)}"
    if s9:
        per9 = "/".join(f"{s9.score('softbalance', sc)[0]:.3f}" for sc in SCRIPTS)
        note += f"; 9 codes on the {len(s9.gold)} non-none items (en/zh-Hant/zh-Hans {per9}): {bline(s9)}"
    note += "; all three models can answer none (trained with the corpus's non-action items)"
    cmd = a.command or "scripts/coder-baselines.sh --log"
    row = (f"| {_dt.date.today().isoformat()} | {commit} | `{cmd}` | {f_all:.3f} | {per[0]:.3f} | "
           f"{per[1]:.3f} | {per[2]:.3f} | {note} |\n")
    path = root / "crates/coder/eval/scores.md"
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row, encoding="utf-8")
    print(f"\nappended to {path.relative_to(root)}:\n{row}", end="")


if __name__ == "__main__":
    main()
