//! Every parameter of `Params` by its dotted name (the case.toml key), with the range it may
//! take: what `analyze --set`, the sensitivity table and the dashboard move.

use crate::case::Params;
use crate::strategy::StrategyCode;

/// A parameter's name, its allowed range, and whether it takes whole numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    pub integer: bool,
    /// Moved by the sensitivity search (the model's weights, thresholds and constants).
    pub sensitivity: bool,
}

const fn spec(key: &'static str, min: f64, max: f64, integer: bool, sensitivity: bool) -> ParamSpec {
    ParamSpec { key, min, max, integer, sensitivity }
}

/// All scalar parameters. `observed.magnitude.<code>` is one key per strategy code.
pub const SPECS: &[ParamSpec] = &[
    spec("threat.weights.aggregate_power", 0.0, 1.0, false, true),
    spec("threat.weights.offensive_capability", 0.0, 1.0, false, true),
    spec("threat.weights.proximity", 0.0, 1.0, false, true),
    spec("threat.weights.intentions", 0.0, 1.0, false, true),
    spec("threat.thresholds.latent", 0.0, 1.0, false, true),
    spec("threat.thresholds.limited", 0.0, 1.0, false, true),
    spec("threat.thresholds.severe", 0.0, 1.0, false, true),
    spec("threat.thresholds.intent_floor", 0.0, 1.0, false, true),
    spec("interests.weights.economic", 0.0, 1.0, false, true),
    spec("interests.weights.cooperation", 0.0, 1.0, false, true),
    spec("interests.thresholds.present", 0.0, 1.0, false, true),
    spec("interests.thresholds.strong", 0.0, 1.0, false, true),
    spec("method.power_level_weight", 0.0, 1.0, false, true),
    spec("method.growth_reference", 0.01, 1.0, false, true),
    spec("method.intent_saturation", 0.5, 50.0, false, true),
    spec("method.program_saturation", 0.5, 50.0, false, true),
    spec("method.proximity_horizon_km", 100.0, 40_000.0, false, true),
    spec("method.much_stronger_share", 0.5, 1.0, false, true),
    spec("method.trend_reference", 0.01, 1.0, false, true),
    spec("method.dependence_reference", 0.01, 1.0, false, true),
    spec("method.min_coverage", 0.0, 1.0, false, true),
    spec("observed.min_actions", 0.0, 10_000.0, true, false),
    spec("observed.min_years", 0.0, 1_000.0, true, false),
    spec("observed.min_balancing_share", 0.0, 1.0, false, false),
    spec("observed.mixed_hard_share", 0.0, 1.0, false, false),
    spec("observed.hard_share", 0.0, 1.0, false, false),
    spec("observed.friction_corroboration", 0.0, 4.0, true, false),
    spec("observed.friction_corroboration_with_alternative", 0.0, 4.0, true, false),
    spec("robustness.draws", 0.0, 1_000_000.0, true, false),
    spec("robustness.seed", 0.0, 9.007_199_254_740_991e15, true, false),
    spec("robustness.weight_spread", 0.0, 1.0, false, false),
    spec("robustness.threshold_spread", 0.0, 1.0, false, false),
    spec("robustness.method_spread", 0.0, 1.0, false, false),
    spec("robustness.ordinal_step", 0.0, 1.0, false, false),
];

/// The spec of `key`, including `observed.magnitude.<code>` (0 to 10).
pub fn spec_of(key: &str) -> Option<ParamSpec> {
    if let Some(code) = key.strip_prefix("observed.magnitude.") {
        let code: StrategyCode = code.parse().ok()?;
        let k: &'static str = MAGNITUDE_KEYS[code.index()];
        return Some(spec(k, 0.0, 10.0, false, false));
    }
    SPECS.iter().find(|s| s.key == key).copied()
}

const MAGNITUDE_KEYS: [&str; 9] = [
    "observed.magnitude.offset.internal",
    "observed.magnitude.offset.external",
    "observed.magnitude.obstruct.passive",
    "observed.magnitude.obstruct.active",
    "observed.magnitude.institutional",
    "observed.magnitude.hard.internal",
    "observed.magnitude.hard.external",
    "observed.magnitude.friction",
    "observed.magnitude.cooperation",
];

