//! Common interests (共同利益): economic interdependence (trade series, partner rank, shares
//! such as firms staying) and the breadth of cooperation areas, combined into a level.
//! Formulas: docs/methodology.md §2.

use crate::case::{Case, Component, IndicatorKind, InterestThresholds, InterestWeights, Method, Params};
use crate::evidence::{Scratch, View};
use crate::threat::cagr;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InterestLevel {
    /// Too little evidence to assess common interests.
    Insufficient,
    None,
    Weak,
    Substantial,
    Strong,
}

impl InterestLevel {
    pub const ALL: [InterestLevel; 5] = [InterestLevel::Insufficient, InterestLevel::None, InterestLevel::Weak, InterestLevel::Substantial, InterestLevel::Strong];
    /// The level named `s` (as `as_str` writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            InterestLevel::Insufficient => "insufficient_evidence",
            InterestLevel::None => "none",
            InterestLevel::Weak => "weak",
            InterestLevel::Substantial => "substantial",
            InterestLevel::Strong => "strong",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            InterestLevel::Insufficient => "證據不足",
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
#[derive(Clone, Debug)]
pub struct SeriesPoint {
    pub year: i32,
    pub value: f64,
    pub growth_pct: Option<f64>,
    pub indicator: String,
}

#[derive(Clone, Debug)]
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

#[derive(Clone, Debug)]
pub struct InterestAssessment {
    pub level: InterestLevel,
    pub score: f64,
    /// `None` when the case has no evidence for the part (missing, not zero).
    pub economic: Option<f64>,
    pub cooperation: Option<f64>,
    /// Latest dependence (flow over the balancer's total trade or GDP) and the factor it puts on
    /// the economic score; `None` when the case does not measure the flow against an economy.
    pub dependence: Option<f64>,
    pub series: Vec<SeriesSummary>,
    pub areas_active: Vec<String>,
    pub areas_missing: Vec<String>,
    /// Declared areas with no row at all (neither continuing nor suspended).
    pub areas_unknown: Vec<String>,
    pub areas_other: Vec<String>,
    /// What the economic score rests on, as data; the report words it.
    pub notes: Vec<EconNote>,
    /// Cooperation areas the case declares.
    pub declared_areas: usize,
    pub evidence: Vec<String>,
}

/// One economic signal behind the interest score.
#[derive(Clone, Debug, PartialEq)]
pub enum EconNote {
    /// A flow series: share of its peak kept and its compound annual growth.
    Series { metric: String, resilience: f64, rate: Option<f64> },
    Rank { metric: String, rank: f64 },
    Share { metric: String, date: crate::date::PartialDate, value: f64 },
    Dependence { metric: String, date: crate::date::PartialDate, value: f64 },
}

/// Score of the target's rank among the balancer's partners (`method.rank_cuts` and
/// `method.rank_scores`).
pub fn rank_score(rank: f64, m: &Method) -> f64 {
    for (cut, score) in m.rank_cuts.iter().zip(m.rank_scores.iter()) {
        if rank <= *cut {
            return *score;
        }
    }
    m.rank_scores[3]
}

pub fn level_for(score: Option<f64>, th: &InterestThresholds) -> InterestLevel {
    let Some(score) = score else { return InterestLevel::Insufficient };
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

/// Numbers only: (economic, cooperation, combined score), each `None` without evidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawInterests {
    pub economic: Option<f64>,
    pub cooperation: Option<f64>,
    pub dependence: Option<f64>,
}

impl RawInterests {
    /// Weighted mean of the parts with evidence; `None` when neither has any.
    pub fn score(&self, w: &InterestWeights) -> Option<f64> {
        let parts = [(self.economic, w.economic.max(0.0)), (self.cooperation, w.cooperation.max(0.0))];
        let covered: f64 = parts.iter().filter(|p| p.0.is_some()).map(|p| p.1).sum();
        if parts.iter().all(|p| p.0.is_none()) {
            return None;
        }
        if covered <= 0.0 {
            return Some(0.0);
        }
        Some(parts.iter().filter_map(|(s, wt)| s.map(|s| s * wt)).sum::<f64>() / covered)
    }
}

struct Econ<'a> {
    value: Option<f64>,
    dependence: Option<f64>,
    series: Vec<SeriesSummary>,
    notes: Vec<EconNote>,
    evidence: Vec<&'a str>,
}

