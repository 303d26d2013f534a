//! Evaluation: k-fold cross-validation grouped by event (all items reporting one event, in any
//! language, share a fold; stratified by code; deterministic from a seed), scoring a gold
//! file with a coder, and actor-detection accuracy.
//!
//! Each fold's model is trained only on the other folds (plus, optionally, extra items that
//! are never scored). The codebook and the training constants were chosen on these same
//! folds, so cross-validated figures are development numbers (docs/coder.md).

use crate::error::CoderError;
use crate::metrics::Report;
use crate::model::SplitMix;
use crate::text::Lang;
use crate::{Codebook, Coder, LabeledItem, TrainOptions};
use serde::Serialize;
use crate::metrics::Label;
use softbalance_core::strategy::StrategyCode;
use std::collections::BTreeMap;

/// Actor-detection accuracy over items that carry both balancer and target: detection runs
/// without the dyad and is compared with it.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct ActorAccuracy {
    pub n: usize,
    pub balancer: f64,
    pub target: f64,
    pub both: f64,
}

/// Everything an evaluation reports.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    pub overall: Report,
    pub per_lang: BTreeMap<Lang, Report>,
    pub actors: ActorAccuracy,
    /// (id, gold, predicted) per scored item, in input order.
    pub predictions: Vec<(String, Label, Label)>,
    /// Calibration of `confidence`: its mean, the accuracy, the mean log-loss of the gold
    /// label and the expected calibration error over ten bins.
    pub calibration: Calibration,
}

/// How well `confidence` matches accuracy.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Calibration {
    pub mean_confidence: f64,
    pub accuracy: f64,
    pub log_loss: f64,
    pub ece: f64,
}

impl Calibration {
    /// From (confidence of the prediction, was it right, probability given to the gold label).
    pub fn new(rows: &[(f32, bool, f32)]) -> Calibration {
        if rows.is_empty() {
            return Calibration::default();
        }
        let n = rows.len() as f64;
        let mut bins = [(0.0f64, 0.0f64, 0usize); 10];
        for &(c, ok, _) in rows {
            let b = ((c as f64 * 10.0) as usize).min(9);
            bins[b].0 += c as f64;
            bins[b].1 += ok as u8 as f64;
            bins[b].2 += 1;
        }
        Calibration {
            mean_confidence: rows.iter().map(|r| r.0 as f64).sum::<f64>() / n,
            accuracy: rows.iter().filter(|r| r.1).count() as f64 / n,
            log_loss: rows.iter().map(|r| -(r.2.max(1e-9) as f64).ln()).sum::<f64>() / n,
            ece: bins.iter().map(|(c, a, k)| (c - a).abs() / n * (*k > 0) as u8 as f64).sum(),
        }
    }
}

/// The fold (0..k) of each item, grouped by event: every item with the same `event` (the
/// English and Chinese versions of one event) and every exact duplicate of a text falls in
/// one fold. Groups are stratified by the label of their first item and dealt round-robin
/// from a seeded shuffle. `pair` names a contrast set, not an event, and is not used.
pub fn folds(items: &[LabeledItem], k: usize, seed: u64) -> Vec<usize> {
    let mut unit_of: Vec<usize> = Vec::with_capacity(items.len());
    let mut units: Vec<(Label, Vec<usize>)> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let text_key = format!("text:{}", it.item.text.trim());
        let event_key = it.event.as_ref().map(|e| format!("event:{e}"));
        // An item joins the unit of its event, else of an identical text; both keys then
        // point at that unit.
        let found = event_key.as_ref().and_then(|e| by_key.get(e)).or_else(|| by_key.get(&text_key));
        let u = match found {
            Some(&u) => u,
            None => {
                units.push((it.label, Vec::new()));
                units.len() - 1
            }
        };
        by_key.entry(text_key).or_insert(u);
        if let Some(e) = event_key {
            by_key.entry(e).or_insert(u);
        }
        units[u].1.push(i);
        unit_of.push(u);
    }
    let mut rng = SplitMix(seed);
    let mut fold_of_unit = vec![0usize; units.len()];
    // Deal each label's units round-robin, continuing the rotation across labels so fold
    // sizes stay even.
    let mut next = 0usize;
    let labels = StrategyCode::ALL.iter().map(|&c| Some(c)).chain(std::iter::once(None));
    for code in labels {
        let mut us: Vec<usize> = (0..units.len()).filter(|&u| units[u].0 == code).collect();
        rng.shuffle(&mut us);
        for u in us {
            fold_of_unit[u] = next % k;
            next += 1;
        }
    }
    unit_of.iter().map(|&u| fold_of_unit[u]).collect()
}

/// How many distinct events (groups of cross-validation) the items form.
pub fn event_count(items: &[LabeledItem]) -> usize {
    let mut seen = std::collections::BTreeSet::new();
    for it in items {
        seen.insert(it.event.clone().unwrap_or_else(|| format!("text:{}", it.item.text.trim())));
    }
    seen.len()
}

/// The language of an item: as detected from its text.
pub fn lang_of(item: &LabeledItem) -> Lang {
    crate::text::Normalized::new(&item.item.text).lang()
}

/// k-fold cross-validation. `extra` items are added to every training fold, never scored.
pub fn cross_validate(
    codebook: &Codebook,
    items: &[LabeledItem],
    extra: &[LabeledItem],
    k: usize,
    seed: u64,
    opts: &TrainOptions,
) -> Result<Evaluation, CoderError> {
    cross_validate_with(codebook, items, extra, k, seed, opts, &CvOptions::default())
}

