//! `softbalance compare`: several cases side by side, one column each.

use crate::fmt::{pct, score};
use softbalance_core::{Analysis, Case};
use std::fmt::Write;

/// The compared rows: label and one cell per case.
fn rows(cases: &[(&Case, &Analysis)]) -> Vec<(&'static str, Vec<String>)> {
    let col = |f: &dyn Fn(&Case, &Analysis) -> String| cases.iter().map(|(c, a)| f(c, a)).collect::<Vec<_>>();
    let comp = |name: &'static str| move |_: &Case, a: &Analysis| score(a.threat.components.get(name).and_then(|c| c.score));
    vec![
        ("case", col(&|c, _| c.meta.id.clone())),
        ("dyad", col(&|c, _| format!("{} → {}", c.meta.balancer, c.meta.target))),
        ("period", col(&|c, _| format!("{}–{}", c.meta.period.0, c.meta.period.1))),
        ("domain", col(&|c, _| c.meta.domain.clone())),
        ("evidence", col(&|c, _| format!("{} ind., {} act.", c.indicators.len(), c.actions.len()))),
        ("threat", col(&|_, a| format!("{} {:.3}", a.threat.level.as_str(), a.threat.score))),
        ("  aggregate power", col(&comp("aggregate_power"))),
        ("  offensive capability", col(&comp("offensive_capability"))),
        ("  proximity", col(&comp("proximity"))),
        ("  intentions", col(&comp("intentions"))),
        ("  coverage", col(&|_, a| pct(a.threat.coverage))),
        ("interests", col(&|_, a| format!("{} {:.3}", a.interests.level.as_str(), a.interests.score))),
        ("prediction", col(&|_, a| a.prediction.response.as_str().to_string())),
        ("  robustness", col(&|_, a| pct(a.prediction.robustness.agreement))),
        ("observed", col(&|_, a| a.observed.response.as_str().to_string())),
        ("  soft / hard / fric. / coop.", col(&|_, a| {
            let s = a.observed.magnitude_shares;
            format!("{} / {} / {} / {}", pct(s.soft), pct(s.hard), pct(s.friction), pct(s.cooperation))
        })),
        ("friction test pass", col(&|_, a| {
            let f = &a.observed.friction;
            f.pass_share.map(|s| format!("{} of {} ({})", f.passed, f.balancing_actions, pct(s))).unwrap_or_else(|| "not assessed".into())
        })),
        ("verdict", col(&|_, a| a.verdict.agreement.as_str().to_string())),
    ]
}

pub fn text(cases: &[(&Case, &Analysis)]) -> String {
    let rows = rows(cases);
    let width = rows.iter().flat_map(|r| r.1.iter().map(|c| c.chars().count())).max().unwrap_or(10).max(12) + 2;
    let mut o = String::new();
    for (label, cells) in rows {
        let _ = write!(o, "{label:<30}");
        for c in cells {
            let _ = write!(o, "{c:<width$}");
        }
        let _ = writeln!(o);
    }
    o
}

pub fn markdown(cases: &[(&Case, &Analysis)]) -> String {
    let rows = rows(cases);
    let mut o = String::new();
    let _ = writeln!(o, "| | {} |", rows[0].1.join(" | "));
    let _ = writeln!(o, "|---|{}", "---|".repeat(cases.len()));
    for (label, cells) in rows.iter().skip(1) {
        let _ = writeln!(o, "| {} | {} |", label.trim(), cells.join(" | "));
    }
    o
}

pub fn json(cases: &[(&Case, &Analysis)]) -> String {
    let docs: Vec<serde_json::Value> = cases
        .iter()
        .map(|(c, a)| {
            serde_json::json!({
                "case": c.meta.id, "balancer": c.meta.balancer, "target": c.meta.target,
                "period": [c.meta.period.0, c.meta.period.1], "domain": c.meta.domain,
                "threat": { "level": a.threat.level.as_str(), "score": a.threat.score, "coverage": a.threat.coverage,
                    "components": a.threat.components.iter().map(|(k, v)| (k.clone(), serde_json::json!(v.score))).collect::<serde_json::Map<_, _>>() },
                "interests": { "level": a.interests.level.as_str(), "score": a.interests.score },
                "prediction": { "response": a.prediction.response.as_str(), "agreement": a.prediction.robustness.agreement },
                "observed": { "response": a.observed.response.as_str(), "magnitude_shares": crate::json::mix(&a.observed.magnitude_shares),
                    "friction_pass_share": a.observed.friction.pass_share },
                "verdict": a.verdict.agreement.as_str(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&serde_json::json!({ "schema": "softbalance.compare/1", "cases": docs })).expect("plain data");
    s.push('\n');
    s
}
