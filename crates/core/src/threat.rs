//! Threat (威脅): each of Walt's four components scored in [0, 1] from the case's indicators,
//! weighted per the manifest, and combined into a level. Formulas: docs/methodology.md §1.

use crate::case::{Case, Component, IndicatorKind, Method, Params, ThreatThresholds, ThreatWeights};
use crate::evidence::{Obs, Scratch, Side, View};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThreatLevel {
    /// Too little evidence to assess the threat.
    Insufficient,
    None,
    Latent,
    Limited,
    Severe,
}

impl ThreatLevel {
    pub const ALL: [ThreatLevel; 5] = [ThreatLevel::Insufficient, ThreatLevel::None, ThreatLevel::Latent, ThreatLevel::Limited, ThreatLevel::Severe];
    /// The level named `s` (as `as_str` writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ThreatLevel::Insufficient => "insufficient_evidence",
            ThreatLevel::None => "none",
            ThreatLevel::Latent => "latent",
            ThreatLevel::Limited => "limited",
            ThreatLevel::Severe => "severe",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            ThreatLevel::Insufficient => "證據不足",
            ThreatLevel::None => "無威脅",
            ThreatLevel::Latent => "潛在威脅",
            ThreatLevel::Limited => "有限威脅",
            ThreatLevel::Severe => "重大迫切威脅",
        }
    }
}

/// What a component's score rests on, as data; the report words it.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// No evidence for the component.
    Missing,
    /// Paired capability measures: how many metrics and the target's mean share.
    CapabilityShare { metrics: usize, share: f64 },
    /// One metric's target share, first and latest year.
    ShareTrend { metric: String, first_year: i32, first: f64, last_year: i32, latest: f64 },
    /// A growth series' compound annual rate.
    Growth { metric: String, rate: f64 },
    Programs { programs: usize, development: usize, fielded: usize },
    Statements { statements: usize, concern: usize, hostile: usize, benign: usize },
    Distances { measures: usize },
}

/// One component's score with the numbers that produced it and the indicator ids used.
/// `score` is `None` when the component has no evidence: missing, not zero.
#[derive(Clone, Debug)]
pub struct ComponentScore {
    pub score: Option<f64>,
    pub weight: f64,
    /// Sub-scores by name (e.g. `level`, `trend`), for the report.
    pub parts: BTreeMap<String, f64>,
    pub notes: Vec<Note>,
    pub evidence: Vec<String>,
}

impl ComponentScore {
    pub fn missing(&self) -> bool {
        self.score.is_none()
    }
}

#[derive(Clone, Debug)]
pub struct ThreatAssessment {
    pub level: ThreatLevel,
    pub score: f64,
    pub components: BTreeMap<String, ComponentScore>,
    /// Share of the threat weight resting on evidence (components with a weight and no
    /// evidence are missing).
    pub coverage: f64,
    /// Components with a positive weight and no evidence.
    pub missing: Vec<String>,
    /// The weighted mean of the covered components, and the intent-and-capability path
    /// (the lesser of intentions and offensive capability); the score is the larger.
    pub weighted_mean: f64,
    pub intent_capability: Option<f64>,
    /// Mean share of the target in paired capability measures (0.5 = parity); used by the
    /// decision rule's "much stronger target" condition.
    pub target_power_share: Option<f64>,
    /// Why the level was given, and whether the intent-and-capability path carried the score.
    pub why: LevelReason,
    pub path_decided: bool,
}

/// Component scores before weighting (`None` = no evidence): what the robustness check and
/// the timeline recompute for every draw or year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawThreat {
    pub aggregate_power: Option<f64>,
    pub offensive_capability: Option<f64>,
    pub proximity: Option<f64>,
    pub intentions: Option<f64>,
    pub target_share: Option<f64>,
}

fn clamp01(v: f64) -> f64 {
    v.clamp(0.0, 1.0)
}

/// `n / (n + k)`: how established a level is after `n` independent observations, half at `k`.
pub fn saturation(n: usize, k: f64) -> f64 {
    let n = n as f64;
    if n <= 0.0 {
        0.0
    } else {
        n / (n + k.max(1e-9))
    }
}