/// Switches for ablations.
#[derive(Clone, Debug)]
pub struct CvOptions {
    /// Apply the dyad rule (default true).
    pub dyad_rule: bool,
    /// Code the test items *without* their balancer and target, so the coder detects the
    /// dyad itself, as it must on raw text (default false).
    pub detect_dyad: bool,
}

impl Default for CvOptions {
    fn default() -> Self {
        CvOptions { dyad_rule: true, detect_dyad: false }
    }
}

/// Cross-validation with ablation switches.
pub fn cross_validate_with(
    codebook: &Codebook,
    items: &[LabeledItem],
    extra: &[LabeledItem],
    k: usize,
    seed: u64,
    opts: &TrainOptions,
    cv: &CvOptions,
) -> Result<Evaluation, CoderError> {
    if k < 2 {
        return Err(CoderError::Eval(format!("need at least 2 folds, got {k}")));
    }
    if items.len() < k {
        return Err(CoderError::Eval(format!("{} items cannot fill {k} folds", items.len())));
    }
    let fold = folds(items, k, seed);
    let mut predicted: Vec<Option<Label>> = vec![None; items.len()];
    let mut calib: Vec<Option<(f32, bool, f32)>> = vec![None; items.len()];
    let mut actors = ActorTally::default();
    for f in 0..k {
        let mut train: Vec<LabeledItem> =
            items.iter().zip(&fold).filter(|(_, &g)| g != f).map(|(i, _)| i.clone()).collect();
        train.extend(extra.iter().cloned());
        let mut coder = Coder::train_with(codebook.clone(), &train, opts);
        coder.dyad_rule = cv.dyad_rule;
        for (i, it) in items.iter().enumerate() {
            if fold[i] == f {
                let c = if cv.detect_dyad {
                    coder.code(&crate::Item::new(it.item.id.clone(), it.item.text.clone()))
                } else {
                    coder.code(&it.item)
                };
                calib[i] = Some(calib_row(&coder, it, &c));
                predicted[i] = Some(answer(&c));
                actors.add(&coder, it);
            }
        }
    }
    let preds: Vec<Label> = predicted.into_iter().map(|p| p.expect("every item in a fold")).collect();
    let calib: Vec<(f32, bool, f32)> = calib.into_iter().flatten().collect();
    Ok(assemble(items, &preds, actors.finish(), Calibration::new(&calib)))
}

fn calib_row(coder: &Coder, it: &LabeledItem, c: &crate::Coded) -> (f32, bool, f32) {
    let probs = coder.probabilities(&it.item);
    let p_gold = probs[crate::model::class(it.label)];
    let conf = c.non_action.as_ref().map_or(c.confidence, |n| n.confidence);
    (conf, answer(c) == it.label, p_gold)
}

/// The coder's answer as a label: its code, or `None` for `none`.
pub fn answer(c: &crate::Coded) -> Label {
    c.is_action().then_some(c.label)
}

/// Score labeled items with a trained coder.
pub fn score(coder: &Coder, items: &[LabeledItem]) -> Evaluation {
    let coded: Vec<crate::Coded> = items.iter().map(|it| coder.code(&it.item)).collect();
    let calib: Vec<(f32, bool, f32)> =
        items.iter().zip(&coded).map(|(it, c)| calib_row(coder, it, c)).collect();
    let preds: Vec<Label> = coded.iter().map(answer).collect();
    assemble(items, &preds, actor_accuracy(coder, items), Calibration::new(&calib))
}

fn assemble(
    items: &[LabeledItem],
    preds: &[Label],
    actors: ActorAccuracy,
    calibration: Calibration,
) -> Evaluation {
    let pairs: Vec<(Label, Label)> =
        items.iter().zip(preds).map(|(it, &p)| (it.label, p)).collect();
    let mut per_lang: BTreeMap<Lang, Vec<(Label, Label)>> = BTreeMap::new();
    for (it, pair) in items.iter().zip(&pairs) {
        per_lang.entry(lang_of(it)).or_default().push(*pair);
    }
    Evaluation {
        overall: Report::new(&pairs),
        per_lang: per_lang.into_iter().map(|(l, p)| (l, Report::new(&p))).collect(),
        actors,
        calibration,
        predictions: items
            .iter()
            .zip(preds)
            .map(|(it, &p)| (it.item.id.clone(), it.label, p))
            .collect(),
    }
}

#[derive(Default)]
struct ActorTally {
    n: usize,
    b: usize,
    t: usize,
    both: usize,
}

impl ActorTally {
    fn add(&mut self, coder: &Coder, it: &LabeledItem) {
        let (Some(gb), Some(gt)) = (&it.item.balancer, &it.item.target) else { return };
        let c = coder.code_text(&it.item.text, None, None);
        let same = |d: &Option<String>, g: &str| d.as_deref().is_some_and(|d| crate::actors::same_actor(d, g));
        let ok_b = same(&c.balancer, gb);
        let ok_t = same(&c.target, gt);
        self.n += 1;
        self.b += ok_b as usize;
        self.t += ok_t as usize;
        self.both += (ok_b && ok_t) as usize;
    }

    fn finish(&self) -> ActorAccuracy {
        let r = |x: usize| if self.n == 0 { 0.0 } else { x as f64 / self.n as f64 };
        ActorAccuracy { n: self.n, balancer: r(self.b), target: r(self.t), both: r(self.both) }
    }
}

/// Detection without the dyad, compared with the dyad the items carry.
pub fn actor_accuracy(coder: &Coder, items: &[LabeledItem]) -> ActorAccuracy {
    let mut t = ActorTally::default();
    for it in items {
        t.add(coder, it);
    }
    t.finish()
}
