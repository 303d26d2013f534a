//! The terminal summary: the answer first (prediction, observed behaviour, verdict), then
//! the scores behind it, the friction test and what would flip the answer. Every sentence
//! comes from `words` in the chosen language.

use crate::fmt::pad;
use crate::json::Agreement;
use crate::words::{self, label, Lang};
use softbalance_core::{Analysis, Case, StrategyCode};
use std::fmt::Write;

pub fn render(case: &Case, a: &Analysis, agreement: Option<&Agreement>, adjustments: &[String], lang: Lang) -> String {
    let m = &case.meta;
    let zh = lang.is_zh();
    let mut o = String::new();
    if zh && !m.title_zh.is_empty() {
        let _ = writeln!(o, "{}（{}–{}）", lang.pick("", m.title_zh.as_str()), m.period.0, m.period.1);
    } else {
        let _ = writeln!(o, "{} ({}–{})", m.title_en, m.period.0, m.period.1);
        if !m.title_zh.is_empty() {
            let _ = writeln!(o, "{}", m.title_zh);
        }
    }
    let domain = if zh && !m.domain_zh.is_empty() { lang.pick("", m.domain_zh.as_str()) } else { m.domain.clone() };
    let _ = writeln!(
        o,
        "{}",
        lang.pick(
            format!("balancer {} · target {} · domain {}", m.balancer, m.target, domain),
            format!("平衡國 {} · 對手 {} · 領域 {}", m.balancer, m.target, domain)
        )
    );
    let _ = writeln!(
        o,
        "{}",
        lang.pick(
            format!("evidence: {} indicators, {} actions, {} sources", case.indicators.len(), case.actions.len(), case.sources.len()),
            format!("證據：指標 {} 項、行動 {} 項、來源 {} 筆", case.indicators.len(), case.actions.len(), case.sources.len())
        )
    );
    if !adjustments.is_empty() {
        let _ = writeln!(o, "{}{}", lang.pick("WHAT-IF: ", "假設情境："), adjustments.join("; "));
    }
    let _ = writeln!(o);
    let p = &a.prediction;
    let r = &p.robustness;
    // The answer block: labels padded to one width in either script.
    let head = |en: &str, zh: &str| pad(&lang.pick(en, zh), 11);
    let both = |en: &str, zh_label: &str| if zh { lang.pick("", zh_label) } else { format!("{en} ({zh_label})") };
    let _ = writeln!(o, "{}{}  {}", head("PREDICTED", "理論預測"), both(p.response.label_en(), p.response.label_zh()), words::predicted_share(r, lang));
    let _ = writeln!(
        o,
        "{}{}  {}",
        head("OBSERVED", "實際行為"),
        both(a.observed.response.label_en(), a.observed.response.label_zh()),
        words::observed_share(r, lang)
    );
    let _ = writeln!(o, "{}{}", head("VERDICT", "判定"), words::agreement(a.verdict.agreement, lang));
    if let Some((head_line, diffs)) = words::reference(case, a, lang) {
        let _ = writeln!(o, "{}{head_line}", head("THE STUDY", "原研究"));
        for d in diffs {
            let _ = writeln!(o, "           {d}");
        }
    }
    let _ = writeln!(o);

    let t = &a.threat;
    let _ = writeln!(
        o,
        "{}",
        lang.pick(
            format!("Threat 威脅: {} ({}), score {:.3}, evidence covers {} of the weight", t.level.as_str(), t.level.label_zh(), t.score, crate::fmt::pct(t.coverage)),
            format!("威脅：{}，分數 {:.3}，證據涵蓋 {} 的權重", words::threat_level(t.level, lang), t.score, crate::fmt::pct(t.coverage))
        )
    );
    for name in ["aggregate_power", "offensive_capability", "proximity", "intentions"] {
        if let Some(c) = t.components.get(name) {
            let shown = if zh { words::component_name(name, lang) } else { name.to_string() };
            let _ = writeln!(o, "  {} {:>7} × {} {:.2}  {}", pad(&shown, 21), words::score(c.score, lang), label("weight", lang), c.weight, words::component(c, lang));
        }
    }
    let _ = writeln!(o, "  → {}", words::threat_reason(t, &case.params, lang));
    let i = &a.interests;
    let _ = writeln!(
        o,
        "\n{}",
        lang.pick(
            format!("Common interests 共同利益: {} ({}), score {:.3}", i.level.as_str(), i.level.label_zh(), i.score),
            format!("共同利益：{}，分數 {:.3}", words::interest_level(i.level, lang), i.score)
        )
    );
    let _ = writeln!(o, "  {}", words::interests(i, lang));
    let colon = if zh { "：" } else { ": " };
    let _ = writeln!(o, "\n{}{colon}{}", lang.pick("Rule", "規則"), words::rule(p.rule, a.threat.level, a.interests.level, lang));
    let _ = writeln!(o, "{}{}", words::robustness_brief(r, lang), colon.trim_end());
    let _ = writeln!(o, "  {} {}", pad(&format!("{}{}", lang.pick("predicted", "預測"), colon.trim_end()), 10), words::shares(&r.response_shares, lang));
    let _ = writeln!(o, "  {} {}", pad(&format!("{}{}", lang.pick("observed", "實際行為"), colon.trim_end()), 10), words::shares(&r.observed_shares, lang));
    for mg in &r.margins {
        let _ = writeln!(o, "  {}{colon}{}", lang.pick("margin", "差距"), words::margin(mg, lang));
    }

    let ob = &a.observed;
    let _ = writeln!(
        o,
        "\n{}",
        lang.pick(format!("Strategies 策略 ({}):", words::actions_in_years(ob, lang)), format!("策略（{}）：", words::actions_in_years(ob, lang)))
    );
    let max = ob.by_strategy.values().copied().max().unwrap_or(0).max(1);
    for code in StrategyCode::ALL {
        let n = ob.by_strategy.get(code.as_str()).copied().unwrap_or(0);
        let bar = "█".repeat((n * 30).div_ceil(max));
        let _ = writeln!(o, "  {:<17} {} {:>4} {}", code.as_str(), pad(&lang.pick(code.label_zh(), code.label_zh()), 18), n, bar);
    }
    let _ = writeln!(o, "  {}", words::action_shares(ob, lang));
    if let Some(s) = words::head_count_differs(ob, lang) {
        let _ = writeln!(o, "  {s}");
    }
    if let Some(s) = words::foreign_actors(ob, lang) {
        let _ = writeln!(o, "  {s}");
    }
    let _ = writeln!(o, "{}", words::friction_summary(&ob.friction, lang));
    let (top, flips) = words::top(&a.sensitivity, 8);
    let _ = writeln!(o, "\n{}{}", words::sensitivity_head(flips, a.sensitivity.len(), lang), if zh { "：" } else { ":" });
    if flips == 0 {
        let _ = writeln!(o, "  {}", words::nothing_flips(lang));
    }
    for e in top.iter().filter(|e| e.flips()) {
        let _ = writeln!(o, "  {} {}", pad(&words::change(&e.change, lang), 60), words::effect(e, p.response, ob.response, lang));
    }
    if let Some(ag) = agreement {
        let _ = writeln!(o, "\n{}", words::coder_agreement(ag, lang));
    }
    let _ = writeln!(o, "\n{}", words::verdict(&a.verdict, &a.observed, lang));
    o
}
