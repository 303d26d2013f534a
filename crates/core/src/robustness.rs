//! Robustness of the prediction: a seeded Monte Carlo that redraws the threat weights and the
//! level thresholds within the manifest's spreads, re-applies the decision rule to the fixed
//! component scores, and reports the share of draws for each response.

use crate::case::{InterestThresholds, Params, ThreatThresholds, ThreatWeights};
use crate::decision::{decide, Response};
use crate::interests;
use crate::threat::{combine, level_for, RawThreat, ThreatLevel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct Robustness {
    pub draws: u32,
    pub seed: u64,
    pub weight_spread: f64,
    pub threshold_spread: f64,
    /// Response → share of draws (all three keys present).
    pub response_shares: BTreeMap<String, f64>,
    pub threat_level_shares: BTreeMap<String, f64>,
    /// Share of draws giving the same response as the point estimate.
    pub agreement: f64,
}

pub fn monte_carlo(
    raw: &RawThreat,
    interest_score: f64,
    target_share: Option<f64>,
    params: &Params,
    point: Response,
) -> Robustness {
    let rp = &params.robustness;
    let mut rng = ChaCha8Rng::seed_from_u64(rp.seed);
    let mut responses: BTreeMap<Response, u32> = Response::ALL.iter().map(|r| (*r, 0)).collect();
    let mut levels: BTreeMap<ThreatLevel, u32> = BTreeMap::new();
    let ws = rp.weight_spread.clamp(0.0, 1.0);
    let ts = rp.threshold_spread.max(0.0);
    for _ in 0..rp.draws {
        let base = params.threat_weights;
        let mut jitter = |w: f64| if w > 0.0 && ws > 0.0 { w * rng.gen_range(1.0 - ws..=1.0 + ws) } else { w };
        let w = ThreatWeights {
            aggregate_power: jitter(base.aggregate_power),
            offensive_capability: jitter(base.offensive_capability),
            proximity: jitter(base.proximity),
            intentions: jitter(base.intentions),
        };
        let mut shift = |x: f64| if ts > 0.0 { x + rng.gen_range(-ts..=ts) } else { x };
        let th0 = params.threat_thresholds;
        let mut cuts = [shift(th0.latent), shift(th0.limited), shift(th0.severe)];
        cuts.sort_by(|a, b| a.total_cmp(b));
        let th = ThreatThresholds { latent: cuts[0], limited: cuts[1], severe: cuts[2], intent_floor: shift(th0.intent_floor) };
        let present = shift(params.interest_thresholds.present);
        let ith = InterestThresholds { present, strong: shift(params.interest_thresholds.strong).max(present) };
        let score = combine(raw, &w);
        let (level, _) = level_for(score, raw.intentions, &th);
        let ilevel = interests::level_for(interest_score, &ith);
        let (resp, _) = decide(level, ilevel, target_share);
        *responses.entry(resp).or_default() += 1;
        *levels.entry(level).or_default() += 1;
    }
    let n = rp.draws.max(1) as f64;
    let response_shares = responses.iter().map(|(r, c)| (r.as_str().to_string(), *c as f64 / n)).collect();
    let mut threat_level_shares: BTreeMap<String, f64> = [ThreatLevel::None, ThreatLevel::Latent, ThreatLevel::Limited, ThreatLevel::Severe]
        .iter()
        .map(|l| (l.as_str().to_string(), 0.0))
        .collect();
    for (l, c) in levels {
        threat_level_shares.insert(l.as_str().to_string(), c as f64 / n);
    }
    let agreement = if rp.draws == 0 { 0.0 } else { responses[&point] as f64 / n };
    Robustness {
        draws: rp.draws,
        seed: rp.seed,
        weight_spread: ws,
        threshold_spread: ts,
        response_shares,
        threat_level_shares,
        agreement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_shares_and_shares_sum_to_one() {
        let raw = RawThreat { aggregate_power: 0.6, offensive_capability: 0.6, proximity: 0.0, intentions: 0.6 };
        let p = Params::default();
        let a = monte_carlo(&raw, 0.6, None, &p, Response::Soft);
        let b = monte_carlo(&raw, 0.6, None, &p, Response::Soft);
        assert_eq!(a.response_shares, b.response_shares);
        let sum: f64 = a.response_shares.values().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!(a.agreement > 0.9, "a clearly limited threat with interests stays soft: {a:?}");
    }

    #[test]
    fn borderline_scores_spread_across_responses() {
        let raw = RawThreat { aggregate_power: 0.8, offensive_capability: 0.8, proximity: 0.0, intentions: 0.8 };
        let r = monte_carlo(&raw, 0.6, None, &Params::default(), Response::Hard);
        assert!(r.response_shares["soft"] > 0.05 && r.response_shares["hard"] > 0.05, "{r:?}");
    }
}