/// Compound annual growth rate between the first and the last point of a year series.
pub fn cagr(points: &[(i32, f64)]) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    let years = (last.0 - first.0) as f64;
    if years <= 0.0 || first.1 <= 0.0 || last.1 < 0.0 {
        return None;
    }
    Some((last.1 / first.1).powf(1.0 / years) - 1.0)
}

struct Scored {
    score: Option<f64>,
    parts: Vec<(&'static str, f64)>,
    notes: Vec<Note>,
    share: Option<f64>,
}

impl Scored {
    /// A component without evidence.
    fn missing() -> Scored {
        Scored { score: None, parts: vec![], notes: vec![Note::Missing], share: None }
    }
}

/// Aggregate power: level = mean over metrics of min(1, 2 × target share) (parity or better
/// counts fully), trend = mean of growth and share-change signals; score = w·level +
/// (1 − w)·trend with w = `method.power_level_weight`.
fn aggregate_power(view: &View, m: &Method, explain: bool, s: &mut Scratch) -> Scored {
    let obs = &view.obs;
    let power = |o: &&Obs| o.component == Component::AggregatePower;
    // (metric number, year, share, row), grouped below by a stable sort on the first two: the
    // same groups, in the same order, as a map keyed by the metric's name.
    s.shares.clear();
    let mut notes = Vec::new();
    // Means are kept as running sums in the order the values come, as `mean` over a list would
    // add them (from -0.0, as an f64 sum starts), so the numbers are exactly a list's.
    let (mut trend_sum, mut trends) = (-0.0_f64, 0usize);
    // Paired measures: same metric and date for balancer and target (the balancer's first in
    // view order).
    let paired = |o: &Obs| power(&o) && matches!(o.kind, IndicatorKind::Capability | IndicatorKind::Rank);
    s.balancer.clear();
    s.balancer.extend(obs.iter().enumerate().filter(|(_, o)| paired(o) && o.side == Side::Balancer).map(|(k, _)| k as u32));
    for (k, ti) in obs.iter().enumerate() {
        if !(paired(ti) && ti.side == Side::Target) {
            continue;
        }
        let Some(bi) = s.balancer.iter().map(|b| &obs[*b as usize]).find(|o| o.kind == ti.kind && o.metric == ti.metric && o.date == ti.date) else {
            continue;
        };
        let share = match ti.kind {
            IndicatorKind::Rank => bi.value / (bi.value + ti.value),
            _ if ti.value + bi.value > 0.0 => ti.value / (ti.value + bi.value),
            _ => continue,
        };
        s.shares.push((ti.metric, ti.date.year, share, k as u32));
    }
    // Standing rows are coded from the target's point of view, whoever the speaker is.
    for (k, o) in obs.iter().enumerate() {
        if power(&o) && o.kind == IndicatorKind::Standing {
            s.shares.push((o.metric, o.date.year, (o.value + 2.0) / 4.0, k as u32));
        }
    }
    s.shares.sort_by_key(|p| (p.0, p.1));
    let (mut level_sum, mut share_sum, mut metrics) = (-0.0_f64, -0.0_f64, 0usize);
    for pts in s.shares.chunk_by(|a, b| a.0 == b.0) {
        // Several observations of one metric in one year are averaged; the level uses the
        // latest year, the trend compares the first and the latest year.
        let (first_year, mut first_sum, mut first_n) = (pts[0].1, 0.0, 0usize);
        let (mut last_year, mut last_sum, mut last_n, mut years) = (pts[0].1, 0.0, 0usize, 1usize);
        for &(_, y, v, _) in pts {
            if y != last_year {
                (last_year, last_sum, last_n) = (y, 0.0, 0);
                years += 1;
            }
            if last_n == 0 {
                last_sum = v;
            } else {
                last_sum += v;
            }
            last_n += 1;
            if years == 1 {
                (first_sum, first_n) = (last_sum, last_n);
            }
        }
        let first = first_sum / first_n as f64;
        let latest = last_sum / last_n as f64;
        share_sum += latest;
        level_sum += (2.0 * latest).min(1.0);
        metrics += 1;
        if years >= 2 {
            let delta = latest - first;
            trend_sum += if delta > 0.0 { 1.0 } else if delta < 0.0 { 0.0 } else { 0.5 };
            trends += 1;
            if explain {
                let metric = obs[pts[0].3 as usize].ind.metric.clone();
                notes.push(Note::ShareTrend { metric, first_year, first, last_year, latest });
            }
        }
    }
    // Growth series of the target alone (one value per year: the first in view order).
    s.growth.clear();
    for (k, g) in obs.iter().enumerate() {
        if power(&g) && g.kind == IndicatorKind::Growth {
            s.growth.push((g.metric, g.date.year, g.value, k as u32));
        }
    }
    s.growth.sort_by_key(|p| (p.0, p.1));
    s.growth.dedup_by_key(|p| (p.0, p.1));
    for g in s.growth.chunk_by(|a, b| a.0 == b.0) {
        let (first, last) = (g[0], g[g.len() - 1]);
        if let Some(rate) = cagr(&[(first.1, first.2), (last.1, last.2)]) {
            trend_sum += clamp01(rate / m.growth_reference);
            trends += 1;
            if explain {
                notes.push(Note::Growth { metric: obs[g[0].3 as usize].ind.metric.clone(), rate });
            }
        }
    }
    let level = (metrics > 0).then(|| level_sum / metrics as f64);
    let trend = (trends > 0).then(|| trend_sum / trends as f64);
    let w = m.power_level_weight.clamp(0.0, 1.0);
    let score = match (level, trend) {
        (Some(l), Some(tr)) => Some(w * l + (1.0 - w) * tr),
        (Some(l), None) => Some(l),
        (None, Some(tr)) => Some(tr * (1.0 - w)),
        (None, None) => None,
    };
    let share = (metrics > 0).then(|| share_sum / metrics as f64);
    let mut parts = Vec::new();
    if !explain {
        return Scored { score, parts, notes, share };
    }
    if let Some(l) = level {
        parts.push(("level", l));
    }
    if let Some(tr) = trend {
        parts.push(("trend", tr));
    }
    if let Some(s) = share {
        parts.push(("target_share", s));
    }
    match share {
        Some(s) => notes.insert(0, Note::CapabilityShare { metrics, share: s }),
        None if notes.is_empty() => notes.push(Note::Missing),
        None => {}
    }
    Scored { score, parts, notes, share }
}

/// Offensive capability: for each development level ℓ = 1 (research or doctrine), 2
/// (development), 3 (fielded), how established it is from the programs at ℓ or above,
/// n / (n + k); the score is the mean of the three. Adding a program never lowers it.
fn offensive_capability(view: &View, m: &Method, explain: bool) -> Scored {
    let (mut programs, mut n1, mut n2, mut n3) = (0, 0, 0, 0);
    for v in view.of(Component::OffensiveCapability, IndicatorKind::Program).map(|o| o.value) {
        programs += 1;
        n1 += usize::from(v >= 1.0);
        n2 += usize::from(v >= 2.0);
        n3 += usize::from(v >= 3.0);
    }
    if programs == 0 {
        return Scored::missing();
    }
    let k = m.program_saturation;
    let (s1, s2, s3) = (saturation(n1, k), saturation(n2, k), saturation(n3, k));
    let score = (s1 + s2 + s3) / 3.0;
    let notes = if explain { vec![Note::Programs { programs, development: n2, fielded: n3 }] } else { vec![] };
    Scored {
        score: Some(score),
        parts: if explain { vec![("research", s1), ("development", s2), ("fielded", s3)] } else { vec![] },
        notes,
        share: None,
    }
}

/// Perceived intentions: how established hostile perception is, from the balancer's coded
/// statements. Concern (1 or more) and hostile intent (2) each saturate as n / (n + k); their
/// mean is discounted by the benign statements (−1): × (1 − b / (b + n₁ + k)). Neutral
/// statements (0) change nothing; any statement at 1 or 2 raises the score.
fn intentions(view: &View, m: &Method, explain: bool) -> Scored {
    let (mut statements, mut n1, mut n2, mut nb) = (0, 0, 0, 0);
    for v in view.of(Component::Intentions, IndicatorKind::Perception).map(|o| o.value) {
        statements += 1;
        n1 += usize::from(v >= 1.0);
        n2 += usize::from(v >= 2.0);
        nb += usize::from(v <= -1.0);
    }
    if statements == 0 {
        return Scored::missing();
    }
    let k = m.intent_saturation;
    let hostile = 0.5 * saturation(n1, k) + 0.5 * saturation(n2, k);
    let discount = 1.0 - nb as f64 / (nb as f64 + n1 as f64 + k.max(1e-9));
    let score = hostile * discount;
    let notes = if explain { vec![Note::Statements { statements, concern: n1, hostile: n2, benign: nb }] } else { vec![] };
    Scored {
        score: Some(score),
        parts: if explain { vec![("concern", saturation(n1, k)), ("hostile", saturation(n2, k)), ("benign_discount", discount)] } else { vec![] },
        notes,
        share: None,
    }
}

/// Proximity: 1 at 0 km falling linearly to 0 at `method.proximity_horizon_km` (mean over
/// distance rows).
fn proximity(view: &View, m: &Method, explain: bool) -> Scored {
    let (mut sum, mut measures) = (0.0, 0usize);
    for o in view.of(Component::Proximity, IndicatorKind::Distance) {
        sum += 1.0 - (o.value / m.proximity_horizon_km.max(1.0)).min(1.0);
        measures += 1;
    }
    let score = (measures > 0).then(|| sum / measures as f64);
    let notes = match score {
        Some(_) if explain => vec![Note::Distances { measures }],
        Some(_) => vec![],
        None => vec![Note::Missing],
    };
    Scored { score, parts: vec![], notes, share: None }
}

/// The four component scores of a view, numbers only (no explanations).
pub fn raw_threat(view: &View, m: &Method) -> RawThreat {
    raw_threat_in(view, m, &mut Scratch::default())
}

/// [`raw_threat`] with buffers kept from an earlier call (the Monte Carlo's draws).
pub fn raw_threat_in(view: &View, m: &Method, scratch: &mut Scratch) -> RawThreat {
    let power = aggregate_power(view, m, false, scratch);
    RawThreat {
        aggregate_power: power.score,
        offensive_capability: offensive_capability(view, m, false).score,
        proximity: proximity(view, m, false).score,
        intentions: intentions(view, m, false).score,
        target_share: power.share,
    }
}

/// The combined score: the larger of the weighted mean over the components with evidence and
/// the intent-and-capability path min(intentions, offensive capability) — Walt's point that
/// hostile intent backed by offensive capability threatens whatever the aggregate power.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Combined {
    pub score: f64,
    pub weighted_mean: f64,
    pub intent_capability: Option<f64>,
    pub coverage: f64,
}

