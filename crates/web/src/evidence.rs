//! The evidence browser (`/case/{id}/evidence`): every indicator and action of a case as one
//! table, filtered by kind, code, family, component, year, actor and source, with a full-text
//! search that works in English and both Chinese scripts — text and query are folded with
//! `softbalance_gazetteer::normalize_script` (Traditional → Simplified, full width →
//! ASCII) and lower-cased, so a query in Simplified finds Traditional text and the reverse.
//! A page per source (`/case/{id}/source/{source}`) lists the rows that cite it.

use crate::html::{self, esc, url, Tab};
use crate::{App, CaseEntry};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use softbalance_core::strategy::Family;
use softbalance_core::{Case, StrategyCode};
use softbalance_gazetteer::normalize_script;
use std::collections::BTreeSet;
use std::sync::Arc;

/// One indicator or action as the browser shows it.
#[derive(Clone, Debug)]
pub struct Row {
    /// `indicator` or `action`.
    pub kind: &'static str,
    pub id: String,
    pub date: String,
    pub year: i32,
    /// Actions: the strategy code.
    pub code: Option<StrategyCode>,
    /// Indicators: the component and kind.
    pub component: Option<&'static str>,
    pub indicator_kind: Option<&'static str>,
    pub actor: String,
    /// The state the actor belongs to (itself for a state).
    pub actor_country: String,
    pub title_en: String,
    pub title_zh: String,
    pub text_en: String,
    pub text_zh: String,
    pub sources: Vec<String>,
    pub locator: String,
    /// Everything searchable, script-folded and lower-cased.
    search: String,
}

impl Row {
    pub fn family(&self) -> Option<Family> {
        self.code.map(|c| c.family())
    }
    pub fn json(&self) -> Value {
        json!({
            "kind": self.kind,
            "id": self.id,
            "date": self.date,
            "year": self.year,
            "code": self.code.map(|c| c.as_str()),
            "family": self.family().map(|f| f.as_str()),
            "component": self.component,
            "indicator_kind": self.indicator_kind,
            "actor": self.actor,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "text_en": self.text_en,
            "text_zh": self.text_zh,
            "sources": self.sources,
            "locator": self.locator,
        })
    }
}

/// Fold text for search: one script, one width, lower case.
pub fn fold(s: &str) -> String {
    normalize_script(s).to_lowercase()
}

/// The browser's rows of `case`: indicators, then actions, in file order.
pub fn rows(case: &Case) -> Vec<Row> {
    let country = |actor: &str| case.actor(actor).and_then(|a| a.country.clone()).unwrap_or_else(|| actor.to_string());
    let actor_names = |actor: &str| case.actor(actor).map(|a| format!("{} {}", a.name_en, a.name_zh)).unwrap_or_default();
    let mut out = Vec::new();
    for i in &case.indicators {
        let text_en = format!("{} {}", trim_num(i.value), i.unit);
        let mut row = Row {
            kind: "indicator",
            id: i.id.clone(),
            date: i.date.to_string(),
            year: i.date.year,
            code: None,
            component: Some(i.component.as_str()),
            indicator_kind: Some(i.kind.as_str()),
            actor: i.actor.clone(),
            actor_country: country(&i.actor),
            title_en: i.label_en.clone(),
            title_zh: i.label_zh.clone(),
            text_en: format!("{} · {} · {}", i.metric, text_en.trim(), i.component.label_zh()),
            text_zh: String::new(),
            sources: i.sources.clone(),
            locator: i.locator.clone(),
            search: String::new(),
        };
        row.search = fold(&[&row.id, &row.title_en, &row.title_zh, &row.text_en, &i.metric, &row.actor, &actor_names(&i.actor), &row.locator].map(|s| s.as_str()).join("\n"));
        out.push(row);
    }
    for a in &case.actions {
        let mut row = Row {
            kind: "action",
            id: a.id.clone(),
            date: a.date.to_string(),
            year: a.date.year,
            code: Some(a.code),
            component: None,
            indicator_kind: None,
            actor: a.actor.clone(),
            actor_country: country(&a.actor),
            title_en: a.title_en.clone(),
            title_zh: a.title_zh.clone(),
            text_en: a.summary_en.clone(),
            text_zh: a.summary_zh.clone(),
            sources: a.sources.clone(),
            locator: a.locator.clone(),
            search: String::new(),
        };
        row.search = fold(
            &[
                row.id.as_str(),
                &row.title_en,
                &row.title_zh,
                &row.text_en,
                &row.text_zh,
                a.code.as_str(),
                a.code.label_en(),
                a.code.label_zh(),
                &row.actor,
                &actor_names(&a.actor),
                &a.partners.join(" "),
                &a.section,
                &row.locator,
            ]
            .join("\n"),
        );
        out.push(row);
    }
    out
}

