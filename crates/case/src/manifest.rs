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
    pub method: MethodSection,
    #[serde(default)]
    pub observed: ObservedSection,
    #[serde(default)]
    pub robustness: RobustnessSection,
    /// The study's own answer, printed beside the engine's.
    pub reference: Option<ReferenceSection>,
}

/// `[reference]`: what the study the case comes from concluded.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSection {
    /// A sources.csv id.
    pub source: String,
    #[serde(default)]
    pub locator: String,
    pub threat: Option<String>,
    pub interests: Option<String>,
    pub prediction: Option<String>,
    pub observed: Option<String>,
}

/// `[method]`: the method's constants (docs/methodology.md), every key optional.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct MethodSection {
    pub power_level_weight: Option<f64>,
    pub growth_reference: Option<f64>,
    pub intent_saturation: Option<f64>,
    pub program_saturation: Option<f64>,
    pub proximity_horizon_km: Option<f64>,
    pub much_stronger_share: Option<f64>,
    pub trend_reference: Option<f64>,
    pub dependence_reference: Option<f64>,
    pub rank_cuts: Option<[f64; 3]>,
    pub rank_scores: Option<[f64; 4]>,
    pub min_coverage: Option<f64>,
}

/// `[observed]`: the rules that read the record of actions, every key optional.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct ObservedSection {
    pub min_actions: Option<usize>,
    pub min_years: Option<usize>,
    pub min_balancing_share: Option<f64>,
    pub mixed_hard_share: Option<f64>,
    pub hard_share: Option<f64>,
    pub friction_corroboration: Option<usize>,
    pub friction_corroboration_with_alternative: Option<usize>,
    /// Code → default magnitude of one action of that code.
    #[serde(default)]
    pub magnitude: std::collections::BTreeMap<String, f64>,
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
    /// How the tables write decimals: "." (the default) or ",". Thousands separators are
    /// never accepted.
    #[serde(default)]
    pub decimal: Option<String>,
    /// The base case this one extends (a built-in case name or a relative folder); only
    /// `extend::load` reads it, and it never reaches a merged manifest.
    #[serde(default)]
    pub extends: Option<String>,
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
    pub method_spread: Option<f64>,
    pub ordinal_step: Option<f64>,
    pub bootstrap: Option<bool>,
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
            reference: self.reference.as_ref().map(|r| softbalance_core::case::Reference {
                source: r.source.clone(),
                locator: r.locator.clone(),
                threat: r.threat.as_deref().and_then(softbalance_core::threat::ThreatLevel::parse),
                interests: r.interests.as_deref().and_then(softbalance_core::interests::InterestLevel::parse),
                prediction: r.prediction.as_deref().and_then(softbalance_core::Response::parse),
                observed: r.observed.as_deref().and_then(softbalance_core::Response::parse),
            }),
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
        p.robustness.method_spread = r.method_spread.unwrap_or(p.robustness.method_spread);
        p.robustness.ordinal_step = r.ordinal_step.unwrap_or(p.robustness.ordinal_step);
        p.robustness.bootstrap = r.bootstrap.unwrap_or(p.robustness.bootstrap);
        let m = &self.method;
        let pm = &mut p.method;
        macro_rules! take {
            ($src:expr, $($f:ident),*) => { $( if let Some(v) = $src.$f { pm.$f = v; } )* };
        }
        take!(m, power_level_weight, growth_reference, intent_saturation, program_saturation, proximity_horizon_km,
            much_stronger_share, trend_reference, dependence_reference, rank_cuts, rank_scores, min_coverage);
        let o = &self.observed;
        let po = &mut p.observed;
        macro_rules! take_o {
            ($($f:ident),*) => { $( if let Some(v) = o.$f { po.$f = v; } )* };
        }
        take_o!(min_actions, min_years, min_balancing_share, mixed_hard_share, hard_share, friction_corroboration,
            friction_corroboration_with_alternative);
        for (code, v) in &o.magnitude {
            if let Ok(c) = code.parse::<softbalance_core::StrategyCode>() {
                po.magnitude[c.index()] = *v;
            }
        }
        p
    }

    /// Range checks that serde cannot express; each returns (key, message).
    pub fn check(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(r) = &self.reference {
            let threat: Vec<&str> = softbalance_core::threat::ThreatLevel::ALL.iter().map(|l| l.as_str()).collect();
            let interests: Vec<&str> = softbalance_core::interests::InterestLevel::ALL.iter().map(|l| l.as_str()).collect();
            let responses: Vec<&str> = softbalance_core::Response::ALL.iter().map(|l| l.as_str()).collect();
            for (key, v, allowed) in [
                ("reference.threat", &r.threat, &threat),
                ("reference.interests", &r.interests, &interests),
                ("reference.prediction", &r.prediction, &responses),
                ("reference.observed", &r.observed, &responses),
            ] {
                if let Some(v) = v {
                    if !allowed.contains(&v.as_str()) {
                        out.push((key.into(), format!("{v:?} is not allowed; expected one of {}", allowed.join(", "))));
                    }
                }
            }
        }
        let c = &self.case;
        if let Some(base) = &c.extends {
            out.push(("case.extends".into(), format!(
                "this case extends {base:?}, but it was read without its base; load it with softbalance_case::load (or `softbalance check DIR`), which follows extends")));
        }
        if c.id.trim().is_empty() || !c.id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
            out.push(("case.id".into(), format!("{:?} must be letters, digits, '-' or '_'", c.id)));
        }
        let (first, last) = (c.period[0], c.period[1]);
        let latest = current_year() + 50;
        if first > last {
            out.push(("case.period".into(), format!("first year {first} is after last year {last}")));
        } else if first < EARLIEST_YEAR || last > latest {
            out.push(("case.period".into(), format!(
                "[{first}, {last}] is not a possible period; expected years from {EARLIEST_YEAR} to {latest}, e.g. [2014, 2022]")));
        } else if last - first + 1 > MAX_PERIOD_YEARS {
            out.push(("case.period".into(), format!(
                "[{first}, {last}] spans {} years; a case covers at most {MAX_PERIOD_YEARS} (split a longer history into several cases)",
                last - first + 1)));
        }
        if let Some(d) = &c.decimal {
            if d != "." && d != "," {
                out.push(("case.decimal".into(), format!("{d:?} is not a decimal mark; expected \".\" (the default) or \",\"")));
            }
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
        let tw = p.threat_weights;
        let threat_sum = tw.aggregate_power + tw.offensive_capability + tw.proximity + tw.intentions;
        if threat_sum == 0.0 {
            out.push(("threat.weights".into(),
                "all four weights are 0, so no threat can be scored; give at least one of aggregate_power, offensive_capability, proximity, intentions a weight above 0 (they are normalised to sum 1)".into()));
        }
        if p.interest_weights.economic + p.interest_weights.cooperation == 0.0 {
            out.push(("interests.weights".into(),
                "economic and cooperation are both 0, so no common interest can be scored; give at least one a weight above 0 (they are normalised to sum 1)".into()));
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
        for (code, v) in &self.observed.magnitude {
            if code.parse::<softbalance_core::StrategyCode>().is_err() {
                out.push((format!("observed.magnitude.{code}"), "is not a strategy code; expected one of offset.internal, offset.external, obstruct.passive, obstruct.active, institutional, hard.internal, hard.external, friction, cooperation (quote dotted keys: \"hard.external\" = 3)".into()));
            } else if !(v.is_finite() && (0.0..=10.0).contains(v)) {
                out.push((format!("observed.magnitude.{code}"), format!("{v} must lie between 0 and 10")));
            }
        }
        for spec in softbalance_core::params::SPECS {
            if spec.key.starts_with("method.") || spec.key.starts_with("observed.") || spec.key == "robustness.method_spread" || spec.key == "robustness.ordinal_step" {
                if let Some(v) = p.get(spec.key) {
                    if !(v.is_finite() && v >= spec.min && v <= spec.max) {
                        out.push((spec.key.to_string(), format!("{v} must lie between {} and {}", spec.min, spec.max)));
                    }
                }
            }
        }
        let o = &p.observed;
        if o.mixed_hard_share > o.hard_share {
            out.push(("observed".into(), "expected mixed_hard_share <= hard_share".into()));
        }
        let m = &p.method;
        if !(m.rank_cuts[0] <= m.rank_cuts[1] && m.rank_cuts[1] <= m.rank_cuts[2]) {
            out.push(("method.rank_cuts".into(), "expected three increasing ranks, e.g. [3, 10, 25]".into()));
        }
        if m.rank_scores.iter().any(|s| !(0.0..=1.0).contains(s)) {
            out.push(("method.rank_scores".into(), "expected four scores between 0 and 1, e.g. [1.0, 0.6, 0.3, 0.1]".into()));
        }
        if p.robustness.draws == 0 {
            out.push(("robustness.draws".into(), "0 draws: expected at least 1 (5000 is the default)".into()));
        }
        if p.robustness.draws > 1_000_000 {
            out.push(("robustness.draws".into(), "at most 1,000,000 draws".into()));
        }
        out
    }
}

