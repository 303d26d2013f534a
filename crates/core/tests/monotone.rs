//! Property tests: scores are monotone in evidence. Adding any statement at or above neutral
//! never lowers perceived intentions; adding any program never lowers offensive capability;
//! adding a benign statement never raises intentions. Arbitrary rows, not only extreme ones.

use proptest::prelude::*;
use softbalance_core::case::{Case, Component, IndicatorKind};
use softbalance_core::threat;

fn case_with(perceptions: &[i8], programs: &[u8]) -> Case {
    let mut c = Case::empty("AAA", "BBB", (2000, 2010));
    for (k, v) in perceptions.iter().enumerate() {
        c = c.with_indicator(&format!("p{k}"), Component::Intentions, IndicatorKind::Perception, "s", "AAA", 2000 + (k % 10) as i32, *v as f64);
    }
    for (k, v) in programs.iter().enumerate() {
        c = c.with_indicator(&format!("m{k}"), Component::OffensiveCapability, IndicatorKind::Program, "m", "BBB", 2000 + (k % 10) as i32, *v as f64);
    }
    c
}

fn scores(c: &Case) -> (Option<f64>, Option<f64>) {
    let t = threat::assess(c, &c.params);
    (t.components["intentions"].score, t.components["offensive_capability"].score)
}

proptest! {
    #[test]
    fn adding_evidence_never_lowers_the_scores(
        perceptions in prop::collection::vec(-1i8..=2, 0..40),
        programs in prop::collection::vec(1u8..=3, 0..40),
        new_statement in 0i8..=2,
        new_program in 1u8..=3,
    ) {
        let (i0, o0) = scores(&case_with(&perceptions, &programs));
        let mut p = perceptions.clone();
        p.push(new_statement);
        let (i1, _) = scores(&case_with(&p, &programs));
        prop_assert!(i1.unwrap() >= i0.unwrap_or(0.0) - 1e-12, "statement {new_statement}: {i0:?} -> {i1:?}");
        let mut m = programs.clone();
        m.push(new_program);
        let (_, o1) = scores(&case_with(&perceptions, &m));
        prop_assert!(o1.unwrap() >= o0.unwrap_or(0.0) - 1e-12, "program {new_program}: {o0:?} -> {o1:?}");
        let mut b = perceptions.clone();
        b.push(-1);
        let (ib, _) = scores(&case_with(&b, &programs));
        prop_assert!(ib.unwrap() <= i0.unwrap_or(0.0) + 1e-12, "a benign statement: {i0:?} -> {ib:?}");
    }

    #[test]
    fn the_threat_score_never_falls_when_hostile_evidence_is_added(
        perceptions in prop::collection::vec(0i8..=2, 1..30),
        programs in prop::collection::vec(1u8..=3, 1..30),
    ) {
        let a = case_with(&perceptions, &programs);
        let mut p = perceptions.clone();
        p.push(2);
        let b = case_with(&p, &programs);
        let (ta, tb) = (threat::assess(&a, &a.params).score, threat::assess(&b, &b.params).score);
        prop_assert!(tb >= ta - 1e-12, "{ta} -> {tb}");
    }
}