fn trim_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// The browser's filters (query string); empty values are no filter.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub kind: Option<String>,
    pub code: Option<String>,
    pub family: Option<String>,
    pub component: Option<String>,
    pub year: Option<String>,
    pub actor: Option<String>,
    pub source: Option<String>,
    pub q: Option<String>,
}

fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Filter {
    pub fn matches(&self, r: &Row, terms: &[String]) -> bool {
        set(&self.kind).is_none_or(|k| r.kind == k)
            && set(&self.code).is_none_or(|c| r.code.map(|x| x.as_str()) == Some(c))
            && set(&self.family).is_none_or(|f| r.family().map(|x| x.as_str()) == Some(f))
            && set(&self.component).is_none_or(|c| r.component == Some(c))
            && set(&self.year).is_none_or(|y| y.parse::<i32>().ok() == Some(r.year))
            && set(&self.actor).is_none_or(|a| r.actor == a || r.actor_country == a)
            && set(&self.source).is_none_or(|s| r.sources.iter().any(|x| x == s))
            && terms.iter().all(|t| r.search.contains(t.as_str()))
    }
}

/// The search terms of a query: folded, split on white space (every term must occur).
pub fn terms(q: Option<&str>) -> Vec<String> {
    q.map(fold).unwrap_or_default().split_whitespace().map(str::to_string).collect()
}

/// The rows that pass `filter`, in order.
pub fn select<'a>(rows: &'a [Row], filter: &'a Filter) -> impl Iterator<Item = &'a Row> + 'a {
    let terms = terms(set(&filter.q));
    rows.iter().filter(move |r| filter.matches(r, &terms))
}

fn options(name: &str, label: &str, values: &[(String, String)], current: Option<&str>) -> String {
    let mut s = format!("<label>{label} <select name=\"{name}\"><option value=\"\">all</option>");
    for (v, shown) in values {
        let sel = if current == Some(v.as_str()) { " selected" } else { "" };
        s.push_str(&format!("<option value=\"{}\"{sel}>{}</option>", esc(v), esc(shown)));
    }
    s.push_str("</select></label>");
    s
}