/// The earliest first year of a period.
pub const EARLIEST_YEAR: i32 = 1500;
/// The longest period, in years.
pub const MAX_PERIOD_YEARS: i32 = 200;

/// The current calendar year (UTC), from the system clock.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    // Days to civil year (proleptic Gregorian), Howard Hinnant's algorithm.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// Is `code` a state the gazetteer knows (ISO 3166-1 alpha-3, ISO 3166-3 for dissolved states
/// such as SUN, YUG, DDR, CSK; territories with a code such as TWN, XKX)? The error says what
/// the code is instead, or suggests the nearest state by code or by name:
/// `TURKEY` → "did you mean TUR (Turkey)?".
pub fn check_state_code(code: &str) -> Result<(), String> {
    use softbalance_gazetteer::{gazetteer, EntityKind};
    let g = gazetteer();
    let is_state = |k: EntityKind| matches!(k, EntityKind::State | EntityKind::Territory);
    let known = g.by_code(code);
    if let Some(e) = known {
        if is_state(e.kind) && e.code == code {
            return Ok(());
        }
        if is_state(e.kind) {
            return Err(format!("{code:?} is not a state code as written; did you mean {} ({})? Codes are ISO 3166 alpha-3 in capitals", e.code, e.name_en));
        }
        let what = if e.kind == EntityKind::Igo { "an intergovernmental organisation" } else { "a group of states" };
        return Err(format!(
            "{code:?} is {what} ({}), not a state; the balancer and target of a case between states are ISO 3166 alpha-3 state codes (list a group in actors.csv with kind {})",
            e.name_en,
            if e.kind == EntityKind::Igo { "igo" } else { "group" }
        ));
    }
    let by_name = g.from_name(code).filter(|e| is_state(e.kind));
    // An old CAMEO or COW-style code ("ROM" for Romania, "USR" for the Soviet Union).
    let by_cameo = || (code.len() == 3).then(|| g.from_cameo(code)).flatten().filter(|e| is_state(e.kind));
    let suggestion = by_name.or_else(by_cameo).or_else(|| {
        let up = code.trim().to_ascii_uppercase();
        let states = || g.entities().iter().filter(|e| is_state(e.kind));
        let by_code = states()
            .map(|e| (strsim::levenshtein(&up, &e.code), e))
            .filter(|(d, _)| *d <= 1)
            .min_by_key(|(d, _)| *d);
        let lower = code.trim().to_lowercase();
        let limit = (lower.chars().count() / 4).clamp(1, 3);
        let by_name = states()
            .map(|e| (strsim::levenshtein(&lower, &e.name_en.to_lowercase()), e))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, _)| *d);
        match (by_name, by_code) {
            (Some(n), Some(c)) => Some(if n.0 <= c.0 { n.1 } else { c.1 }),
            (n, c) => n.or(c).map(|x| x.1),
        }
    });
    Err(match suggestion {
        Some(e) => format!("{code:?} is not a state code the gazetteer knows; did you mean {} ({})?", e.code, e.name_en),
        None => format!(
            "{code:?} is not a state code the gazetteer knows; expected an ISO 3166 alpha-3 code in capitals, e.g. USA, CHN, JPN (ISO 3166-3 for dissolved states: SUN, YUG, DDR)"
        ),
    })
}
