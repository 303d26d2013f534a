//! Agreement metrics: per-code precision, recall and F1, macro-F1, accuracy, Cohen's kappa,
//! the confusion matrix and how often `none` (no act) is answered, over (gold, predicted)
//! pairs of labels. A label is one of the nine strategy codes or `None` for `none`.
//!
//! Macro-F1 averages over the nine codes that occur in the gold labels or the predictions (a
//! code absent from both says nothing about the coder), the convention of scikit-learn's
//! `f1_score(average="macro")` on the observed labels; `none` is never one of the averaged
//! classes, but a real act coded `none` is a miss for its code and a `none` item coded as an
//! act is a false positive for that code. Accuracy and kappa count all ten labels.
//!
//! Loops index dense `[_; L]` arrays by class on purpose: the class index is the meaning.
#![allow(clippy::needless_range_loop)]

use serde::Serialize;
use softbalance_core::strategy::StrategyCode;

/// Labels: the nine codes in `StrategyCode::ALL` order, then `none`.
pub const L: usize = 10;
const CODES: usize = 9;

/// A label: a code, or `None` for `none`.
pub type Label = Option<StrategyCode>;

fn idx(l: Label) -> usize {
    l.map_or(CODES, StrategyCode::index)
}

/// Scores for one code.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CodeScore {
    pub code: StrategyCode,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold items with this code.
    pub support: usize,
}

/// How often the coder answered `none`: on gold acts (a miss) and on gold non-acts (right).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct NoneRates {
    /// Gold items that are acts (one of the nine codes).
    pub actions: usize,
    /// … of which the coder answered `none`.
    pub actions_coded_none: usize,
    /// Gold items labeled `none`.
    pub non_actions: usize,
    /// … of which the coder answered `none`.
    pub non_actions_coded_none: usize,
}

impl NoneRates {
    pub fn on_actions(&self) -> f64 {
        ratio(self.actions_coded_none, self.actions)
    }
    pub fn on_non_actions(&self) -> f64 {
        ratio(self.non_actions_coded_none, self.non_actions)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A full agreement report.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Report {
    pub n: usize,
    pub accuracy: f64,
    /// Over the nine codes (see the module header).
    pub macro_f1: f64,
    pub kappa: f64,
    pub per_code: Vec<CodeScore>,
    /// `confusion[gold][predicted]` in `StrategyCode::ALL` order, then `none`.
    pub confusion: [[usize; L]; L],
    pub none: NoneRates,
}

impl Report {
    pub fn new(pairs: &[(Label, Label)]) -> Report {
        let mut confusion = [[0usize; L]; L];
        for &(g, p) in pairs {
            confusion[idx(g)][idx(p)] += 1;
        }
        let n = pairs.len();
        let mut per_code = Vec::new();
        let mut f1_sum = 0.0;
        let mut f1_count = 0;
        for k in 0..CODES {
            let tp = confusion[k][k];
            let gold: usize = confusion[k].iter().sum();
            let pred: usize = (0..L).map(|g| confusion[g][k]).sum();
            let precision = ratio(tp, pred);
            let recall = ratio(tp, gold);
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            if gold + pred > 0 {
                f1_sum += f1;
                f1_count += 1;
            }
            per_code.push(CodeScore { code: StrategyCode::ALL[k], precision, recall, f1, support: gold });
        }
        let correct: usize = (0..L).map(|k| confusion[k][k]).sum();
        let none = NoneRates {
            actions: (0..CODES).map(|g| confusion[g].iter().sum::<usize>()).sum(),
            actions_coded_none: (0..CODES).map(|g| confusion[g][CODES]).sum(),
            non_actions: confusion[CODES].iter().sum(),
            non_actions_coded_none: confusion[CODES][CODES],
        };
        Report {
            n,
            accuracy: ratio(correct, n),
            macro_f1: if f1_count == 0 { 0.0 } else { f1_sum / f1_count as f64 },
            kappa: kappa_from(&confusion),
            per_code,
            confusion,
            none,
        }
    }
}

/// Cohen's kappa of (gold, predicted) pairs: agreement corrected for chance, 1 is perfect, 0
/// is chance. An empty list, or one where chance agreement is already 1, gives 1 when all
/// pairs agree and 0 otherwise.
pub fn cohen_kappa(pairs: &[(Label, Label)]) -> f64 {
    let mut confusion = [[0usize; L]; L];
    for &(g, p) in pairs {
        confusion[idx(g)][idx(p)] += 1;
    }
    kappa_from(&confusion)
}

fn kappa_from(c: &[[usize; L]; L]) -> f64 {
    let n: usize = c.iter().flatten().sum();
    if n == 0 {
        return 1.0;
    }
    let n = n as f64;
    let po = (0..L).map(|k| c[k][k]).sum::<usize>() as f64 / n;
    let pe: f64 = (0..L)
        .map(|k| {
            let row: usize = c[k].iter().sum();
            let col: usize = (0..L).map(|g| c[g][k]).sum();
            (row as f64 / n) * (col as f64 / n)
        })
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return if (po - 1.0).abs() < 1e-12 { 1.0 } else { 0.0 };
    }
    (po - pe) / (1.0 - pe)
}
