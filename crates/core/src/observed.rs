//! The observed record: the balancer's actions counted per code, family and year, by head
//! count and by magnitude; the observed outcome by the rules of docs/methodology.md §4; the
//! friction test per action; and the verdict comparing the record with the prediction.

use crate::case::{Action, Case, ObservedRules};
use crate::decision::Response;
use crate::friction;
use crate::strategy::{Family, StrategyCode};
use std::collections::{BTreeMap, BTreeSet};

/// Soft, hard, friction and cooperation parts of a record (head counts or magnitudes).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mix {
    pub soft: f64,
    pub hard: f64,
    pub friction: f64,
    pub cooperation: f64,
}

impl Mix {
    pub fn total(&self) -> f64 {
        self.soft + self.hard + self.friction + self.cooperation
    }
    pub fn balancing(&self) -> f64 {
        self.soft + self.hard
    }
    pub fn add(&mut self, code: StrategyCode, w: f64) {
        if code.is_soft() {
            self.soft += w;
        } else if code.is_hard() {
            self.hard += w;
        } else if code == StrategyCode::Friction {
            self.friction += w;
        } else {
            self.cooperation += w;
        }
    }
    /// Each part over the total (zeros when the record is empty).
    pub fn shares(&self) -> Mix {
        let t = self.total();
        if t <= 0.0 {
            return Mix::default();
        }
        Mix { soft: self.soft / t, hard: self.hard / t, friction: self.friction / t, cooperation: self.cooperation / t }
    }
}

/// Which observed rule fired, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObservedRule {
    /// Fewer actions or distinct years than the case's minimum.
    ThinRecord,
    /// Balancing is less than `min_balancing_share` of the record.
    MostlyEngagement,
    /// Hard share of balancing below `mixed_hard_share`.
    MostlySoft,
    /// Hard share between the two cuts.
    SoftAndHard,
    /// Hard share at or above `hard_share`.
    MostlyHard,
}

/// The outcome of a record from its magnitude mix, action count and distinct years.
pub fn classify(mix: &Mix, actions: usize, years: usize, r: &ObservedRules) -> (Response, ObservedRule) {
    if actions < r.min_actions || years < r.min_years || mix.total() <= 0.0 {
        return (Response::Insufficient, ObservedRule::ThinRecord);
    }
    let balancing = mix.balancing();
    if balancing / mix.total() < r.min_balancing_share || balancing <= 0.0 {
        return (Response::None, ObservedRule::MostlyEngagement);
    }
    let hard = mix.hard / balancing;
    if hard >= r.hard_share {
        (Response::Hard, ObservedRule::MostlyHard)
    } else if hard >= r.mixed_hard_share {
        (Response::Mixed, ObservedRule::SoftAndHard)
    } else {
        (Response::Soft, ObservedRule::MostlySoft)
    }
}

/// The friction test over the record (balancing-coded actions only, since those are the
/// claims of balancing the test examines).
#[derive(Clone, Debug)]
pub struct FrictionSummary {
    /// Balancing-coded actions (the denominator).
    pub balancing_actions: usize,
    pub passed: usize,
    pub failed: usize,
    pub ambiguous: usize,
    pub not_assessed: usize,
    /// Passed over assessed balancing actions; `None` when none was assessed.
    pub pass_share: Option<f64>,
    /// The observed outcome recomputed with passing balancing actions only (failed ones count as
    /// friction; ambiguous and unassessed ones leave the record); `None` when none was assessed.
    pub outcome_passing_only: Option<Response>,
    /// Action id → outcome, rule and deciding features.
    pub per_action: Vec<(String, friction::Assessment)>,
}

#[derive(Clone, Debug)]
pub struct ObservedProfile {
    /// The balancer's actions (those that count).
    pub total: usize,
    /// Code → head count, every code present (zeros included) so scripts can rely on the keys.
    pub by_strategy: BTreeMap<String, usize>,
    pub by_family: BTreeMap<String, usize>,
    /// Year → code → count (codes with zero omitted).
    pub by_year: BTreeMap<i32, BTreeMap<String, usize>>,
    pub years: usize,
    pub soft: usize,
    pub hard: usize,
    pub non_balancing: usize,
    /// Head counts and magnitudes of the four parts, and their shares of all actions.
    pub counts: Mix,
    pub magnitudes: Mix,
    pub count_shares: Mix,
    pub magnitude_shares: Mix,
    /// Hard share of balancing by magnitude; `None` without balancing actions.
    pub hard_share_of_balancing: Option<f64>,
    /// The outcome (magnitude-weighted, which decides) and the rule that fired.
    pub response: Response,
    pub rule: ObservedRule,
    /// The same rules on head counts, for comparison.
    pub head_count_response: Response,
    pub friction: FrictionSummary,
    /// Actions whose actor is not the balancer or one of its agencies: listed, not counted.
    pub foreign_actor_actions: Vec<String>,
}

/// The mix and the distinct years of some actions.
pub fn mix_of<'a>(case: &Case, actions: impl IntoIterator<Item = &'a Action>) -> (Mix, Mix, usize, usize) {
    let mut counts = Mix::default();
    let mut magnitudes = Mix::default();
    let mut years: Vec<i32> = Vec::new();
    let mut n = 0;
    for a in actions {
        counts.add(a.code, 1.0);
        magnitudes.add(a.code, case.magnitude(a));
        years.push(a.date.year);
        n += 1;
    }
    years.sort_unstable();
    years.dedup();
    (counts, magnitudes, n, years.len())
}

/// Whether an action counts toward the balancer's record.
pub fn counts_for_balancer(case: &Case, a: &Action) -> bool {
    case.belongs_to(&a.actor, &case.meta.balancer)
}

