//! Robustness of the answer: a seeded Monte Carlo that perturbs the evidence itself —
//! bootstrap resampling of evidence units (a metric's paired measures, a series, a source's
//! rows) and of actions, one-step moves of coded ordinal values — and jitters every weight,
//! threshold and method constant; plus the distance of each score to its nearest threshold.
//! The sensitivity table (which single change flips the answer) is in `sensitivity`.

use crate::case::{Case, Component, IndicatorKind, Params};
use crate::decision::{decide, Response};
use crate::evidence::{observations, Obs, Scratch, View};
use crate::interests::{self, raw_interests, raw_interests_in};
use crate::observed::{classify, counts_for_balancer, mix_of};
use crate::threat::{combine, level_for, raw_threat, raw_threat_in, ThreatLevel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Robustness {
    pub draws: u32,
    pub seed: u64,
    pub weight_spread: f64,
    pub threshold_spread: f64,
    pub method_spread: f64,
    pub ordinal_step: f64,
    pub bootstrap: bool,
    /// Evidence units resampled in each draw (indicator groups) and actions resampled.
    pub evidence_units: usize,
    /// Predicted response → share of draws (every predictable key present).
    pub response_shares: BTreeMap<String, f64>,
    /// Observed outcome under action resampling → share of draws (every key present).
    pub observed_shares: BTreeMap<String, f64>,
    pub threat_level_shares: BTreeMap<String, f64>,
    /// Share of draws giving the same prediction as the point estimate.
    pub agreement: f64,
    /// Share of draws giving the same observed outcome as the point estimate.
    pub observed_agreement: f64,
    /// Each score's distance to its nearest cut, point estimate.
    pub margins: Vec<Margin>,
}

/// How far a score sits from the nearest threshold that would change a level.
#[derive(Clone, Debug)]
pub struct Margin {
    pub score: &'static str,
    pub value: f64,
    pub nearest: &'static str,
    pub threshold: f64,
    pub distance: f64,
}

/// Indicator indices grouped into the units evidence comes in: a series or growth metric whole,
/// a paired capability or rank measure (metric and year) together, otherwise a source's rows of
/// one component together.
pub fn evidence_units(case: &Case) -> Vec<Vec<usize>> {
    let mut units: BTreeMap<(Component, String), Vec<usize>> = BTreeMap::new();
    for (i, ind) in case.indicators.iter().enumerate() {
        let key = match ind.kind {
            IndicatorKind::Series | IndicatorKind::Growth => format!("series:{}", ind.metric),
            IndicatorKind::Capability | IndicatorKind::Rank => format!("pair:{}:{}", ind.metric, ind.date.year),
            _ => format!("source:{}", ind.sources.first().map(String::as_str).unwrap_or("")),
        };
        units.entry((ind.component, key)).or_default().push(i);
    }
    units.into_values().collect()
}

/// One ordinal step up or down, kept within the kind's range.
fn step(kind: IndicatorKind, v: f64, up: bool) -> f64 {
    let (lo, hi) = match kind {
        IndicatorKind::Perception => (-1.0, 2.0),
        IndicatorKind::Program => (1.0, 3.0),
        IndicatorKind::Standing => (-2.0, 2.0),
        IndicatorKind::Cooperation => (0.0, 1.0),
        _ => return v,
    };
    (if up { v + 1.0 } else { v - 1.0 }).clamp(lo, hi)
}

/// Predicted response for a view under some parameters (numbers only): response, threat
/// level, threat score, interest score.
pub fn predict(view: &View, p: &Params) -> (Response, ThreatLevel, f64, Option<f64>) {
    predict_in(view, p, &mut Scratch::default())
}

/// [`predict`] with buffers kept from an earlier call.
pub fn predict_in(view: &View, p: &Params, scratch: &mut Scratch) -> (Response, ThreatLevel, f64, Option<f64>) {
    predict_from_raw(&raw_threat_in(view, &p.method, scratch), &raw_interests_in(view, p, scratch), p)
}

/// The same from component scores already computed (weights and thresholds only).
pub fn predict_from_raw(raw: &crate::threat::RawThreat, ri: &interests::RawInterests, p: &Params) -> (Response, ThreatLevel, f64, Option<f64>) {
    let c = combine(raw, &p.threat_weights);
    let (level, _) = level_for(&c, raw.intentions, &p.threat_thresholds, p.method.min_coverage);
    let iscore = ri.score(&p.interest_weights);
    let ilevel = interests::level_for(iscore, &p.interest_thresholds);
    let (resp, _) = decide(level, ilevel, raw.target_share, p.method.much_stronger_share);
    (resp, level, c.score, iscore)
}

/// Redraw `p`'s weights, thresholds and constants around `base` (only the plain-number parts
/// are written, so no allocation per draw).
fn jitter_into(p: &mut Params, base: &Params, rng: &mut ChaCha8Rng) {
    let rp = &base.robustness;
    let ws = rp.weight_spread.clamp(0.0, 1.0);
    let ts = rp.threshold_spread.max(0.0);
    let ms = rp.method_spread.clamp(0.0, 1.0);
    p.threat_weights = base.threat_weights;
    p.threat_thresholds = base.threat_thresholds;
    p.interest_weights = base.interest_weights;
    p.interest_thresholds = base.interest_thresholds;
    p.method = base.method;
    let scale = |w: &mut f64, s: f64, rng: &mut ChaCha8Rng| {
        if *w > 0.0 && s > 0.0 {
            *w *= rng.gen_range(1.0 - s..=1.0 + s);
        }
    };
    {
        let t = &mut p.threat_weights;
        for w in [&mut t.aggregate_power, &mut t.offensive_capability, &mut t.proximity, &mut t.intentions] {
            scale(w, ws, rng);
        }
        let i = &mut p.interest_weights;
        for w in [&mut i.economic, &mut i.cooperation] {
            scale(w, ws, rng);
        }
        let m = &mut p.method;
        for c in [
            &mut m.power_level_weight,
            &mut m.growth_reference,
            &mut m.intent_saturation,
            &mut m.program_saturation,
            &mut m.proximity_horizon_km,
            &mut m.trend_reference,
            &mut m.dependence_reference,
        ] {
            scale(c, ms, rng);
        }
        m.power_level_weight = m.power_level_weight.clamp(0.0, 1.0);
        scale(&mut m.much_stronger_share, ms.min(0.2), rng);
        m.much_stronger_share = m.much_stronger_share.clamp(0.5, 1.0);
    }
    if ts > 0.0 {
        let shift = |x: f64, rng: &mut ChaCha8Rng| (x + rng.gen_range(-ts..=ts)).clamp(0.0, 1.0);
        let th = p.threat_thresholds;
        let mut cuts = [shift(th.latent, rng), shift(th.limited, rng), shift(th.severe, rng)];
        cuts.sort_by(|a, b| a.total_cmp(b));
        p.threat_thresholds.latent = cuts[0];
        p.threat_thresholds.limited = cuts[1];
        p.threat_thresholds.severe = cuts[2];
        p.threat_thresholds.intent_floor = shift(th.intent_floor, rng);
        let present = shift(p.interest_thresholds.present, rng);
        p.interest_thresholds.present = present;
        p.interest_thresholds.strong = shift(p.interest_thresholds.strong, rng).max(present);
    }
}

fn shares<K: Ord + Copy>(keys: &[K], counts: &BTreeMap<K, u32>, n: f64, name: impl Fn(K) -> &'static str) -> BTreeMap<String, f64> {
    keys.iter().map(|k| (name(*k).to_string(), counts.get(k).copied().unwrap_or(0) as f64 / n)).collect()
}

/// Draws per block: small enough that the dashboard's 1,000 live draws spread over two cores.
/// Block `b` draws from its own ChaCha stream `b` of the seed, so the result depends on the
/// seed and the number of draws only — not on how many threads ran the blocks — and a run of
/// at most one block (the report snapshots' 200 draws) equals a plain sequential run.
const BLOCK: u32 = 250;

/// Outcome counts of some draws, indexed like `Response::ALL` and `ThreatLevel::ALL`.
#[derive(Default)]
struct Tally {
    responses: [u32; Response::ALL.len()],
    observed: [u32; Response::ALL.len()],
    levels: [u32; ThreatLevel::ALL.len()],
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        for (a, b) in self.responses.iter_mut().zip(other.responses) {
            *a += b;
        }
        for (a, b) in self.observed.iter_mut().zip(other.observed) {
            *a += b;
        }
        for (a, b) in self.levels.iter_mut().zip(other.levels) {
            *a += b;
        }
    }
}

