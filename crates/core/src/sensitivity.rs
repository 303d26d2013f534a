//! The sensitivity table: which single change flips the answer — dropping one indicator, one
//! action or one source, or the smallest move of one weight, threshold or method constant
//! within its range — ranked by influence.

use crate::case::{Action, Case};
use crate::decision::Response;
use crate::evidence::{observations, Obs, Scratch, View};
use crate::interests::raw_interests;
use crate::observed::{classify, counts_for_balancer, mix_of};
use crate::params::SPECS;
use crate::robustness::{predict, predict_from_raw, predict_in};
use crate::threat::raw_threat;

/// One change tried.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    DropIndicator(String),
    DropAction(String),
    /// Drop the rows that cite no other source.
    DropSource { id: String, indicators: usize, actions: usize },
    /// Move a parameter from its value to the nearest value that flips the prediction.
    MoveParam { key: &'static str, from: f64, to: Option<f64> },
}

/// What a change does to the answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    pub change: Change,
    /// The prediction after the change, when it differs.
    pub prediction_to: Option<Response>,
    /// The observed outcome after the change, when it differs.
    pub observed_to: Option<Response>,
    /// |Δ threat score| + |Δ interest score| (prediction side), or the move's share of the
    /// parameter's range (parameters), or |Δ balancing share| (actions).
    pub influence: f64,
}

impl Effect {
    pub fn flips(&self) -> bool {
        self.prediction_to.is_some() || self.observed_to.is_some()
    }
}

fn observed_of<'a>(case: &Case, actions: impl IntoIterator<Item = &'a Action>) -> (Response, f64) {
    let (_, mags, n, years) = mix_of(case, actions);
    let share = if mags.total() > 0.0 { mags.balancing() / mags.total() } else { 0.0 };
    (classify(&mags, n, years, &case.params.observed).0, share)
}

/// Every change tried, ranked: flips first (parameters by the smallest move), then by influence.
pub fn table(case: &Case) -> Vec<Effect> {
    let p = &case.params;
    let all = observations(case);
    let full = View { case, obs: all.clone(), actions: vec![] };
    let (base, _, base_t, base_i) = predict(&full, p);
    let own: Vec<&Action> = case.actions.iter().filter(|a| counts_for_balancer(case, a)).collect();
    let (base_obs, base_share) = observed_of(case, own.iter().copied());
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    let mut eval = |obs: Vec<Obs>| {
        let v = View { case, obs, actions: vec![] };
        let (r, _, t, i) = predict_in(&v, p, &mut scratch);
        let infl = (t - base_t).abs() + (i.unwrap_or(0.0) - base_i.unwrap_or(0.0)).abs();
        (r, infl)
    };
    for (k, ind) in case.indicators.iter().enumerate() {
        let obs: Vec<Obs> = all.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, o)| *o).collect();
        let (r, infl) = eval(obs);
        out.push(Effect {
            change: Change::DropIndicator(ind.id.clone()),
            prediction_to: (r != base).then_some(r),
            observed_to: None,
            influence: infl,
        });
    }
    for a in &own {
        let (r, share) = observed_of(case, own.iter().copied().filter(|b| b.id != a.id));
        out.push(Effect {
            change: Change::DropAction(a.id.clone()),
            prediction_to: None,
            observed_to: (r != base_obs).then_some(r),
            influence: (share - base_share).abs(),
        });
    }
    for s in &case.sources {
        let only = |srcs: &[String]| !srcs.is_empty() && srcs.iter().all(|x| x == &s.id);
        let dropped_i = case.indicators.iter().filter(|i| only(&i.sources)).count();
        let dropped_a = own.iter().filter(|a| only(&a.sources)).count();
        if dropped_i + dropped_a == 0 {
            continue;
        }
        let obs: Vec<Obs> = all.iter().filter(|o| !only(&o.ind.sources)).copied().collect();
        let (r, infl) = eval(obs);
        let (ro, share) = observed_of(case, own.iter().copied().filter(|a| !only(&a.sources)));
        out.push(Effect {
            change: Change::DropSource { id: s.id.clone(), indicators: dropped_i, actions: dropped_a },
            prediction_to: (r != base).then_some(r),
            observed_to: (ro != base_obs).then_some(ro),
            influence: infl + (share - base_share).abs(),
        });
    }
    let raw = raw_threat(&full, &p.method);
    let ri = raw_interests(&full, p);
    const STEPS: usize = 100;
    // One parameter's search: the smallest move, either way in steps of 1/STEPS of its range,
    // that changes the prediction. A method constant recomputes the raw scores at every step,
    // so the searches (independent of each other) run over the machine's cores, in order.
    let search = |spec: &crate::params::ParamSpec| -> Option<Effect> {
        let from = p.get(spec.key)?;
        let step = (spec.max - spec.min) / STEPS as f64;
        let recompute = spec.key.starts_with("method.");
        let mut found = None;
        // `set` writes only the key's own slot, so one copy serves every step.
        let mut q = p.clone();
        let mut scratch = Scratch::default();
        'search: for k in 1..=STEPS {
            for dir in [1.0, -1.0] {
                let x = from + dir * step * k as f64;
                if x < spec.min - 1e-12 || x > spec.max + 1e-12 {
                    continue;
                }
                if q.set(spec.key, x.clamp(spec.min, spec.max)).is_err() {
                    continue;
                }
                let r = if recompute { predict_in(&full, &q, &mut scratch).0 } else { predict_from_raw(&raw, &ri, &q).0 };
                if r != base {
                    found = Some((x.clamp(spec.min, spec.max), r));
                    break 'search;
                }
            }
        }
        Some(Effect {
            change: Change::MoveParam { key: spec.key, from, to: found.map(|f| f.0) },
            prediction_to: found.map(|f| f.1),
            observed_to: None,
            influence: found.map(|f| 1.0 - (f.0 - from).abs() / (spec.max - spec.min)).unwrap_or(0.0),
        })
    };
    let specs: Vec<&crate::params::ParamSpec> = SPECS.iter().filter(|s| s.sensitivity).collect();
    out.extend(crate::parallel::map_on_cores(specs.len(), |i| search(specs[i])).into_iter().flatten());
    // Flips first, then by influence (for parameters: the smaller the move, the larger).
    out.sort_by(|a, b| b.flips().cmp(&a.flips()).then(b.influence.total_cmp(&a.influence)));
    out
}