pub fn profile_of<'a>(case: &'a Case, actions: &[&'a Action]) -> ObservedProfile {
    let rules = &case.params.observed;
    let mut own: Vec<&Action> = Vec::new();
    let mut foreign = Vec::new();
    for a in actions {
        if counts_for_balancer(case, a) {
            own.push(a);
        } else {
            foreign.push(a.id.clone());
        }
    }
    let mut counts9 = [0usize; 9];
    let mut by_year: BTreeMap<i32, BTreeMap<String, usize>> = BTreeMap::new();
    for a in &own {
        counts9[a.code.index()] += 1;
        *by_year.entry(a.date.year).or_default().entry(a.code.as_str().to_string()).or_default() += 1;
    }
    let by_strategy = StrategyCode::ALL.iter().map(|c| (c.as_str().to_string(), counts9[c.index()])).collect();
    let mut by_family: BTreeMap<String, usize> = BTreeMap::new();
    for c in StrategyCode::ALL {
        *by_family.entry(c.family().as_str().to_string()).or_default() += counts9[c.index()];
    }
    let sum = |f: &dyn Fn(StrategyCode) -> bool| StrategyCode::ALL.iter().filter(|c| f(**c)).map(|c| counts9[c.index()]).sum::<usize>();
    let soft = sum(&|c| c.is_soft());
    let hard = sum(&|c| c.is_hard());
    let non_balancing = sum(&|c| c.family() == Family::NonBalancing);
    let (counts, magnitudes, n, years) = mix_of(case, own.iter().copied());
    let (response, rule) = classify(&magnitudes, n, years, rules);
    let (head_count_response, _) = classify(&counts, n, years, rules);
    let hard_share_of_balancing =
        (magnitudes.balancing() > 0.0).then(|| magnitudes.hard / magnitudes.balancing());
    ObservedProfile {
        total: n,
        by_strategy,
        by_family,
        by_year,
        years,
        soft,
        hard,
        non_balancing,
        counts,
        magnitudes,
        count_shares: counts.shares(),
        magnitude_shares: magnitudes.shares(),
        hard_share_of_balancing,
        response,
        rule,
        head_count_response,
        friction: friction_summary(case, &own),
        foreign_actor_actions: foreign,
    }
}

pub fn profile(case: &Case) -> ObservedProfile {
    let all: Vec<&Action> = case.actions.iter().collect();
    profile_of(case, &all)
}

fn friction_summary(case: &Case, own: &[&Action]) -> FrictionSummary {
    let rules = &case.params.observed;
    let mut per_action = Vec::new();
    let (mut passed, mut failed, mut ambiguous, mut not_assessed, mut balancing_actions) = (0, 0, 0, 0, 0);
    let mut passing_mix = Mix::default();
    let mut kept = 0usize;
    let mut kept_years = BTreeSet::new();
    for a in own {
        let r = friction::assess(a.friction.as_ref(), rules);
        let w = case.magnitude(a);
        let balancing = a.code.is_soft() || a.code.is_hard();
        if balancing {
            balancing_actions += 1;
            match r.outcome {
                friction::Outcome::Balancing => {
                    passed += 1;
                    passing_mix.add(a.code, w);
                    kept += 1;
                    kept_years.insert(a.date.year);
                }
                friction::Outcome::Friction => {
                    failed += 1;
                    passing_mix.add(StrategyCode::Friction, w);
                    kept += 1;
                    kept_years.insert(a.date.year);
                }
                friction::Outcome::Ambiguous => ambiguous += 1,
                friction::Outcome::NotAssessed => not_assessed += 1,
            }
        } else {
            passing_mix.add(a.code, w);
            kept += 1;
            kept_years.insert(a.date.year);
        }
        per_action.push((a.id.clone(), r));
    }
    let assessed = passed + failed + ambiguous;
    FrictionSummary {
        balancing_actions,
        passed,
        failed,
        ambiguous,
        not_assessed,
        pass_share: (assessed > 0).then(|| passed as f64 / assessed as f64),
        outcome_passing_only: (assessed > 0).then(|| classify(&passing_mix, kept, kept_years.len(), rules).0),
        per_action,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    Matches,
    /// A mixed record against a soft or hard prediction.
    PartlyMatches,
    DoesNotMatch,
    /// One side has too little evidence.
    CannotTell,
}

impl ObservedRule {
    pub fn as_str(self) -> &'static str {
        match self {
            ObservedRule::ThinRecord => "thin_record",
            ObservedRule::MostlyEngagement => "mostly_engagement",
            ObservedRule::MostlySoft => "mostly_soft",
            ObservedRule::SoftAndHard => "soft_and_hard",
            ObservedRule::MostlyHard => "mostly_hard",
        }
    }
}

impl Match {
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Matches => "matches",
            Match::PartlyMatches => "partly_matches",
            Match::DoesNotMatch => "does_not_match",
            Match::CannotTell => "cannot_tell",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Verdict {
    pub predicted: Response,
    pub observed: Response,
    pub agreement: Match,
}

/// Compare: `insufficient` on either side → cannot tell; a mixed record partly matches a soft
/// or hard prediction (the theory expects soft balancing to harden when it fails) and does not
/// match a prediction of none; otherwise the outcomes must be equal.
pub fn compare(predicted: Response, observed: Response) -> Match {
    match (predicted, observed) {
        (Response::Insufficient, _) | (_, Response::Insufficient) => Match::CannotTell,
        (Response::Soft | Response::Hard, Response::Mixed) => Match::PartlyMatches,
        (p, o) if p == o => Match::Matches,
        _ => Match::DoesNotMatch,
    }
}

pub fn verdict(predicted: Response, observed: &ObservedProfile) -> Verdict {
    Verdict { predicted, observed: observed.response, agreement: compare(predicted, observed.response) }
}