pub fn combine(raw: &RawThreat, w: &ThreatWeights) -> Combined {
    let pairs = [
        (raw.aggregate_power, w.aggregate_power),
        (raw.offensive_capability, w.offensive_capability),
        (raw.proximity, w.proximity),
        (raw.intentions, w.intentions),
    ];
    let total: f64 = pairs.iter().map(|p| p.1.max(0.0)).sum();
    // fold from +0.0: an empty float `sum()` is -0.0, which prints as "-0%".
    let covered: f64 = pairs.iter().filter(|p| p.0.is_some()).map(|p| p.1.max(0.0)).fold(0.0, |a, b| a + b);
    let weighted_mean = if covered > 0.0 {
        pairs.iter().filter_map(|(s, wt)| s.map(|s| s * wt.max(0.0))).sum::<f64>() / covered
    } else {
        0.0
    };
    let intent_capability = match (raw.intentions, raw.offensive_capability) {
        (Some(i), Some(o)) => Some(i.min(o)),
        _ => None,
    };
    Combined {
        score: weighted_mean.max(intent_capability.unwrap_or(0.0)),
        weighted_mean,
        intent_capability,
        coverage: if total > 0.0 { covered / total } else { 0.0 },
    }
}

/// Why a threat level was given, as data (the report words it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LevelReason {
    NoIntentEvidence,
    LowCoverage { coverage: f64, min: f64 },
    BelowIntentFloor { intentions: f64, floor: f64 },
    Band { score: f64 },
}