fn filter_form(c: &CaseEntry, f: &Filter) -> String {
    let pairs = |it: BTreeSet<String>| it.into_iter().map(|v| (v.clone(), v)).collect::<Vec<_>>();
    let kinds = vec![("indicator".to_string(), "indicators".to_string()), ("action".to_string(), "actions".to_string())];
    let codes: Vec<(String, String)> =
        StrategyCode::ALL.iter().map(|c| (c.as_str().to_string(), format!("{} {}", c.as_str(), c.label_zh()))).collect();
    let families: Vec<(String, String)> =
        [Family::Offsetting, Family::Obstruction, Family::Institutional, Family::Hard, Family::NonBalancing]
            .iter()
            .map(|f| (f.as_str().to_string(), f.as_str().replace('_', " ")))
            .collect();
    let components = pairs(c.rows.iter().filter_map(|r| r.component.map(str::to_string)).collect());
    let years: Vec<(String, String)> =
        c.rows.iter().map(|r| r.year).collect::<BTreeSet<_>>().into_iter().map(|y| (y.to_string(), y.to_string())).collect();
    let mut actors: BTreeSet<String> = c.rows.iter().map(|r| r.actor.clone()).collect();
    actors.extend(c.rows.iter().map(|r| r.actor_country.clone()));
    let sources = pairs(c.case.sources.iter().map(|s| s.id.clone()).collect());
    let mut s = format!("<form class=\"filters\" method=\"get\" action=\"/case/{}/evidence\">", url(&c.id));
    s.push_str(&format!(
        "<label>search <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"English, 繁體 or 简体\"></label>",
        esc(set(&f.q).unwrap_or(""))
    ));
    s.push_str(&options("kind", "kind", &kinds, set(&f.kind)));
    s.push_str(&options("code", "code", &codes, set(&f.code)));
    s.push_str(&options("family", "family", &families, set(&f.family)));
    s.push_str(&options("component", "component", &components, set(&f.component)));
    s.push_str(&options("year", "year", &years, set(&f.year)));
    s.push_str(&options("actor", "actor", &pairs(actors), set(&f.actor)));
    s.push_str(&options("source", "source", &sources, set(&f.source)));
    s.push_str(&format!("<button type=\"submit\">Filter</button> <a href=\"/case/{}/evidence\">clear</a></form>", url(&c.id)));
    s
}

/// The rows as a table, each source linking to its page.
pub fn table(c: &CaseEntry, rows: &[&Row]) -> String {
    let mut s = String::from("<table class=\"evidence\"><thead><tr><th>id</th><th>date</th><th>code / component</th><th>actor</th><th>what</th><th>sources</th></tr></thead><tbody>");
    for r in rows {
        let what = match (r.code, r.component) {
            (Some(code), _) => format!("<code>{}</code><br><small>{}</small>", esc(code.as_str()), esc(code.label_zh())),
            (None, Some(comp)) => format!("<code>{}</code><br><small>{}</small>", esc(comp), esc(r.indicator_kind.unwrap_or(""))),
            _ => String::new(),
        };
        let sources: Vec<String> = r
            .sources
            .iter()
            .map(|sid| format!("<a href=\"/case/{}/source/{}\">{}</a>", url(&c.id), url(sid), esc(sid)))
            .collect();
        s.push_str(&format!(
            "<tr class=\"{kind}\" data-id=\"{id}\"><td><code>{id}</code></td><td>{date}</td><td>{what}</td><td>{actor}</td><td><b>{te}</b> <span class=\"zh\">{tz}</span><br>{xe} <span class=\"zh\">{xz}</span>{loc}</td><td>{src}</td></tr>",
            kind = r.kind,
            id = esc(&r.id),
            date = esc(&r.date),
            actor = esc(&r.actor),
            te = esc(&r.title_en),
            tz = esc(&r.title_zh),
            xe = esc(&r.text_en),
            xz = esc(&r.text_zh),
            loc = if r.locator.is_empty() { String::new() } else { format!("<br><small>at {}</small>", esc(&r.locator)) },
            src = sources.join(", "),
        ));
    }
    s.push_str("</tbody></table>");
    s
}

/// `GET /case/{id}/evidence`.
pub async fn page(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    filter: Result<Query<Filter>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(c) = app.case(&id) else {
        return html::not_found(&format!("no case {id:?}"));
    };
    let f = match filter {
        Ok(Query(f)) => f,
        Err(e) => {
            let body = format!("<h1>Bad filter</h1><p>{}</p>", esc(&e.body_text()));
            return (axum::http::StatusCode::BAD_REQUEST, html::page("Bad filter", Some((c, Tab::Evidence)), &body)).into_response();
        }
    };
    let shown: Vec<&Row> = select(&c.rows, &f).collect();
    let body = format!(
        "<h1>Evidence: {}</h1>{}<p id=\"count\" data-shown=\"{}\">{} of {} rows</p>{}",
        esc(&c.case.meta.title_en),
        filter_form(c, &f),
        shown.len(),
        shown.len(),
        c.rows.len(),
        table(c, &shown)
    );
    html::page("Evidence", Some((c, Tab::Evidence)), &body).into_response()
}

