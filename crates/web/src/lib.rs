//! softbalance-web: the dashboard behind `softbalance serve` — an axum server with
//! server-rendered pages, a little JavaScript and a JSON API, every asset embedded in the
//! binary (no CDN, no request leaves the machine).
//!
//! Pages (`overview`, `whatif`, `evidence`) and the API (`api`) read one shared [`App`]: the
//! cases loaded at start-up, each analysed once with its manifest's draws and once with the
//! what-if draws ([`WHATIF_DRAWS`]) as the baseline that a what-if is compared with. A what-if
//! runs `softbalance_case::whatif::apply` and `softbalance_core::analyze` exactly as
//! `softbalance analyze --draws 1000 --set … --drop …` does, so the two give the same report.
//!
//! Safe by default: the CLI binds loopback unless told otherwise; every route is read-only
//! (the what-if works on a copy); request bodies are limited to [`BODY_LIMIT`]; a what-if
//! that takes longer than [`COMPUTE_TIMEOUT`] answers 503; a Content-Security-Policy forbids
//! any request to another origin; API errors are JSON with a 4xx status; Ctrl-C shuts down
//! gracefully.

pub mod api;
pub mod evidence;
pub mod html;
pub mod overview;
pub mod svg;
pub mod whatif;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use softbalance_core::{Analysis, Case};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Monte Carlo draws of a live what-if (the page says so): a recompute takes a fraction of a
/// second instead of several.
pub const WHATIF_DRAWS: u32 = 1000;
/// Largest request body accepted (a what-if is a few hundred bytes).
pub const BODY_LIMIT: usize = 64 * 1024;
/// Longest a what-if recompute may take before the server answers 503.
pub const COMPUTE_TIMEOUT: Duration = Duration::from_secs(20);

/// The Content-Security-Policy of every response: nothing may be loaded from, or sent to,
/// another origin; scripts and styles only from the server's own embedded assets.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                       connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// One loaded case with what the pages show without recomputing.
pub struct CaseEntry {
    /// The id in URLs (the case's id, made unique among the loaded cases).
    pub id: String,
    /// Where it came from: `builtin:<id>` or the folder given on the command line.
    pub origin: String,
    pub case: Case,
    /// The analysis with the manifest's draws (the overview).
    pub analysis: Analysis,
    /// `analyze --no-coder --format json` of the case as is.
    pub report: serde_json::Value,
    /// The case as is with [`WHATIF_DRAWS`] draws: what a what-if is compared with.
    pub baseline: whatif::Outcome,
    /// The evidence browser's rows, with their search text prepared.
    pub rows: Vec<evidence::Row>,
}

/// Everything the server serves.
pub struct App {
    pub cases: Vec<CaseEntry>,
}

impl App {
    /// Analyse each case (manifest draws and what-if draws) and index its evidence. Ids are the
    /// cases' own, with `-2`, `-3`… appended when two loaded cases share one.
    pub fn new(cases: Vec<(Case, String)>) -> App {
        let mut entries: Vec<CaseEntry> = Vec::new();
        for (case, origin) in cases {
            let mut id = slug(&case.meta.id);
            let mut n = 2;
            while entries.iter().any(|e| e.id == id) {
                id = format!("{}-{n}", slug(&case.meta.id));
                n += 1;
            }
            let analysis = softbalance_core::analyze(&case);
            let report = report_json(&case, &analysis, &[]);
            let baseline = whatif::compute(&case, &whatif::Request::default()).expect("no change always applies");
            let rows = evidence::rows(&case);
            entries.push(CaseEntry { id, origin, case, analysis, report, baseline, rows });
        }
        App { cases: entries }
    }

    /// The built-in cases (`softbalance_case::BUILTINS`), the default first.
    pub fn builtins() -> Result<App, String> {
        let mut cases = Vec::new();
        for b in softbalance_case::BUILTINS {
            let case = softbalance_case::load_named(b.id).expect("listed").map_err(|e| format!("builtin:{}: {e}", b.id))?;
            cases.push((case, format!("builtin:{}", b.id)));
        }
        Ok(App::new(cases))
    }

    pub fn case(&self, id: &str) -> Option<&CaseEntry> {
        self.cases.iter().find(|c| c.id == id)
    }
}

/// A URL-safe id: ASCII letters, digits, `-`, `_` and `.` kept, anything else `-`.
fn slug(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '-' }).collect();
    if s.is_empty() || s.chars().all(|c| c == '.') {
        "case".into()
    } else {
        s
    }
}

/// The JSON report of `analyze --no-coder --format json` (the schema of `softbalance-report`).
pub fn report_json(case: &Case, analysis: &Analysis, adjustments: &[String]) -> serde_json::Value {
    serde_json::to_value(softbalance_report::json_report(case, analysis, None, adjustments))
        .expect("the report is plain data and always serialises")
}

