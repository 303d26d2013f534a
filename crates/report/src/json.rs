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
    /// The single changes that flip the answer, ranked (all tried changes that flip, then the
    /// ten most influential others).
    pub sensitivity: Vec<SensitivityRow>,
    /// Action id → friction-test outcome and rule.
    pub friction_test: Vec<FrictionRow>,
    /// The what-if changes applied (`--set`, `--drop`, `--drop-source`), empty for the case as is.
    pub adjustments: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coder_agreement: Option<&'a Agreement>,
}

#[derive(Serialize)]
pub struct SensitivityRow {
    pub change: String,
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_value: Option<f64>,
    pub prediction_to: Option<softbalance_core::Response>,
    pub observed_to: Option<softbalance_core::Response>,
    pub influence: f64,
}

#[derive(Serialize)]
pub struct FrictionRow {
    pub action: String,
    pub outcome: &'static str,
    pub rule: String,
    pub corroboration: Vec<&'static str>,
}

pub fn sensitivity_rows(a: &Analysis) -> Vec<SensitivityRow> {
    use softbalance_core::sensitivity::Change;
    let flips = a.sensitivity.iter().filter(|e| e.flips()).count();
    a.sensitivity
        .iter()
        .take(flips + 10)
        .map(|e| {
            let (kind, id, to_value) = match &e.change {
                Change::DropIndicator(id) => ("drop_indicator", id.clone(), None),
                Change::DropAction(id) => ("drop_action", id.clone(), None),
                Change::DropSource { id, .. } => ("drop_source", id.clone(), None),
                Change::MoveParam { key, to, .. } => ("move_parameter", key.to_string(), *to),
            };
            SensitivityRow {
                change: crate::words::change(&e.change),
                kind,
                id,
                to_value,
                prediction_to: e.prediction_to,
                observed_to: e.observed_to,
                influence: e.influence,
            }
        })
        .collect()
}

pub fn json_report<'a>(case: &'a Case, a: &'a Analysis, agreement: Option<&'a Agreement>, adjustments: &'a [String]) -> JsonReport<'a> {
    let m = &case.meta;
    JsonReport {
        schema: "softbalance.report/2",
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
        sensitivity: sensitivity_rows(a),
        friction_test: a
            .observed
            .friction
            .per_action
            .iter()
            .map(|(id, r)| FrictionRow {
                action: id.clone(),
                outcome: r.outcome.as_str(),
                rule: crate::words::friction_rule(r),
                corroboration: r.corroboration.clone(),
            })
            .collect(),
        adjustments,
        coder_agreement: agreement,
    }
}
