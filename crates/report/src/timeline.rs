//! The escalation timeline (`analyze --by-year`) as a text table, a Markdown table or JSON.

use crate::fmt::pct;
use serde::Serialize;
use softbalance_core::timeline::YearRow;
use softbalance_core::Case;
use std::fmt::Write;

#[derive(Serialize)]
struct JsonYear<'a> {
    year: i32,
    threat_level: &'static str,
    threat_score: f64,
    components: std::collections::BTreeMap<&'static str, Option<f64>>,
    missing: &'a [String],
    interest_level: &'static str,
    interest_score: f64,
    prediction: &'static str,
    actions_in_year: usize,
    year_mix: serde_json::Value,
    cumulative_mix: serde_json::Value,
    observed_cumulative: &'static str,
    shift: Option<JsonShift<'a>>,
}

#[derive(Serialize)]
struct JsonShift<'a> {
    toward_hard: bool,
    moved: &'a [String],
}

fn shift_text(r: &YearRow) -> String {
    match &r.shift {
        Some(s) => format!("{} ({})", if s.toward_hard { "▲ toward hard" } else { "▼ toward soft/none" }, s.moved.join(", ")),
        None => String::new(),
    }
}

fn mix_text(m: &softbalance_core::observed::Mix) -> String {
    let s = m.shares();
    if m.total() <= 0.0 {
        "–".into()
    } else {
        format!("S{} H{} F{} C{}", pct(s.soft), pct(s.hard), pct(s.friction), pct(s.cooperation))
    }
}

pub fn text(case: &Case, rows: &[YearRow]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} — escalation timeline (evidence dated up to each year)\n", case.meta.title_en);
    let _ = writeln!(o, "{:<5} {:<22} {:<14} {:<22} {:>4}  {:<26} {:<22} {}", "year", "threat", "interests", "prediction", "acts", "cumulative mix (magnitude)", "observed (cumulative)", "shift");
    for r in rows {
        let _ = writeln!(
            o,
            "{:<5} {:<22} {:<14} {:<22} {:>4}  {:<26} {:<22} {}",
            r.year,
            format!("{} {:.2}", r.threat_level.as_str(), r.threat_score),
            format!("{} {:.2}", r.interest_level.as_str(), r.interest_score),
            r.prediction.as_str(),
            r.actions_in_year,
            mix_text(&r.cumulative_mix),
            r.observed_cumulative.as_str(),
            shift_text(r)
        );
        if !r.missing.is_empty() {
            let _ = writeln!(o, "      missing: {}", r.missing.join(", "));
        }
    }
    o
}

pub fn markdown(case: &Case, rows: &[YearRow]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {} — escalation timeline\n", case.meta.title_en);
    let _ = writeln!(o, "The model recomputed on the evidence dated (by event date) up to each year. S/H/F/C: soft, hard, friction and cooperation shares of the balancer's actions by magnitude.\n");
    let _ = writeln!(o, "| year | threat | interests | prediction | missing | actions | that year | cumulative | observed | shift |");
    let _ = writeln!(o, "|---|---|---|---|---|---:|---|---|---|---|");
    for r in rows {
        let _ = writeln!(
            o,
            "| {} | {} {:.2} | {} {:.2} | {} | {} | {} | {} | {} | {} | {} |",
            r.year,
            r.threat_level.as_str(),
            r.threat_score,
            r.interest_level.as_str(),
            r.interest_score,
            r.prediction.as_str(),
            if r.missing.is_empty() { "–".into() } else { r.missing.join(", ") },
            r.actions_in_year,
            mix_text(&r.year_mix),
            mix_text(&r.cumulative_mix),
            r.observed_cumulative.as_str(),
            shift_text(r)
        );
    }
    o
}

pub fn json(case: &Case, rows: &[YearRow]) -> String {
    let years: Vec<JsonYear> = rows
        .iter()
        .map(|r| JsonYear {
            year: r.year,
            threat_level: r.threat_level.as_str(),
            threat_score: r.threat_score,
            components: r.components.iter().copied().collect(),
            missing: &r.missing,
            interest_level: r.interest_level.as_str(),
            interest_score: r.interest_score,
            prediction: r.prediction.as_str(),
            actions_in_year: r.actions_in_year,
            year_mix: crate::json::mix(&r.year_mix),
            cumulative_mix: crate::json::mix(&r.cumulative_mix),
            observed_cumulative: r.observed_cumulative.as_str(),
            shift: r.shift.as_ref().map(|s| JsonShift { toward_hard: s.toward_hard, moved: &s.moved }),
        })
        .collect();
    let doc = serde_json::json!({
        "schema": "softbalance.timeline/1",
        "case": case.meta.id,
        "years": years,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data");
    s.push('\n');
    s
}
