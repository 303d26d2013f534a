//! The escalation timeline (`analyze --by-year`) as a text table, a Markdown table (both in
//! the chosen language) or JSON (language-neutral codes).

use crate::fmt::{pad, pct};
use crate::words::{self, label, Lang};
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

fn shift_text(r: &YearRow, lang: Lang) -> String {
    r.shift.as_ref().map(|s| words::shift(s, lang)).unwrap_or_default()
}

fn mix_text(m: &softbalance_core::observed::Mix) -> String {
    let s = m.shares();
    if m.total() <= 0.0 {
        "–".into()
    } else {
        format!("S{} H{} F{} C{}", pct(s.soft), pct(s.hard), pct(s.friction), pct(s.cooperation))
    }
}

/// A level or response as the timeline shows it: the code in English, the label in Chinese.
fn shown(code: &str, zh: String, lang: Lang) -> String {
    if lang.is_zh() {
        zh
    } else {
        code.to_string()
    }
}

fn title(case: &Case, lang: Lang) -> String {
    let m = &case.meta;
    if lang.is_zh() && !m.title_zh.is_empty() {
        lang.pick("", m.title_zh.as_str())
    } else {
        m.title_en.clone()
    }
}

pub fn text(case: &Case, rows: &[YearRow], lang: Lang) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}\n", words::timeline_title(&title(case, lang), lang));
    let cols = [(label("year", lang), 5), (label("threat", lang), 22), (label("interests", lang), 14), (label("prediction", lang), 22), (label("acts", lang), 6), (label("cumulative_mix", lang), 26), (label("observed_cumulative", lang), 22)];
    let mut head = String::new();
    for (name, w) in &cols {
        let _ = write!(head, "{} ", pad(&lower(name, lang), *w));
    }
    let _ = writeln!(o, "{head}{}", label("shift", lang));
    for r in rows {
        let cells = [
            r.year.to_string(),
            format!("{} {:.2}", shown(r.threat_level.as_str(), words::threat_level(r.threat_level, lang), lang), r.threat_score),
            format!("{} {:.2}", shown(r.interest_level.as_str(), words::interest_level(r.interest_level, lang), lang), r.interest_score),
            shown(r.prediction.as_str(), words::response(r.prediction, lang), lang),
            format!("{:>4}", r.actions_in_year),
            mix_text(&r.cumulative_mix),
            shown(r.observed_cumulative.as_str(), words::response(r.observed_cumulative, lang), lang),
        ];
        let mut line = String::new();
        for (c, (_, w)) in cells.iter().zip(&cols) {
            let _ = write!(line, "{} ", pad(c, *w));
        }
        let _ = writeln!(o, "{}", format!("{line}{}", shift_text(r, lang)).trim_end());
        if !r.missing.is_empty() {
            let _ = writeln!(o, "      {}", words::missing_components(&r.missing, lang));
        }
    }
    o
}

/// Column heads in lower case in English, as written in Chinese.
fn lower(s: &str, lang: Lang) -> String {
    if lang.is_zh() {
        s.to_string()
    } else {
        s.to_lowercase()
    }
}

pub fn markdown(case: &Case, rows: &[YearRow], lang: Lang) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", lang.pick(format!("{} — escalation timeline", title(case, lang)), format!("{}——升級時間軸", title(case, lang))));
    let _ = writeln!(o, "{}\n", words::timeline_intro(lang));
    let heads = ["year", "threat", "interests", "prediction", "missing_col", "actions", "that_year", "cumulative", "observed", "shift"];
    let _ = writeln!(o, "| {} |", heads.iter().map(|k| lower(&label(k, lang), lang)).collect::<Vec<_>>().join(" | "));
    let _ = writeln!(o, "|---|---|---|---|---|---:|---|---|---|---|");
    let list_sep = if lang.is_zh() { "、" } else { ", " };
    for r in rows {
        let missing: Vec<String> = r.missing.iter().map(|m| if lang.is_zh() { words::component_name(m, lang) } else { m.clone() }).collect();
        let _ = writeln!(
            o,
            "| {} | {} {:.2} | {} {:.2} | {} | {} | {} | {} | {} | {} | {} |",
            r.year,
            shown(r.threat_level.as_str(), words::threat_level(r.threat_level, lang), lang),
            r.threat_score,
            shown(r.interest_level.as_str(), words::interest_level(r.interest_level, lang), lang),
            r.interest_score,
            shown(r.prediction.as_str(), words::response(r.prediction, lang), lang),
            if missing.is_empty() { "–".into() } else { missing.join(list_sep) },
            r.actions_in_year,
            mix_text(&r.year_mix),
            mix_text(&r.cumulative_mix),
            shown(r.observed_cumulative.as_str(), words::response(r.observed_cumulative, lang), lang),
            shift_text(r, lang)
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
