//! The terminal summary: the answer first (prediction, observed behaviour, verdict), then
//! the scores behind it, in under a screen.

use crate::fmt::{pad, pct, thousands};
use crate::json::Agreement;
use softbalance_core::{Analysis, Case, StrategyCode};
use std::fmt::Write;

pub fn render(case: &Case, a: &Analysis, agreement: Option<&Agreement>) -> String {
    let m = &case.meta;
    let mut o = String::new();
    let _ = writeln!(o, "{} ({}–{})", m.title_en, m.period.0, m.period.1);
    if !m.title_zh.is_empty() {
        let _ = writeln!(o, "{}", m.title_zh);
    }
    let _ = writeln!(o, "balancer {} · target {} · domain {}", m.balancer, m.target, m.domain);
    let _ = writeln!(
        o,
        "evidence: {} indicators, {} actions, {} sources\n",
        case.indicators.len(),
        case.actions.len(),
        case.sources.len()
    );
    let p = &a.prediction;
    let _ = writeln!(
        o,
        "PREDICTED  {} ({})  robust in {} of {} draws",
        p.response.label_en(),
        p.response.label_zh(),
        pct(p.robustness.agreement),
        thousands(p.robustness.draws as f64, 0)
    );
    let _ = writeln!(o, "OBSERVED   {}", a.observed.response.label_en());
    let _ = writeln!(o, "VERDICT    {}\n", if a.verdict.matches { "matches the prediction" } else { "does not match" });

    let _ = writeln!(o, "Threat 威脅: {} ({}), score {:.3}", a.threat.level.as_str(), a.threat.level.label_zh(), a.threat.score);
    for name in ["aggregate_power", "offensive_capability", "proximity", "intentions"] {
        if let Some(c) = a.threat.components.get(name) {
            let _ = writeln!(o, "  {:<21} {:.3} × weight {:.2}  {}", name, c.score, c.weight, c.explanation);
        }
    }
    let _ = writeln!(o, "  → {}", a.threat.reason);
    let i = &a.interests;
    let _ = writeln!(o, "\nCommon interests 共同利益: {} ({}), score {:.3}", i.level.as_str(), i.level.label_zh(), i.score);
    let _ = writeln!(o, "  {}", i.explanation);
    let _ = writeln!(o, "\nRule: {}", p.explanation);
    let shares: Vec<String> =
        p.robustness.response_shares.iter().map(|(k, v)| format!("{k} {}", pct(*v))).collect();
    let _ = writeln!(o, "Robustness: {}", shares.join(", "));

    let _ = writeln!(o, "\nStrategies 策略 ({} actions):", a.observed.total);
    let max = a.observed.by_strategy.values().copied().max().unwrap_or(0).max(1);
    for code in StrategyCode::ALL {
        let n = a.observed.by_strategy.get(code.as_str()).copied().unwrap_or(0);
        let bar = "█".repeat((n * 30).div_ceil(max));
        let _ = writeln!(o, "  {:<17} {} {:>4} {}", code.as_str(), pad(code.label_zh(), 18), n, bar);
    }
    if let Some(s) = a.observed.soft_share {
        let _ = writeln!(o, "  soft share of balancing actions: {}", pct(s));
    }
    if let Some(ag) = agreement {
        let _ = writeln!(
            o,
            "\nText coder vs hand coding: {} of {} agree ({}), Cohen's kappa {:.2}",
            ag.agreed,
            ag.items,
            pct(ag.accuracy),
            ag.kappa
        );
    }
    let _ = writeln!(o, "\n{}", a.verdict.explanation);
    o
}
