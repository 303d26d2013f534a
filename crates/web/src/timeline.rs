//! The escalation timeline of a case (`/case/{id}/timeline`, `GET /api/cases/{id}/timeline`):
//! the model on the evidence dated up to each year (`softbalance_core::timeline::by_year`,
//! as `softbalance analyze --by-year --format json` prints it through `softbalance_report`),
//! drawn as threat and interest scores per year with the years that shift marked.

use crate::api;
use crate::html::{self, esc, j, Tab};
use crate::svg::{self, Series};
use crate::App;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use softbalance_core::Case;
use std::sync::Arc;

/// The timeline JSON of `case` (schema `softbalance.timeline/1`).
pub fn json(case: &Case) -> Value {
    let rows = softbalance_core::timeline::by_year(case);
    serde_json::from_str(&softbalance_report::timeline::json(case, &rows)).expect("the report crate writes valid JSON")
}

/// The years of a timeline document.
fn years(t: &Value) -> &[Value] {
    t.get("years").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// `GET /api/cases/{id}/timeline`.
pub async fn api(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match app.case(&id) {
        Some(c) => Json(c.timeline.clone()).into_response(),
        None => api::error(StatusCode::NOT_FOUND, format!("no case {id:?}; GET /api/cases lists them")),
    }
}

fn shift_text(y: &Value) -> String {
    match y.get("shift").filter(|s| !s.is_null()) {
        Some(s) => format!(
            "{} ({})",
            if s.get("toward_hard").and_then(Value::as_bool).unwrap_or(false) { "toward hard" } else { "back from hard" },
            j::strs(s, "/moved").join(", ")
        ),
        None => String::new(),
    }
}

/// The chart and the table of a timeline document.
pub fn body(t: &Value) -> String {
    let ys = years(t);
    let labels: Vec<String> = ys.iter().map(|y| y["year"].to_string()).collect();
    // A year whose level is `insufficient_evidence` has a score resting on too little evidence:
    // it gets no point on the chart (the table still shows it), so it does not read as measured.
    let assessed = |y: &Value, level: &str, score: &str| (j::s(y, level) != "insufficient_evidence").then(|| j::f(y, score)).flatten();
    let threat = Series { name: "threat score", class: "hard", values: ys.iter().map(|y| assessed(y, "/threat_level", "/threat_score")).collect() };
    let interests =
        Series { name: "common-interest score", class: "soft", values: ys.iter().map(|y| assessed(y, "/interest_level", "/interest_score")).collect() };
    let marked: Vec<usize> = ys.iter().enumerate().filter(|(_, y)| y.get("shift").is_some_and(|s| !s.is_null())).map(|(i, _)| i).collect();
    let mut s = format!(
        "<p id=\"shifts\" data-shifts=\"{n}\">{n} year{} where the case moves toward hard balancing or back (dashed).</p>",
        if marked.len() == 1 { "" } else { "s" },
        n = marked.len()
    );
    s.push_str(&svg::lines("Threat and common-interest scores on the evidence up to each year", &labels, &[threat, interests], 1.0, &marked));
    s.push_str("<table class=\"timeline\"><thead><tr><th>year</th><th>threat</th><th>interests</th><th>prediction</th><th>actions that year</th><th>observed so far</th><th>missing</th><th>shift</th></tr></thead><tbody>");
    for y in ys {
        s.push_str(&format!(
            "<tr data-year=\"{yr}\" data-prediction=\"{p}\"><td>{yr}</td><td>{tl} {ts}</td><td>{il} {is}</td><td>{pl}</td><td>{n}</td><td>{ol}</td><td>{miss}</td><td>{shift}</td></tr>",
            yr = y["year"],
            p = esc(j::s(y, "/prediction")),
            tl = esc(j::s(y, "/threat_level")),
            ts = html::score(j::f(y, "/threat_score")),
            il = esc(j::s(y, "/interest_level")),
            is = html::score(j::f(y, "/interest_score")),
            pl = esc(html::outcome_labels(j::s(y, "/prediction")).0),
            n = j::n(y, "/actions_in_year"),
            ol = esc(html::outcome_labels(j::s(y, "/observed_cumulative")).0),
            miss = esc(&j::strs(y, "/missing").join(", ")),
            shift = esc(&shift_text(y)),
        ));
    }
    s.push_str("</tbody></table>");
    s
}

/// `GET /case/{id}/timeline`.
pub async fn page(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(c) = app.case(&id) else {
        return html::not_found(&format!("no case {id:?}"));
    };
    let b = format!(
        "<h1>Escalation timeline: {}</h1><p class=\"note\">The model recomputed on the evidence dated up to each year (by event date), as <code>softbalance analyze --by-year</code> prints it. <a href=\"/api/cases/{}/timeline\">JSON</a></p>{}",
        esc(&c.case.meta.title_en),
        html::url(&c.id),
        body(&c.timeline)
    );
    html::page("Timeline", Some((c, Tab::Timeline)), &b).into_response()
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use axum::http::StatusCode;
    use serde_json::Value;

    #[tokio::test]
    async fn the_timeline_page_draws_one_dot_per_assessed_year_and_score_and_the_api_is_the_by_year_json() {
        use softbalance_core::{interests::InterestLevel, threat::ThreatLevel};
        let c = &app().cases[0];
        let rows = softbalance_core::timeline::by_year(&c.case);
        assert!(!rows.is_empty());
        let (s, _, body) = get("/case/us-china-ai/timeline").await;
        assert_eq!(s, StatusCode::OK);
        let assessed = rows.iter().filter(|r| r.threat_level != ThreatLevel::Insufficient).count()
            + rows.iter().filter(|r| r.interest_level != InterestLevel::Insufficient).count();
        assert!(assessed < 2 * rows.len(), "2014 and 2015 lack threat evidence");
        assert_eq!(body.matches("<circle class=\"dot").count(), assessed, "threat and interests per assessed year");
        assert_eq!(body.matches("<tr data-year=").count(), rows.len());
        let shifts = rows.iter().filter(|r| r.shift.is_some()).count();
        assert!(body.contains(&format!("data-shifts=\"{shifts}\"")));
        let (s, ty, json) = get("/api/cases/us-china-ai/timeline").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ty.starts_with("application/json"));
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema"], "softbalance.timeline/1");
        assert_eq!(v["years"].as_array().unwrap().len(), rows.len());
        assert_eq!(v["years"][0]["prediction"], rows[0].prediction.as_str());
        let (s, _, body) = get("/api/cases/nope/timeline").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(body.contains("\"error\""));
    }
}
