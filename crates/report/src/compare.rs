//! `softbalance compare`: several cases side by side, one column each.

use crate::fmt::{pad, pct};
use crate::words::{self, Lang};
use softbalance_core::{Analysis, Case};
use std::fmt::Write;

/// The compared rows: label and one cell per case, in `lang`.
fn rows(cases: &[(&Case, &Analysis)], lang: Lang) -> Vec<(String, Vec<String>)> {
    let col = |f: &dyn Fn(&Case, &Analysis) -> String| cases.iter().map(|(c, a)| f(c, a)).collect::<Vec<_>>();
    let comp = |name: &'static str| move |_: &Case, a: &Analysis| words::score(a.threat.components.get(name).and_then(|c| c.score), lang);
    let zh = lang.is_zh();
    let l = |en: &str, zh: &str| lang.pick(en, zh);
    let sub = |name: &str| format!("  {}", words::component_name(name, lang).replace('_', " "));
    vec![
        (l("case", "案例"), col(&|c, _| c.meta.id.clone())),
        (l("dyad", "雙邊"), col(&|c, _| format!("{} → {}", c.meta.balancer, c.meta.target))),
        (l("period", "期間"), col(&|c, _| format!("{}–{}", c.meta.period.0, c.meta.period.1))),
        (l("domain", "領域"), col(&|c, _| if zh && !c.meta.domain_zh.is_empty() { lang.pick("", c.meta.domain_zh.as_str()) } else { c.meta.domain.clone() })),
        (l("evidence", "證據"), col(&|c, _| lang.pick(format!("{} ind., {} act.", c.indicators.len(), c.actions.len()), format!("指標 {}、行動 {}", c.indicators.len(), c.actions.len())))),
        (l("threat", "威脅"), col(&|_, a| format!("{} {:.3}", words::threat_level(a.threat.level, lang), a.threat.score))),
        (sub("aggregate_power"), col(&comp("aggregate_power"))),
        (sub("offensive_capability"), col(&comp("offensive_capability"))),
        (sub("proximity"), col(&comp("proximity"))),
        (sub("intentions"), col(&comp("intentions"))),
        (l("  coverage", "  證據涵蓋"), col(&|_, a| pct(a.threat.coverage))),
        (l("interests", "共同利益"), col(&|_, a| format!("{} {:.3}", words::interest_level(a.interests.level, lang), a.interests.score))),
        (l("prediction", "預測"), col(&|_, a| if zh { words::response(a.prediction.response, lang) } else { a.prediction.response.as_str().to_string() })),
        (l("  robustness", "  穩健性"), col(&|_, a| pct(a.prediction.robustness.agreement))),
        (l("observed", "實際行為"), col(&|_, a| if zh { words::response(a.observed.response, lang) } else { a.observed.response.as_str().to_string() })),
        (l("  soft / hard / fric. / coop.", "  柔性／硬性／摩擦／合作"), col(&|_, a| {
            let s = a.observed.magnitude_shares;
            format!("{} / {} / {} / {}", pct(s.soft), pct(s.hard), pct(s.friction), pct(s.cooperation))
        })),
        (l("friction test pass", "摩擦檢驗通過"), col(&|_, a| {
            let f = &a.observed.friction;
            f.pass_share
                .map(|s| lang.pick(format!("{} of {} ({})", f.passed, f.balancing_actions, pct(s)), format!("{} 項中 {} 項（{}）", f.balancing_actions, f.passed, pct(s))))
                .unwrap_or_else(|| lang.pick("not assessed", "未評估"))
        })),
        (l("verdict", "判定"), col(&|_, a| if zh { words::agreement(a.verdict.agreement, lang) } else { a.verdict.agreement.as_str().to_string() })),
    ]
}

pub fn text(cases: &[(&Case, &Analysis)], lang: Lang) -> String {
    let rows = rows(cases, lang);
    let width = rows.iter().flat_map(|r| r.1.iter().map(|c| unicode_width::UnicodeWidthStr::width(c.as_str()))).max().unwrap_or(10).max(12) + 2;
    let mut o = String::new();
    for (label, cells) in rows {
        let _ = write!(o, "{}", pad(&label, 30));
        for c in cells {
            let _ = write!(o, "{}", pad(&c, width));
        }
        let _ = writeln!(o);
    }
    o
}

pub fn markdown(cases: &[(&Case, &Analysis)], lang: Lang) -> String {
    let rows = rows(cases, lang);
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
