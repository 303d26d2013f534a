//! Snapshot tests of the three report formats on a small, fixed case, so any change to what
//! analysts read shows up in review. Regenerate with `INSTA_UPDATE=always cargo test -p
//! softbalance-report` and review the diff.

use softbalance_report::{render, Format, Lang};
use std::path::Path;

fn mini() -> softbalance_core::Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    softbalance_case::load_dir(&dir).expect("fixture is valid")
}

#[test]
fn text_summary() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Text, Lang::En));
}

#[test]
fn markdown_report() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Markdown, Lang::En).replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn json_report() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let json = render(&case, &a, None, &[], Format::Json, Lang::En).replace(env!("CARGO_PKG_VERSION"), "[version]");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["observed"]["by_strategy"].as_object().unwrap().len(), 9);
    // Growth recomputed from raw values: 90 → 117 is +30%.
    assert_eq!(v["interests"]["series"][0]["points"][2]["growth_pct"], 30.0);
    insta::assert_snapshot!(json);
}

#[test]
fn html_report_is_self_contained_and_follows_the_language() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let html = render(&case, &a, None, &["threat.weights.intentions = 0.6 (was 0.4)".into()], Format::Html, Lang::En)
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"<meta charset="utf-8">"#));
    for forbidden in ["<script", "<link", "@import", "url(", "src=", "<iframe"] {
        assert!(!html.contains(forbidden), "the report must make no request: found {forbidden}");
    }
    assert!(html.contains("Noto Sans CJK TC"), "a CJK font fallback");
    assert!(html.contains("@page{size:A4"), "prints on A4");
    assert!(html.contains("What-if:") && html.contains("threat.weights.intentions"));
    assert_eq!(html.matches("<svg").count(), 9, "decision path, components, series, two robustness charts, strategies, per year, timeline score and mix");
    assert!(html.contains(r#"class="box on""#), "the case's path is highlighted");
    for s in &case.sources {
        assert!(html.contains(&format!("id=\"src-{}\"", s.id)), "every source has an anchor");
    }
    let hant = render(&case, &a, None, &[], Format::Html, Lang::ZhHant);
    let hans = render(&case, &a, None, &[], Format::Html, Lang::ZhHans);
    assert!(hant.contains("<html lang=\"zh-Hant\">") && hant.contains("結論") && hant.contains("證據"));
    assert!(hans.contains("<html lang=\"zh-Hans\">") && hans.contains("结论") && hans.contains("证据"));
    insta::assert_snapshot!(html);
}

#[test]
fn json_report_validates_against_the_published_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid JSON Schema");
    // The fixture, the built-in case, and an empty case (insufficient evidence everywhere).
    let builtin = softbalance_case::load_builtin().unwrap();
    let empty = softbalance_core::Case::empty("FRA", "DEU", (2010, 2012));
    for case in [mini(), builtin, empty] {
        let mut case = case;
        case.params.robustness.draws = 200;
        let a = softbalance_core::analyze(&case);
        let v: serde_json::Value = serde_json::from_str(&render(&case, &a, None, &[], Format::Json, Lang::En)).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", case.meta.id);
    }
    // The validator is not vacuous: a wrong level is caught.
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let mut v: serde_json::Value = serde_json::from_str(&render(&case, &a, None, &[], Format::Json, Lang::En)).unwrap();
    v["threat"]["level"] = "grave".into();
    assert!(!validator.is_valid(&v));
}

