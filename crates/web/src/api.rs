//! The JSON API under `/api/` that the pages' script calls (and scripts may call):
//!
//! - `GET /api/cases` — the loaded cases with prediction, observed outcome and verdict;
//! - `GET /api/cases/{id}/analysis` — the JSON report (`analyze --no-coder --format json`);
//! - `POST /api/cases/{id}/whatif` — body `{"sets": ["KEY=VALUE"…], "drops": [ids], "drop_sources":
//!   [ids]}`; the what-if's prediction, its full report, what changed against the unchanged
//!   case, the equivalent command and the page's result panel;
//! - `GET /api/cases/{id}/evidence?code=&family=&year=&actor=&source=&kind=&q=` — the rows the
//!   evidence browser shows;
//! - `GET /api/params` — the parameters the what-if page offers, with their ranges.
//!
//! Errors are JSON `{"error": "…"}` with a 4xx status (503 when a recompute times out).

use crate::evidence::{self, Filter};
use crate::whatif::{self, Request};
use crate::{App, COMPUTE_TIMEOUT, WHATIF_DRAWS};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;

/// A JSON error with `status`.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into(), "status": status.as_u16() }))).into_response()
}

fn no_case(id: &str) -> Response {
    error(StatusCode::NOT_FOUND, format!("no case {id:?}; GET /api/cases lists them"))
}

/// `GET /api/cases`.
pub async fn cases(State(app): State<Arc<App>>) -> Json<Value> {
    let list: Vec<Value> = app
        .cases
        .iter()
        .map(|c| {
            let (m, a) = (&c.case.meta, &c.analysis);
            json!({
                "id": c.id,
                "origin": c.origin,
                "title_en": m.title_en,
                "title_zh": m.title_zh,
                "balancer": m.balancer,
                "target": m.target,
                "domain": m.domain,
                "period": [m.period.0, m.period.1],
                "prediction": a.prediction.response.as_str(),
                "observed": a.observed.response.as_str(),
                "verdict": a.verdict.agreement.as_str(),
                "links": {
                    "overview": format!("/case/{}", c.id),
                    "analysis": format!("/api/cases/{}/analysis", c.id),
                    "whatif": format!("/api/cases/{}/whatif", c.id),
                    "evidence": format!("/api/cases/{}/evidence", c.id),
                },
            })
        })
        .collect();
    Json(json!({ "cases": list }))
}

/// `GET /api/cases/{id}/analysis`.
pub async fn analysis(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match app.case(&id) {
        Some(c) => Json(c.report.clone()).into_response(),
        None => no_case(&id),
    }
}

/// `POST /api/cases/{id}/whatif`.
pub async fn whatif(State(app): State<Arc<App>>, Path(id): Path<String>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return error(e.status(), e.body_text()),
    };
    if app.case(&id).is_none() {
        return no_case(&id);
    }
    let req: Request = if body.iter().all(u8::is_ascii_whitespace) {
        Request::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(r) => r,
            Err(e) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("the body must be JSON {{\"sets\": [\"KEY=VALUE\"], \"drops\": [\"ID\"], \"drop_sources\": [\"ID\"]}}: {e}"),
                )
            }
        }
    };
    let started = Instant::now();
    let task = {
        let (app, id, req) = (app.clone(), id.clone(), req.clone());
        tokio::task::spawn_blocking(move || {
            let c = app.case(&id).expect("checked above");
            whatif::compute(&c.case, &req).map(|out| {
                let panel = whatif::result_panel(c, &req, &out);
                (out, panel)
            })
        })
    };
    let (out, panel) = match tokio::time::timeout(COMPUTE_TIMEOUT, task).await {
        Err(_) => return error(StatusCode::SERVICE_UNAVAILABLE, "the recompute took too long; try again"),
        Ok(Err(_)) => return error(StatusCode::INTERNAL_SERVER_ERROR, "the recompute failed"),
        Ok(Ok(Err(msg))) => return error(StatusCode::BAD_REQUEST, msg),
        Ok(Ok(Ok(x))) => x,
    };
    let c = app.case(&id).expect("checked above");
    let changes: Vec<Value> = softbalance_report::diff::compare(&c.baseline.report, &out.report)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.changed)
        .map(|r| json!({ "field": r.label, "unchanged": r.a, "whatif": r.b }))
        .collect();
    Json(json!({
        "case": c.id,
        "draws": WHATIF_DRAWS,
        "millis": started.elapsed().as_millis() as u64,
        "adjustments": out.adjustments,
        "prediction": out.report["prediction"],
        "unchanged_prediction": c.baseline.report["prediction"]["response"],
        "changes": changes,
        "command": whatif::command(c, &req),
        "report": out.report,
        "html": panel,
    }))
    .into_response()
}

