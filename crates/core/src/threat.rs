//! Threat (威脅): each of Walt's four components scored in [0, 1] from the case's indicators,
//! weighted per the manifest, and combined into a level. Formulas: docs/methodology.md §1.

use crate::case::{Case, Component, IndicatorKind, Params, ThreatThresholds, ThreatWeights};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreatLevel {
    None,
    Latent,
    Limited,
    Severe,
}

impl ThreatLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreatLevel::None => "none",
            ThreatLevel::Latent => "latent",
            ThreatLevel::Limited => "limited",
            ThreatLevel::Severe => "severe",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            ThreatLevel::None => "無威脅",
            ThreatLevel::Latent => "潛在威脅",
            ThreatLevel::Limited => "有限威脅",
            ThreatLevel::Severe => "重大迫切威脅",
        }
    }
}

/// One component's score with the numbers that produced it and the indicator ids used.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentScore {
    pub score: f64,
    pub weight: f64,
    /// Sub-scores by name (e.g. `level`, `trend`), for the report.
    pub parts: BTreeMap<String, f64>,
    pub explanation: String,
    pub evidence: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ThreatAssessment {
    pub level: ThreatLevel,
    pub score: f64,
    pub components: BTreeMap<String, ComponentScore>,
    /// Mean share of the target in paired capability measures (0.5 = parity); used by the
    /// decision rule's "much stronger target" condition.
    pub target_power_share: Option<f64>,
    pub reason: String,
}

/// Component scores before weighting; the Monte Carlo re-weights these without rescoring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawThreat {
    pub aggregate_power: f64,
    pub offensive_capability: f64,
    pub proximity: f64,
    pub intentions: f64,
}

/// Weight of the level (against the trend) in aggregate power.
pub const POWER_LEVEL_WEIGHT: f64 = 0.7;
/// Annual growth of the target at which the trend sub-score saturates.
pub const GROWTH_REFERENCE: f64 = 0.20;
/// Number of distinct military programs at which breadth saturates.
pub const PROGRAM_BREADTH: f64 = 5.0;
/// Distance at which proximity falls to zero.
pub const PROXIMITY_HORIZON_KM: f64 = 10_000.0;