/// The `<svg>` charts of an HTML page: (aria-label, data-rows, marks drawn).
fn charts(html: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").map(|e| start + e).expect("every chart is closed");
        let chart = &rest[start..end];
        let open = &chart[..chart.find('>').unwrap()];
        let attr = |name: &str| open.split(&format!("{name}=\"")).nth(1).and_then(|v| v.split('"').next()).map(String::from);
        let rows = attr("data-rows").unwrap_or_else(|| panic!("a chart without data-rows: {open}")).parse().unwrap();
        out.push((attr("aria-label").unwrap_or_default(), rows, chart.matches("data-mark=").count()));
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_html_chart_draws_one_mark_per_data_row() {
    let mut builtin = softbalance_case::load_builtin().unwrap();
    builtin.params.robustness.draws = 200;
    for case in [mini(), builtin] {
        let a = softbalance_core::analyze(&case);
        let html = render(&case, &a, None, &[], Format::Html, Lang::En);
        let charts = charts(&html);
        assert_eq!(charts.len(), 9, "{}: {charts:?}", case.meta.id);
        for (label, rows, marks) in &charts {
            assert!(*rows > 0, "{}: {label} has no data rows", case.meta.id);
            assert_eq!(rows, marks, "{}: {label} declares {rows} rows and draws {marks} marks", case.meta.id);
        }
        let years = (case.meta.period.1 - case.meta.period.0 + 1) as usize;
        let timeline: Vec<_> = charts.iter().filter(|c| c.0.starts_with("Threat score per year") || c.0.starts_with("Observed mix per year")).collect();
        assert_eq!(timeline.len(), 2, "{}: the escalation timeline draws two charts", case.meta.id);
        for c in timeline {
            assert_eq!(c.1, years, "{}: one mark per year of the period in {}", case.meta.id, c.0);
        }
        assert_eq!(html.matches(r#"class="threshold""#).count(), 3, "latent, limited and severe thresholds drawn");
    }
}

#[test]
fn the_timeline_flags_the_years_that_move_toward_hard_or_back() {
    let case = softbalance_case::load_builtin().unwrap();
    let rows = softbalance_core::timeline::by_year(&case);
    let mut quick = case.clone();
    quick.params.robustness.draws = 200;
    let a = softbalance_core::analyze(&quick);
    let html = render(&quick, &a, None, &[], Format::Html, Lang::En);
    let up = rows.iter().filter(|r| r.shift.as_ref().is_some_and(|s| s.toward_hard)).count();
    let down = rows.iter().filter(|r| r.shift.as_ref().is_some_and(|s| !s.toward_hard)).count();
    assert!(up + down > 0, "the built-in case moves at least once between 2014 and 2022");
    assert_eq!(html.matches(r#"data-flag="toward_hard""#).count(), up);
    assert_eq!(html.matches(r#"data-flag="toward_soft""#).count(), down);
}

#[test]
fn text_summary_zh_hant() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Text, Lang::ZhHant));
}

#[test]
fn text_summary_zh_hans() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Text, Lang::ZhHans));
}

#[test]
fn markdown_report_zh_hant() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Markdown, Lang::ZhHant).replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn markdown_report_zh_hans() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Markdown, Lang::ZhHans).replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

/// Runs of four or more ASCII words in `text`, after removing what may stay in English in a
/// Chinese report: codes and keys (`offset.internal`, `threat.thresholds.limited`), ids, numbers,
/// file names, and the titles of the case's sources.
fn english_runs(text: &str, allowed: &[&str]) -> Vec<String> {
    let mut t = text.to_string();
    for a in allowed.iter().filter(|a| !a.trim().is_empty()) {
        t = t.replace(a, " ");
    }
    let mut runs = Vec::new();
    for line in t.lines() {
        let mut run: Vec<&str> = Vec::new();
        let tokens = line.split(|c: char| !(c.is_ascii_alphanumeric() || "'_.-/".contains(c)) || c == ' ');
        // A word is a token of ASCII letters (no digits, dots or underscores: those are codes,
        // ids and numbers); anything else that is not blank breaks the run.
        let mut flush = |run: &mut Vec<&str>| {
            if run.len() >= 4 {
                runs.push(run.join(" "));
            }
            run.clear();
        };
        let mut rest = line;
        for tok in tokens {
            let idx = rest.find(tok).unwrap_or(0);
            let between = &rest[..idx];
            rest = &rest[idx + tok.len()..];
            if between.chars().any(|c| !c.is_whitespace()) {
                flush(&mut run);
            }
            if tok.is_empty() {
                continue;
            }
            if tok.chars().all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-') && tok.chars().any(|c| c.is_ascii_lowercase()) {
                run.push(tok);
            } else {
                flush(&mut run);
            }
        }
        flush(&mut run);
    }
    runs
}

#[test]
fn the_zh_hant_text_report_has_no_english_sentence() {
    for case in [mini(), { let mut c = softbalance_case::load_builtin().unwrap(); c.params.robustness.draws = 200; c }] {
        let a = softbalance_core::analyze(&case);
        let titles: Vec<&str> = case.sources.iter().map(|s| s.title.as_str()).collect();
        let text = render(&case, &a, None, &[], Format::Text, Lang::ZhHant);
        let runs = english_runs(&text, &titles);
        assert!(runs.is_empty(), "{}: English left in the zh-Hant text report: {runs:#?}\n{text}", case.meta.id);
        // The detector is not vacuous: the English report is full of such runs.
        assert!(english_runs(&render(&case, &a, None, &[], Format::Text, Lang::En), &titles).len() > 10);
    }
}

