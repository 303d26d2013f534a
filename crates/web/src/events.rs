//! The events page (`/events`, `GET /api/events`): a dyad panel written by
//! `softbalance events panel --out FILE.csv` and given with `softbalance serve --panel FILE`,
//! read once at start-up (columns as in docs/events.md: `iso3_1`, `iso3_2`, `year`, optional
//! `month`, the nine counts, `events`…; empty = outside the input's coverage) and drawn as a
//! dyad-year grid: one cell per directed dyad and year, its colour the hard share of the
//! balancing counts, its strength the number of events. Monthly panels are summed to years.

use crate::api;
use crate::html::{self, esc, pct, url};
use crate::svg::{self, Cell};
use crate::App;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use softbalance_core::StrategyCode;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Largest panel file read (a dyad-year panel of every pair of states is a few MiB).
pub const PANEL_FILE_LIMIT: u64 = 64 * 1024 * 1024;
/// Most dyads drawn in the grid (the busiest first); the table and the API give them all.
pub const GRID_DYADS: usize = 40;
/// Most problems listed for a file that cannot be read.
const MAX_PROBLEMS: usize = 20;

/// A count column of the panel file: the code with `.` → `_` (as `events panel` writes it).
pub fn count_column(code: StrategyCode) -> String {
    code.as_str().replace('.', "_")
}

/// One directed dyad in one year, months summed. `None` counts lie outside the coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct DyadYear {
    pub iso3_1: String,
    pub iso3_2: String,
    pub year: i32,
    /// Counts in `StrategyCode::ALL` order.
    pub counts: [Option<u64>; 9],
    pub events: Option<u64>,
}

impl DyadYear {
    fn sum(&self, keep: impl Fn(StrategyCode) -> bool) -> Option<u64> {
        let mut t = 0;
        for (k, c) in StrategyCode::ALL.iter().enumerate() {
            if keep(*c) {
                t += self.counts[k]?;
            }
        }
        Some(t)
    }
    /// Soft ÷ all coded (the panel's `sb_index`).
    pub fn sb_index(&self) -> Option<f64> {
        let (soft, all) = (self.sum(|c| c.is_soft())?, self.sum(|_| true)?);
        (all > 0).then(|| soft as f64 / all as f64)
    }
    /// Hard ÷ (soft + hard) (the panel's `hard_share`).
    pub fn hard_share(&self) -> Option<f64> {
        let (soft, hard) = (self.sum(|c| c.is_soft())?, self.sum(|c| c.is_hard())?);
        (soft + hard > 0).then(|| hard as f64 / (soft + hard) as f64)
    }
    pub fn json(&self) -> Value {
        let counts: serde_json::Map<String, Value> =
            StrategyCode::ALL.iter().enumerate().map(|(k, c)| (count_column(*c), json!(self.counts[k]))).collect();
        json!({
            "iso3_1": self.iso3_1, "iso3_2": self.iso3_2, "year": self.year, "counts": counts, "events": self.events,
            "sb_index": self.sb_index(), "hard_share": self.hard_share(),
        })
    }
}

/// A panel file as the dashboard holds it.
#[derive(Clone, Debug)]
pub struct Panel {
    pub path: String,
    /// `year` or `month` (the file's own period; the view is by year).
    pub period: &'static str,
    /// Data lines read.
    pub lines: usize,
    pub rows: Vec<DyadYear>,
}

/// Why a panel file was not loaded: each problem with its line.
#[derive(Clone, Debug)]
pub struct PanelError {
    pub path: String,
    pub problems: Vec<String>,
}

fn cell_u64(field: &str, line: u64, column: &str) -> Result<Option<u64>, String> {
    let f = field.trim();
    if f.is_empty() {
        return Ok(None);
    }
    f.parse::<u64>().map(Some).map_err(|_| format!("line {line}: field {column}: {f:?} is not a count (a whole number ≥ 0, or empty outside the coverage)"))
}

