//! The live what-if (`/case/{id}/whatif`): sliders for the weights, thresholds and method
//! constants that the sensitivity search moves (`softbalance_core::params::SPECS` with
//! `sensitivity: true`), toggles to drop indicators, actions or sources. The page's script
//! posts the changes to `/api/cases/{id}/whatif`; [`compute`] applies them exactly as
//! `softbalance analyze --draws 1000 --set … --drop … --drop-source …` does and the answer
//! carries the result panel, rendered here, and the equivalent command.

use crate::html::{self, esc, j, pct, url, Tab};
use crate::overview::{outcome_class, share_bars};
use crate::svg;
use crate::{App, CaseEntry, WHATIF_DRAWS};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use softbalance_core::params::{ParamSpec, SPECS};
use softbalance_core::{Analysis, Case};
use std::sync::Arc;

/// Most `--set`, `--drop` and `--drop-source` entries one request may carry.
pub const MAX_CHANGES: usize = 500;

/// The changes of one what-if, as `analyze` takes them: `sets` are `KEY=VALUE` strings,
/// `drops` indicator or action ids, `drop_sources` source ids.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Request {
    pub sets: Vec<String>,
    pub drops: Vec<String>,
    pub drop_sources: Vec<String>,
}

impl Request {
    /// The `softbalance analyze` arguments that give the same report (after the case argument).
    pub fn cli_args(&self) -> Vec<String> {
        let mut v = vec!["--draws".to_string(), WHATIF_DRAWS.to_string()];
        for s in &self.sets {
            v.push("--set".into());
            v.push(s.clone());
        }
        for d in &self.drops {
            v.push("--drop".into());
            v.push(d.clone());
        }
        for d in &self.drop_sources {
            v.push("--drop-source".into());
            v.push(d.clone());
        }
        v
    }
}

/// A what-if's result: the changes in words, the changed case, its analysis and its JSON
/// report (the report `analyze --no-coder --format json` prints for the same arguments).
pub struct Outcome {
    pub adjustments: Vec<String>,
    pub case: Case,
    pub analysis: Analysis,
    pub report: serde_json::Value,
}

/// Apply `req` to a copy of `case` with [`WHATIF_DRAWS`] draws and analyse it — the same steps,
/// in the same order, as `softbalance analyze --draws 1000`. `Err` says what cannot be applied.
pub fn compute(case: &Case, req: &Request) -> Result<Outcome, String> {
    if req.sets.len() + req.drops.len() + req.drop_sources.len() > MAX_CHANGES {
        return Err(format!("at most {MAX_CHANGES} changes in one what-if"));
    }
    if let Some(s) = req.sets.iter().find(|s| s.split('=').next().map(str::trim) == Some("robustness.draws")) {
        return Err(format!("{s}: the dashboard recomputes with {WHATIF_DRAWS} draws; run `softbalance analyze --draws N` for more"));
    }
    let mut case = case.clone();
    case.params.robustness.draws = WHATIF_DRAWS;
    let mut adjustments =
        softbalance_case::whatif::apply(&mut case, &req.sets, &req.drops, &req.drop_sources).map_err(|e| e.0)?;
    adjustments.push(format!("robustness.draws = {}", case.params.robustness.draws));
    let analysis = softbalance_core::analyze(&case);
    let report = crate::report_json(&case, &analysis, &adjustments);
    Ok(Outcome { adjustments, case, analysis, report })
}

/// The command line that reproduces a what-if of `entry`.
pub fn command(entry: &CaseEntry, req: &Request) -> String {
    let case_arg = match entry.origin.strip_prefix("builtin:") {
        Some(id) => format!("--case {id}"),
        None => shell_word(&entry.origin),
    };
    let mut s = format!("softbalance analyze {case_arg}");
    for a in req.cli_args() {
        s.push(' ');
        s.push_str(&shell_word(&a));
    }
    s
}

fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.=,/:@+".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The result panel: prediction, robustness, levels, what changed against the unchanged case
/// (same draws), the changes applied and the equivalent command.
pub fn result_panel(entry: &CaseEntry, req: &Request, out: &Outcome) -> String {
    let (r, base) = (&out.report, &entry.baseline.report);
    let mut s = String::new();
    let resp = j::s(r, "/prediction/response");
    let was = j::s(base, "/prediction/response");
    let (en, zh) = html::outcome_labels(resp);
    s.push_str(&format!(
        "<div class=\"answer {cls}\" data-response=\"{resp}\"><div class=\"big\" data-field=\"prediction\">{en}</div><div class=\"zh\">{zh}</div>{flip}<div>rule <code>{rule}</code></div><p>{expl}</p></div>",
        cls = outcome_class(resp),
        resp = esc(resp),
        en = esc(en),
        zh = esc(zh),
        flip = if resp != was {
            format!("<div class=\"flip\">changed from {}</div>", esc(html::outcome_labels(was).0))
        } else {
            "<div class=\"same\">same as the unchanged case</div>".into()
        },
        rule = esc(j::s(r, "/prediction/rule")),
        expl = esc(j::s(r, "/prediction/explanation")),
    ));
    let agreement = |v: &serde_json::Value| j::f(v, "/prediction/robustness/agreement").map(pct).unwrap_or_default();
    s.push_str(&format!(
        "<h3>Robustness: <span data-field=\"agreement\">{}</span> of {} draws agree (unchanged case: {})</h3>",
        agreement(r),
        j::n(r, "/prediction/robustness/draws"),
        agreement(base)
    ));
    s.push_str(&svg::hbars("Predicted response, share of draws", &share_bars(r, "/prediction/robustness/response_shares"), 1.0));
    s.push_str(&format!(
        "<p>Threat <b>{}</b> ({}) · common interests <b>{}</b> ({}) · observed <b>{}</b> · verdict <b>{}</b></p>",
        esc(j::s(r, "/threat/level")),
        html::score(j::f(r, "/threat/score")),
        esc(j::s(r, "/interests/level")),
        html::score(j::f(r, "/interests/score")),
        esc(html::outcome_labels(j::s(r, "/observed/response")).0),
        esc(&j::s(r, "/verdict/agreement").replace('_', " "))
    ));
    s.push_str("<h3>What changed against the unchanged case</h3>");
    let rows = softbalance_report::diff::compare(base, r).unwrap_or_default();
    let changed: Vec<_> = rows.iter().filter(|r| r.changed).collect();
    if changed.is_empty() {
        s.push_str("<p class=\"changes\" data-changes=\"0\">Nothing the report compares changed.</p>");
    } else {
        s.push_str(&format!(
            "<table class=\"changes\" data-changes=\"{}\"><thead><tr><th></th><th>unchanged</th><th>what-if</th></tr></thead><tbody>",
            changed.len()
        ));
        for r in changed {
            s.push_str(&format!("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(r.label), esc(&r.a), esc(&r.b)));
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("<h3>Changes applied</h3><ul class=\"adjustments\">");
    for adj in &out.adjustments {
        s.push_str(&format!("<li>{}</li>", esc(adj)));
    }
    s.push_str("</ul>");
    s.push_str(&format!("<p>The same on the command line:</p><pre class=\"command\">{}</pre>", esc(&command(entry, req))));
    s
}

/// A slider's step: a hundredth of small ranges, a round number for large ones.
fn step(spec: &ParamSpec) -> f64 {
    let range = spec.max - spec.min;
    if spec.integer {
        1.0
    } else if range <= 1.0 {
        0.01
    } else if range <= 100.0 {
        0.1
    } else {
        10.0
    }
}

fn group(key: &str) -> &'static str {
    if key.starts_with("threat.weights") {
        "Threat weights"
    } else if key.starts_with("threat.thresholds") {
        "Threat thresholds"
    } else if key.starts_with("interests.weights") {
        "Interest weights"
    } else if key.starts_with("interests.thresholds") {
        "Interest thresholds"
    } else {
        "Method constants"
    }
}

/// The parameters the page offers as sliders.
pub fn slider_specs() -> impl Iterator<Item = &'static ParamSpec> {
    SPECS.iter().filter(|s| s.sensitivity)
}

fn controls(c: &CaseEntry) -> String {
    let mut s = format!(
        "<form id=\"whatif\" data-api=\"/api/cases/{}/whatif\" autocomplete=\"off\">",
        url(&c.id)
    );
    let mut current = "";
    for spec in slider_specs() {
        let g = group(spec.key);
        if g != current {
            if !current.is_empty() {
                s.push_str("</fieldset>");
            }
            s.push_str(&format!("<fieldset><legend>{g}</legend>"));
            current = g;
        }
        let v = c.case.params.get(spec.key).unwrap_or(spec.min);
        let id = spec.key.replace('.', "-");
        s.push_str(&format!(
            "<label class=\"slider\" for=\"{id}\"><span>{short}</span><input type=\"range\" id=\"{id}\" data-key=\"{key}\" min=\"{min}\" max=\"{max}\" step=\"{step}\" value=\"{v}\" data-initial=\"{v}\"><output for=\"{id}\">{shown}</output></label>",
            short = esc(spec.key.rsplit('.').next().unwrap_or(spec.key).replace('_', " ").as_str()),
            key = esc(spec.key),
            min = spec.min,
            max = spec.max,
            step = step(spec),
            shown = trim(v),
        ));
    }
    if !current.is_empty() {
        s.push_str("</fieldset>");
    }
    s.push_str("<p><button type=\"button\" id=\"reset\">Reset to the case as is</button></p>");
    s.push_str("<details><summary>Drop indicators</summary><ul class=\"toggles\">");
    for i in &c.case.indicators {
        s.push_str(&format!(
            "<li><label><input type=\"checkbox\" name=\"drop\" value=\"{id}\"> <code>{id}</code> {comp}: {label}</label></li>",
            id = esc(&i.id),
            comp = esc(i.component.as_str()),
            label = esc(&i.label_en)
        ));
    }
    s.push_str("</ul></details><details><summary>Drop actions</summary><ul class=\"toggles\">");
    for a in &c.case.actions {
        s.push_str(&format!(
            "<li><label><input type=\"checkbox\" name=\"drop\" value=\"{id}\"> <code>{id}</code> {date} {code}: {title}</label></li>",
            id = esc(&a.id),
            date = a.date,
            code = esc(a.code.as_str()),
            title = esc(&a.title_en)
        ));
    }
    s.push_str("</ul></details><details><summary>Drop sources (the rows that cite only them)</summary><ul class=\"toggles\">");
    for src in &c.case.sources {
        s.push_str(&format!(
            "<li><label><input type=\"checkbox\" name=\"drop_source\" value=\"{id}\"> <code>{id}</code> {title}</label></li>",
            id = esc(&src.id),
            title = esc(&src.title)
        ));
    }
    s.push_str("</ul></details></form>");
    s
}

fn trim(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// `GET /case/{id}/whatif`.
pub async fn page(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(c) = app.case(&id) else {
        return html::not_found(&format!("no case {id:?}"));
    };
    let req = Request::default();
    let body = format!(
        "<h1>What-if: {title}</h1><p class=\"note\">Move a slider or drop evidence: the server recomputes the model with <b>{shown} Monte Carlo draws</b> (the case's own analysis uses {full}), so robustness shares can differ from the overview by a point or two. The result equals <code>softbalance analyze --draws {draws} --set … --drop …</code> with the same settings.</p>\
         <div class=\"whatif\"><div class=\"controls\">{controls}</div><div class=\"results\"><p id=\"status\" role=\"status\">unchanged case, {draws} draws</p><div id=\"result\" aria-live=\"polite\">{panel}</div></div></div>",
        title = esc(&c.case.meta.title_en),
        draws = WHATIF_DRAWS,
        shown = "1,000",
        full = c.case.params.robustness.draws,
        controls = controls(c),
        panel = result_panel(c, &req, &c.baseline),
    );
    html::page("What-if", Some((c, Tab::WhatIf)), &body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;
    use axum::http::StatusCode;

    #[test]
    fn no_change_is_the_unchanged_case_with_fewer_draws() {
        let c = &app().cases[0];
        let out = compute(&c.case, &Request::default()).unwrap();
        assert_eq!(out.analysis.prediction.response, c.analysis.prediction.response);
        assert_eq!(out.analysis.prediction.robustness.draws, WHATIF_DRAWS);
        assert_eq!(out.adjustments, ["robustness.draws = 1000"]);
    }

    #[test]
    fn a_lower_severe_threshold_predicts_hard_balancing() {
        let c = &app().cases[0];
        let req = Request { sets: vec!["threat.thresholds.severe=0.6".into()], ..Default::default() };
        let out = compute(&c.case, &req).unwrap();
        assert_eq!(out.analysis.prediction.response, softbalance_core::Response::Hard);
        let panel = result_panel(c, &req, &out);
        assert!(panel.contains("changed from soft balancing"));
        assert!(panel.contains("<td>prediction</td><td>soft</td><td>hard</td>"), "{panel}");
        assert_eq!(command(c, &req), "softbalance analyze --case us-china-ai --draws 1000 --set threat.thresholds.severe=0.6");
    }

    #[test]
    fn bad_changes_are_refused_with_the_cli_message() {
        let c = &app().cases[0];
        let bad = |sets: &[&str], drops: &[&str]| {
            compute(&c.case, &Request { sets: sets.iter().map(|s| s.to_string()).collect(), drops: drops.iter().map(|s| s.to_string()).collect(), ..Default::default() })
                .err()
                .unwrap()
        };
        assert!(bad(&["threat.weights.intention=1"], &[]).contains("did you mean threat.weights.intentions"));
        assert!(bad(&["threat.thresholds.severe=0.1"], &[]).contains("latent <= limited <= severe"));
        assert!(bad(&[], &["NOPE"]).contains("--drop NOPE"));
        assert!(bad(&["robustness.draws=100000"], &[]).contains("1000 draws"));
    }

    #[test]
    fn shell_words_are_quoted() {
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("I001,A002"), "I001,A002");
    }

    #[tokio::test]
    async fn the_page_has_one_slider_per_sensitivity_parameter_and_says_the_draws() {
        let (s, _, body) = get("/case/us-china-ai/whatif").await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(body.matches("type=\"range\"").count(), slider_specs().count());
        assert!(body.contains("data-key=\"threat.thresholds.severe\""));
        assert!(body.contains("data-key=\"method.intent_saturation\""));
        assert!(!body.contains("data-key=\"robustness.draws\""));
        assert!(body.contains("1,000 Monte Carlo draws"));
        assert_eq!(WHATIF_DRAWS, 1000, "the page says 1,000");
        let c = &app().cases[0];
        assert_eq!(body.matches("name=\"drop\"").count(), c.case.indicators.len() + c.case.actions.len());
        assert!(body.contains("data-field=\"prediction\">soft balancing<"));
    }
}