#[test]
fn zh_hant_and_zh_hans_reports_are_in_their_own_script() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let hant = render(&case, &a, None, &[], Format::Markdown, Lang::ZhHant);
    let hans = render(&case, &a, None, &[], Format::Markdown, Lang::ZhHans);
    for (t, s) in [("證據", "证据"), ("預測", "预测"), ("實際行為", "实际行为"), ("威脅", "威胁"), ("結論", "结论")] {
        assert!(hant.contains(t) && !hant.contains(s), "{t} in Traditional");
        assert!(hans.contains(s) && !hans.contains(t), "{s} in Simplified");
    }
}

/// A study whose answer differs from the engine's on every part it states: each difference is
/// explained by the component or rule that decides it, in every format and language.
#[test]
fn a_differing_study_is_answered_with_what_decides_the_difference() {
    use softbalance_core::case::Reference;
    use softbalance_core::interests::InterestLevel;
    use softbalance_core::threat::ThreatLevel;
    use softbalance_core::Response;
    let mut case = mini();
    case.meta.reference = Some(Reference {
        source: "S1".into(),
        locator: "p. 1".into(),
        threat: Some(ThreatLevel::Severe),
        interests: Some(InterestLevel::Weak),
        prediction: Some(Response::Hard),
        observed: Some(Response::Soft),
    });
    let a = softbalance_core::analyze(&case);
    assert_eq!((a.threat.level, a.interests.level, a.prediction.response), (ThreatLevel::Limited, InterestLevel::Strong, Response::Soft));
    let text = render(&case, &a, None, &[], Format::Text, Lang::En);
    // Threat lower than the study's: the weakest weighted component (offensive capability
    // 0.167) and the severe cut it stays below.
    assert!(text.contains("Decided by offensive_capability (0.167 × weight 0.25), the weakest component: the score 0.473 is below threat.thresholds.severe 0.80."), "{text}");
    // Interests stronger than the study's: economic decides (no cooperation areas declared).
    assert!(text.contains("Decided by economic (0.98 × weight"), "{text}");
    // The prediction: the rule and the input that differs.
    assert!(text.contains("Decided by the rule limited_with_interests because the engine reads the threat as limited where the study reads severe."), "{text}");
    // The observed side: the thin-record rule with its counts.
    assert!(text.contains("Decided by the rule thin_record: 4 actions in 2 years, below the minimum of 5 actions in 2 years"), "{text}");
    assert!(text.contains("the engine differs on 4"));
    let md = render(&case, &a, None, &[], Format::Markdown, Lang::En);
    let html = render(&case, &a, None, &[], Format::Html, Lang::En);
    let json: serde_json::Value = serde_json::from_str(&render(&case, &a, None, &[], Format::Json, Lang::En)).unwrap();
    let diffs: Vec<&str> = json["reference"]["differences"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert_eq!(diffs.len(), 4);
    let by: Vec<(String, String)> = json["reference"]["decided_by"].as_array().unwrap().iter().map(|d| (d["part"].as_str().unwrap().into(), d["by"].as_str().unwrap().into())).collect();
    let want = [("threat", "offensive_capability"), ("interests", "economic"), ("prediction", "limited_with_interests"), ("observed", "thin_record")];
    assert_eq!(by, want.map(|(p, b)| (p.to_string(), b.to_string())));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&json), "the reference block validates");
    let mut bad = json.clone();
    bad["reference"]["decided_by"][0]["part"] = "verdict".into();
    assert!(!validator.is_valid(&bad), "the schema checks the reference block");
    for d in &diffs {
        assert!(d.contains("Decided by"), "{d}");
        assert!(md.contains(d), "Markdown carries {d}");
        assert!(html.contains(&d.replace('\'', "&#39;")), "HTML carries {d}");
    }
    let hant = render(&case, &a, None, &[], Format::Text, Lang::ZhHant);
    assert!(hant.contains("關鍵在進攻實力（0.167 × 權重 0.25），是最弱的構成要素"), "{hant}");
    assert!(hant.contains("關鍵在規則 limited_with_interests，因為引擎判定威脅為有限威脅，原研究則為重大迫切威脅"), "{hant}");
    let hans = render(&case, &a, None, &[], Format::Text, Lang::ZhHans);
    assert!(hans.contains("关键在规则 thin_record"), "{hans}");
    // Agreeing parts add no sentence.
    case.meta.reference = Some(Reference { source: "S1".into(), locator: String::new(), threat: Some(ThreatLevel::Limited), interests: None, prediction: Some(Response::Soft), observed: None });
    let text = render(&case, &a, None, &[], Format::Text, Lang::En);
    assert!(text.contains("the engine agrees") && !text.contains("Decided by"), "{text}");
}

