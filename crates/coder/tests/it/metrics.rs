//! Precision, recall, F1, macro-F1 and Cohen's kappa on hand-computed cases.

use softbalance_coder::metrics::{cohen_kappa, Report};
use softbalance_core::strategy::StrategyCode::{self, *};

fn check(pairs: &[(StrategyCode, StrategyCode)], macro_f1: f64, kappa: f64) {
    let r = Report::new(pairs);
    assert!((r.macro_f1 - macro_f1).abs() < 1e-9, "macro-F1 {} != {macro_f1}", r.macro_f1);
    assert!((r.kappa - kappa).abs() < 1e-9, "kappa {} != {kappa}", r.kappa);
    assert!((cohen_kappa(pairs) - kappa).abs() < 1e-9);
}

#[test]
fn perfect_and_chance() {
    check(&[(Friction, Friction), (Cooperation, Cooperation)], 1.0, 1.0);
    // Two codes, one right each way: accuracy 0.5, chance 0.5, kappa 0.
    check(
        &[(Friction, Friction), (Friction, Cooperation), (Cooperation, Cooperation), (Cooperation, Friction)],
        0.5,
        0.0,
    );
    check(&[], 0.0, 1.0);
}

#[test]
fn per_code_scores_and_confusion() {
    let pairs = [
        (ObstructActive, ObstructActive),
        (ObstructActive, Friction),
        (Friction, Friction),
        (Friction, Friction),
    ];
    let r = Report::new(&pairs);
    let oa = &r.per_code[ObstructActive.index()];
    assert_eq!((oa.precision, oa.recall, oa.support), (1.0, 0.5, 2));
    let fr = &r.per_code[Friction.index()];
    assert!((fr.precision - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(r.confusion[ObstructActive.index()][Friction.index()], 1);
    assert_eq!(r.accuracy, 0.75);
    // Codes absent from gold and predictions do not count in the macro average.
    let f1_oa = 2.0 * 1.0 * 0.5 / 1.5;
    let f1_fr = 2.0 * (2.0 / 3.0) * 1.0 / (2.0 / 3.0 + 1.0);
    assert!((r.macro_f1 - (f1_oa + f1_fr) / 2.0).abs() < 1e-9);
}
