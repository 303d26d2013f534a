//! `softbalance eval`: how well the coder agrees with hand labels.
//!
//! Without `--gold`: k-fold cross-validation on the bundled corpus, grouped by event (the
//! English and Chinese versions of one event share a fold) and stratified by code
//! (deterministic folds from `--seed`). With `--gold FILE`: the model trained on the whole bundled corpus
//! scores a labeled JSONL file (fields `id`, `text`, `label`, optional `balancer`, `target`;
//! other fields ignored). Both print per-code precision, recall and F1, macro-F1, Cohen's
//! kappa, the confusion matrix, macro-F1 per language and actor-detection accuracy; `--format
//! json` gives the same as one JSON object with a top-level `macro_f1`.

use crate::commands::code::{failure, load_coder, read_bytes};
use crate::commands::Failure;
use softbalance_coder::eval::{self, Evaluation};
use softbalance_coder::metrics::Label;
use softbalance_coder::model::label_str;
use softbalance_coder::{corpus, Codebook, TrainOptions};
use softbalance_core::strategy::StrategyCode;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Score the coder: cross-validation on the bundled corpus, or a gold file.
///
/// Examples:
///
///   softbalance eval                       # 10-fold cross-validation
///   softbalance eval --folds 5 --seed 7 --format json
///   softbalance eval --gold my-labels.jsonl
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Score this labeled JSONL file ("-" for standard input) with the model trained on the
    /// whole bundled corpus, instead of cross-validating.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,

    /// Number of cross-validation folds.
    #[arg(long, default_value_t = 10)]
    pub folds: usize,

    /// Seed for the fold assignment and the training shuffle.
    #[arg(long, default_value_t = 20221)]
    pub seed: u64,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,

    /// Turn off the dyad rule (for ablation; see docs/coder.md).
    #[arg(long)]
    pub no_dyad_rule: bool,

    /// Code the test items without their balancer and target, so the coder must detect the
    /// dyad itself (as on raw text); cross-validation only.
    #[arg(long)]
    pub detect_dyad: bool,

    /// Use the codebook in DIR instead of the bundled one.
    #[arg(long, value_name = "DIR")]
    pub codebook: Option<PathBuf>,

    /// Training epochs (see docs/coder.md for how the default was chosen).
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,

    /// Initial learning rate of the SGD.
    #[arg(long, default_value_t = TrainOptions::default().learning_rate)]
    pub learning_rate: f32,

    /// L2 penalty.
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    pub l2: f32,

    /// Independent SGD runs averaged into the model.
    #[arg(long, default_value_t = TrainOptions::default().bags)]
    pub bags: usize,

    /// Also list every misclassified item (id, gold, predicted).
    #[arg(long)]
    pub errors: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let bundled = corpus::bundled();
    let extra: Vec<softbalance_coder::LabeledItem> = Vec::new();
    let (mode, ev) = match &args.gold {
        Some(path) => {
            let (source, bytes) = read_bytes(path)?;
            let items = corpus::read_labeled(&source, &bytes).map_err(failure)?;
            if items.is_empty() {
                return Err(Failure::new(6, format!("{source}: no labeled items")));
            }
            let mut coder = load_coder(args.codebook.as_deref())?;
            coder.dyad_rule = !args.no_dyad_rule;
            let info = coder.model_info().clone();
            (
                format!(
                    "gold file {source} ({} items); model {} ({}, {}{})",
                    items.len(),
                    info.name,
                    info.source,
                    info.corpus,
                    if info.stale { "; STALE: retrain with scripts/train-coder-model.sh" } else { "" }
                ),
                eval::score(&coder, &items),
            )
        }
        None => {
            let cb = match &args.codebook {
                Some(d) => Codebook::from_dir(d).map_err(failure)?,
                None => Codebook::bundled(),
            };
            let opts = TrainOptions {
                seed: args.seed,
                epochs: args.epochs,
                learning_rate: args.learning_rate,
                l2: args.l2,
                bags: args.bags,
                ..TrainOptions::default()
            };
            let ev = eval::cross_validate_with(
                &cb,
                &bundled.corpus,
                &extra,
                args.folds,
                args.seed,
                &opts,
                &eval::CvOptions { dyad_rule: !args.no_dyad_rule, detect_dyad: args.detect_dyad },
            )
            .map_err(failure)?;
            (
                format!(
                    "{}-fold cross-validation grouped by event on the bundled corpus ({} items, {} events, seed {}{})",
                    args.folds,
                    bundled.corpus.len(),
                    eval::event_count(&bundled.corpus),
                    args.seed,
                    if extra.is_empty() {
                        String::new()
                    } else {
                        format!("; +{} case-action summaries in every training fold", extra.len())
                    }
                ),
                ev,
            )
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            let mut v = serde_json::json!({
                "mode": mode,
                "n": ev.overall.n,
                "macro_f1": ev.overall.macro_f1,
                "accuracy": ev.overall.accuracy,
                "kappa": ev.overall.kappa,
                "per_code": ev.overall.per_code,
                "codes": StrategyCode::ALL.iter().map(|c| c.as_str()).chain(["none"]).collect::<Vec<_>>(),
                "confusion": ev.overall.confusion,
                "per_lang": ev.per_lang.iter().map(|(l, r)| (l.as_str().to_string(), serde_json::json!({
                    "n": r.n, "macro_f1": r.macro_f1, "accuracy": r.accuracy, "kappa": r.kappa,
                }))).collect::<serde_json::Map<_, _>>(),
                "actors": ev.actors,
                "calibration": ev.calibration,
                "none": {
                    "actions": ev.overall.none.actions,
                    "actions_coded_none": ev.overall.none.actions_coded_none,
                    "rate_on_actions": ev.overall.none.on_actions(),
                    "non_actions": ev.overall.none.non_actions,
                    "non_actions_coded_none": ev.overall.none.non_actions_coded_none,
                    "rate_on_non_actions": ev.overall.none.on_non_actions(),
                },
            });
            if args.errors {
                v["errors"] = errors(&ev)
                    .iter()
                    .map(|(id, g, p)| serde_json::json!({"id": id, "gold": label_str(*g), "predicted": label_str(*p)}))
                    .collect::<Vec<_>>()
                    .into();
            }
            writeln!(out, "{v}")?;
        }
        Format::Text => print_text(&mut out, &mode, &ev, args.errors)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn errors(ev: &Evaluation) -> Vec<(String, Label, Label)> {
    ev.predictions.iter().filter(|(_, g, p)| g != p).cloned().collect()
}

const SHORT: [&str; 10] = ["o.int", "o.ext", "b.pas", "b.act", "inst", "h.int", "h.ext", "fric", "coop", "none"];

fn print_text(out: &mut impl Write, mode: &str, ev: &Evaluation, show_errors: bool) -> io::Result<()> {
    let r = &ev.overall;
    writeln!(out, "{mode}")?;
    writeln!(out)?;
    writeln!(out, "{:<18} {:>9} {:>9} {:>9} {:>8}", "code", "precision", "recall", "f1", "support")?;
    for s in &r.per_code {
        writeln!(
            out,
            "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            s.code.as_str(),
            s.precision,
            s.recall,
            s.f1,
            s.support
        )?;
    }
    writeln!(out)?;
    writeln!(out, "macro-F1  {:.3}  (over the nine codes)", r.macro_f1)?;
    writeln!(out, "accuracy  {:.3}  (n = {})", r.accuracy, r.n)?;
    writeln!(out, "kappa     {:.3}", r.kappa)?;
    writeln!(out)?;
    writeln!(out, "macro-F1 per language:")?;
    for (l, lr) in &ev.per_lang {
        writeln!(out, "  {:<8} {:.3}  (n = {}, accuracy {:.3})", l.as_str(), lr.macro_f1, lr.n, lr.accuracy)?;
    }
    writeln!(out)?;
    let nr = &r.none;
    writeln!(
        out,
        "answered none: on {} of {} real acts ({:.3}); on {} of {} non-acts ({:.3})",
        nr.actions_coded_none,
        nr.actions,
        nr.on_actions(),
        nr.non_actions_coded_none,
        nr.non_actions,
        nr.on_non_actions()
    )?;
    let a = &ev.actors;
    if a.n > 0 {
        writeln!(
            out,
            "actor detection (without the given dyad, {} items): balancer {:.3}, target {:.3}, both {:.3}",
            a.n, a.balancer, a.target, a.both
        )?;
    } else {
        writeln!(out, "actor detection: no items carry both balancer and target")?;
    }
    let c = &ev.calibration;
    writeln!(
        out,
        "confidence: mean {:.3} vs accuracy {:.3}; log-loss {:.3}; calibration error (10 bins) {:.3}",
        c.mean_confidence, c.accuracy, c.log_loss, c.ece
    )?;
    writeln!(out)?;
    writeln!(out, "confusion (rows gold, columns predicted):")?;
    write!(out, "{:<8}", "")?;
    for s in SHORT {
        write!(out, "{s:>6}")?;
    }
    writeln!(out)?;
    for (g, row) in r.confusion.iter().enumerate() {
        write!(out, "{:<8}", SHORT[g])?;
        for v in row {
            write!(out, "{v:>6}")?;
        }
        writeln!(out)?;
    }
    if show_errors {
        writeln!(out)?;
        writeln!(out, "misclassified:")?;
        for (id, g, p) in errors(ev) {
            writeln!(out, "  {id}: {} → {}", label_str(g), label_str(p))?;
        }
    }
    Ok(())
}
