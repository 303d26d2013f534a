//! The observed profile: the case's actions counted per strategy code, family and year, the
//! soft and hard shares, and the verdict comparing what was done with what was predicted.

use crate::case::Case;
use crate::decision::Response;
use crate::strategy::{Family, StrategyCode};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct ObservedProfile {
    pub total: usize,
    /// Code → count, every code present (zeros included) so scripts can rely on the keys.
    pub by_strategy: BTreeMap<String, usize>,
    pub by_family: BTreeMap<String, usize>,
    /// Year → code → count (codes with zero omitted).
    pub by_year: BTreeMap<i32, BTreeMap<String, usize>>,
    pub soft: usize,
    pub hard: usize,
    pub non_balancing: usize,
    /// Soft actions over balancing (soft + hard) actions; `None` without balancing actions.
    pub soft_share: Option<f64>,
    pub hard_share: Option<f64>,
    pub response: Response,
    /// Actions whose actor is not the balancer or one of its agencies (counted all the same).
    pub foreign_actor_actions: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    pub predicted: Response,
    pub observed: Response,
    pub matches: bool,
    pub explanation: String,
}

pub fn profile(case: &Case) -> ObservedProfile {
    let mut counts = [0usize; 9];
    let mut by_year: BTreeMap<i32, BTreeMap<String, usize>> = BTreeMap::new();
    let mut foreign = Vec::new();
    for a in &case.actions {
        counts[a.code.index()] += 1;
        *by_year.entry(a.date.year).or_default().entry(a.code.as_str().to_string()).or_default() += 1;
        if !case.belongs_to(&a.actor, &case.meta.balancer) {
            foreign.push(a.id.clone());
        }
    }
    let by_strategy = StrategyCode::ALL.iter().map(|c| (c.as_str().to_string(), counts[c.index()])).collect();
    let mut by_family: BTreeMap<String, usize> = BTreeMap::new();
    for c in StrategyCode::ALL {
        *by_family.entry(c.family().as_str().to_string()).or_default() += counts[c.index()];
    }
    let soft: usize = StrategyCode::ALL.iter().filter(|c| c.is_soft()).map(|c| counts[c.index()]).sum();
    let hard: usize = StrategyCode::ALL.iter().filter(|c| c.is_hard()).map(|c| counts[c.index()]).sum();
    let non_balancing: usize =
        StrategyCode::ALL.iter().filter(|c| c.family() == Family::NonBalancing).map(|c| counts[c.index()]).sum();
    let balancing = soft + hard;
    let (soft_share, hard_share) = if balancing > 0 {
        (Some(soft as f64 / balancing as f64), Some(hard as f64 / balancing as f64))
    } else {
        (None, None)
    };
    // Any hard balancing that makes up half of the balancing record turns the profile hard;
    // a soft record with a few hard moves stays soft but the verdict says so.
    let response = if balancing == 0 {
        Response::None
    } else if hard_share.unwrap_or(0.0) >= 0.5 {
        Response::Hard
    } else {
        Response::Soft
    };
    ObservedProfile {
        total: case.actions.len(),
        by_strategy,
        by_family,
        by_year,
        soft,
        hard,
        non_balancing,
        soft_share,
        hard_share,
        response,
        foreign_actor_actions: foreign,
    }
}

pub fn verdict(predicted: Response, observed: &ObservedProfile) -> Verdict {
    let matches = predicted == observed.response;
    let families: Vec<String> = observed
        .by_family
        .iter()
        .filter(|(f, n)| **n > 0 && f.as_str() != "non_balancing" && f.as_str() != "hard")
        .map(|(f, n)| format!("{f} {n}"))
        .collect();
    let record = format!(
        "{} actions: {} soft ({}), {} hard, {} friction or cooperation",
        observed.total,
        observed.soft,
        if families.is_empty() { "none".into() } else { families.join(", ") },
        observed.hard,
        observed.non_balancing
    );
    let explanation = match (predicted, observed.response, matches) {
        (_, _, true) if observed.response == Response::Soft && observed.hard == 0 => format!(
            "Behaviour matches the prediction: the record is soft balancing through and through ({record}); no hard balancing was observed."
        ),
        (_, _, true) if observed.response == Response::Soft => format!(
            "Behaviour matches the prediction on balance ({record}), but {} hard-balancing actions show movement toward hard balancing.",
            observed.hard
        ),
        (_, _, true) => format!("Behaviour matches the prediction ({record})."),
        (Response::Soft, Response::Hard, false) => format!(
            "The theory predicts soft balancing but the record is mostly hard ({record}): the balancer has escalated beyond what threat and interests suggest, or the threat is under-estimated."
        ),
        (Response::Hard, Response::Soft, false) => format!(
            "The theory predicts hard balancing but the balancer has kept to soft means ({record}): common interests or costs may weigh more than the case's evidence shows."
        ),
        (Response::None, _, false) => format!(
            "The theory predicts no balancing but balancing actions were observed ({record}): the evidence may under-state the perceived threat."
        ),
        (_, Response::None, false) => format!(
            "The theory predicts {} but no balancing action is recorded ({record}): either the case's action table is incomplete or the balancer has not acted yet.",
            predicted.label_en()
        ),
        _ => format!("Behaviour does not match the prediction ({record})."),
    };
    Verdict { predicted, observed: observed.response, matches, explanation }
}
