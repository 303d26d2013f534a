//! Cases side by side (`/compare?cases=a,b`, `GET /api/compare?cases=a,b`): the document of
//! `softbalance compare` (`softbalance_report::compare::json`, schema
//! `softbalance.compare/1`) for the chosen loaded cases (all by default), rendered as one
//! column per case with bars of the threat and common-interest scores.

use crate::api;
use crate::html::{self, esc, j, pct, url};
use crate::svg::{self, Bar};
use crate::{App, CaseEntry};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;

/// `?cases=ID,ID…`; empty or absent: every loaded case.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Choice {
    pub cases: Option<String>,
}

/// The chosen cases in the order asked, or the id that names no loaded case.
pub fn choose<'a>(app: &'a App, choice: &Choice) -> Result<Vec<&'a CaseEntry>, String> {
    let ids: Vec<&str> = choice.cases.as_deref().unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if ids.is_empty() {
        return Ok(app.cases.iter().collect());
    }
    let mut out: Vec<&CaseEntry> = Vec::new();
    for id in ids {
        let c = app.case(id).ok_or_else(|| format!("no case {id:?}; GET /api/cases lists them"))?;
        if !out.iter().any(|x| x.id == c.id) {
            out.push(c);
        }
    }
    Ok(out)
}

/// The compare document of `cases`, with the dashboard's ids beside the cases' own.
pub fn document(cases: &[&CaseEntry]) -> Value {
    let pairs: Vec<_> = cases.iter().map(|c| (&c.case, &c.analysis)).collect();
    let mut v: Value = serde_json::from_str(&softbalance_report::compare::json(&pairs)).expect("the report crate writes valid JSON");
    v["ids"] = cases.iter().map(|c| Value::from(c.id.as_str())).collect();
    v
}

/// `GET /api/compare`.
pub async fn api(State(app): State<Arc<App>>, q: Result<Query<Choice>, axum::extract::rejection::QueryRejection>) -> Response {
    let Query(choice) = match q {
        Ok(q) => q,
        Err(e) => return api::error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    match choose(&app, &choice) {
        Ok(cases) => Json(document(&cases)).into_response(),
        Err(msg) => api::error(StatusCode::NOT_FOUND, msg),
    }
}

fn table(doc: &Value) -> String {
    let cases = doc.get("cases").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let ids = doc.get("ids").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let mut s = String::from("<table class=\"compare\"><thead><tr><th></th>");
    for (c, id) in cases.iter().zip(ids) {
        let id = id.as_str().unwrap_or("");
        s.push_str(&format!("<th data-case=\"{}\"><a href=\"/case/{}\">{}</a></th>", esc(id), url(id), esc(j::s(c, "/case"))));
    }
    s.push_str("</tr></thead><tbody>");
    let row = |label: &str, key: &str, f: &dyn Fn(&Value) -> String| {
        let mut r = format!("<tr data-row=\"{key}\"><th>{}</th>", esc(label));
        for c in cases {
            r.push_str(&format!("<td>{}</td>", esc(&f(c))));
        }
        r.push_str("</tr>");
        r
    };
    let sc = |v: Option<f64>| v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "missing".into());
    s.push_str(&row("dyad", "dyad", &|c| format!("{} → {}", j::s(c, "/balancer"), j::s(c, "/target"))));
    s.push_str(&row("period", "period", &|c| format!("{}–{}", c["period"][0], c["period"][1])));
    s.push_str(&row("domain", "domain", &|c| j::s(c, "/domain").to_string()));
    s.push_str(&row("threat", "threat", &|c| format!("{} {}", j::s(c, "/threat/level"), sc(j::f(c, "/threat/score")))));
    for comp in ["aggregate_power", "offensive_capability", "proximity", "intentions"] {
        s.push_str(&row(&format!("  {}", comp.replace('_', " ")), comp, &|c| sc(j::f(c, &format!("/threat/components/{comp}")))));
    }
    s.push_str(&row("  coverage", "coverage", &|c| j::f(c, "/threat/coverage").map(pct).unwrap_or_default()));
    s.push_str(&row("interests", "interests", &|c| format!("{} {}", j::s(c, "/interests/level"), sc(j::f(c, "/interests/score")))));
    s.push_str(&row("prediction", "prediction", &|c| html::outcome_labels(j::s(c, "/prediction/response")).0.to_string()));
    s.push_str(&row("  robustness", "robustness", &|c| j::f(c, "/prediction/agreement").map(pct).unwrap_or_default()));
    s.push_str(&row("observed", "observed", &|c| html::outcome_labels(j::s(c, "/observed/response")).0.to_string()));
    s.push_str(&row("  soft / hard / fric. / coop.", "shares", &|c| {
        ["soft", "hard", "friction", "cooperation"]
            .iter()
            .map(|k| j::f(c, &format!("/observed/magnitude_shares/{k}")).map(pct).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" / ")
    }));
    s.push_str(&row("friction test pass", "friction", &|c| j::f(c, "/observed/friction_pass_share").map(pct).unwrap_or_else(|| "not assessed".into())));
    s.push_str(&row("verdict", "verdict", &|c| j::s(c, "/verdict").replace('_', " ")));
    s.push_str("</tbody></table>");
    s
}