/// `GET /api/cases/{id}/evidence`.
pub async fn evidence(State(app): State<Arc<App>>, Path(id): Path<String>, filter: Result<Query<Filter>, axum::extract::rejection::QueryRejection>) -> Response {
    let Some(c) = app.case(&id) else {
        return no_case(&id);
    };
    let Query(filter) = match filter {
        Ok(f) => f,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    let rows: Vec<Value> = evidence::select(&c.rows, &filter).map(evidence::Row::json).collect();
    Json(json!({ "case": c.id, "total": c.rows.len(), "shown": rows.len(), "rows": rows })).into_response()
}

/// `GET /api/params`.
pub async fn params() -> Json<Value> {
    let specs: Vec<Value> = whatif::slider_specs()
        .map(|s| json!({ "key": s.key, "min": s.min, "max": s.max, "integer": s.integer }))
        .collect();
    Json(json!({ "draws": WHATIF_DRAWS, "sliders": specs }))
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use axum::http::StatusCode;
    use serde_json::Value;

    #[tokio::test]
    async fn the_case_list_and_the_analysis() {
        let (s, ty, body) = get("/api/cases").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ty.starts_with("application/json"));
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["cases"][0]["id"], "us-china-ai");
        assert_eq!(v["cases"][0]["prediction"], "soft");
        let (s, _, body) = get("/api/cases/us-china-ai/analysis").await;
        assert_eq!(s, StatusCode::OK);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["schema"], "softbalance.report/2");
        assert_eq!(v["prediction"]["robustness"]["draws"], app().cases[0].case.params.robustness.draws);
        let (s, _, body) = get("/api/cases/nope/analysis").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(body.contains("\"error\""));
    }

    #[tokio::test]
    async fn a_whatif_recomputes_and_names_what_changed() {
        let (s, body) = post_json("/api/cases/us-china-ai/whatif", r#"{"sets":["threat.thresholds.severe=0.6"]}"#).await;
        assert_eq!(s, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["prediction"]["response"], "hard");
        assert_eq!(v["unchanged_prediction"], "soft");
        assert_eq!(v["prediction"]["robustness"]["draws"], 1000);
        assert!(v["changes"].as_array().unwrap().iter().any(|c| c["field"] == "prediction" && c["whatif"] == "hard"));
        assert!(v["html"].as_str().unwrap().contains("hard balancing"));
        assert_eq!(v["command"], "softbalance analyze --case us-china-ai --draws 1000 --set threat.thresholds.severe=0.6");

        let (s, body) = post_json("/api/cases/us-china-ai/whatif", "").await;
        assert_eq!(s, StatusCode::OK);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["changes"].as_array().unwrap().len(), 0, "no change: nothing differs from the baseline");
    }

    #[tokio::test]
    async fn bad_whatifs_are_400_with_a_json_error() {
        for body in [r#"{"sets":["nope=1"]}"#, r#"{"sets":"x"}"#, "not json", r#"{"unknown":1}"#, r#"{"drops":["ZZZ"]}"#] {
            let (s, text) = post_json("/api/cases/us-china-ai/whatif", body).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {text}");
            let v: Value = serde_json::from_str(&text).unwrap();
            assert!(v["error"].as_str().unwrap().len() > 10, "{text}");
        }
        let (s, _) = post_json("/api/cases/nope/whatif", "{}").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn params_list_the_sliders() {
        let (_, _, body) = get("/api/params").await;
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["draws"], 1000);
        assert!(v["sliders"].as_array().unwrap().iter().any(|s| s["key"] == "interests.thresholds.present"));
    }
}