/// The level for a combined score. Without perception evidence, or with less than
/// `min_coverage` of the weight on evidence, the threat cannot be assessed; below the intent
/// floor there is no threat whatever the capabilities (Walt).
pub fn level_for(c: &Combined, intentions: Option<f64>, th: &ThreatThresholds, min_coverage: f64) -> (ThreatLevel, LevelReason) {
    let Some(intentions) = intentions else {
        return (ThreatLevel::Insufficient, LevelReason::NoIntentEvidence);
    };
    if c.coverage + 1e-12 < min_coverage {
        return (ThreatLevel::Insufficient, LevelReason::LowCoverage { coverage: c.coverage, min: min_coverage });
    }
    if intentions < th.intent_floor {
        return (ThreatLevel::None, LevelReason::BelowIntentFloor { intentions, floor: th.intent_floor });
    }
    let level = if c.score >= th.severe {
        ThreatLevel::Severe
    } else if c.score >= th.limited {
        ThreatLevel::Limited
    } else if c.score >= th.latent {
        ThreatLevel::Latent
    } else {
        ThreatLevel::None
    };
    (level, LevelReason::Band { score: c.score })
}

fn evidence_ids(view: &View, component: Component) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for o in view.obs.iter().filter(|o| o.component == component) {
        if !ids.iter().any(|i| i == &o.ind.id) {
            ids.push(o.ind.id.clone());
        }
    }
    ids
}

