//! The case list (`/`) and a case's overview (`/case/{id}`): prediction, robustness shares,
//! threat components, interests, the observed profile by code and by year, the friction-test
//! pass share and the verdict, with bar charts.

use crate::html::{self, esc, j, pct, score, url, Tab};
use crate::svg::{self, Bar};
use crate::{App, CaseEntry};
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use softbalance_core::strategy::Family;
use serde_json::Value;
use softbalance_core::{Response as Outcome, StrategyCode};
use std::sync::Arc;

/// `GET /`: every loaded case with its prediction and verdict.
pub async fn index(State(app): State<Arc<App>>) -> Html<String> {
    let mut b = String::from("<h1>Cases</h1><table class=\"cases\"><thead><tr><th>case</th><th>balancer → target</th><th>period</th><th>prediction</th><th>observed</th><th>verdict</th><th>from</th></tr></thead><tbody>");
    for c in &app.cases {
        let (m, a) = (&c.case.meta, &c.analysis);
        b.push_str(&format!(
            "<tr><td><a href=\"/case/{}\">{}</a><br><small>{}</small></td><td>{} → {}</td><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            url(&c.id),
            esc(&c.id),
            esc(&m.title_en),
            esc(&m.balancer),
            esc(&m.target),
            m.period.0,
            m.period.1,
            esc(a.prediction.response.label_en()),
            esc(a.observed.response.label_en()),
            esc(a.verdict.agreement.as_str()),
            esc(&c.origin)
        ));
    }
    b.push_str("</tbody></table>");
    html::page("Cases", None, &b)
}

/// `GET /case/{id}`.
pub async fn page(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match app.case(&id) {
        Some(c) => html::page(&c.case.meta.title_en, Some((c, Tab::Overview)), &body(c)).into_response(),
        None => html::not_found(&format!("no case {id:?}")),
    }
}

/// The class that colours an outcome (by its report name).
pub fn outcome_class(name: &str) -> &'static str {
    match html::outcome(name) {
        Some(Outcome::None) => "none",
        Some(Outcome::Soft) => "soft",
        Some(Outcome::Hard) => "hard",
        Some(Outcome::Mixed) => "mixed",
        _ => "insufficient",
    }
}

fn family_class(f: Family) -> &'static str {
    match f {
        Family::Offsetting => "offsetting",
        Family::Obstruction => "obstruction",
        Family::Institutional => "institutional",
        Family::Hard => "hard",
        Family::NonBalancing => "nonbalancing",
    }
}

/// Bars of a share map keyed by outcome names (`response_shares`, `observed_shares`), in report
/// order.
pub fn share_bars(report: &Value, ptr: &str) -> Vec<Bar> {
    let shares = j::obj(report, ptr);
    Outcome::ALL
        .iter()
        .filter_map(|r| {
            let v = shares.iter().find(|(k, _)| k.as_str() == r.as_str())?.1.as_f64()?;
            Some(Bar::new(r.label_en(), v, pct(v)).class(outcome_class(r.as_str())))
        })
        .collect()
}