fn economic<'a>(view: &View<'a>, m: &Method, explain: bool, s: &mut Scratch) -> Econ<'a> {
    let obs = &view.obs;
    // Signals are summed in the order they come (from -0.0, as an f64 sum starts), so the mean
    // is exactly a list's.
    let (mut signal_sum, mut signals) = (-0.0_f64, 0usize);
    let mut notes = Vec::new();
    let mut evidence = Vec::new();
    // Grouped by a stable sort on (metric number, date): the same groups and order as a map
    // keyed by the metric's name, without one allocation per metric.
    s.series.clear();
    s.series.extend(
        obs.iter().enumerate().filter(|(_, o)| o.component == Component::Interests && o.kind == IndicatorKind::Series).map(|(k, _)| k as u32),
    );
    s.series.sort_by_key(|&k| (obs[k as usize].metric, obs[k as usize].date));
    s.series.dedup_by_key(|k| (obs[*k as usize].metric, obs[*k as usize].date.year));
    let mut series = Vec::new();
    for group in s.series.chunk_by(|a, b| obs[*a as usize].metric == obs[*b as usize].metric) {
        let pt = |k: usize| &obs[group[k] as usize];
        let metric = pt(0).ind.metric.as_str();
        let (first, last) = (pt(0), pt(group.len() - 1));
        let rate = cagr(&[(first.date.year, first.value), (last.date.year, last.value)]);
        let max = group.iter().map(|k| obs[*k as usize].value).fold(0.0_f64, f64::max);
        let resilience = if max > 0.0 { last.value / max } else { 0.0 };
        let trend = rate.map(|r| (0.5 + 0.5 * r / m.trend_reference).clamp(0.0, 1.0)).unwrap_or(0.5);
        let score = 0.5 * resilience + 0.5 * trend;
        signal_sum += score;
        signals += 1;
        if explain {
            notes.push(EconNote::Series { metric: metric.to_string(), resilience, rate });
            let mut points: Vec<SeriesPoint> = Vec::new();
            for k in 0..group.len() {
                let p = pt(k);
                let growth_pct = if k > 0 && pt(k - 1).value > 0.0 && pt(k - 1).date.year + 1 == p.date.year {
                    Some((p.value - pt(k - 1).value) / pt(k - 1).value * 100.0)
                } else {
                    None
                };
                points.push(SeriesPoint { year: p.date.year, value: p.value, growth_pct, indicator: p.ind.id.clone() });
                evidence.push(p.ind.id.as_str());
            }
            series.push(SeriesSummary {
                metric: metric.to_string(),
                label_en: first.ind.label_en.clone(),
                label_zh: first.ind.label_zh.clone(),
                unit: first.ind.unit.clone(),
                points,
                cagr_pct: rate.map(|r| r * 100.0),
                resilience,
                score,
            });
        }
    }
    for r in view.of(Component::Interests, IndicatorKind::Rank) {
        signal_sum += rank_score(r.value, m);
        signals += 1;
        if explain {
            notes.push(EconNote::Rank { metric: r.ind.metric.clone(), rank: r.value });
            evidence.push(r.ind.id.as_str());
        }
    }
    for r in view.of(Component::Interests, IndicatorKind::Share) {
        signal_sum += r.value;
        signals += 1;
        if explain {
            notes.push(EconNote::Share { metric: r.ind.metric.clone(), date: r.ind.date, value: r.value });
            evidence.push(r.ind.id.as_str());
        }
    }
    // Size: the latest dependence row scales the economic score, so a flow that is a sliver of
    // the balancer's economy cannot read as deep interdependence.
    let dependence = view
        .of(Component::Interests, IndicatorKind::Dependence)
        .max_by_key(|o| o.date)
        .map(|o| {
            if explain {
                evidence.push(o.ind.id.as_str());
                notes.push(EconNote::Dependence { metric: o.ind.metric.clone(), date: o.ind.date, value: o.value });
            }
            o.value
        });
    let value = if signals == 0 {
        dependence.map(|d| (d / m.dependence_reference.max(1e-9)).min(1.0))
    } else {
        let base = signal_sum / signals as f64;
        Some(match dependence {
            Some(d) => base * (d / m.dependence_reference.max(1e-9)).min(1.0),
            None => base,
        })
    };
    Econ { value, dependence, series, notes, evidence }
}