impl Panel {
    /// Read the CSV panel at `path`; every problem with its line (at most 20 listed).
    pub fn read(path: &Path) -> Result<Panel, PanelError> {
        let shown = path.display().to_string();
        let fail = |problems: Vec<String>| PanelError { path: shown.clone(), problems };
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if ext == "parquet" {
            return Err(fail(vec!["a Parquet panel: the dashboard reads the CSV form; write it with `softbalance events panel … --out panel.csv`".into()]));
        }
        let meta = std::fs::metadata(path).map_err(|e| fail(vec![format!("cannot read it: {e}")]))?;
        if !meta.is_file() {
            return Err(fail(vec!["not a file; give the CSV written by `softbalance events panel --out panel.csv`".into()]));
        }
        if meta.len() > PANEL_FILE_LIMIT {
            return Err(fail(vec![format!("{} bytes: larger than the dashboard's limit of {} MiB; select dyads with `events panel --dyads`", meta.len(), PANEL_FILE_LIMIT / (1024 * 1024))]));
        }
        let bytes = std::fs::read(path).map_err(|e| fail(vec![format!("cannot read it: {e}")]))?;
        Panel::parse(&shown, &bytes).map_err(fail)
    }

    /// Parse panel CSV `bytes` (named `path` in messages).
    pub fn parse(path: &str, bytes: &[u8]) -> Result<Panel, Vec<String>> {
        let text = std::str::from_utf8(bytes).map_err(|e| vec![format!("not UTF-8 (at byte {})", e.valid_up_to())])?;
        let mut rd = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header: Vec<String> = rd.headers().map_err(|e| vec![format!("line 1: {e}")])?.iter().map(|h| h.trim().to_string()).collect();
        let col = |name: &str| header.iter().position(|h| h == name);
        let mut required = vec!["iso3_1".to_string(), "iso3_2".to_string(), "year".to_string(), "events".to_string()];
        required.extend(StrategyCode::ALL.iter().map(|c| count_column(*c)));
        let missing: Vec<&String> = required.iter().filter(|r| col(r).is_none()).collect();
        if !missing.is_empty() {
            return Err(vec![format!(
                "line 1: missing column{} {}: not a panel written by `softbalance events panel` (its columns are listed in docs/events.md)",
                if missing.len() == 1 { "" } else { "s" },
                missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            )]);
        }
        let idx = |name: &str| col(name).expect("checked");
        let (i1, i2, iy, ie) = (idx("iso3_1"), idx("iso3_2"), idx("year"), idx("events"));
        let ic: Vec<usize> = StrategyCode::ALL.iter().map(|c| idx(&count_column(*c))).collect();
        let period = if col("month").is_some() { "month" } else { "year" };
        let mut grid: BTreeMap<(String, String, i32), DyadYear> = BTreeMap::new();
        let mut problems = Vec::new();
        let mut lines = 0;
        for rec in rd.records() {
            lines += 1;
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("line {}: {e}", lines + 1));
                    continue;
                }
            };
            let line = rec.position().map(|p| p.line()).unwrap_or(lines as u64 + 1);
            let get = |i: usize| rec.get(i).unwrap_or("").trim();
            let (a, b) = (get(i1), get(i2));
            let ok_code = |s: &str| !s.is_empty() && s.len() <= 12 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok_code(a) || !ok_code(b) {
                problems.push(format!("line {line}: iso3_1/iso3_2 {a:?}/{b:?}: expected state codes such as USA and CHN"));
                continue;
            }
            let Ok(year) = get(iy).parse::<i32>() else {
                problems.push(format!("line {line}: field year: {:?} is not a year", get(iy)));
                continue;
            };
            let mut counts = [None; 9];
            let mut bad = false;
            for (k, &i) in ic.iter().enumerate() {
                match cell_u64(get(i), line, &header[i]) {
                    Ok(v) => counts[k] = v,
                    Err(m) => {
                        problems.push(m);
                        bad = true;
                    }
                }
            }
            let events = match cell_u64(get(ie), line, "events") {
                Ok(v) => v,
                Err(m) => {
                    problems.push(m);
                    bad = true;
                    None
                }
            };
            if bad {
                continue;
            }
            let e = grid.entry((a.to_string(), b.to_string(), year)).or_insert_with(|| DyadYear {
                iso3_1: a.to_string(),
                iso3_2: b.to_string(),
                year,
                counts: [Some(0); 9],
                events: Some(0),
            });
            let add = |x: Option<u64>, y: Option<u64>| Some(x? + y?);
            for k in 0..9 {
                e.counts[k] = add(e.counts[k], counts[k]);
            }
            e.events = add(e.events, events);
        }
        if !problems.is_empty() {
            let n = problems.len();
            problems.truncate(MAX_PROBLEMS);
            if n > MAX_PROBLEMS {
                problems.push(format!("… and {} more", n - MAX_PROBLEMS));
            }
            return Err(problems);
        }
        Ok(Panel { path: path.to_string(), period, lines, rows: grid.into_values().collect() })
    }

    /// The dyads (`A→B`) by total events, busiest first.
    pub fn dyads(&self) -> Vec<(String, String, u64)> {
        let mut t: BTreeMap<(String, String), u64> = BTreeMap::new();
        for r in &self.rows {
            *t.entry((r.iso3_1.clone(), r.iso3_2.clone())).or_default() += r.events.unwrap_or(0);
        }
        let mut v: Vec<_> = t.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        v.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
        v
    }
}