/// `GET /case/{id}/source/{source}`.
pub async fn source_page(State(app): State<Arc<App>>, Path((id, sid)): Path<(String, String)>) -> Response {
    let Some(c) = app.case(&id) else {
        return html::not_found(&format!("no case {id:?}"));
    };
    let Some(src) = c.case.source(&sid) else {
        return html::not_found(&format!("no source {sid:?} in case {id}"));
    };
    let citing: Vec<&Row> = c.rows.iter().filter(|r| r.sources.iter().any(|s| s == &sid)).collect();
    let mut b = format!(
        "<h1>Source <code>{}</code></h1><dl class=\"source\"><dt>author</dt><dd>{}</dd><dt>title</dt><dd>{}</dd><dd class=\"zh\">{}</dd><dt>publisher</dt><dd>{}</dd><dt>date</dt><dd>{}</dd>",
        esc(&src.id),
        esc(&src.author),
        esc(&src.title),
        esc(&src.title_zh),
        esc(&src.publisher),
        src.date.map(|d| d.to_string()).unwrap_or_default()
    );
    if !src.url.is_empty() {
        b.push_str(&format!("<dt>address</dt><dd><code>{}</code></dd>", esc(&src.url)));
    }
    if !src.note.is_empty() {
        b.push_str(&format!("<dt>note</dt><dd>{}</dd>", esc(&src.note)));
    }
    b.push_str(&format!(
        "</dl><h2 id=\"count\" data-shown=\"{n}\">{n} rows cite it</h2>{t}",
        n = citing.len(),
        t = table(c, &citing)
    ));
    html::page(&format!("Source {}", src.id), Some((c, Tab::Evidence)), &b).into_response()
}

