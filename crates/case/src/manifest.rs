//! `case.toml`: the serde shape of the manifest and its conversion into the core's
//! `CaseMeta` and `Params`, with defaults for every model parameter left out.

use serde::Deserialize;
use softbalance_core::case::{CaseMeta, Params};

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub case: CaseSection,
    #[serde(default)]
    pub threat: ThreatSection,
    #[serde(default)]
    pub interests: InterestsSection,
    #[serde(default)]
    pub robustness: RobustnessSection,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct CaseSection {
    pub id: String,
    pub title_en: String,
    #[serde(default)]
    pub title_zh: String,
    pub balancer: String,
    pub target: String,
    pub domain: String,
    #[serde(default)]
    pub domain_zh: String,
    pub period: [i32; 2],
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct ThreatSection {
    #[serde(default)]
    pub weights: ThreatWeightsSection,
    #[serde(default)]
    pub thresholds: ThreatThresholdsSection,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct ThreatWeightsSection {
    pub aggregate_power: Option<f64>,
    pub offensive_capability: Option<f64>,
    pub proximity: Option<f64>,
    pub intentions: Option<f64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct ThreatThresholdsSection {
    pub latent: Option<f64>,
    pub limited: Option<f64>,
    pub severe: Option<f64>,
    pub intent_floor: Option<f64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct InterestsSection {
    pub areas: Option<Vec<String>>,
    #[serde(default)]
    pub weights: InterestWeightsSection,
    #[serde(default)]
    pub thresholds: InterestThresholdsSection,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct InterestWeightsSection {
    pub economic: Option<f64>,
    pub cooperation: Option<f64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct InterestThresholdsSection {
    pub present: Option<f64>,
    pub strong: Option<f64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct RobustnessSection {
    pub draws: Option<u32>,
    pub seed: Option<u64>,
    pub weight_spread: Option<f64>,
    pub threshold_spread: Option<f64>,
}

impl Manifest {
    pub fn meta(&self) -> CaseMeta {
        let c = &self.case;
        CaseMeta {
            id: c.id.clone(),
            title_en: c.title_en.clone(),
            title_zh: c.title_zh.clone(),
            balancer: c.balancer.clone(),
            target: c.target.clone(),
            domain: c.domain.clone(),
            domain_zh: c.domain_zh.clone(),
            period: (c.period[0], c.period[1]),
        }
    }

    pub fn params(&self) -> Params {
        let mut p = Params::default();
        let w = &self.threat.weights;
        let tw = &mut p.threat_weights;
        tw.aggregate_power = w.aggregate_power.unwrap_or(tw.aggregate_power);
        tw.offensive_capability = w.offensive_capability.unwrap_or(tw.offensive_capability);
        tw.proximity = w.proximity.unwrap_or(tw.proximity);
        tw.intentions = w.intentions.unwrap_or(tw.intentions);
        let t = &self.threat.thresholds;
        let tt = &mut p.threat_thresholds;
        tt.latent = t.latent.unwrap_or(tt.latent);
        tt.limited = t.limited.unwrap_or(tt.limited);
        tt.severe = t.severe.unwrap_or(tt.severe);
        tt.intent_floor = t.intent_floor.unwrap_or(tt.intent_floor);
        if let Some(a) = &self.interests.areas {
            p.areas = a.clone();
        }
        let iw = &self.interests.weights;
        p.interest_weights.economic = iw.economic.unwrap_or(p.interest_weights.economic);
        p.interest_weights.cooperation = iw.cooperation.unwrap_or(p.interest_weights.cooperation);
        let it = &self.interests.thresholds;
        p.interest_thresholds.present = it.present.unwrap_or(p.interest_thresholds.present);
        p.interest_thresholds.strong = it.strong.unwrap_or(p.interest_thresholds.strong);
        let r = &self.robustness;
        p.robustness.draws = r.draws.unwrap_or(p.robustness.draws);
        p.robustness.seed = r.seed.unwrap_or(p.robustness.seed);
        p.robustness.weight_spread = r.weight_spread.unwrap_or(p.robustness.weight_spread);
        p.robustness.threshold_spread = r.threshold_spread.unwrap_or(p.robustness.threshold_spread);
        p
    }

    /// Range checks that serde cannot express; each returns (key, message).
    pub fn check(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let c = &self.case;
        if c.id.trim().is_empty() || !c.id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
            out.push(("case.id".into(), format!("{:?} must be letters, digits, '-' or '_'", c.id)));
        }
        if c.period[0] > c.period[1] {
            out.push(("case.period".into(), format!("first year {} is after last year {}", c.period[0], c.period[1])));
        }
        if c.balancer == c.target {
            out.push(("case.target".into(), "the target must differ from the balancer".into()));
        }
        let p = self.params();
        for (k, v) in [
            ("threat.weights.aggregate_power", p.threat_weights.aggregate_power),
            ("threat.weights.offensive_capability", p.threat_weights.offensive_capability),
            ("threat.weights.proximity", p.threat_weights.proximity),
            ("threat.weights.intentions", p.threat_weights.intentions),
            ("interests.weights.economic", p.interest_weights.economic),
            ("interests.weights.cooperation", p.interest_weights.cooperation),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                out.push((k.into(), format!("{v} must be a number of 0 or more")));
            }
        }
        let tt = p.threat_thresholds;
        for (k, v) in [
            ("threat.thresholds.latent", tt.latent),
            ("threat.thresholds.limited", tt.limited),
            ("threat.thresholds.severe", tt.severe),
            ("threat.thresholds.intent_floor", tt.intent_floor),
            ("interests.thresholds.present", p.interest_thresholds.present),
            ("interests.thresholds.strong", p.interest_thresholds.strong),
            ("robustness.weight_spread", p.robustness.weight_spread),
            ("robustness.threshold_spread", p.robustness.threshold_spread),
        ] {
            if !(0.0..=1.0).contains(&v) {
                out.push((k.into(), format!("{v} must lie between 0 and 1")));
            }
        }
        if !(tt.latent <= tt.limited && tt.limited <= tt.severe) {
            out.push(("threat.thresholds".into(), "expected latent <= limited <= severe".into()));
        }
        if p.interest_thresholds.present > p.interest_thresholds.strong {
            out.push(("interests.thresholds".into(), "expected present <= strong".into()));
        }
        if p.robustness.draws > 1_000_000 {
            out.push(("robustness.draws".into(), "at most 1,000,000 draws".into()));
        }
        out
    }
}