fn body(c: &CaseEntry) -> String {
    let (case, r) = (&c.case, &c.report);
    let m = &case.meta;
    let mut b = String::new();
    b.push_str(&format!(
        "<h1>{}</h1><p class=\"zh\">{}</p><p>{} → {} · {} {} · {}–{} · {} indicators, {} actions, {} sources · <code>{}</code></p>",
        esc(&m.title_en),
        esc(&m.title_zh),
        esc(&m.balancer),
        esc(&m.target),
        esc(&m.domain),
        esc(&m.domain_zh),
        m.period.0,
        m.period.1,
        case.indicators.len(),
        case.actions.len(),
        case.sources.len(),
        esc(&c.origin)
    ));

    let resp = j::s(r, "/prediction/response");
    let (en, zh) = html::outcome_labels(resp);
    b.push_str("<section class=\"grid\"><div><h2>Prediction</h2>");
    b.push_str(&format!(
        "<div class=\"answer {cls}\"><div class=\"big\" data-field=\"prediction\">{en}</div><div class=\"zh\">{zh}</div><div>rule <code>{rule}</code> · robustness {agr} of {draws} draws agree</div><p>{expl}</p></div>",
        cls = outcome_class(resp),
        en = esc(en),
        zh = esc(zh),
        rule = esc(j::s(r, "/prediction/rule")),
        agr = j::f(r, "/prediction/robustness/agreement").map(pct).unwrap_or_default(),
        draws = j::n(r, "/prediction/robustness/draws"),
        expl = esc(j::s(r, "/prediction/explanation")),
    ));
    b.push_str(&format!(
        "<h3>Robustness: predictions over {} draws (seed {})</h3>",
        j::n(r, "/prediction/robustness/draws"),
        j::n(r, "/prediction/robustness/seed")
    ));
    b.push_str(&svg::hbars("Predicted response, share of draws", &share_bars(r, "/prediction/robustness/response_shares"), 1.0));
    b.push_str("<h3>Observed outcome under resampling of actions</h3>");
    b.push_str(&svg::hbars("Observed outcome, share of draws", &share_bars(r, "/prediction/robustness/observed_shares"), 1.0));
    let agreement = j::s(r, "/verdict/agreement");
    b.push_str("</div><div><h2>Verdict</h2>");
    b.push_str(&format!(
        "<div class=\"answer {}\"><div class=\"big\" data-field=\"verdict\">{}</div><div>predicted {} · observed {}</div><p>{}</p></div>",
        esc(agreement),
        esc(&agreement.replace('_', " ")),
        esc(html::outcome_labels(j::s(r, "/verdict/predicted")).0),
        esc(html::outcome_labels(j::s(r, "/verdict/observed")).0),
        esc(j::s(r, "/verdict/explanation"))
    ));
    b.push_str("</div></section>");

    // Threat
    b.push_str(&format!(
        "<section><h2>Threat 威脅: {} · score {} · coverage {}</h2><p>{}</p>",
        esc(j::s(r, "/threat/level")),
        score(j::f(r, "/threat/score")),
        j::f(r, "/threat/coverage").map(pct).unwrap_or_default(),
        esc(j::s(r, "/threat/reason"))
    ));
    let components = j::obj(r, "/threat/components");
    let bars: Vec<Bar> = components
        .iter()
        .map(|(k, cs)| {
            let sc = cs.get("score").and_then(Value::as_f64);
            let w = cs.get("weight").and_then(Value::as_f64).unwrap_or(0.0);
            let bar = Bar::new(format!("{} (weight {w:.2})", k.replace('_', " ")), sc.unwrap_or(0.0), score(sc));
            if sc.is_none() {
                bar.class("missing")
            } else {
                bar
            }
        })
        .collect();
    b.push_str(&svg::hbars("Threat components (0–1)", &bars, 1.0));
    b.push_str("<ul class=\"explain\">");
    for (k, cs) in &components {
        b.push_str(&format!(
            "<li><b>{}</b>: {}</li>",
            esc(&k.replace('_', " ")),
            esc(cs.get("explanation").and_then(Value::as_str).unwrap_or(""))
        ));
    }
    b.push_str("</ul></section>");

    // Interests
    b.push_str(&format!(
        "<section><h2>Common interests 共同利益: {} · score {}</h2><p>{}</p>",
        esc(j::s(r, "/interests/level")),
        score(j::f(r, "/interests/score")),
        esc(j::s(r, "/interests/explanation"))
    ));
    let (eco, coop) = (j::f(r, "/interests/economic"), j::f(r, "/interests/cooperation"));
    let mut bars = vec![
        Bar::new("economic", eco.unwrap_or(0.0), score(eco)),
        Bar::new("cooperation breadth", coop.unwrap_or(0.0), score(coop)),
    ];
    if let Some(d) = j::f(r, "/interests/dependence") {
        bars.push(Bar::new("dependence", d, format!("{d:.3}")));
    }
    for sr in r.pointer("/interests/series").and_then(Value::as_array).into_iter().flatten() {
        let sc = sr.get("score").and_then(Value::as_f64).unwrap_or(0.0);
        bars.push(Bar::new(format!("series {}", j::s(sr, "/metric")), sc, format!("{sc:.2}")));
    }
    b.push_str(&svg::hbars("Common interests (0–1)", &bars, 1.0));
    let (act, sus, unk) = (j::strs(r, "/interests/areas_active"), j::strs(r, "/interests/areas_missing"), j::strs(r, "/interests/areas_unknown"));
    if !act.is_empty() || !sus.is_empty() || !unk.is_empty() {
        b.push_str(&format!(
            "<p>Cooperation areas active: {} · suspended: {} · unknown: {}</p>",
            esc(&act.join(", ")),
            esc(&sus.join(", ")),
            esc(&unk.join(", "))
        ));
    }
    b.push_str("</section>");

    // Observed
    let share = |k: &str| j::f(r, &format!("/observed/magnitude_shares/{k}")).map(pct).unwrap_or_default();
    b.push_str(&format!(
        "<section><h2>Observed record: {} · {} actions in {} years</h2><p>By magnitude {} soft, {} hard, {} friction, {} cooperation (head counts: {}).</p><div class=\"grid\"><div><h3>By code</h3>",
        esc(html::outcome_labels(j::s(r, "/observed/response")).0),
        j::n(r, "/observed/total"),
        j::n(r, "/observed/years"),
        share("soft"),
        share("hard"),
        share("friction"),
        share("cooperation"),
        esc(html::outcome_labels(j::s(r, "/observed/head_count_response")).0)
    ));
    let count = |code: &StrategyCode| j::n(r, &format!("/observed/by_strategy/{}", code.as_str()));
    let max = StrategyCode::ALL.iter().map(count).max().unwrap_or(0) as f64;
    let bars: Vec<Bar> = StrategyCode::ALL
        .iter()
        .map(|code| {
            let n = count(code);
            Bar::new(format!("{} {}", code.as_str(), code.label_zh()), n as f64, n.to_string()).class(family_class(code.family()))
        })
        .collect();
    b.push_str(&svg::hbars("Actions by strategy code", &bars, max));
    b.push_str("</div><div><h3>By year and family</h3>");
    b.push_str(&by_year_chart(r));
    b.push_str("</div></div>");

    // Friction test
    let fr = |k: &str| j::n(r, &format!("/observed/friction/{k}"));
    b.push_str(&format!(
        "<h3>Friction test: {} of assessed balancing actions pass</h3>",
        j::f(r, "/observed/friction/pass_share").map(pct).unwrap_or_else(|| "none assessed".into())
    ));
    let n = fr("balancing_actions").max(1) as f64;
    let bars = [
        Bar::new("passed (balancing)", fr("passed") as f64, fr("passed").to_string()).class("soft"),
        Bar::new("failed (friction)", fr("failed") as f64, fr("failed").to_string()).class("nonbalancing"),
        Bar::new("ambiguous", fr("ambiguous") as f64, fr("ambiguous").to_string()).class("mixed"),
        Bar::new("not assessed", fr("not_assessed") as f64, fr("not_assessed").to_string()).class("missing"),
    ];
    b.push_str(&svg::hbars("Friction test of balancing-coded actions", &bars, n));
    let passing = j::s(r, "/observed/friction/outcome_passing_only");
    if !passing.is_empty() {
        b.push_str(&format!("<p>With passing actions only, the record reads: {}.</p>", esc(html::outcome_labels(passing).0)));
    }
    b.push_str("</section>");
    b.push_str(&format!(
        "<p><a class=\"button\" href=\"/case/{id}/whatif\">Try a what-if</a> <a class=\"button\" href=\"/case/{id}/evidence\">Browse the evidence</a> <a href=\"/api/cases/{id}/analysis\">JSON</a></p>",
        id = url(&c.id)
    ));
    b
}