/// The explained assessment of a view (the point estimate).
pub fn assess_view(view: &View, params: &Params) -> ThreatAssessment {
    let m = &params.method;
    let w = &params.threat_weights;
    let total = w.aggregate_power + w.offensive_capability + w.proximity + w.intentions;
    let norm = |x: f64| if total > 0.0 { x / total } else { 0.0 };
    let power = aggregate_power(view, m, true, &mut Scratch::default());
    let share = power.share;
    let scored = [
        (Component::AggregatePower, power, w.aggregate_power),
        (Component::OffensiveCapability, offensive_capability(view, m, true), w.offensive_capability),
        (Component::Proximity, proximity(view, m, true), w.proximity),
        (Component::Intentions, intentions(view, m, true), w.intentions),
    ];
    let raw = RawThreat {
        aggregate_power: scored[0].1.score,
        offensive_capability: scored[1].1.score,
        proximity: scored[2].1.score,
        intentions: scored[3].1.score,
        target_share: share,
    };
    let mut components = BTreeMap::new();
    let mut missing = Vec::new();
    for (c, s, weight) in scored {
        if s.score.is_none() && weight > 0.0 {
            missing.push(c.as_str().to_string());
        }
        components.insert(
            c.as_str().to_string(),
            ComponentScore {
                score: s.score,
                weight: norm(weight),
                parts: s.parts.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                notes: s.notes,
                evidence: evidence_ids(view, c),
            },
        );
    }
    let combined = combine(&raw, w);
    let (level, why) = level_for(&combined, raw.intentions, &params.threat_thresholds, m.min_coverage);
    let path_decided = matches!(why, LevelReason::Band { .. })
        && combined.intent_capability.is_some_and(|ic| ic > combined.weighted_mean);
    ThreatAssessment {
        level,
        score: combined.score,
        components,
        coverage: combined.coverage,
        missing,
        weighted_mean: combined.weighted_mean,
        intent_capability: combined.intent_capability,
        target_power_share: share,
        why,
        path_decided,
    }
}