/// `GET /compare`.
pub async fn page(State(app): State<Arc<App>>, q: Result<Query<Choice>, axum::extract::rejection::QueryRejection>) -> Response {
    let choice = match q {
        Ok(Query(c)) => c,
        Err(e) => return (StatusCode::BAD_REQUEST, html::page("Bad request", None, &format!("<h1>Bad request</h1><p>{}</p>", esc(&e.body_text())))).into_response(),
    };
    let cases = match choose(&app, &choice) {
        Ok(c) => c,
        Err(msg) => return html::not_found(&msg),
    };
    let doc = document(&cases);
    let mut b = String::from("<h1>Compare cases</h1><form class=\"filters\" id=\"choose\" method=\"get\" action=\"/compare\">");
    for c in &app.cases {
        let on = cases.iter().any(|x| x.id == c.id);
        b.push_str(&format!(
            "<label><input type=\"checkbox\" class=\"pick\" value=\"{id}\"{}> {id}</label>",
            if on { " checked" } else { "" },
            id = esc(&c.id)
        ));
    }
    let chosen: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    b.push_str(&format!(
        "<input type=\"hidden\" name=\"cases\" value=\"{}\"><button type=\"submit\">Compare</button> <a href=\"/api/compare?cases={}\">JSON</a></form>",
        esc(&chosen.join(",")),
        url(&chosen.join(","))
    ));
    if cases.is_empty() {
        b.push_str("<p>No case is loaded; see <a href=\"/validation\">Validation</a>.</p>");
        return html::page("Compare", None, &b).into_response();
    }
    b.push_str(&format!("<p id=\"count\" data-shown=\"{n}\">{n} case{} side by side.</p>", if cases.len() == 1 { "" } else { "s" }, n = cases.len()));
    b.push_str(&table(&doc));
    let bars = |ptr: &str| -> Vec<Bar> {
        cases
            .iter()
            .zip(doc["cases"].as_array().into_iter().flatten())
            .map(|(c, d)| {
                let v = j::f(d, ptr);
                Bar::new(c.id.clone(), v.unwrap_or(0.0), html::score(v))
            })
            .collect()
    };
    b.push_str("<div class=\"grid\"><div>");
    b.push_str(&svg::hbars("Threat score (0–1)", &bars("/threat/score"), 1.0));
    b.push_str("</div><div>");
    b.push_str(&svg::hbars("Common-interest score (0–1)", &bars("/interests/score"), 1.0));
    b.push_str("</div></div>");
    html::page("Compare", None, &b).into_response()
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use axum::http::StatusCode;
    use serde_json::Value;

    #[tokio::test]
    async fn compare_shows_the_chosen_cases_side_by_side() {
        let n = app().cases.len();
        let (s, _, body) = get("/compare").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains(&format!("data-shown=\"{n}\"")));
        assert_eq!(body.matches("<th data-case=").count(), n);
        let two = format!("{},{}", app().cases[0].id, app().cases[1].id);
        let (s, _, body) = get(&format!("/compare?cases={two}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(body.matches("<th data-case=").count(), 2);
        assert_eq!(body.matches("<rect class=\"bar").count(), 4, "two bars in each of two charts");
        let (s, _, json) = get(&format!("/api/compare?cases={two}")).await;
        assert_eq!(s, StatusCode::OK);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema"], "softbalance.compare/1");
        assert_eq!(v["cases"].as_array().unwrap().len(), 2);
        assert_eq!(v["cases"][0]["prediction"]["response"], app().cases[0].analysis.prediction.response.as_str());
        let (s, _, json) = get("/api/compare?cases=us-china-ai,nope").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(json.contains("nope"));
        let (s, _, _) = get("/compare?cases=nope").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}