/// `?dyad=USA-CHN` narrows the view to one directed dyad.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Selection {
    pub dyad: Option<String>,
}

fn selected<'a>(p: &'a Panel, sel: &Selection) -> Result<Vec<&'a DyadYear>, String> {
    match sel.dyad.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(p.rows.iter().collect()),
        Some(d) => {
            let (a, b) = d.split_once('-').ok_or_else(|| format!("dyad {d:?}: expected ISO3-ISO3, e.g. USA-CHN"))?;
            let rows: Vec<_> = p.rows.iter().filter(|r| r.iso3_1 == a && r.iso3_2 == b).collect();
            if rows.is_empty() {
                return Err(format!("dyad {d:?} is not in the panel"));
            }
            Ok(rows)
        }
    }
}

/// `GET /api/events`.
pub async fn api(State(app): State<Arc<App>>, q: Result<Query<Selection>, axum::extract::rejection::QueryRejection>) -> Response {
    let Query(sel) = match q {
        Ok(q) => q,
        Err(e) => return api::error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    match &app.panel {
        None => api::error(StatusCode::NOT_FOUND, "no panel was loaded; start the server with `softbalance serve --panel panel.csv`"),
        Some(Err(e)) => Json(json!({ "loaded": false, "path": e.path, "problems": e.problems })).into_response(),
        Some(Ok(p)) => match selected(p, &sel) {
            Err(msg) => api::error(StatusCode::NOT_FOUND, msg),
            Ok(rows) => Json(json!({
                "loaded": true, "path": p.path, "period": p.period, "lines": p.lines,
                "dyads": p.dyads().iter().map(|(a, b, n)| json!({ "iso3_1": a, "iso3_2": b, "events": n })).collect::<Vec<_>>(),
                "rows": rows.iter().map(|r| r.json()).collect::<Vec<_>>(),
            }))
            .into_response(),
        },
    }
}

/// The dyad-year grid of `rows` (busiest [`GRID_DYADS`] dyads).
pub fn grid(p: &Panel, rows: &[&DyadYear]) -> (String, usize) {
    let mut dyads: Vec<(String, String)> = Vec::new();
    for (a, b, _) in p.dyads() {
        if rows.iter().any(|r| r.iso3_1 == a && r.iso3_2 == b) {
            dyads.push((a, b));
        }
        if dyads.len() == GRID_DYADS {
            break;
        }
    }
    let years: Vec<i32> = {
        let mut y: Vec<i32> = rows.iter().map(|r| r.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let most = rows.iter().filter_map(|r| r.events).max().unwrap_or(0).max(1) as f64;
    let mut cells = Vec::new();
    for r in rows {
        let (Some(ri), Some(ci)) = (dyads.iter().position(|(a, b)| *a == r.iso3_1 && *b == r.iso3_2), years.iter().position(|y| *y == r.year)) else {
            continue;
        };
        let (class, opacity) = match (r.events, r.hard_share()) {
            (None, _) => ("missing", 1.0),
            (Some(0), _) => ("empty", 1.0),
            (Some(n), h) => (
                match h {
                    None => "nonbalancing",
                    Some(h) if h >= 0.5 => "hard",
                    Some(h) if h > 0.0 => "mixed",
                    _ => "soft",
                },
                0.25 + 0.75 * ((n as f64).ln_1p() / most.ln_1p()),
            ),
        };
        cells.push(Cell {
            row: ri,
            col: ci,
            class,
            opacity,
            title: format!(
                "{} → {} {}: {} events, soft share {}, hard share of balancing {}",
                r.iso3_1,
                r.iso3_2,
                r.year,
                r.events.map(|n| n.to_string()).unwrap_or_else(|| "outside the coverage".into()),
                r.sb_index().map(pct).unwrap_or_else(|| "–".into()),
                r.hard_share().map(pct).unwrap_or_else(|| "–".into())
            ),
            data: vec![("dyad", format!("{}-{}", r.iso3_1, r.iso3_2)), ("year", r.year.to_string()), ("events", r.events.map(|n| n.to_string()).unwrap_or_default())],
        });
    }
    let n = cells.len();
    let labels: Vec<String> = dyads.iter().map(|(a, b)| format!("{a}→{b}")).collect();
    let cols: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    (svg::grid("Dyad-years: hard share of balancing (colour) and events (strength)", &labels, &cols, &cells), n)
}

/// `GET /events`.
pub async fn page(State(app): State<Arc<App>>, q: Result<Query<Selection>, axum::extract::rejection::QueryRejection>) -> Response {
    let mut b = String::from("<h1>Event panel</h1>");
    let p = match &app.panel {
        None => {
            b.push_str("<p>No panel was loaded. Write one with <code>softbalance events panel EVENTS --out panel.csv</code> (the full build, <code>--features events</code>) and start the dashboard with <code>softbalance serve --panel panel.csv</code>.</p>");
            return html::page("Events", None, &b).into_response();
        }
        Some(Err(e)) => {
            b.push_str(&format!("<p class=\"error\" id=\"panel-error\">The panel <code>{}</code> could not be read:</p><ul class=\"problems\">", esc(&e.path)));
            for pr in &e.problems {
                b.push_str(&format!("<li>{}</li>", esc(pr)));
            }
            b.push_str("</ul>");
            return html::page("Events", None, &b).into_response();
        }
        Some(Ok(p)) => p,
    };
    let sel = match q {
        Ok(Query(s)) => s,
        Err(e) => return (StatusCode::BAD_REQUEST, html::page("Events", None, &format!("<h1>Bad request</h1><p>{}</p>", esc(&e.body_text())))).into_response(),
    };
    let rows = match selected(p, &sel) {
        Ok(r) => r,
        Err(msg) => return html::not_found(&msg),
    };
    let dyads = p.dyads();
    b.push_str(&format!(
        "<p><code>{}</code>: {} data lines ({} panel), {} dyad-years, {} directed dyads. Cells: blue soft, amber some hard, red mostly hard balancing, grey outside the coverage; darker = more events. <a href=\"/api/events\">JSON</a></p>",
        esc(&p.path),
        p.lines,
        p.period,
        p.rows.len(),
        dyads.len()
    ));
    b.push_str("<form class=\"filters\" method=\"get\" action=\"/events\"><label>dyad <select name=\"dyad\"><option value=\"\">all</option>");
    let current = sel.dyad.as_deref().unwrap_or("");
    for (a, bb, n) in &dyads {
        let v = format!("{a}-{bb}");
        b.push_str(&format!("<option value=\"{}\"{}>{} → {} ({n} events)</option>", esc(&v), if v == current { " selected" } else { "" }, esc(a), esc(bb)));
    }
    b.push_str("</select></label><button type=\"submit\">Show</button></form>");
    let (svg, cells) = grid(p, &rows);
    b.push_str(&format!("<p id=\"count\" data-shown=\"{}\" data-cells=\"{cells}\">{} dyad-years shown.</p>", rows.len(), rows.len()));
    b.push_str(&svg);
    b.push_str("<table class=\"panel\"><thead><tr><th>dyad</th><th>year</th><th>events</th><th>soft share</th><th>hard share of balancing</th>");
    for c in StrategyCode::ALL {
        b.push_str(&format!("<th><code>{}</code></th>", esc(c.as_str())));
    }
    b.push_str("</tr></thead><tbody>");
    let show = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
    for r in rows.iter().take(2000) {
        b.push_str(&format!(
            "<tr><td><a href=\"/events?dyad={}\">{} → {}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            url(&format!("{}-{}", r.iso3_1, r.iso3_2)),
            esc(&r.iso3_1),
            esc(&r.iso3_2),
            r.year,
            show(r.events),
            r.sb_index().map(pct).unwrap_or_else(|| "–".into()),
            r.hard_share().map(pct).unwrap_or_else(|| "–".into())
        ));
        for k in 0..9 {
            b.push_str(&format!("<td class=\"n\">{}</td>", show(r.counts[k])));
        }
        b.push_str("</tr>");
    }
    b.push_str("</tbody></table>");
    if rows.len() > 2000 {
        b.push_str(&format!("<p>The table shows the first 2,000 of {} dyad-years; choose a dyad or use the JSON.</p>", rows.len()));
    }
    html::page("Events", None, &b).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::get_from;

    /// A panel as `events panel --out panel.csv` writes it (yearly; one year outside coverage).
    pub fn sample() -> String {
        let mut s = String::from("iso3_1,iso3_2,ccode1,ccode2,gwcode1,gwcode2,year,");
        s.push_str(&StrategyCode::ALL.iter().map(|c| count_column(*c)).collect::<Vec<_>>().join(","));
        s.push_str(",events,triad_events,igo_events,domestic_events,goldstein_sum,goldstein_mean,sb_index,hard_share\n");
        // offset_internal, offset_external, obstruct_passive, obstruct_active, institutional, hard_internal, hard_external, friction, cooperation
        s.push_str("USA,CHN,2,710,2,710,2019,1,2,0,3,1,2,0,4,10,23,1,0,0,-10.5,-0.45,0.30,0.22\n");
        s.push_str("USA,CHN,2,710,2,710,2020,0,0,0,0,0,5,0,0,1,6,0,0,0,-20,-3.3,0,1\n");
        s.push_str("CHN,USA,710,2,710,2,2019,0,0,1,0,0,0,0,2,3,6,0,0,0,1,0.2,0.16,0\n");
        s.push_str("CHN,USA,710,2,710,2,2020,,,,,,,,,,,,,,,,,\n");
        s
    }

    #[test]
    fn a_panel_file_is_read_with_its_coverage_and_shares() {
        let p = Panel::parse("panel.csv", sample().as_bytes()).unwrap();
        assert_eq!((p.lines, p.rows.len(), p.period), (4, 4, "year"));
        let r = &p.rows[2];
        assert_eq!((r.iso3_1.as_str(), r.year), ("USA", 2019));
        assert_eq!(r.events, Some(23));
        assert!((r.sb_index().unwrap() - 7.0 / 23.0).abs() < 1e-9, "soft 7 of 23 coded");
        assert!((r.hard_share().unwrap() - 2.0 / 9.0).abs() < 1e-9);
        assert_eq!(p.rows[1].events, None, "outside the coverage");
        assert_eq!(p.dyads()[0].0, "USA");
        let (svg, n) = grid(&p, &p.rows.iter().collect::<Vec<_>>());
        assert_eq!(n, 4);
        assert_eq!(svg.matches("<rect class=\"cell").count(), 4);
        assert!(svg.contains("class=\"cell hard\"") && svg.contains("class=\"cell missing\""));
    }

    #[test]
    fn bad_panels_name_the_line_and_field() {
        let bad = sample().replace("USA,CHN,2,710,2,710,2020,0,", "USA,CHN,2,710,2,710,2020,x,");
        let e = Panel::parse("p.csv", bad.as_bytes()).unwrap_err();
        assert!(e[0].starts_with("line 3: field offset_internal:"), "{e:?}");
        let e = Panel::parse("p.csv", b"a,b\n1,2\n").unwrap_err();
        assert!(e[0].contains("missing columns iso3_1"), "{e:?}");
        let e = Panel::parse("p.csv", &[0xff, 0xfe]).unwrap_err();
        assert!(e[0].contains("UTF-8"));
        let monthly = sample().replace(",year,", ",year,month,").replace(",2019,", ",2019,1,").replace(",2020,", ",2020,1,");
        let p = Panel::parse("m.csv", monthly.as_bytes()).unwrap();
        assert_eq!(p.period, "month");
    }

    #[tokio::test]
    async fn the_page_draws_the_grid_and_a_bad_file_is_shown_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.csv");
        std::fs::write(&path, sample()).unwrap();
        let app = Arc::new(App::new(vec![]).with_panel(&path));
        let (s, _, body) = get_from(app.clone(), "/events").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("data-cells=\"4\""));
        let (s, _, body) = get_from(app.clone(), "/events?dyad=USA-CHN").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("data-shown=\"2\""));
        let (s, _, body) = get_from(app.clone(), "/api/events?dyad=USA-CHN").await;
        assert_eq!(s, StatusCode::OK);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["rows"].as_array().unwrap().len(), 2);
        assert_eq!(v["rows"][0]["counts"]["hard_internal"], 2);
        let (s, _, _) = get_from(app, "/api/events?dyad=XXX-YYY").await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        std::fs::write(&path, "not,a,panel\n").unwrap();
        let app = Arc::new(App::new(vec![]).with_panel(&path));
        let (s, _, body) = get_from(app.clone(), "/events").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("panel-error") && body.contains("missing columns"));
        let app = Arc::new(App::new(vec![]).with_panel(&dir.path().join("none.csv")));
        let (_, _, body) = get_from(app, "/api/events").await;
        assert!(body.contains("\"loaded\":false") && body.contains("cannot read"));
        let (s, _, _) = get_from(Arc::new(App::new(vec![])), "/api/events").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
}
