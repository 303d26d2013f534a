//! The JSON report: a stable document for scripts. Keys documented in docs/methodology.md
//! ("JSON report"); additions are allowed, renames are breaking changes.

use serde::Serialize;
use softbalance_core::{Analysis, Case};

/// How the text coder's labels compare with the case's hand coding.
#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub items: usize,
    pub agreed: usize,
    pub accuracy: f64,
    pub kappa: f64,
    pub disagreements: Vec<Disagreement>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Disagreement {
    pub id: String,
    pub hand: String,
    pub machine: String,
    pub confidence: f64,
    pub text: String,
}

#[derive(Serialize)]
pub struct CaseInfo<'a> {
    pub id: &'a str,
    pub title_en: &'a str,
    pub title_zh: &'a str,
    pub balancer: &'a str,
    pub target: &'a str,
    pub domain: &'a str,
    pub period: [i32; 2],
}

#[derive(Serialize)]
pub struct EvidenceInfo {
    pub sources: usize,
    pub actors: usize,
    pub indicators: usize,
    pub actions: usize,
}

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub schema: &'static str,
    pub generator: String,
    pub case: CaseInfo<'a>,
    pub evidence: EvidenceInfo,
    pub threat: &'a softbalance_core::threat::ThreatAssessment,
    pub interests: &'a softbalance_core::interests::InterestAssessment,
    pub prediction: &'a softbalance_core::Prediction,
    pub observed: &'a softbalance_core::observed::ObservedProfile,
    pub verdict: &'a softbalance_core::observed::Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coder_agreement: Option<&'a Agreement>,
}

pub fn json_report<'a>(case: &'a Case, a: &'a Analysis, agreement: Option<&'a Agreement>) -> JsonReport<'a> {
    let m = &case.meta;
    JsonReport {
        schema: "softbalance.report/1",
        generator: format!("softbalance {}", env!("CARGO_PKG_VERSION")),
        case: CaseInfo {
            id: &m.id,
            title_en: &m.title_en,
            title_zh: &m.title_zh,
            balancer: &m.balancer,
            target: &m.target,
            domain: &m.domain,
            period: [m.period.0, m.period.1],
        },
        evidence: EvidenceInfo {
            sources: case.sources.len(),
            actors: case.actors.len(),
            indicators: case.indicators.len(),
            actions: case.actions.len(),
        },
        threat: &a.threat,
        interests: &a.interests,
        prediction: &a.prediction,
        observed: &a.observed,
        verdict: &a.verdict,
        coder_agreement: agreement,
    }
}