struct Coop<'a> {
    value: Option<f64>,
    active: BTreeSet<&'a str>,
    suspended: BTreeSet<&'a str>,
    other: BTreeSet<&'a str>,
}

/// Each declared area counts as active when its latest row in the view says it continues.
fn cooperation<'a>(view: &View<'a>, areas: &'a [String]) -> Coop<'a> {
    let declared: BTreeSet<&str> = areas.iter().map(|s| s.as_str()).collect();
    let mut latest: BTreeMap<&str, (crate::date::PartialDate, f64)> = BTreeMap::new();
    for r in view.of(Component::Interests, IndicatorKind::Cooperation) {
        let e = latest.entry(r.ind.metric.as_str()).or_insert((r.ind.date, r.value));
        if r.ind.date >= e.0 {
            *e = (r.ind.date, r.value);
        }
    }
    let mut active = BTreeSet::new();
    let mut suspended = BTreeSet::new();
    let mut other = BTreeSet::new();
    for (metric, (_, v)) in &latest {
        if declared.contains(metric) {
            if *v >= 1.0 {
                active.insert(*metric);
            } else {
                suspended.insert(*metric);
            }
        } else if *v >= 1.0 {
            other.insert(*metric);
        }
    }
    let with_rows = active.len() + suspended.len();
    let value = if declared.is_empty() || with_rows == 0 { None } else { Some(active.len() as f64 / declared.len() as f64) };
    Coop { value, active, suspended, other }
}

/// The cooperation score alone (what `cooperation` computes as `value`), without building the
/// area sets: the Monte Carlo calls it on every draw.
fn cooperation_value(view: &View, areas: &[String], s: &mut Scratch) -> Option<f64> {
    // Latest (date, value) per declared area, by the area's first position in `areas`.
    s.areas.clear();
    s.areas.resize(areas.len(), None);
    for r in view.of(Component::Interests, IndicatorKind::Cooperation) {
        let Some(k) = areas.iter().position(|a| *a == r.ind.metric) else { continue };
        match s.areas[k] {
            Some((d, _)) if r.date < d => {}
            _ => s.areas[k] = Some((r.date, r.value)),
        }
    }
    let declared = areas.iter().enumerate().filter(|(k, a)| !areas[..*k].contains(a)).count();
    let with_rows = s.areas.iter().flatten().count();
    let active = s.areas.iter().flatten().filter(|(_, v)| *v >= 1.0).count();
    if declared == 0 || with_rows == 0 {
        None
    } else {
        Some(active as f64 / declared as f64)
    }
}

pub fn raw_interests(view: &View, params: &Params) -> RawInterests {
    raw_interests_in(view, params, &mut Scratch::default())
}

/// [`raw_interests`] with buffers kept from an earlier call (the Monte Carlo's draws).
pub fn raw_interests_in(view: &View, params: &Params, scratch: &mut Scratch) -> RawInterests {
    let e = economic(view, &params.method, false, scratch);
    RawInterests { economic: e.value, cooperation: cooperation_value(view, &params.areas, scratch), dependence: e.dependence }
}

