//! The evidence view the scoring functions read: the case's indicators with their (possibly
//! perturbed) values and whose side each is on, and the actions that count. The robustness
//! check and the per-year timeline build views without copying the case.

use crate::case::{Action, Case, Component, Indicator, IndicatorKind};
use crate::date::PartialDate;

/// Whose measure an indicator is: the balancer's (or one of its agencies'), the target's, or
/// another actor's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Balancer,
    Target,
    Other,
}

/// One indicator as the scoring sees it: the row and the value to use. The row's component,
/// kind and date are copied in, so the Monte Carlo's filters read them without following the
/// pointer to the row (a cache miss per row and draw otherwise).
#[derive(Clone, Copy, Debug)]
pub struct Obs<'a> {
    pub ind: &'a Indicator,
    pub value: f64,
    pub side: Side,
    pub component: Component,
    pub kind: IndicatorKind,
    pub date: PartialDate,
    /// The indicator's metric as a number, numbered in the metrics' sorted order, so grouping
    /// and ordering by it equals grouping and ordering by the name (the Monte Carlo's hot loop
    /// compares numbers, not strings).
    pub metric: u32,
}

/// A selection of a case's evidence (all of it, a bootstrap resample, or the rows dated up to a
/// year).
#[derive(Clone, Debug)]
pub struct View<'a> {
    pub case: &'a Case,
    pub obs: Vec<Obs<'a>>,
    pub actions: Vec<&'a Action>,
}

impl<'a> View<'a> {
    /// All of the case's evidence, unchanged.
    pub fn full(case: &'a Case) -> View<'a> {
        View { case, obs: observations(case), actions: case.actions.iter().collect() }
    }

    /// The evidence dated (by its date) up to and including `year`.
    pub fn up_to(case: &'a Case, year: i32) -> View<'a> {
        View {
            case,
            obs: observations(case).into_iter().filter(|o| o.date.year <= year).collect(),
            actions: case.actions.iter().filter(|a| a.date.year <= year).collect(),
        }
    }

    pub fn of(&self, component: Component, kind: IndicatorKind) -> impl Iterator<Item = &Obs<'a>> {
        self.obs.iter().filter(move |o| o.component == component && o.kind == kind)
    }
}

/// Every indicator of the case with its side and metric number resolved once.
pub fn observations(case: &Case) -> Vec<Obs<'_>> {
    let mut metrics: Vec<&str> = case.indicators.iter().map(|i| i.metric.as_str()).collect();
    metrics.sort_unstable();
    metrics.dedup();
    let number = |m: &str| metrics.binary_search(&m).map(|k| k as u32).unwrap_or(u32::MAX);
    case.indicators
        .iter()
        .map(|ind| Obs {
            ind,
            value: ind.value,
            side: side_of(case, &ind.actor),
            component: ind.component,
            kind: ind.kind,
            date: ind.date,
            metric: number(&ind.metric),
        })
        .collect()
}

pub fn side_of(case: &Case, actor: &str) -> Side {
    if case.belongs_to(actor, &case.meta.balancer) {
        Side::Balancer
    } else if case.belongs_to(actor, &case.meta.target) {
        Side::Target
    } else {
        Side::Other
    }
}

/// Buffers the numbers-only scores (`threat::raw_threat_in`, `interests::raw_interests_in`)
/// reuse from one call to the next, so a Monte Carlo draw allocates nothing. Rows are held as
/// indices into the view's observations.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Rows of the balancer's paired capability and rank measures.
    pub(crate) balancer: Vec<u32>,
    /// (metric number, year, target share, row) of the aggregate-power level measures.
    pub(crate) shares: Vec<(u32, i32, f64, u32)>,
    /// (metric number, year, value, row) of the target's growth series.
    pub(crate) growth: Vec<(u32, i32, f64, u32)>,
    /// Rows of the interest flow series.
    pub(crate) series: Vec<u32>,
    /// Latest (date, value) per declared cooperation area.
    pub(crate) areas: Vec<Option<(PartialDate, f64)>>,
}
