//! Common interests (共同利益): economic interdependence (trade series, partner rank, shares
//! such as firms staying) and the breadth of cooperation areas, combined into a level.
//! Formulas: docs/methodology.md §2.

use crate::case::{Case, Component, IndicatorKind, InterestThresholds, Params};
use crate::threat::cagr;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestLevel {
    None,
    Weak,
    Substantial,
    Strong,
}

impl InterestLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            InterestLevel::None => "none",
            InterestLevel::Weak => "weak",
            InterestLevel::Substantial => "substantial",
            InterestLevel::Strong => "strong",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            InterestLevel::None => "無",
            InterestLevel::Weak => "薄弱",
            InterestLevel::Substantial => "深厚",
            InterestLevel::Strong => "極為深厚",
        }
    }
    /// Present in the theory's sense (enough to make confrontation costly).
    pub fn is_present(self) -> bool {
        self >= InterestLevel::Substantial
    }
}

/// One year of a flow series with its growth over the previous year, recomputed from the raw
/// values (the paper's 表 1 prints these rounded to three decimals).
#[derive(Clone, Debug, Serialize)]
pub struct SeriesPoint {
    pub year: i32,
    pub value: f64,
    pub growth_pct: Option<f64>,
    pub indicator: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeriesSummary {
    pub metric: String,
    pub label_en: String,
    pub label_zh: String,
    pub unit: String,
    pub points: Vec<SeriesPoint>,
    pub cagr_pct: Option<f64>,
    /// Last value over the series maximum: how much of its peak the flow kept.
    pub resilience: f64,
    pub score: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct InterestAssessment {
    pub level: InterestLevel,
    pub score: f64,
    pub economic: f64,
    pub cooperation: f64,
    pub series: Vec<SeriesSummary>,
    pub areas_active: Vec<String>,
    pub areas_missing: Vec<String>,
    pub areas_other: Vec<String>,
    pub explanation: String,
    pub evidence: Vec<String>,
}

/// Growth at which a series' trend sub-score reaches 1 (and −this reaches 0).
pub const TREND_REFERENCE: f64 = 0.10;

/// Score of the target's rank among the balancer's partners.
pub fn rank_score(rank: f64) -> f64 {
    if rank <= 3.0 {
        1.0
    } else if rank <= 10.0 {
        0.6
    } else if rank <= 25.0 {
        0.3
    } else {
        0.1
    }
}

pub fn level_for(score: f64, th: &InterestThresholds) -> InterestLevel {
    if score >= th.strong {
        InterestLevel::Strong
    } else if score >= th.present {
        InterestLevel::Substantial
    } else if score > 0.0 {
        InterestLevel::Weak
    } else {
        InterestLevel::None
    }
}

pub fn assess(case: &Case, params: &Params) -> InterestAssessment {
    let mut evidence = Vec::new();
    let mut econ_signals = Vec::new();
    let mut notes = Vec::new();

    let mut by_metric: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for r in case.indicators_of(Component::Interests, IndicatorKind::Series) {
        by_metric.entry(r.metric.as_str()).or_default().push(r);
    }
    let mut series = Vec::new();
    for (metric, mut pts) in by_metric {
        pts.sort_by_key(|i| i.date);
        let mut points: Vec<SeriesPoint> = Vec::new();
        for (k, p) in pts.iter().enumerate() {
            let growth_pct = if k > 0 && pts[k - 1].value > 0.0 && pts[k - 1].date.year + 1 == p.date.year {
                Some((p.value - pts[k - 1].value) / pts[k - 1].value * 100.0)
            } else {
                None
            };
            points.push(SeriesPoint { year: p.date.year, value: p.value, growth_pct, indicator: p.id.clone() });
            evidence.push(p.id.clone());
        }
        let yv: Vec<(i32, f64)> = points.iter().map(|p| (p.year, p.value)).collect();
        let rate = cagr(&yv);
        let max = yv.iter().map(|p| p.1).fold(0.0_f64, f64::max);
        let resilience = if max > 0.0 { yv.last().map(|p| p.1).unwrap_or(0.0) / max } else { 0.0 };
        let trend = rate.map(|r| (0.5 + 0.5 * r / TREND_REFERENCE).clamp(0.0, 1.0)).unwrap_or(0.5);
        let score = 0.5 * resilience + 0.5 * trend;
        econ_signals.push(score);
        notes.push(format!(
            "{metric}: {} of its peak kept{}",
            pct(resilience),
            rate.map(|r| format!(", {:+.1}% a year", r * 100.0)).unwrap_or_default()
        ));
        series.push(SeriesSummary {
            metric: metric.to_string(),
            label_en: pts[0].label_en.clone(),
            label_zh: pts[0].label_zh.clone(),
            unit: pts[0].unit.clone(),
            points,
            cagr_pct: rate.map(|r| r * 100.0),
            resilience,
            score,
        });
    }
    for r in case.indicators_of(Component::Interests, IndicatorKind::Rank) {
        econ_signals.push(rank_score(r.value));
        notes.push(format!("{}: rank {}", r.metric, r.value));
        evidence.push(r.id.clone());
    }
    for r in case.indicators_of(Component::Interests, IndicatorKind::Share) {
        econ_signals.push(r.value);
        notes.push(format!("{} ({}): {}", r.metric, r.date, pct(r.value)));
        evidence.push(r.id.clone());
    }
    let economic = if econ_signals.is_empty() {
        0.0
    } else {
        econ_signals.iter().sum::<f64>() / econ_signals.len() as f64
    };

    let declared: BTreeSet<&str> = params.areas.iter().map(|s| s.as_str()).collect();
    let mut active = BTreeSet::new();
    let mut other = BTreeSet::new();
    for r in case.indicators_of(Component::Interests, IndicatorKind::Cooperation) {
        evidence.push(r.id.clone());
        if r.value >= 1.0 {
            if declared.contains(r.metric.as_str()) {
                active.insert(r.metric.clone());
            } else {
                other.insert(r.metric.clone());
            }
        }
    }
    let cooperation = if declared.is_empty() { 0.0 } else { active.len() as f64 / declared.len() as f64 };
    let missing: Vec<String> =
        declared.iter().filter(|a| !active.contains(**a)).map(|a| a.to_string()).collect();

    let w = &params.interest_weights;
    let total = w.economic + w.cooperation;
    let score = if total > 0.0 { (w.economic * economic + w.cooperation * cooperation) / total } else { 0.0 };
    let level = level_for(score, &params.interest_thresholds);
    let explanation = format!(
        "economic {:.2} ({}); cooperation continues in {} of {} areas{}",
        economic,
        if notes.is_empty() { "no economic evidence".to_string() } else { notes.join("; ") },
        active.len(),
        declared.len(),
        if active.is_empty() { String::new() } else { format!(" ({})", active.iter().cloned().collect::<Vec<_>>().join(", ")) }
    );
    InterestAssessment {
        level,
        score,
        economic,
        cooperation,
        series,
        areas_active: active.into_iter().collect(),
        areas_missing: missing,
        areas_other: other.into_iter().collect(),
        explanation,
        evidence,
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_scores_step_down() {
        assert_eq!(rank_score(3.0), 1.0);
        assert_eq!(rank_score(4.0), 0.6);
        assert_eq!(rank_score(30.0), 0.1);
    }

    #[test]
    fn levels_follow_thresholds() {
        let p = Params::default().interest_thresholds;
        assert_eq!(level_for(0.0, &p), InterestLevel::None);
        assert_eq!(level_for(0.2, &p), InterestLevel::Weak);
        assert_eq!(level_for(0.5, &p), InterestLevel::Substantial);
        assert_eq!(level_for(0.9, &p), InterestLevel::Strong);
        assert!(!InterestLevel::Weak.is_present() && InterestLevel::Substantial.is_present());
    }
}
