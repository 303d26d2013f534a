//! Precision, recall, F1, macro-F1 and Cohen's kappa on hand-computed cases.

use softbalance_coder::metrics::{cohen_kappa, Report};
use softbalance_core::strategy::StrategyCode::{self, *};

fn some(pairs: &[(StrategyCode, StrategyCode)]) -> Vec<(Option<StrategyCode>, Option<StrategyCode>)> {
    pairs.iter().map(|&(g, p)| (Some(g), Some(p))).collect()
}

fn check(pairs: &[(StrategyCode, StrategyCode)], macro_f1: f64, kappa: f64) {
    let pairs = &some(pairs)[..];
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
    let r = Report::new(&some(&pairs));
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

#[test]
fn none_counts_as_a_miss_or_a_false_positive_but_not_in_the_average() {
    // A real act coded none is a miss for its code; a none item coded as an act is a false
    // positive for that code; none itself is not averaged.
    let pairs = [
        (Some(Friction), Some(Friction)),
        (Some(Friction), None),
        (None, None),
        (None, Some(Friction)),
    ];
    let r = Report::new(&pairs);
    let fr = &r.per_code[Friction.index()];
    assert_eq!((fr.precision, fr.recall, fr.support), (0.5, 0.5, 2));
    assert!((r.macro_f1 - 0.5).abs() < 1e-9, "{}", r.macro_f1);
    assert_eq!(r.accuracy, 0.5);
    assert_eq!((r.none.actions, r.none.actions_coded_none), (2, 1));
    assert_eq!((r.none.non_actions, r.none.non_actions_coded_none), (2, 1));
    assert_eq!(r.confusion[9][9], 1);
}
