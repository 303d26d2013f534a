//! The terminal summary: the answer first (prediction, observed behaviour, verdict), then
//! the scores behind it, the friction test and what would flip the answer.

use crate::fmt::{pad, pct, score, thousands};
use crate::json::Agreement;
use crate::words;
use softbalance_core::{Analysis, Case, StrategyCode};
use std::fmt::Write;

pub fn render(case: &Case, a: &Analysis, agreement: Option<&Agreement>, adjustments: &[String]) -> String {
    let m = &case.meta;
    let mut o = String::new();
    let _ = writeln!(o, "{} ({}–{})", m.title_en, m.period.0, m.period.1);
    if !m.title_zh.is_empty() {
        let _ = writeln!(o, "{}", m.title_zh);
    }
    let _ = writeln!(o, "balancer {} · target {} · domain {}", m.balancer, m.target, m.domain);
    let _ = writeln!(
        o,
        "evidence: {} indicators, {} actions, {} sources",
        case.indicators.len(),
        case.actions.len(),
        case.sources.len()
    );
    if !adjustments.is_empty() {
        let _ = writeln!(o, "WHAT-IF: {}", adjustments.join("; "));
    }
    let _ = writeln!(o);
    let p = &a.prediction;
    let r = &p.robustness;
    let _ = writeln!(
        o,
        "PREDICTED  {} ({})  in {} of {} evidence-level draws",
        p.response.label_en(),
        p.response.label_zh(),
        pct(r.agreement),
        thousands(r.draws as f64, 0)
    );
    let _ = writeln!(
        o,
        "OBSERVED   {} ({})  in {} of draws resampling the actions",
        a.observed.response.label_en(),
        a.observed.response.label_zh(),
        pct(r.observed_agreement)
    );
    let _ = writeln!(o, "VERDICT    {}", a.verdict.agreement.as_str().replace('_', " "));
    if let Some((head, diffs)) = words::reference(case, a) {
        let _ = writeln!(o, "THE STUDY  {head}");
        for d in diffs {
            let _ = writeln!(o, "           {d}");
        }
    }
    let _ = writeln!(o);

    let t = &a.threat;
    let _ = writeln!(
        o,
        "Threat 威脅: {} ({}), score {:.3}, evidence covers {} of the weight",
        t.level.as_str(),
        t.level.label_zh(),
        t.score,
        pct(t.coverage)
    );
    for name in ["aggregate_power", "offensive_capability", "proximity", "intentions"] {
        if let Some(c) = t.components.get(name) {
            let _ = writeln!(o, "  {:<21} {:>7} × weight {:.2}  {}", name, score(c.score), c.weight, words::component(c));
        }
    }
    let _ = writeln!(o, "  → {}", words::threat_reason(t, &case.params));
    let i = &a.interests;
    let _ = writeln!(o, "\nCommon interests 共同利益: {} ({}), score {:.3}", i.level.as_str(), i.level.label_zh(), i.score);
    let _ = writeln!(o, "  {}", words::interests(i));
    let _ = writeln!(o, "\nRule: {}", words::rule(p.rule, a.threat.level, a.interests.level));
    let _ = writeln!(
        o,
        "Robustness ({} draws: bootstrap of {} evidence units and of the actions, ordinal steps p={}, weights ±{}, thresholds ±{}, constants ±{}):",
        thousands(r.draws as f64, 0),
        r.evidence_units,
        r.ordinal_step,
        r.weight_spread,
        r.threshold_spread,
        r.method_spread
    );
    let _ = writeln!(o, "  predicted: {}", words::shares(&r.response_shares));
    let _ = writeln!(o, "  observed:  {}", words::shares(&r.observed_shares));
    for mg in &r.margins {
        let _ = writeln!(o, "  margin: {} {:.3} is {:.3} from {} ({:.2})", mg.score, mg.value, mg.distance, mg.nearest, mg.threshold);
    }

    let ob = &a.observed;
    let _ = writeln!(o, "\nStrategies 策略 ({} actions by the balancer in {} years):", ob.total, ob.years);
    let max = ob.by_strategy.values().copied().max().unwrap_or(0).max(1);
    for code in StrategyCode::ALL {
        let n = ob.by_strategy.get(code.as_str()).copied().unwrap_or(0);
        let bar = "█".repeat((n * 30).div_ceil(max));
        let _ = writeln!(o, "  {:<17} {} {:>4} {}", code.as_str(), pad(code.label_zh(), 18), n, bar);
    }
    let (c, w) = (ob.count_shares, ob.magnitude_shares);
    let _ = writeln!(
        o,
        "  shares of all actions: soft {} · hard {} · friction {} · cooperation {} (by magnitude, which decides: soft {} · hard {} · friction {} · cooperation {})",
        pct(c.soft), pct(c.hard), pct(c.friction), pct(c.cooperation), pct(w.soft), pct(w.hard), pct(w.friction), pct(w.cooperation)
    );
    if ob.head_count_response != ob.response {
        let _ = writeln!(o, "  by head count the record would read {}", ob.head_count_response.label_en());
    }
    if !ob.foreign_actor_actions.is_empty() {
        let _ = writeln!(
            o,
            "  not counted (actor is not the balancer or its agency): {}",
            ob.foreign_actor_actions.join(", ")
        );
    }
    let f = &ob.friction;
    match f.pass_share {
        Some(s) => {
            let _ = writeln!(
                o,
                "Friction test: {} of {} balancing actions pass ({} of those assessed; {} friction, {} ambiguous, {} not assessed); with passing actions only the record is {}",
                f.passed,
                f.balancing_actions,
                pct(s),
                f.failed,
                f.ambiguous,
                f.not_assessed,
                f.outcome_passing_only.map(|r| r.label_en()).unwrap_or("not assessed")
            );
        }
        None => {
            let _ = writeln!(o, "Friction test: not assessed (the case has no friction.csv)");
        }
    }
    let (top, flips) = words::top(&a.sensitivity, 8);
    let _ = writeln!(o, "\nWhat flips the answer ({flips} of {} single changes tried):", a.sensitivity.len());
    if flips == 0 {
        let _ = writeln!(o, "  none: no single dropped indicator, action or source, and no move of one weight, threshold or constant within its range");
    }
    for e in top.iter().filter(|e| e.flips()) {
        let _ = writeln!(o, "  {:<60} {}", words::change(&e.change), words::effect(e, p.response, ob.response));
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
    let _ = writeln!(o, "\n{}", words::verdict(&a.verdict, &a.observed));
    o
}