fn clamp01(v: f64) -> f64 {
    v.clamp(0.0, 1.0)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn mean(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        None
    } else {
        Some(v.iter().sum::<f64>() / v.len() as f64)
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

/// Aggregate power: level = mean over metrics of min(1, 2 × target share) (parity or better
/// counts fully), trend = mean of growth and share-change signals; score = 0.7 level + 0.3 trend.
fn aggregate_power(case: &Case) -> (ComponentScore, Option<f64>) {
    let (b, t) = (&case.meta.balancer, &case.meta.target);
    let rows: Vec<_> = case
        .indicators
        .iter()
        .filter(|i| i.component == Component::AggregatePower)
        .collect();
    let mut shares: BTreeMap<String, Vec<(crate::date::PartialDate, f64)>> = BTreeMap::new();
    let mut evidence = Vec::new();
    let mut trends = Vec::new();
    let mut notes = Vec::new();
    // Paired measures: same metric and date for balancer and target.
    for ti in rows.iter().filter(|i| {
        matches!(i.kind, IndicatorKind::Capability | IndicatorKind::Rank) && case.belongs_to(&i.actor, t)
    }) {
        let Some(bi) = rows.iter().find(|i| {
            i.kind == ti.kind && i.metric == ti.metric && i.date == ti.date && case.belongs_to(&i.actor, b)
        }) else {
            continue;
        };
        let share = match ti.kind {
            IndicatorKind::Rank => bi.value / (bi.value + ti.value),
            _ if ti.value + bi.value > 0.0 => ti.value / (ti.value + bi.value),
            _ => continue,
        };
        shares.entry(ti.metric.clone()).or_default().push((ti.date, share));
        evidence.push(ti.id.clone());
        evidence.push(bi.id.clone());
    }
    // Standing rows are coded from the target's point of view, whoever the speaker is.
    for s in rows.iter().filter(|i| i.kind == IndicatorKind::Standing) {
        shares.entry(s.metric.clone()).or_default().push((s.date, (s.value + 2.0) / 4.0));
        evidence.push(s.id.clone());
    }
    let mut metric_levels = Vec::new();
    let mut metric_shares = Vec::new();
    for (metric, pts) in shares {
        // Several observations of one metric in one year (e.g. three assessments of overall
        // strength in 2020) are averaged; the level uses the latest year, the trend compares
        // the first and the latest year.
        let mut by_year: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
        for (date, share) in pts {
            by_year.entry(date.year).or_default().push(share);
        }
        let year_means: Vec<(i32, f64)> =
            by_year.into_iter().map(|(y, v)| (y, v.iter().sum::<f64>() / v.len() as f64)).collect();
        let (first_year, first) = year_means[0];
        let (last_year, latest) = *year_means.last().expect("non-empty");
        metric_shares.push(latest);
        metric_levels.push((2.0 * latest).min(1.0));
        if year_means.len() >= 2 {
            let delta = latest - first;
            trends.push(if delta > 0.0 { 1.0 } else if delta < 0.0 { 0.0 } else { 0.5 });
            notes.push(format!("{metric}: target share {first:.2} ({first_year}) → {latest:.2} ({last_year})"));
        }
    }
    // Growth series of the target alone.
    let mut growth: BTreeMap<&str, Vec<(i32, f64, String)>> = BTreeMap::new();
    for g in rows.iter().filter(|i| i.kind == IndicatorKind::Growth) {
        growth.entry(g.metric.as_str()).or_default().push((g.date.year, g.value, g.id.clone()));
    }
    for (metric, mut pts) in growth {
        pts.sort_by_key(|p| p.0);
        let series: Vec<(i32, f64)> = pts.iter().map(|p| (p.0, p.1)).collect();
        if let Some(rate) = cagr(&series) {
            trends.push(clamp01(rate / GROWTH_REFERENCE));
            notes.push(format!("{metric}: {:+.1}% a year", rate * 100.0));
            evidence.extend(pts.into_iter().map(|p| p.2));
        }
    }
    let level = mean(&metric_levels);
    let trend = mean(&trends);
    let score = match (level, trend) {
        (Some(l), Some(tr)) => POWER_LEVEL_WEIGHT * l + (1.0 - POWER_LEVEL_WEIGHT) * tr,
        (Some(l), None) => l,
        (None, Some(tr)) => tr * (1.0 - POWER_LEVEL_WEIGHT),
        (None, None) => 0.0,
    };
    let share = mean(&metric_shares);
    let mut parts = BTreeMap::new();
    if let Some(l) = level {
        parts.insert("level".to_string(), l);
    }
    if let Some(tr) = trend {
        parts.insert("trend".to_string(), tr);
    }
    if let Some(s) = share {
        parts.insert("target_share".to_string(), s);
    }
    let explanation = match share {
        Some(s) => format!(
            "{} capability measure{} put the target's share at {:.2} of the pair (0.50 = parity){}",
            metric_levels.len(),
            plural(metric_levels.len()),
            s,
            if notes.is_empty() { String::new() } else { format!("; {}", notes.join("; ")) }
        ),
        None if !notes.is_empty() => notes.join("; "),
        None => "no capability evidence".to_string(),
    };
    (ComponentScore { score, weight: 0.0, parts, explanation, evidence }, share)
}

/// Offensive capability: half intensity (mean coded level / 3), half breadth (programs / 5).
fn offensive_capability(case: &Case) -> ComponentScore {
    let rows: Vec<_> = case.indicators_of(Component::OffensiveCapability, IndicatorKind::Program).collect();
    let levels: Vec<f64> = rows.iter().map(|i| i.value).collect();
    let mut parts = BTreeMap::new();
    let (score, explanation) = match mean(&levels) {
        Some(m) => {
            let intensity = m / 3.0;
            let breadth = (rows.len() as f64 / PROGRAM_BREADTH).min(1.0);
            parts.insert("intensity".into(), intensity);
            parts.insert("breadth".into(), breadth);
            (
                0.5 * intensity + 0.5 * breadth,
                format!("{} military program{s} or doctrine{s}, mean coded level {:.2} of 3", rows.len(), m, s = plural(rows.len())),
            )
        }
        None => (0.0, "no military programs coded".to_string()),
    };
    ComponentScore { score, weight: 0.0, parts, explanation, evidence: rows.iter().map(|i| i.id.clone()).collect() }
}

/// Perceived intentions: mean coded perception (−1..2) of the balancer's statements, over 2.
fn intentions(case: &Case) -> ComponentScore {
    let rows: Vec<_> = case.indicators_of(Component::Intentions, IndicatorKind::Perception).collect();
    let values: Vec<f64> = rows.iter().map(|i| i.value).collect();
    let mut parts = BTreeMap::new();
    let (score, explanation) = match mean(&values) {
        Some(m) => {
            let hostile = values.iter().filter(|v| **v >= 2.0).count();
            parts.insert("mean_perception".into(), m);
            (
                clamp01(m / 2.0),
                format!(
                    "{} statements by the balancer, mean coded perception {:.2} (−1 benign … 2 hostile); {} read hostile intent",
                    rows.len(), m, hostile
                ),
            )
        }
        None => (0.0, "no perception statements: no perceived intent".to_string()),
    };
    ComponentScore { score, weight: 0.0, parts, explanation, evidence: rows.iter().map(|i| i.id.clone()).collect() }
}

/// Proximity: 1 at 0 km falling linearly to 0 at 10,000 km (mean over distance rows).
fn proximity(case: &Case) -> ComponentScore {
    let rows: Vec<_> = case.indicators_of(Component::Proximity, IndicatorKind::Distance).collect();
    let values: Vec<f64> = rows.iter().map(|i| 1.0 - (i.value / PROXIMITY_HORIZON_KM).min(1.0)).collect();
    let (score, explanation) = match mean(&values) {
        Some(m) => (m, format!("{} distance measures", rows.len())),
        None => (0.0, "no distance evidence".to_string()),
    };
    ComponentScore {
        score,
        weight: 0.0,
        parts: BTreeMap::new(),
        explanation,
        evidence: rows.iter().map(|i| i.id.clone()).collect(),
    }
}

pub fn raw_threat(case: &Case) -> (RawThreat, BTreeMap<String, ComponentScore>, Option<f64>) {
    let (power, share) = aggregate_power(case);
    let offense = offensive_capability(case);
    let prox = proximity(case);
    let intent = intentions(case);
    let raw = RawThreat {
        aggregate_power: power.score,
        offensive_capability: offense.score,
        proximity: prox.score,
        intentions: intent.score,
    };
    let mut map = BTreeMap::new();
    map.insert(Component::AggregatePower.as_str().to_string(), power);
    map.insert(Component::OffensiveCapability.as_str().to_string(), offense);
    map.insert(Component::Proximity.as_str().to_string(), prox);
    map.insert(Component::Intentions.as_str().to_string(), intent);
    (raw, map, share)
}

/// Weighted mean of the component scores (weights normalised; all-zero weights give 0).
pub fn combine(raw: &RawThreat, w: &ThreatWeights) -> f64 {
    let total = w.aggregate_power + w.offensive_capability + w.proximity + w.intentions;
    if total <= 0.0 {
        return 0.0;
    }
    (raw.aggregate_power * w.aggregate_power
        + raw.offensive_capability * w.offensive_capability
        + raw.proximity * w.proximity
        + raw.intentions * w.intentions)
        / total
}

/// The level for a score; no perceived intent means no threat whatever the score (Walt).
pub fn level_for(score: f64, intentions: f64, th: &ThreatThresholds) -> (ThreatLevel, String) {
    if intentions < th.intent_floor {
        return (
            ThreatLevel::None,
            format!(
                "perceived intent {:.2} is below the floor {:.2}: without perceived hostile intent capabilities alone make no threat",
                intentions, th.intent_floor
            ),
        );
    }
    let (level, why) = if score >= th.severe {
        (ThreatLevel::Severe, format!("score {:.3} ≥ severe threshold {:.2}", score, th.severe))
    } else if score >= th.limited {
        (
            ThreatLevel::Limited,
            format!("score {:.3} is between the limited ({:.2}) and severe ({:.2}) thresholds", score, th.limited, th.severe),
        )
    } else if score >= th.latent {
        (
            ThreatLevel::Latent,
            format!("score {:.3} is between the latent ({:.2}) and limited ({:.2}) thresholds", score, th.latent, th.limited),
        )
    } else {
        (ThreatLevel::None, format!("score {:.3} is below the latent threshold {:.2}", score, th.latent))
    };
    (level, why)
}

pub fn assess(case: &Case, params: &Params) -> (ThreatAssessment, RawThreat) {
    let (raw, mut components, share) = raw_threat(case);
    let w = &params.threat_weights;
    let total = w.aggregate_power + w.offensive_capability + w.proximity + w.intentions;
    let norm = |x: f64| if total > 0.0 { x / total } else { 0.0 };
    for (name, weight) in [
        ("aggregate_power", w.aggregate_power),
        ("offensive_capability", w.offensive_capability),
        ("proximity", w.proximity),
        ("intentions", w.intentions),
    ] {
        if let Some(c) = components.get_mut(name) {
            c.weight = norm(weight);
        }
    }
    let score = combine(&raw, w);
    let (level, reason) = level_for(score, raw.intentions, &params.threat_thresholds);
    (ThreatAssessment { level, score, components, target_power_share: share, reason }, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cagr_matches_hand_computation() {
        let r = cagr(&[(2015, 100.0), (2017, 121.0)]).unwrap();
        assert!((r - 0.10).abs() < 1e-12);
        assert_eq!(cagr(&[(2015, 0.0), (2017, 1.0)]), None);
        assert_eq!(cagr(&[(2015, 1.0)]), None);
    }

    #[test]
    fn levels_follow_thresholds_and_intent_floor() {
        let th = Params::default().threat_thresholds;
        assert_eq!(level_for(0.9, 0.9, &th).0, ThreatLevel::Severe);
        assert_eq!(level_for(0.6, 0.9, &th).0, ThreatLevel::Limited);
        assert_eq!(level_for(0.35, 0.9, &th).0, ThreatLevel::Latent);
        assert_eq!(level_for(0.1, 0.9, &th).0, ThreatLevel::None);
        assert_eq!(level_for(0.95, 0.0, &th).0, ThreatLevel::None);
    }

    #[test]
    fn same_year_observations_are_averaged_and_years_compared() {
        use crate::case::*;
        use crate::date::PartialDate;
        let ind = |id: &str, year: i32, v: f64| Indicator {
            id: id.into(),
            component: Component::AggregatePower,
            kind: IndicatorKind::Standing,
            metric: "overall".into(),
            actor: "B".into(),
            date: PartialDate::year(year),
            value: v,
            unit: String::new(),
            label_en: "x".into(),
            label_zh: String::new(),
            sources: vec!["S".into()],
            locator: String::new(),
        };
        let case = Case {
            meta: CaseMeta {
                id: "t".into(),
                title_en: "t".into(),
                title_zh: String::new(),
                balancer: "A".into(),
                target: "B".into(),
                domain: "d".into(),
                domain_zh: String::new(),
                period: (2019, 2021),
            },
            params: Params::default(),
            sources: vec![],
            actors: vec![],
            // 2019: -2 (share 0); 2021: -1 and +1 (shares 0.25 and 0.75, mean 0.5).
            indicators: vec![ind("a", 2019, -2.0), ind("b", 2021, -1.0), ind("c", 2021, 1.0)],
            actions: vec![],
        };
        let (score, share) = aggregate_power(&case);
        assert_eq!(share, Some(0.5));
        assert_eq!(score.parts["level"], 1.0);
        assert_eq!(score.parts["trend"], 1.0, "the share rose from 0 to 0.5");
        assert!(score.explanation.contains("0.00 (2019) → 0.50 (2021)"), "{}", score.explanation);
    }

    #[test]
    fn zero_weight_components_do_not_count() {
        let raw = RawThreat { aggregate_power: 1.0, offensive_capability: 1.0, proximity: 0.0, intentions: 1.0 };
        let w = Params::default().threat_weights;
        assert!((combine(&raw, &w) - 1.0).abs() < 1e-12);
    }
}
