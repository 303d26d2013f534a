//! Agreement metrics: per-code precision, recall and F1, macro-F1, accuracy, Cohen's kappa
//! and the confusion matrix, over (gold, predicted) pairs of strategy codes.
//!
//! Macro-F1 averages over the codes that occur in the gold labels or the predictions (a code
//! absent from both says nothing about the coder), the convention of scikit-learn's
//! `f1_score(average="macro")` on the observed labels.
//!
//! Loops index dense `[_; K]` arrays by class on purpose: the class index is the meaning.
#![allow(clippy::needless_range_loop)]

use serde::Serialize;
use softbalance_core::strategy::StrategyCode;

const K: usize = 9;

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

/// A full agreement report.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Report {
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub kappa: f64,
    pub per_code: Vec<CodeScore>,
    /// `confusion[gold][predicted]` in `StrategyCode::ALL` order.
    pub confusion: [[usize; K]; K],
}

impl Report {
    pub fn new(pairs: &[(StrategyCode, StrategyCode)]) -> Report {
        let mut confusion = [[0usize; K]; K];
        for &(g, p) in pairs {
            confusion[g.index()][p.index()] += 1;
        }
        let n = pairs.len();
        let mut per_code = Vec::new();
        let mut f1_sum = 0.0;
        let mut f1_count = 0;
        let mut correct = 0;
        for k in 0..K {
            let tp = confusion[k][k];
            correct += tp;
            let gold: usize = confusion[k].iter().sum();
            let pred: usize = (0..K).map(|g| confusion[g][k]).sum();
            let precision = if pred == 0 { 0.0 } else { tp as f64 / pred as f64 };
            let recall = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
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
        Report {
            n,
            accuracy: if n == 0 { 0.0 } else { correct as f64 / n as f64 },
            macro_f1: if f1_count == 0 { 0.0 } else { f1_sum / f1_count as f64 },
            kappa: kappa_from(&confusion),
            per_code,
            confusion,
        }
    }
}

/// Cohen's kappa of (gold, predicted) pairs: agreement corrected for chance, 1 is perfect, 0
/// is chance. An empty list, or one where chance agreement is already 1, gives 1 when all
/// pairs agree and 0 otherwise.
pub fn cohen_kappa(pairs: &[(StrategyCode, StrategyCode)]) -> f64 {
    let mut confusion = [[0usize; K]; K];
    for &(g, p) in pairs {
        confusion[g.index()][p.index()] += 1;
    }
    kappa_from(&confusion)
}

fn kappa_from(c: &[[usize; K]; K]) -> f64 {
    let n: usize = c.iter().flatten().sum();
    if n == 0 {
        return 1.0;
    }
    let n = n as f64;
    let po = (0..K).map(|k| c[k][k]).sum::<usize>() as f64 / n;
    let pe: f64 = (0..K)
        .map(|k| {
            let row: usize = c[k].iter().sum();
            let col: usize = (0..K).map(|g| c[g][k]).sum();
            (row as f64 / n) * (col as f64 / n)
        })
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return if (po - 1.0).abs() < 1e-12 { 1.0 } else { 0.0 };
    }
    (po - pe) / (1.0 - pe)
}