pub fn assess_view(view: &View, params: &Params) -> InterestAssessment {
    let e = economic(view, &params.method, true, &mut Scratch::default());
    let c = cooperation(view, &params.areas);
    let raw = RawInterests { economic: e.value, cooperation: c.value, dependence: e.dependence };
    let score = raw.score(&params.interest_weights);
    let level = level_for(score, &params.interest_thresholds);
    let mut evidence: Vec<String> = e.evidence.iter().map(|s| s.to_string()).collect();
    for r in view.of(Component::Interests, IndicatorKind::Cooperation) {
        if !evidence.contains(&r.ind.id) {
            evidence.push(r.ind.id.clone());
        }
    }
    let declared = params.areas.len();
    let unknown: Vec<String> = params
        .areas
        .iter()
        .filter(|a| !c.active.contains(a.as_str()) && !c.suspended.contains(a.as_str()))
        .cloned()
        .collect();
    InterestAssessment {
        level,
        score: score.unwrap_or(0.0),
        economic: e.value,
        cooperation: c.value,
        dependence: e.dependence,
        series: e.series,
        areas_active: c.active.iter().map(|s| s.to_string()).collect(),
        areas_missing: c.suspended.iter().map(|s| s.to_string()).collect(),
        areas_unknown: unknown,
        areas_other: c.other.iter().map(|s| s.to_string()).collect(),
        notes: e.notes,
        declared_areas: declared,
        evidence,
    }
}

pub fn assess(case: &Case, params: &Params) -> InterestAssessment {
    assess_view(&View::full(case), params)
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, Component as C, IndicatorKind as K};

    #[test]
    fn rank_scores_step_down() {
        let m = Method::default();
        assert_eq!(rank_score(3.0, &m), 1.0);
        assert_eq!(rank_score(4.0, &m), 0.6);
        assert_eq!(rank_score(30.0, &m), 0.1);
    }

    #[test]
    fn levels_follow_thresholds() {
        let p = Params::default().interest_thresholds;
        assert_eq!(level_for(None, &p), InterestLevel::Insufficient);
        assert_eq!(level_for(Some(0.0), &p), InterestLevel::None);
        assert_eq!(level_for(Some(0.2), &p), InterestLevel::Weak);
        assert_eq!(level_for(Some(0.5), &p), InterestLevel::Substantial);
        assert_eq!(level_for(Some(0.9), &p), InterestLevel::Strong);
        assert!(!InterestLevel::Weak.is_present() && InterestLevel::Substantial.is_present());
    }

    fn trade(case: Case) -> Case {
        (2015..=2020).fold(case, |c, y| c.with_indicator(&format!("t{y}"), C::Interests, K::Series, "trade", "A", y, 100.0 + y as f64))
    }

    #[test]
    fn a_flow_that_is_a_sliver_of_the_economy_is_not_deep_interdependence() {
        let case = trade(Case::empty("A", "B", (2015, 2020)));
        let plain = assess(&case, &case.params).economic.unwrap();
        assert!(plain > 0.7, "a growing flow at its peak, measured against itself: {plain}");
        let small = case.clone().with_indicator("d", C::Interests, K::Dependence, "trade_share", "A", 2020, 0.002);
        let scaled = assess(&small, &small.params).economic.unwrap();
        assert!(scaled < 0.02, "0.2% of the balancer's trade: {scaled}");
    }

    #[test]
    fn a_cooperation_area_counts_by_its_latest_status_and_areas_belong_to_the_case() {
        let mut case = Case::empty("A", "B", (2015, 2020))
            .with_indicator("c1", C::Interests, K::Cooperation, "climate", "A", 2016, 1.0)
            .with_indicator("c2", C::Interests, K::Cooperation, "climate", "A", 2019, 0.0);
        assert_eq!(assess(&case, &case.params).cooperation, None, "no declared areas: none inherited");
        case.params.areas = vec!["climate".into(), "nuclear".into()];
        let a = assess(&case, &case.params);
        assert_eq!(a.cooperation, Some(0.0), "suspended in 2019");
        assert_eq!(a.areas_missing, vec!["climate"]);
        assert_eq!(a.areas_unknown, vec!["climate", "nuclear"].into_iter().filter(|x| *x == "nuclear").collect::<Vec<_>>());
    }
}