/// `GET /api/cases/{id}/sources/{source}`: the source and the rows that cite it.
pub async fn source_api(State(app): State<Arc<App>>, Path((id, sid)): Path<(String, String)>) -> Response {
    let Some(c) = app.case(&id) else {
        return crate::api::error(axum::http::StatusCode::NOT_FOUND, format!("no case {id:?}; GET /api/cases lists them"));
    };
    let Some(src) = c.case.source(&sid) else {
        return crate::api::error(axum::http::StatusCode::NOT_FOUND, format!("no source {sid:?} in case {id}; GET /api/cases/{id}/evidence lists the rows and their sources"));
    };
    let citing: Vec<Value> = c.rows.iter().filter(|r| r.sources.iter().any(|s| s == &sid)).map(Row::json).collect();
    axum::Json(json!({
        "case": c.id,
        "source": {
            "id": src.id, "author": src.author, "title": src.title, "title_zh": src.title_zh, "publisher": src.publisher,
            "date": src.date.map(|d| d.to_string()), "url": src.url, "note": src.note,
        },
        "cited_by": citing,
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;
    use axum::http::StatusCode;

    fn count(body: &str) -> usize {
        body.split("data-shown=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    }

    #[test]
    fn search_folds_scripts_and_width_and_case() {
        let c = &app().cases[0];
        // 人工智慧 (Traditional, as in the case) found by the Simplified 人工智能's shared
        // characters and by the Simplified form of 慧 … use a word whose scripts differ: 戰略/战略.
        let trad = select(&c.rows, &Filter { q: Some("戰略".into()), ..Default::default() }).count();
        let simp = select(&c.rows, &Filter { q: Some("战略".into()), ..Default::default() }).count();
        assert!(trad > 0, "the case's Traditional text has 戰略");
        assert_eq!(trad, simp, "a Simplified query finds the Traditional text");
        let en = select(&c.rows, &Filter { q: Some("EXPORT controls".into()), ..Default::default() }).count();
        let en2 = select(&c.rows, &Filter { q: Some("export controls".into()), ..Default::default() }).count();
        assert!(en > 0);
        assert_eq!(en, en2);
        let wide = select(&c.rows, &Filter { q: Some("ＡＩ".into()), ..Default::default() }).count();
        let narrow = select(&c.rows, &Filter { q: Some("ai".into()), ..Default::default() }).count();
        assert_eq!(wide, narrow);
        assert_eq!(select(&c.rows, &Filter { q: Some("zzqqxx".into()), ..Default::default() }).count(), 0);
    }

    #[test]
    fn filters_combine() {
        let c = &app().cases[0];
        let all = c.rows.len();
        assert_eq!(all, c.case.indicators.len() + c.case.actions.len());
        let f = |f: Filter| select(&c.rows, &f).count();
        let actions = f(Filter { kind: Some("action".into()), ..Default::default() });
        assert_eq!(actions, c.case.actions.len());
        let obstruct = f(Filter { code: Some("obstruct.active".into()), ..Default::default() });
        assert_eq!(obstruct, app().cases[0].analysis.observed.by_strategy["obstruct.active"]);
        let fam = f(Filter { family: Some("obstruction".into()), ..Default::default() });
        assert!(fam >= obstruct);
        let y2020 = f(Filter { year: Some("2020".into()), kind: Some("action".into()), ..Default::default() });
        assert_eq!(y2020, c.case.actions.iter().filter(|a| a.date.year == 2020).count());
        let by_source = f(Filter { source: Some("tortoise2020".into()), ..Default::default() });
        assert!(by_source >= 2);
        let usa = f(Filter { actor: Some("USA".into()), kind: Some("action".into()), ..Default::default() });
        assert!(usa > 0, "agencies of the USA count as USA");
        assert_eq!(f(Filter { q: Some("  ".into()), ..Default::default() }), all);
    }

    #[tokio::test]
    async fn the_browser_page_filters_and_searches() {
        let (s, _, body) = get("/case/us-china-ai/evidence").await;
        assert_eq!(s, StatusCode::OK);
        let all = count(&body);
        assert_eq!(all, app().cases[0].rows.len());
        let (_, _, body) = get("/case/us-china-ai/evidence?code=obstruct.active&q=").await;
        assert!(count(&body) < all && count(&body) > 0);
        assert!(body.contains("<option value=\"obstruct.active\" selected>"));
        let (_, _, trad) = get(&format!("/case/us-china-ai/evidence?q={}", html::url("戰略"))).await;
        let (_, _, simp) = get(&format!("/case/us-china-ai/evidence?q={}", html::url("战略"))).await;
        assert_eq!(count(&trad), count(&simp));
        let (s, _, _) = get("/case/us-china-ai/evidence?year=notayear").await;
        assert_eq!(s, StatusCode::OK, "a bad filter value matches nothing, it is not an error");
    }

    #[tokio::test]
    async fn a_source_page_lists_the_rows_citing_it() {
        let (s, _, body) = get("/case/us-china-ai/source/tortoise2020").await;
        assert_eq!(s, StatusCode::OK);
        let n = app().cases[0].rows.iter().filter(|r| r.sources.iter().any(|x| x == "tortoise2020")).count();
        assert_eq!(count(&body), n);
        assert!(body.contains("data-id=\"I001\""));
        let (s, _, _) = get("/case/us-china-ai/source/..%2F..%2Fetc%2Fpasswd").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _, body) = get("/api/cases/us-china-ai/sources/tortoise2020").await;
        assert_eq!(s, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["source"]["id"], "tortoise2020");
        assert_eq!(v["cited_by"].as_array().unwrap().len(), n);
        let (s, _, body) = get("/api/cases/us-china-ai/sources/nope").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(body.contains("\"error\""));
        let (s, _, body) = get("/api/cases/us-china-ai/evidence?source=tortoise2020").await;
        assert_eq!(s, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["shown"], n);
    }
}