fn response_index(r: Response) -> usize {
    Response::ALL.iter().position(|x| *x == r).expect("every response is in ALL")
}

fn level_index(l: ThreatLevel) -> usize {
    ThreatLevel::ALL.iter().position(|x| *x == l).expect("every level is in ALL")
}

/// `count` draws of block `block`.
fn run_block(case: &Case, units: &[Vec<usize>], all_obs: &[Obs], own: &[&crate::case::Action], block: u32, count: u32) -> Tally {
    let base = &case.params;
    let rp = &base.robustness;
    let mut rng = ChaCha8Rng::seed_from_u64(rp.seed);
    rng.set_stream(block as u64);
    let mut tally = Tally::default();
    let mut obs: Vec<Obs> = Vec::with_capacity(all_obs.len() * 2);
    let mut acts: Vec<&crate::case::Action> = Vec::with_capacity(own.len());
    let mut p = base.clone();
    let mut scratch = Scratch::default();
    for _ in 0..count {
        jitter_into(&mut p, base, &mut rng);
        obs.clear();
        if rp.bootstrap && !units.is_empty() {
            for _ in 0..units.len() {
                let u = &units[rng.gen_range(0..units.len())];
                obs.extend(u.iter().map(|i| all_obs[*i]));
            }
        } else {
            obs.extend(all_obs.iter().copied());
        }
        if rp.ordinal_step > 0.0 {
            for o in obs.iter_mut() {
                if matches!(o.kind, IndicatorKind::Perception | IndicatorKind::Program | IndicatorKind::Standing)
                    && rng.gen_bool(rp.ordinal_step.clamp(0.0, 1.0))
                {
                    o.value = step(o.kind, o.value, rng.gen_bool(0.5));
                }
            }
        }
        let view = View { case, obs: std::mem::take(&mut obs), actions: Vec::new() };
        let (resp, level, _, _) = predict_in(&view, &p, &mut scratch);
        obs = view.obs;
        tally.responses[response_index(resp)] += 1;
        tally.levels[level_index(level)] += 1;
        acts.clear();
        if rp.bootstrap && !own.is_empty() {
            for _ in 0..own.len() {
                acts.push(own[rng.gen_range(0..own.len())]);
            }
        } else {
            acts.extend(own.iter().copied());
        }
        let (_, mags, n, years) = mix_of(case, acts.iter().copied());
        tally.observed[response_index(classify(&mags, n, years, &base.observed).0)] += 1;
    }
    tally
}

