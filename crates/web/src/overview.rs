//! The case list (`/`) and a case's overview (`/case/{id}`): prediction, robustness shares,
//! threat components, interests, the observed profile by code and by year, the friction-test
//! pass share and the verdict, with bar charts.

use crate::html::{self, esc, pct, score, url, Tab};
use crate::svg::{self, Bar};
use crate::{App, CaseEntry};
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use softbalance_core::strategy::Family;
use softbalance_core::{Analysis, Response as Outcome, StrategyCode};
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

/// The class that colours an outcome.
pub fn outcome_class(r: Outcome) -> &'static str {
    match r {
        Outcome::None => "none",
        Outcome::Soft => "soft",
        Outcome::Hard => "hard",
        Outcome::Mixed => "mixed",
        Outcome::Insufficient => "insufficient",
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

/// Bars of a share map keyed by outcome names (`response_shares`, `observed_shares`).
pub fn share_bars(shares: &std::collections::BTreeMap<String, f64>) -> Vec<Bar> {
    Outcome::ALL
        .iter()
        .filter_map(|r| shares.get(r.as_str()).map(|v| Bar::new(r.label_en(), *v, pct(*v)).class(outcome_class(*r))))
        .collect()
}

/// The prediction block (also used by the what-if page for the unchanged case).
pub fn prediction_block(a: &Analysis) -> String {
    let p = &a.prediction;
    format!(
        "<div class=\"answer {cls}\"><div class=\"big\" data-field=\"prediction\">{en}</div><div class=\"zh\">{zh}</div><div>rule <code>{rule}</code> · robustness {agr} of {draws} draws agree</div><p>{expl}</p></div>",
        cls = outcome_class(p.response),
        en = esc(p.response.label_en()),
        zh = esc(p.response.label_zh()),
        rule = esc(&serde_json::to_value(p.rule).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()),
        agr = pct(p.robustness.agreement),
        draws = p.robustness.draws,
        expl = esc(&p.explanation),
    )
}

fn body(c: &CaseEntry) -> String {
    let (case, a) = (&c.case, &c.analysis);
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

    b.push_str("<section class=\"grid\"><div><h2>Prediction</h2>");
    b.push_str(&prediction_block(a));
    b.push_str(&format!(
        "<h3>Robustness: predictions over {} draws (seed {})</h3>",
        a.prediction.robustness.draws, a.prediction.robustness.seed
    ));
    b.push_str(&svg::hbars("Predicted response, share of draws", &share_bars(&a.prediction.robustness.response_shares), 1.0));
    b.push_str("<h3>Observed outcome under resampling of actions</h3>");
    b.push_str(&svg::hbars("Observed outcome, share of draws", &share_bars(&a.prediction.robustness.observed_shares), 1.0));
    b.push_str("</div><div><h2>Verdict</h2>");
    b.push_str(&format!(
        "<div class=\"answer {}\"><div class=\"big\">{}</div><div>predicted {} · observed {}</div><p>{}</p></div>",
        esc(a.verdict.agreement.as_str()),
        esc(&a.verdict.agreement.as_str().replace('_', " ")),
        esc(a.verdict.predicted.label_en()),
        esc(a.verdict.observed.label_en()),
        esc(&a.verdict.explanation)
    ));
    b.push_str("</div></section>");

    // Threat
    let t = &a.threat;
    b.push_str(&format!(
        "<section><h2>Threat 威脅: {} ({}) · score {:.2} · coverage {}</h2><p>{}</p>",
        esc(t.level.as_str()),
        esc(t.level.label_zh()),
        t.score,
        pct(t.coverage),
        esc(&t.reason)
    ));
    let bars: Vec<Bar> = t
        .components
        .iter()
        .map(|(k, cs)| {
            let label = format!("{} (weight {:.2})", k.replace('_', " "), cs.weight);
            let bar = Bar::new(label, cs.score.unwrap_or(0.0), score(cs.score));
            if cs.missing() {
                bar.class("missing")
            } else {
                bar
            }
        })
        .collect();
    b.push_str(&svg::hbars("Threat components (0–1)", &bars, 1.0));
    b.push_str("<ul class=\"explain\">");
    for (k, cs) in &t.components {
        b.push_str(&format!("<li><b>{}</b>: {}</li>", esc(&k.replace('_', " ")), esc(&cs.explanation)));
    }
    b.push_str("</ul></section>");

    // Interests
    let i = &a.interests;
    b.push_str(&format!(
        "<section><h2>Common interests 共同利益: {} ({}) · score {:.2}</h2><p>{}</p>",
        esc(i.level.as_str()),
        esc(i.level.label_zh()),
        i.score,
        esc(&i.explanation)
    ));
    let mut bars = vec![
        Bar::new("economic", i.economic.unwrap_or(0.0), score(i.economic)),
        Bar::new("cooperation breadth", i.cooperation.unwrap_or(0.0), score(i.cooperation)),
    ];
    if let Some(d) = i.dependence {
        bars.push(Bar::new("dependence", d, format!("{d:.3}")));
    }
    for s in &i.series {
        bars.push(Bar::new(format!("series {}", s.metric), s.score, format!("{:.2}", s.score)));
    }
    b.push_str(&svg::hbars("Common interests (0–1)", &bars, 1.0));
    if !i.areas_active.is_empty() || !i.areas_missing.is_empty() || !i.areas_unknown.is_empty() {
        b.push_str(&format!(
            "<p>Cooperation areas active: {} · suspended: {} · unknown: {}</p>",
            esc(&i.areas_active.join(", ")),
            esc(&i.areas_missing.join(", ")),
            esc(&i.areas_unknown.join(", "))
        ));
    }
    b.push_str("</section>");

    // Observed
    let o = &a.observed;
    b.push_str(&format!(
        "<section><h2>Observed record: {} · {} actions in {} years</h2><p>By magnitude {} soft, {} hard, {} friction, {} cooperation (head counts: {}).</p><div class=\"grid\"><div><h3>By code</h3>",
        esc(o.response.label_en()),
        o.total,
        o.years,
        pct(o.magnitude_shares.soft),
        pct(o.magnitude_shares.hard),
        pct(o.magnitude_shares.friction),
        pct(o.magnitude_shares.cooperation),
        esc(o.head_count_response.label_en())
    ));
    let max = o.by_strategy.values().copied().max().unwrap_or(0) as f64;
    let bars: Vec<Bar> = StrategyCode::ALL
        .iter()
        .map(|code| {
            let n = o.by_strategy.get(code.as_str()).copied().unwrap_or(0);
            Bar::new(format!("{} {}", code.as_str(), code.label_zh()), n as f64, n.to_string()).class(family_class(code.family()))
        })
        .collect();
    b.push_str(&svg::hbars("Actions by strategy code", &bars, max));
    b.push_str("</div><div><h3>By year and family</h3>");
    b.push_str(&by_year_chart(a));
    b.push_str("</div></div>");

    // Friction test
    let f = &o.friction;
    b.push_str(&format!(
        "<h3>Friction test: {} of assessed balancing actions pass</h3>",
        f.pass_share.map(pct).unwrap_or_else(|| "none assessed".into())
    ));
    let n = f.balancing_actions.max(1) as f64;
    let bars = [
        Bar::new("passed (balancing)", f.passed as f64, f.passed.to_string()).class("soft"),
        Bar::new("failed (friction)", f.failed as f64, f.failed.to_string()).class("nonbalancing"),
        Bar::new("ambiguous", f.ambiguous as f64, f.ambiguous.to_string()).class("mixed"),
        Bar::new("not assessed", f.not_assessed as f64, f.not_assessed.to_string()).class("missing"),
    ];
    b.push_str(&svg::hbars("Friction test of balancing-coded actions", &bars, n));
    if let Some(r) = f.outcome_passing_only {
        b.push_str(&format!("<p>With passing actions only, the record reads: {}.</p>", esc(r.label_en())));
    }
    b.push_str("</section>");
    b.push_str(&format!(
        "<p><a class=\"button\" href=\"/case/{id}/whatif\">Try a what-if</a> <a class=\"button\" href=\"/case/{id}/evidence\">Browse the evidence</a> <a href=\"/api/cases/{id}/analysis\">JSON</a></p>",
        id = url(&c.id)
    ));
    b
}

const FAMILIES: [Family; 5] = [Family::Offsetting, Family::Obstruction, Family::Institutional, Family::Hard, Family::NonBalancing];

fn by_year_chart(a: &Analysis) -> String {
    let parts: Vec<(&str, &'static str)> = FAMILIES.iter().map(|f| (f.as_str(), family_class(*f))).collect();
    let columns: Vec<(String, Vec<f64>)> = a
        .observed
        .by_year
        .iter()
        .map(|(year, codes)| {
            let mut v = vec![0.0; FAMILIES.len()];
            for (code, n) in codes {
                if let Ok(c) = code.parse::<StrategyCode>() {
                    let k = FAMILIES.iter().position(|f| *f == c.family()).unwrap_or(0);
                    v[k] += *n as f64;
                }
            }
            (year.to_string(), v)
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
        let a = &app().cases[0].analysis;
        let by_year = body.split("Actions per year by family</title>").nth(1).unwrap().split("</svg>").next().unwrap();
        let expected: usize = a
            .observed
            .by_year
            .values()
            .map(|codes| {
                let fams: std::collections::BTreeSet<_> =
                    codes.keys().map(|c| c.parse::<softbalance_core::StrategyCode>().unwrap().family()).collect();
                fams.len()
            })
            .sum();
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
