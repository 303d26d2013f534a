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

fn mixed_case(rows: &[(u8, u8, i8, u8)], areas: &[u8]) -> Case {
    // (component/kind selector, metric, value, year offset): every kind the raw path reads.
    let kinds = [
        (Component::AggregatePower, IndicatorKind::Capability),
        (Component::AggregatePower, IndicatorKind::Rank),
        (Component::AggregatePower, IndicatorKind::Standing),
        (Component::AggregatePower, IndicatorKind::Growth),
        (Component::Interests, IndicatorKind::Series),
        (Component::Interests, IndicatorKind::Cooperation),
        (Component::Interests, IndicatorKind::Rank),
        (Component::Interests, IndicatorKind::Dependence),
        (Component::Intentions, IndicatorKind::Perception),
        (Component::OffensiveCapability, IndicatorKind::Program),
        (Component::Proximity, IndicatorKind::Distance),
    ];
    let mut c = Case::empty("AAA", "BBB", (2000, 2010));
    for (k, (sel, metric, value, year)) in rows.iter().enumerate() {
        let (component, kind) = kinds[*sel as usize % kinds.len()];
        let actor = if k % 2 == 0 { "AAA" } else { "BBB" };
        let v = match kind {
            IndicatorKind::Cooperation => (*value as f64).clamp(0.0, 1.0),
            IndicatorKind::Perception => (*value as f64).clamp(-1.0, 2.0),
            IndicatorKind::Program => (*value as f64).clamp(1.0, 3.0),
            IndicatorKind::Standing => (*value as f64).clamp(-2.0, 2.0),
            IndicatorKind::Dependence => (*value as f64).abs() / 10.0,
            _ => (*value as f64).abs() + 1.0,
        };
        c = c.with_indicator(&format!("i{k}"), component, kind, &format!("m{}", metric % 4), actor, 2000 + (*year % 8) as i32, v);
    }
    c.params.areas = areas.iter().map(|a| format!("m{}", a % 5)).collect();
    c
}

proptest! {
    /// The Monte Carlo's fast path (`raw_threat`, `raw_interests`) gives exactly the scores of
    /// the explained assessment the report prints, on arbitrary evidence.
    #[test]
    fn the_fast_path_equals_the_explained_assessment(
        rows in prop::collection::vec((0u8..11, 0u8..4, -3i8..=9, 0u8..8), 0..40),
        areas in prop::collection::vec(0u8..5, 0..4),
    ) {
        use softbalance_core::{evidence::View, interests};
        let c = mixed_case(&rows, &areas);
        let view = View::full(&c);
        let raw = threat::raw_threat(&view, &c.params.method);
        let t = threat::assess(&c, &c.params);
        prop_assert_eq!(raw.aggregate_power, t.components["aggregate_power"].score);
        prop_assert_eq!(raw.offensive_capability, t.components["offensive_capability"].score);
        prop_assert_eq!(raw.intentions, t.components["intentions"].score);
        prop_assert_eq!(raw.proximity, t.components["proximity"].score);
        prop_assert_eq!(raw.target_share, t.target_power_share);
        let ri = interests::raw_interests(&view, &c.params);
        let ia = interests::assess(&c, &c.params);
        prop_assert_eq!(ri.economic, ia.economic);
        prop_assert_eq!(ri.cooperation, ia.cooperation);
    }
}