const FAMILIES: [Family; 5] = [Family::Offsetting, Family::Obstruction, Family::Institutional, Family::Hard, Family::NonBalancing];

fn by_year_chart(r: &Value) -> String {
    let parts: Vec<(&str, &'static str)> = FAMILIES.iter().map(|f| (f.as_str(), family_class(*f))).collect();
    let columns: Vec<(String, Vec<f64>)> = j::obj(r, "/observed/by_year")
        .into_iter()
        .map(|(year, codes)| {
            let mut v = vec![0.0; FAMILIES.len()];
            for (code, n) in codes.as_object().into_iter().flatten() {
                if let Ok(c) = code.parse::<StrategyCode>() {
                    let k = FAMILIES.iter().position(|f| *f == c.family()).unwrap_or(0);
                    v[k] += n.as_f64().unwrap_or(0.0);
                }
            }
            (year.clone(), v)
        })
        .collect();
    svg::stacked("Actions per year by family", &parts, &columns)
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use axum::http::StatusCode;

    #[tokio::test]
    async fn the_case_list_and_overview_show_prediction_verdict_and_charts() {
        let (s, ty, body) = get("/").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ty.starts_with("text/html"));
        assert!(body.contains("/case/us-china-ai"));

        let (s, _, body) = get("/case/us-china-ai").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("data-field=\"prediction\">soft balancing<"), "prediction shown");
        assert!(body.contains("Friction test"));
        assert!(body.contains("matches"));
        // one mark per strategy code in the by-code chart
        let by_code = body.split("Actions by strategy code</title>").nth(1).unwrap().split("</svg>").next().unwrap();
        assert_eq!(by_code.matches("<rect class=\"bar").count(), 9);
        // the by-year chart has one mark per non-zero family in each year
        let a = &app().cases[0].report;
        let by_year = body.split("Actions per year by family</title>").nth(1).unwrap().split("</svg>").next().unwrap();
        let expected: usize = a["observed"]["by_year"]
            .as_object()
            .unwrap()
            .values()
            .map(|codes| {
                let fams: std::collections::BTreeSet<_> = codes
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(|c| c.parse::<softbalance_core::StrategyCode>().unwrap().family())
                    .collect();
                fams.len()
            })
            .sum();
        assert!(expected > 0);
        assert_eq!(by_year.matches("<rect class=\"bar").count(), expected);
        assert!(!body.contains("https://") && !body.contains("http://"), "no outside URL on the page");
    }

    #[tokio::test]
    async fn an_unknown_case_is_404() {
        let (s, _, body) = get("/case/no-such-case").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(body.contains("no case"));
    }
}