pub fn assess(case: &Case, params: &Params) -> ThreatAssessment {
    assess_view(&View::full(case), params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, Component as C, IndicatorKind as K};

    #[test]
    fn cagr_matches_hand_computation() {
        let r = cagr(&[(2015, 100.0), (2017, 121.0)]).unwrap();
        assert!((r - 0.10).abs() < 1e-12);
        assert_eq!(cagr(&[(2015, 0.0), (2017, 1.0)]), None);
        assert_eq!(cagr(&[(2015, 1.0)]), None);
    }

    fn full(score: f64) -> Combined {
        Combined { score, weighted_mean: score, intent_capability: None, coverage: 1.0 }
    }

    #[test]
    fn levels_follow_thresholds_intent_floor_and_coverage() {
        let th = Params::default().threat_thresholds;
        assert_eq!(level_for(&full(0.9), Some(0.9), &th, 0.6).0, ThreatLevel::Severe);
        assert_eq!(level_for(&full(0.6), Some(0.9), &th, 0.6).0, ThreatLevel::Limited);
        assert_eq!(level_for(&full(0.35), Some(0.9), &th, 0.6).0, ThreatLevel::Latent);
        assert_eq!(level_for(&full(0.1), Some(0.9), &th, 0.6).0, ThreatLevel::None);
        assert_eq!(level_for(&full(0.95), Some(0.0), &th, 0.6).0, ThreatLevel::None);
        assert_eq!(level_for(&full(0.95), None, &th, 0.6).0, ThreatLevel::Insufficient);
        let thin = Combined { coverage: 0.4, ..full(0.9) };
        assert_eq!(level_for(&thin, Some(0.9), &th, 0.6).0, ThreatLevel::Insufficient);
    }

    #[test]
    fn same_year_observations_are_averaged_and_years_compared() {
        // 2019: -2 (share 0); 2021: -1 and +1 (shares 0.25 and 0.75, mean 0.5).
        let case = Case::empty("A", "B", (2019, 2021))
            .with_indicator("a", C::AggregatePower, K::Standing, "overall", "B", 2019, -2.0)
            .with_indicator("b", C::AggregatePower, K::Standing, "overall", "B", 2021, -1.0)
            .with_indicator("c", C::AggregatePower, K::Standing, "overall", "B", 2021, 1.0);
        let s = aggregate_power(&View::full(&case), &Method::default(), true, &mut Scratch::default());
        assert_eq!(s.share, Some(0.5));
        assert_eq!(s.parts[0], ("level", 1.0));
        assert_eq!(s.parts[1], ("trend", 1.0), "the share rose from 0 to 0.5");
        assert!(s.notes.contains(&Note::ShareTrend { metric: "overall".into(), first_year: 2019, first: 0.0, last_year: 2021, latest: 0.5 }), "{:?}", s.notes);
    }

    #[test]
    fn hostile_intent_backed_by_offensive_capability_reaches_severe_without_superior_power() {
        // Walt's WWII Germany: a weaker state (share 0.3) with hostile intent and fielded arms.
        let mut case = Case::empty("GBR", "DEU", (1936, 1939))
            .with_indicator("p1", C::AggregatePower, K::Capability, "gdp", "GBR", 1938, 7.0)
            .with_indicator("p2", C::AggregatePower, K::Capability, "gdp", "DEU", 1938, 3.0);
        for k in 0..20 {
            case = case
                .with_indicator(&format!("i{k}"), C::Intentions, K::Perception, "statement", "GBR", 1938, 2.0)
                .with_indicator(&format!("o{k}"), C::OffensiveCapability, K::Program, "arms", "DEU", 1938, 3.0);
        }
        let t = assess(&case, &case.params);
        assert!(t.weighted_mean < 0.8, "the weighted mean alone stays below severe: {}", t.weighted_mean);
        assert_eq!(t.level, ThreatLevel::Severe, "{t:?}");
    }

    #[test]
    fn a_component_without_evidence_is_missing_not_zero() {
        let case = Case::empty("A", "B", (2020, 2021)).with_indicator("i", C::Intentions, K::Perception, "s", "A", 2020, 1.0);
        let t = assess(&case, &case.params);
        assert_eq!(t.missing, vec!["aggregate_power", "offensive_capability"]);
        assert!(t.components["aggregate_power"].score.is_none());
        assert_eq!(t.level, ThreatLevel::Insufficient, "40% of the weight covered is below 60%");
    }
}
