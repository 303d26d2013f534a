//! The JSON report: a stable document for scripts. Keys documented in docs/methodology.md
//! ("JSON report"); additions are allowed, renames are breaking changes.

use serde::Serialize;
use serde_json::{json, Value};
use softbalance_core::interests::InterestAssessment;
use softbalance_core::observed::{Mix, ObservedProfile};
use softbalance_core::threat::ThreatAssessment;
use softbalance_core::{Analysis, Case, Response};

/// How the text coder's labels compare with the case's hand coding.
#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub items: usize,
    pub agreed: usize,
    pub accuracy: f64,
    pub kappa: f64,
    pub disagreements: Vec<Disagreement>,
    /// The model that coded: its name and the corpus version it was trained on.
    pub model: String,
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
    pub threat: Value,
    pub interests: Value,
    pub prediction: Value,
    pub observed: Value,
    pub verdict: Value,
    /// The single changes that flip the answer, ranked (all tried changes that flip, then the
    /// ten most influential others).
    pub sensitivity: Vec<SensitivityRow>,
    /// Action id → friction-test outcome and rule.
    pub friction_test: Vec<FrictionRow>,
    /// The what-if changes applied (`--set`, `--drop`, `--drop-source`), empty for the case as is.
    pub adjustments: &'a [String],
    /// The study's own answer beside the engine's, when the case records it (`[reference]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coder_agreement: Option<&'a Agreement>,
}

/// A response as its JSON name.
pub fn resp(r: Response) -> Value {
    Value::from(r.as_str())
}

/// Soft, hard, friction and cooperation parts.
pub fn mix(m: &Mix) -> Value {
    json!({ "soft": m.soft, "hard": m.hard, "friction": m.friction, "cooperation": m.cooperation })
}

pub fn threat(t: &ThreatAssessment, case: &Case) -> Value {
    let components: serde_json::Map<String, Value> = t
        .components
        .iter()
        .map(|(k, c)| {
            (k.clone(), json!({
                "score": c.score, "weight": c.weight, "parts": c.parts,
                "explanation": crate::words::component(c, crate::words::Lang::En), "evidence": c.evidence,
            }))
        })
        .collect();
    json!({
        "level": t.level.as_str(), "score": t.score, "components": components, "coverage": t.coverage,
        "missing": t.missing, "weighted_mean": t.weighted_mean, "intent_capability": t.intent_capability,
        "target_power_share": t.target_power_share, "reason": crate::words::threat_reason(t, &case.params, crate::words::Lang::En),
    })
}

pub fn interests(i: &InterestAssessment) -> Value {
    let series: Vec<Value> = i
        .series
        .iter()
        .map(|s| {
            json!({
                "metric": s.metric, "label_en": s.label_en, "label_zh": s.label_zh, "unit": s.unit,
                "points": s.points.iter().map(|p| json!({ "year": p.year, "value": p.value, "growth_pct": p.growth_pct, "indicator": p.indicator })).collect::<Vec<_>>(),
                "cagr_pct": s.cagr_pct, "resilience": s.resilience, "score": s.score,
            })
        })
        .collect();
    json!({
        "level": i.level.as_str(), "score": i.score, "economic": i.economic, "cooperation": i.cooperation,
        "dependence": i.dependence, "series": series, "areas_active": i.areas_active, "areas_missing": i.areas_missing,
        "areas_unknown": i.areas_unknown, "areas_other": i.areas_other, "explanation": crate::words::interests(i, crate::words::Lang::En),
        "evidence": i.evidence,
    })
}

pub fn prediction(a: &Analysis) -> Value {
    let p = &a.prediction;
    let r = &p.robustness;
    json!({
        "response": resp(p.response), "rule": p.rule.as_str(),
        "explanation": crate::words::rule(p.rule, a.threat.level, a.interests.level, crate::words::Lang::En),
        "robustness": {
            "draws": r.draws, "seed": r.seed, "weight_spread": r.weight_spread, "threshold_spread": r.threshold_spread,
            "method_spread": r.method_spread, "ordinal_step": r.ordinal_step, "bootstrap": r.bootstrap,
            "evidence_units": r.evidence_units, "response_shares": r.response_shares, "observed_shares": r.observed_shares,
            "threat_level_shares": r.threat_level_shares, "agreement": r.agreement, "observed_agreement": r.observed_agreement,
            "margins": r.margins.iter().map(|m| json!({ "score": m.score, "value": m.value, "nearest": m.nearest, "threshold": m.threshold, "distance": m.distance })).collect::<Vec<_>>(),
        },
    })
}

pub fn observed(o: &ObservedProfile) -> Value {
    let f = &o.friction;
    json!({
        "total": o.total, "by_strategy": o.by_strategy, "by_family": o.by_family, "by_year": o.by_year, "years": o.years,
        "soft": o.soft, "hard": o.hard, "non_balancing": o.non_balancing, "counts": mix(&o.counts), "magnitudes": mix(&o.magnitudes),
        "count_shares": mix(&o.count_shares), "magnitude_shares": mix(&o.magnitude_shares),
        "hard_share_of_balancing": o.hard_share_of_balancing, "response": resp(o.response), "rule": o.rule.as_str(),
        "head_count_response": resp(o.head_count_response),
        "friction": {
            "balancing_actions": f.balancing_actions, "passed": f.passed, "failed": f.failed, "ambiguous": f.ambiguous,
            "not_assessed": f.not_assessed, "pass_share": f.pass_share, "outcome_passing_only": f.outcome_passing_only.map(resp),
        },
        "foreign_actor_actions": o.foreign_actor_actions,
    })
}

pub fn verdict(a: &Analysis) -> Value {
    let v = &a.verdict;
    json!({
        "predicted": resp(v.predicted), "observed": resp(v.observed), "agreement": v.agreement.as_str(),
        "explanation": crate::words::verdict(v, &a.observed, crate::words::Lang::En),
    })
}

#[derive(Serialize)]
pub struct SensitivityRow {
    pub change: String,
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_value: Option<f64>,
    pub prediction_to: Option<&'static str>,
    pub observed_to: Option<&'static str>,
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
                change: crate::words::change(&e.change, crate::words::Lang::En),
                kind,
                id,
                to_value,
                prediction_to: e.prediction_to.map(Response::as_str),
                observed_to: e.observed_to.map(Response::as_str),
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
        threat: threat(&a.threat, case),
        interests: interests(&a.interests),
        prediction: prediction(a),
        observed: observed(&a.observed),
        verdict: verdict(a),
        sensitivity: sensitivity_rows(a),
        friction_test: a
            .observed
            .friction
            .per_action
            .iter()
            .map(|(id, r)| FrictionRow {
                action: id.clone(),
                outcome: r.outcome.as_str(),
                rule: crate::words::friction_rule(r, crate::words::Lang::En),
                corroboration: r.corroboration.clone(),
            })
            .collect(),
        adjustments,
        reference: case.meta.reference.as_ref().map(|r| {
            let (summary, differences) = crate::words::reference(case, a, crate::words::Lang::En).unwrap_or_default();
            json!({
                "source": r.source, "locator": r.locator,
                "threat": r.threat.map(|x| x.as_str()), "interests": r.interests.map(|x| x.as_str()),
                "prediction": r.prediction.map(Response::as_str), "observed": r.observed.map(Response::as_str),
                "summary": summary, "differences": differences,
                "decided_by": crate::words::decided_by(case, a).into_iter().map(|(part, by)| json!({ "part": part, "by": by })).collect::<Vec<_>>(),
            })
        }),
        coder_agreement: agreement,
    }
}