pub fn monte_carlo(case: &Case, point: Response, observed_point: Response) -> Robustness {
    let base = &case.params;
    let rp = &base.robustness;
    let units = evidence_units(case);
    let all_obs = observations(case);
    let own: Vec<&crate::case::Action> = case.actions.iter().filter(|a| counts_for_balancer(case, a)).collect();
    // Blocks run on the machine's cores; each block's counts are fixed by its stream, so the
    // sum is the same whatever the order or the number of threads.
    let blocks = rp.draws.div_ceil(BLOCK);
    let mut tally = Tally::default();
    for t in crate::parallel::map_on_cores(blocks as usize, |b| {
        let b = b as u32;
        run_block(case, &units, &all_obs, &own, b, BLOCK.min(rp.draws - b * BLOCK))
    }) {
        tally.add(&t);
    }
    let to_map = |counts: &[u32], keys: &[Response]| -> BTreeMap<Response, u32> {
        keys.iter().zip(counts).filter(|(_, c)| **c > 0).map(|(k, c)| (*k, *c)).collect()
    };
    let responses = to_map(&tally.responses, &Response::ALL);
    let observed = to_map(&tally.observed, &Response::ALL);
    let levels: BTreeMap<ThreatLevel, u32> =
        ThreatLevel::ALL.iter().zip(tally.levels).filter(|(_, c)| *c > 0).map(|(k, c)| (*k, c)).collect();
    let n = rp.draws.max(1) as f64;
    let levels_all = [ThreatLevel::Insufficient, ThreatLevel::None, ThreatLevel::Latent, ThreatLevel::Limited, ThreatLevel::Severe];
    Robustness {
        draws: rp.draws,
        seed: rp.seed,
        weight_spread: rp.weight_spread,
        threshold_spread: rp.threshold_spread,
        method_spread: rp.method_spread,
        ordinal_step: rp.ordinal_step,
        bootstrap: rp.bootstrap,
        evidence_units: units.len(),
        response_shares: shares(&Response::PREDICTED, &responses, n, Response::as_str),
        observed_shares: shares(&Response::ALL, &observed, n, Response::as_str),
        threat_level_shares: shares(&levels_all, &levels, n, ThreatLevel::as_str),
        agreement: if rp.draws == 0 { 0.0 } else { responses.get(&point).copied().unwrap_or(0) as f64 / n },
        observed_agreement: if rp.draws == 0 { 0.0 } else { observed.get(&observed_point).copied().unwrap_or(0) as f64 / n },
        margins: margins(case),
    }
}

