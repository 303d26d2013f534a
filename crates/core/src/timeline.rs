//! The escalation timeline: the model recomputed on the evidence dated (by event date) up to
//! each year of the period, with the components that lack evidence, the observed mix of that
//! year and cumulatively, and the years where the case moves toward hard balancing or back.

use crate::case::{Action, Case};
use crate::decision::Response;
use crate::evidence::View;
use crate::interests::{self, InterestLevel};
use crate::observed::{classify, counts_for_balancer, mix_of, Mix};
use crate::threat::{self, ThreatLevel};

#[derive(Clone, Debug)]
pub struct YearRow {
    pub year: i32,
    pub threat_level: ThreatLevel,
    pub threat_score: f64,
    /// Component name → score (`None` = missing) on the evidence up to this year.
    pub components: Vec<(&'static str, Option<f64>)>,
    pub missing: Vec<String>,
    pub interest_level: InterestLevel,
    pub interest_score: f64,
    pub prediction: Response,
    /// Actions dated in this year: head count and magnitude mix.
    pub actions_in_year: usize,
    pub year_mix: Mix,
    /// All actions up to this year: mix and observed outcome.
    pub cumulative_mix: Mix,
    pub observed_cumulative: Response,
    /// Set when this year moves the case toward hard (or back) against the year before.
    pub shift: Option<Shift>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shift {
    pub toward_hard: bool,
    /// What moved: `prediction`, `observed`, and components whose score moved by 0.05 or more.
    pub moved: Vec<String>,
}

fn rank(r: Response) -> Option<i32> {
    match r {
        Response::None => Some(0),
        Response::Soft => Some(1),
        Response::Mixed => Some(2),
        Response::Hard => Some(3),
        Response::Insufficient => None,
    }
}

pub fn by_year(case: &Case) -> Vec<YearRow> {
    let p = &case.params;
    let (first, last) = case.meta.period;
    let mut rows: Vec<YearRow> = Vec::new();
    for year in first..=last {
        let view = View::up_to(case, year);
        let t = threat::assess_view(&view, p);
        let i = interests::assess_view(&view, p);
        let (prediction, _) = crate::decision::decide(t.level, i.level, t.target_power_share, p.method.much_stronger_share);
        let own: Vec<&Action> = view.actions.iter().copied().filter(|a| counts_for_balancer(case, a)).collect();
        let (_, cum, n, years) = mix_of(case, own.iter().copied());
        let (_, ym, ny, _) = mix_of(case, own.iter().copied().filter(|a| a.date.year == year));
        let observed_cumulative = classify(&cum, n, years, &p.observed).0;
        let components: Vec<(&'static str, Option<f64>)> = ["aggregate_power", "offensive_capability", "proximity", "intentions"]
            .into_iter()
            .map(|c| (c, t.components.get(c).and_then(|s| s.score)))
            .collect();
        let shift = rows.last().and_then(|prev| {
            let mut moved = Vec::new();
            let mut dir = 0i32;
            if let (Some(a), Some(b)) = (rank(prev.prediction), rank(prediction)) {
                if a != b {
                    moved.push("prediction".to_string());
                    dir += (b - a).signum();
                }
            }
            if let (Some(a), Some(b)) = (rank(prev.observed_cumulative), rank(observed_cumulative)) {
                if a != b {
                    moved.push("observed".to_string());
                    dir += (b - a).signum();
                }
            }
            if dir == 0 {
                return None;
            }
            for ((name, now), (_, before)) in components.iter().zip(prev.components.iter()) {
                if let (Some(x), Some(y)) = (now, before) {
                    if (x - y).abs() >= 0.05 {
                        moved.push(name.to_string());
                    }
                } else if now.is_some() != before.is_some() {
                    moved.push(name.to_string());
                }
            }
            Some(Shift { toward_hard: dir > 0, moved })
        });
        rows.push(YearRow {
            year,
            threat_level: t.level,
            threat_score: t.score,
            components,
            missing: t.missing,
            interest_level: i.level,
            interest_score: i.score,
            prediction,
            actions_in_year: ny,
            year_mix: ym,
            cumulative_mix: cum,
            observed_cumulative,
            shift,
        });
    }
    rows
}