#[test]
fn the_timeline_speaks_the_chosen_language() {
    let case = softbalance_case::load_builtin().unwrap();
    let rows = softbalance_core::timeline::by_year(&case);
    let titles: Vec<&str> = case.sources.iter().map(|s| s.title.as_str()).collect();
    let en = softbalance_report::timeline::text(&case, &rows, Lang::En);
    assert!(en.contains("escalation timeline") && (en.contains("▲ toward hard") || en.contains("▼ toward soft/none")), "{en}");
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let text = softbalance_report::timeline::text(&case, &rows, lang);
        let md = softbalance_report::timeline::markdown(&case, &rows, lang);
        for out in [&text, &md] {
            assert_eq!(out.matches("2014").count() >= 1, true);
            let runs = english_runs(out, &titles);
            assert!(runs.is_empty(), "{lang:?}: English left in the timeline: {runs:#?}\n{out}");
        }
        let flag = if lang == Lang::ZhHant { "趨向" } else { "趋向" };
        assert_eq!(text.matches(flag).count(), rows.iter().filter(|r| r.shift.is_some()).count(), "{text}");
    }
}

#[test]
fn compare_and_diff_speak_the_chosen_language() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let zh = softbalance_report::compare::text(&[(&case, &a)], Lang::ZhHant);
    assert!(zh.contains("威脅") && zh.contains("有限威脅") && zh.contains("判定") && zh.contains("無法判斷"), "{zh}");
    assert!(english_runs(&zh, &[]).is_empty(), "{zh}");
    let hans = softbalance_report::compare::markdown(&[(&case, &a)], Lang::ZhHans);
    assert!(hans.contains("威胁") && !hans.contains("威脅"), "{hans}");
    let j: serde_json::Value = serde_json::from_str(&render(&case, &a, None, &[], Format::Json, Lang::En)).unwrap();
    let mut k = j.clone();
    k["threat"]["level"] = "severe".into();
    let rows = softbalance_report::diff::compare(&j, &k).unwrap();
    let d = softbalance_report::diff::text(&rows, "a.json", "b.json", &j, &k, Lang::ZhHant);
    assert!(d.contains("*威脅等級") && d.contains("個欄位中有 1 個改變"), "{d}");
    assert!(softbalance_report::diff::text(&rows, "a.json", "b.json", &j, &k, Lang::En).contains("1 of 21 fields changed"));
}

/// Nothing Traditional is left in a Simplified report's wording: converting it again changes
/// nothing (source titles in the Markdown citations stay as published, so they are removed).
#[test]
fn zh_hans_reports_leave_no_traditional_characters() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let mut md = render(&case, &a, None, &[], Format::Markdown, Lang::ZhHans);
    md.truncate(md.find("## 资料来源").expect("the sources heading"));
    let text = render(&case, &a, None, &[], Format::Text, Lang::ZhHans);
    let builtin = softbalance_case::load_builtin().unwrap();
    let rows = softbalance_core::timeline::by_year(&builtin);
    let timeline = softbalance_report::timeline::text(&builtin, &rows, Lang::ZhHans);
    for out in [&md, &text, &timeline] {
        let again = fast2s::convert(out);
        let diff: Vec<(char, char)> = out.chars().zip(again.chars()).filter(|(x, y)| x != y).collect();
        assert!(diff.is_empty(), "Traditional characters left: {diff:?}");
    }
}

#[test]
fn the_zh_hant_html_report_has_no_english_sentence() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let html = render(&case, &a, None, &[], Format::Html, Lang::ZhHant);
    // The visible text: tags, the style sheet and entities removed.
    let body = &html[html.find("</head>").unwrap()..];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => {
                in_tag = true;
                text.push('\n');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&#39;", "'").replace("&amp;", "&");
    let mut allowed: Vec<&str> = case.sources.iter().map(|s| s.title.as_str()).collect();
    allowed.extend(case.sources.iter().map(|s| s.author.as_str()));
    let runs = english_runs(&text, &allowed);
    assert!(runs.is_empty(), "English left in the zh-Hant HTML report: {runs:#?}");
}