/// The embedded assets: path → (content type, bytes).
const ASSETS: &[(&str, &str, &str)] = &[
    ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
];

async fn asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ty, body)) => ([(header::CONTENT_TYPE, *ty), (header::CACHE_CONTROL, "no-cache")], *body).into_response(),
        None => html::not_found("no such asset"),
    }
}

/// Security headers on every response.
async fn headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn fallback(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        api::error(StatusCode::NOT_FOUND, format!("no API route {}; GET /api/cases lists the cases", uri.path()))
    } else {
        html::not_found(&format!("no page {}", uri.path()))
    }
}

/// The whole application: pages, assets and API over `app`.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(overview::index))
        .route("/case/{id}", get(overview::page))
        .route("/case/{id}/whatif", get(whatif::page))
        .route("/case/{id}/evidence", get(evidence::page))
        .route("/case/{id}/source/{source}", get(evidence::source_page))
        .route("/assets/{name}", get(asset))
        .route("/api/cases", get(api::cases))
        .route("/api/cases/{id}/analysis", get(api::analysis))
        .route("/api/cases/{id}/whatif", post(api::whatif))
        .route("/api/cases/{id}/evidence", get(api::evidence))
        .route("/api/params", get(api::params))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(headers))
        .with_state(app)
}

/// Serve `app` on `listener` until `shutdown` resolves (in-flight requests finish first).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app)).with_graceful_shutdown(shutdown).await
}

/// Bind `addr`, print where to point the browser (through `announce`), and serve until
/// Ctrl-C. Builds its own multi-threaded runtime; blocks.
pub fn run(addr: SocketAddr, app: App, announce: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        announce(listener.local_addr()?);
        serve_on(listener, Arc::new(app), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use axum::body::Body;
    use std::sync::OnceLock;
    use tower::ServiceExt;

    /// The built-in cases, analysed once for all unit tests.
    pub fn app() -> Arc<App> {
        static APP: OnceLock<Arc<App>> = OnceLock::new();
        APP.get_or_init(|| Arc::new(App::builtins().expect("the built-in cases load"))).clone()
    }

    /// Send one request through the router; status, content type and body.
    pub async fn send(req: Request<Body>) -> (StatusCode, String, String, axum::http::HeaderMap) {
        let res = router(app()).oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let ty = headers.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, ty, String::from_utf8(body.to_vec()).unwrap(), headers)
    }

    pub async fn get(uri: &str) -> (StatusCode, String, String) {
        let (s, t, b, _) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
        (s, t, b)
    }

    pub async fn post_json(uri: &str, body: &str) -> (StatusCode, String) {
        let req = Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap();
        let (s, _, b, _) = send(req).await;
        (s, b)
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::{app, get, post_json, send};
    use super::{slug, App, Request, StatusCode, BODY_LIMIT, CSP};
    use axum::body::Body;
    use axum::http::header;

    #[tokio::test]
    async fn every_response_carries_the_csp_and_assets_are_embedded() {
        let (s, ty, body, h) = send(Request::get("/assets/app.js").body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK);
        assert!(ty.starts_with("text/javascript"));
        assert!(body.contains("whatif"));
        assert_eq!(h.get(header::CONTENT_SECURITY_POLICY).unwrap(), CSP);
        let (s, ty, _) = get("/assets/app.css").await;
        assert_eq!((s, ty.starts_with("text/css")), (StatusCode::OK, true));
    }

    #[tokio::test]
    async fn unknown_routes_are_404_json_under_api_and_html_elsewhere() {
        let (s, ty, body) = get("/api/nope").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(ty.starts_with("application/json"), "{ty}");
        assert!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["error"].is_string());
        let (s, ty, _) = get("/nope").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(ty.starts_with("text/html"));
        let (s, _, _) = get("/assets/..%2F..%2FCargo.toml").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _, _) = get("/case/..%2F..%2Fetc").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn oversized_bodies_are_refused() {
        let id = &app().cases[0].id;
        let big = format!("{{\"sets\":[\"{}\"]}}", "x".repeat(BODY_LIMIT + 10));
        let (s, _) = post_json(&format!("/api/cases/{id}/whatif"), &big).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn ids_are_url_safe_and_unique() {
        assert_eq!(slug("us-china-ai"), "us-china-ai");
        assert_eq!(slug("a/b c"), "a-b-c");
        assert_eq!(slug(".."), "case");
        let c = softbalance_core::Case::empty("USA", "CHN", (2014, 2022));
        let app = App::new(vec![(c.clone(), "a".into()), (c, "b".into())]);
        assert_eq!(app.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["case", "case-2"]);
    }
}