/// Each score of the point estimate against its nearest cut.
pub fn margins(case: &Case) -> Vec<Margin> {
    let p = &case.params;
    let view = View::full(case);
    let raw = raw_threat(&view, &p.method);
    let c = combine(&raw, &p.threat_weights);
    let th = p.threat_thresholds;
    let mut out = Vec::new();
    let mut push = |score: &'static str, value: f64, cuts: &[(&'static str, f64)]| {
        if let Some((name, t)) = cuts.iter().min_by(|a, b| (a.1 - value).abs().total_cmp(&(b.1 - value).abs())) {
            out.push(Margin { score, value, nearest: name, threshold: *t, distance: (value - t).abs() });
        }
    };
    push("threat", c.score, &[("threat.thresholds.latent", th.latent), ("threat.thresholds.limited", th.limited), ("threat.thresholds.severe", th.severe)]);
    if let Some(i) = raw.intentions {
        push("intentions", i, &[("threat.thresholds.intent_floor", th.intent_floor)]);
    }
    if let Some(s) = raw.target_share {
        push("target_power_share", s, &[("method.much_stronger_share", p.method.much_stronger_share)]);
    }
    if let Some(i) = raw_interests(&view, p).score(&p.interest_weights) {
        push("interests", i, &[("interests.thresholds.present", p.interest_thresholds.present), ("interests.thresholds.strong", p.interest_thresholds.strong)]);
    }
    let own: Vec<&crate::case::Action> = case.actions.iter().filter(|a| counts_for_balancer(case, a)).collect();
    let (_, mags, _, _) = mix_of(case, own.iter().copied());
    if mags.total() > 0.0 {
        push("observed.balancing_share", mags.balancing() / mags.total(), &[("observed.min_balancing_share", p.observed.min_balancing_share)]);
    }
    if mags.balancing() > 0.0 {
        push("observed.hard_share", mags.hard / mags.balancing(), &[("observed.mixed_hard_share", p.observed.mixed_hard_share), ("observed.hard_share", p.observed.hard_share)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, Component as C, IndicatorKind as K};

    fn case(draws: u32) -> Case {
        let mut c = Case::empty("A", "B", (2010, 2020));
        for k in 0..12 {
            c = c.with_indicator(&format!("p{k}"), C::Intentions, K::Perception, "s", "A", 2010 + k % 10, (k % 4) as f64 - 1.0);
            c = c.with_indicator(&format!("m{k}"), C::OffensiveCapability, K::Program, "m", "B", 2010 + k % 10, (1 + k % 3) as f64);
        }
        c.params.robustness.draws = draws;
        c
    }

    #[test]
    fn blocks_add_up_to_the_draws_and_runs_repeat_exactly() {
        // 2,600 draws = ten full blocks and a partial one, spread over the machine's threads.
        let c = case(2_600);
        let a = monte_carlo(&c, Response::None, Response::Insufficient);
        let b = monte_carlo(&c, Response::None, Response::Insufficient);
        assert_eq!(a.response_shares, b.response_shares, "same seed, same shares whatever the thread timing");
        let total: f64 = a.threat_level_shares.values().sum();
        assert!((total - 1.0).abs() < 1e-9, "every draw counted once: {total}");
        let first_block = run_block(&c, &evidence_units(&c), &observations(&c), &[], 0, BLOCK);
        let mut again = Tally::default();
        again.add(&run_block(&c, &evidence_units(&c), &observations(&c), &[], 0, BLOCK));
        assert_eq!(first_block.levels, again.levels);
        let other = run_block(&c, &evidence_units(&c), &observations(&c), &[], 1, BLOCK);
        assert_ne!(first_block.levels, other.levels, "blocks draw from different streams");
    }
}