fn slot<'p>(p: &'p mut Params, key: &str) -> Option<Slot<'p>> {
    use Slot::*;
    if let Some(code) = key.strip_prefix("observed.magnitude.") {
        let code: StrategyCode = code.parse().ok()?;
        return Some(F(&mut p.observed.magnitude[code.index()]));
    }
    Some(match key {
        "threat.weights.aggregate_power" => F(&mut p.threat_weights.aggregate_power),
        "threat.weights.offensive_capability" => F(&mut p.threat_weights.offensive_capability),
        "threat.weights.proximity" => F(&mut p.threat_weights.proximity),
        "threat.weights.intentions" => F(&mut p.threat_weights.intentions),
        "threat.thresholds.latent" => F(&mut p.threat_thresholds.latent),
        "threat.thresholds.limited" => F(&mut p.threat_thresholds.limited),
        "threat.thresholds.severe" => F(&mut p.threat_thresholds.severe),
        "threat.thresholds.intent_floor" => F(&mut p.threat_thresholds.intent_floor),
        "interests.weights.economic" => F(&mut p.interest_weights.economic),
        "interests.weights.cooperation" => F(&mut p.interest_weights.cooperation),
        "interests.thresholds.present" => F(&mut p.interest_thresholds.present),
        "interests.thresholds.strong" => F(&mut p.interest_thresholds.strong),
        "method.power_level_weight" => F(&mut p.method.power_level_weight),
        "method.growth_reference" => F(&mut p.method.growth_reference),
        "method.intent_saturation" => F(&mut p.method.intent_saturation),
        "method.program_saturation" => F(&mut p.method.program_saturation),
        "method.proximity_horizon_km" => F(&mut p.method.proximity_horizon_km),
        "method.much_stronger_share" => F(&mut p.method.much_stronger_share),
        "method.trend_reference" => F(&mut p.method.trend_reference),
        "method.dependence_reference" => F(&mut p.method.dependence_reference),
        "method.min_coverage" => F(&mut p.method.min_coverage),
        "observed.min_actions" => U(&mut p.observed.min_actions),
        "observed.min_years" => U(&mut p.observed.min_years),
        "observed.min_balancing_share" => F(&mut p.observed.min_balancing_share),
        "observed.mixed_hard_share" => F(&mut p.observed.mixed_hard_share),
        "observed.hard_share" => F(&mut p.observed.hard_share),
        "observed.friction_corroboration" => U(&mut p.observed.friction_corroboration),
        "observed.friction_corroboration_with_alternative" => U(&mut p.observed.friction_corroboration_with_alternative),
        "robustness.draws" => D(&mut p.robustness.draws),
        "robustness.seed" => S(&mut p.robustness.seed),
        "robustness.weight_spread" => F(&mut p.robustness.weight_spread),
        "robustness.threshold_spread" => F(&mut p.robustness.threshold_spread),
        "robustness.method_spread" => F(&mut p.robustness.method_spread),
        "robustness.ordinal_step" => F(&mut p.robustness.ordinal_step),
        _ => return None,
    })
}

enum Slot<'p> {
    F(&'p mut f64),
    U(&'p mut usize),
    D(&'p mut u32),
    S(&'p mut u64),
}

/// Why a `set` was refused, as data.
#[derive(Clone, Debug, PartialEq)]
pub enum SetError {
    UnknownKey,
    OutOfRange(ParamSpec),
    NotWhole(ParamSpec),
}

impl Params {
    pub fn get(&self, key: &str) -> Option<f64> {
        let mut copy = self.clone();
        Some(match slot(&mut copy, key)? {
            Slot::F(v) => *v,
            Slot::U(v) => *v as f64,
            Slot::D(v) => *v as f64,
            Slot::S(v) => *v as f64,
        })
    }

    /// Set `key` to `value` within its range.
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), SetError> {
        let spec = spec_of(key).ok_or(SetError::UnknownKey)?;
        if !(value.is_finite() && value >= spec.min && value <= spec.max) {
            return Err(SetError::OutOfRange(spec));
        }
        if spec.integer && value.fract() != 0.0 {
            return Err(SetError::NotWhole(spec));
        }
        match slot(self, key).ok_or(SetError::UnknownKey)? {
            Slot::F(v) => *v = value,
            Slot::U(v) => *v = value as usize,
            Slot::D(v) => *v = value as u32,
            Slot::S(v) => *v = value as u64,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_reads_and_writes_its_own_slot() {
        for s in SPECS {
            let mut p = Params::default();
            let v = if s.integer { s.max.min(3.0) } else { (s.min + s.max) / 2.0 };
            p.set(s.key, v).unwrap_or_else(|e| panic!("{}: {e:?}", s.key));
            assert_eq!(p.get(s.key), Some(v), "{}", s.key);
        }
        let mut p = Params::default();
        p.set("observed.magnitude.hard.external", 5.0).unwrap();
        assert_eq!(p.observed.magnitude[StrategyCode::HardExternal.index()], 5.0);
        assert_eq!(p.set("threat.weights.nope", 1.0), Err(SetError::UnknownKey));
        assert!(matches!(p.set("threat.thresholds.severe", 1.5), Err(SetError::OutOfRange(_))));
    }
}
