//! softbalance-web: the dashboard behind `softbalance serve` — an axum server with
//! server-rendered pages, a little JavaScript and a JSON API, every asset embedded in the
//! binary (no CDN, no request leaves the machine).
//!
//! Pages (`overview`, `whatif`, `evidence`, `compare`, `timeline`, `coder`, `validate`,
//! `events`) and the API (`api`, described by `docs/openapi.json`, served by `openapi`) read
//! one shared [`App`]: the cases loaded at start-up, each analysed once with its manifest's
//! draws and once with the what-if draws ([`WHATIF_DRAWS`]) as the baseline that a what-if is
//! compared with; the validation of the case folders given on the command line; the event
//! panel given with `--panel`. A what-if runs `softbalance_case::whatif::apply` and
//! `softbalance_core::analyze` exactly as `softbalance analyze --draws 1000 --set … --drop …`
//! does, so the two give the same report.
//!
//! Safe by default: the CLI binds loopback unless told otherwise; every route is read-only
//! (the what-if and the coder work on copies; no route reads a file: assets are embedded,
//! cases and the panel are read at start-up); request bodies are limited to [`BODY_LIMIT`]
//! ([`UPLOAD_LIMIT`] for the coder), query strings to [`QUERY_LIMIT`]; a recompute that takes
//! longer than [`COMPUTE_TIMEOUT`] and any request that takes longer than
//! [`REQUEST_TIMEOUT`] answer 503; a Content-Security-Policy forbids any request to another
//! origin; on a loopback address only requests addressed to a loopback host name are
//! answered (421 otherwise: no DNS rebinding); API errors are JSON with a 4xx status; Ctrl-C
//! shuts down gracefully.

pub mod api;
pub mod coder;
pub mod compare;
pub mod events;
pub mod evidence;
pub mod html;
pub mod openapi;
pub mod overview;
pub mod svg;
pub mod timeline;
pub mod validate;
pub mod whatif;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
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
/// Largest body of the coder (pasted text or an uploaded .txt/.md/.html document).
pub const UPLOAD_LIMIT: usize = 1024 * 1024;
/// Longest query string accepted (filters and case lists are a few dozen bytes).
pub const QUERY_LIMIT: usize = 4096;
/// Longest a what-if recompute or a coding may take before the server answers 503.
pub const COMPUTE_TIMEOUT: Duration = Duration::from_secs(20);
/// Longest any request may take, from its head to its answer, before the server answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

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
    /// The escalation timeline (`analyze --by-year --format json`).
    pub timeline: serde_json::Value,
}

/// Everything the server serves.
pub struct App {
    pub cases: Vec<CaseEntry>,
    /// The case folders given on the command line, valid or not, with their problems.
    pub validations: Vec<validate::Validation>,
    /// The event panel given with `--panel`, or why it could not be read.
    pub panel: Option<Result<events::Panel, events::PanelError>>,
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
            let timeline = timeline::json(&case);
            entries.push(CaseEntry { id, origin, case, analysis, report, baseline, rows, timeline });
        }
        App { cases: entries, validations: Vec::new(), panel: None }
    }

    /// Validate each folder as `softbalance check` does and serve the valid ones; the invalid
    /// ones are listed with their problems on the validation page (the server still starts).
    pub fn from_dirs(dirs: &[std::path::PathBuf]) -> App {
        let (cases, validations) = validate::validate_dirs(dirs);
        let mut app = App::new(cases);
        app.validations = validations;
        validate::link_ids(&mut app);
        app
    }

    /// Read the panel file written by `softbalance events panel` (CSV); a file that cannot
    /// be read is shown on the events page with its problems, not a failed start.
    pub fn with_panel(mut self, path: &std::path::Path) -> App {
        self.panel = Some(events::Panel::read(path));
        self
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
    if is_api(uri.path()) {
        api::error(StatusCode::NOT_FOUND, format!("no API route {}; GET /api/cases lists the cases", uri.path()))
    } else {
        html::not_found(&format!("no page {}", uri.path()))
    }
}

/// The API routes: method, path (axum syntax) and handler. The router is built from this
/// list and a test checks it against `docs/openapi.json`, both ways.
pub fn api_routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<App>>)> {
    vec![
        ("get", "/api/cases", get(api::cases)),
        ("get", "/api/cases/{id}/analysis", get(api::analysis)),
        ("post", "/api/cases/{id}/whatif", post(api::whatif)),
        ("get", "/api/cases/{id}/evidence", get(api::evidence)),
        ("get", "/api/cases/{id}/sources/{source}", get(evidence::source_api)),
        ("get", "/api/cases/{id}/timeline", get(timeline::api)),
        ("get", "/api/compare", get(compare::api)),
        ("post", "/api/code", post(coder::api).layer(DefaultBodyLimit::max(UPLOAD_LIMIT))),
        ("get", "/api/validation", get(validate::api)),
        ("get", "/api/events", get(events::api)),
        ("get", "/api/params", get(api::params)),
        ("get", "/api/openapi.json", get(openapi::api)),
    ]
}

/// The whole application: pages, assets and API over `app`.
pub fn router(app: Arc<App>) -> Router {
    let mut r = Router::new()
        .route("/", get(overview::index))
        .route("/case/{id}", get(overview::page))
        .route("/case/{id}/whatif", get(whatif::page))
        .route("/case/{id}/evidence", get(evidence::page))
        .route("/case/{id}/source/{source}", get(evidence::source_page))
        .route("/case/{id}/timeline", get(timeline::page))
        .route("/compare", get(compare::page))
        .route("/coder", get(coder::page).post(coder::submit).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/validation", get(validate::page))
        .route("/events", get(events::page))
        .route("/assets/{name}", get(asset));
    for (_, path, handler) in api_routes() {
        r = r.route(path, handler);
    }
    r.fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(guard))
        .layer(middleware::from_fn(headers))
        .with_state(app)
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Limits and error shape for every request: a query string longer than [`QUERY_LIMIT`] is
/// refused (414); a request that takes longer than [`REQUEST_TIMEOUT`] answers 503; an API
/// error that axum itself produced (a bad path segment, a wrong method, a body over the limit)
/// is turned into the API's JSON error with the same status.
async fn guard(req: Request<axum::body::Body>, next: Next) -> Response {
    let api = is_api(req.uri().path());
    let page_error = |status: StatusCode, msg: String| {
        if api {
            api::error(status, msg)
        } else {
            (status, html::page("Error", None, &format!("<h1>{}</h1><p>{}</p>", status.as_u16(), html::esc(&msg)))).into_response()
        }
    };
    if req.uri().query().is_some_and(|q| q.len() > QUERY_LIMIT) {
        return page_error(StatusCode::URI_TOO_LONG, format!("the query string is longer than {QUERY_LIMIT} bytes"));
    }
    let res = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(res) => res,
        Err(_) => return page_error(StatusCode::SERVICE_UNAVAILABLE, format!("the request took longer than {} s; try again", REQUEST_TIMEOUT.as_secs())),
    };
    let json = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let status = res.status();
    if api && !json && (status.is_client_error() || status.is_server_error()) {
        let body = axum::body::to_bytes(res.into_body(), 16 * 1024).await.unwrap_or_default();
        let text = String::from_utf8_lossy(&body).trim().to_string();
        let msg = if text.is_empty() { status.canonical_reason().unwrap_or("error").to_string() } else { text };
        return api::error(status, msg);
    }
    res
}

/// Whether a `Host` header names this machine: `localhost`, `127.x.x.x` or `[::1]`, with or
/// without a port (no header at all: not a browser, allowed).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    if host.is_empty() {
        return true;
    }
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(n, port)| if port.chars().all(|c| c.is_ascii_digit()) { n } else { host }).unwrap_or(host)
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// On a loopback listener, answer only requests addressed to a loopback name (421 otherwise),
/// so a web page elsewhere cannot read the dashboard through a DNS name rebound to 127.0.0.1.
async fn loopback_only(req: Request<axum::body::Body>, next: Next) -> Response {
    let host = req.headers().get(header::HOST).map(|h| String::from_utf8_lossy(h.as_bytes()).to_string()).unwrap_or_default();
    if is_loopback_host(&host) {
        return next.run(req).await;
    }
    let msg = format!("Host {host:?} is not this machine; open the dashboard as http://127.0.0.1:PORT/ or http://localhost:PORT/");
    let mut res = if is_api(req.uri().path()) {
        api::error(StatusCode::MISDIRECTED_REQUEST, msg)
    } else {
        (StatusCode::MISDIRECTED_REQUEST, html::page("Wrong host", None, &format!("<h1>Wrong host</h1><p>{}</p>", html::esc(&msg)))).into_response()
    };
    res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    res
}

/// The router as [`serve_on`] runs it on a loopback listener: with the `Host` check.
pub fn loopback_router(app: Arc<App>) -> Router {
    router(app).layer(middleware::from_fn(loopback_only))
}

/// Serve `app` on `listener` until `shutdown` resolves (in-flight requests finish first). On
/// a loopback address only requests addressed to a loopback name are answered.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let r = if listener.local_addr()?.ip().is_loopback() { loopback_router(app) } else { router(app) };
    axum::serve(listener, r).with_graceful_shutdown(shutdown).await
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
        send_with(app(), req).await
    }

    /// Send one request through the router of `app`.
    pub async fn send_with(app: Arc<App>, req: Request<Body>) -> (StatusCode, String, String, axum::http::HeaderMap) {
        let res = router(app).oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let ty = headers.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, ty, String::from_utf8(body.to_vec()).unwrap(), headers)
    }

    pub async fn get(uri: &str) -> (StatusCode, String, String) {
        get_from(app(), uri).await
    }

    /// GET `uri` from the router of `app`: status, content type and body.
    pub async fn get_from(app: Arc<App>, uri: &str) -> (StatusCode, String, String) {
        let (s, t, b, _) = send_with(app, Request::get(uri).body(Body::empty()).unwrap()).await;
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
    use super::{slug, App, Request, StatusCode, BODY_LIMIT, CSP, QUERY_LIMIT, UPLOAD_LIMIT};
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

    /// Every page and API route, with the ids of the built-in case.
    const PAGES: [&str; 16] = [
        "/", "/case/us-china-ai", "/case/us-china-ai/whatif", "/case/us-china-ai/evidence", "/case/us-china-ai/source/tortoise2020",
        "/case/us-china-ai/timeline", "/compare", "/coder", "/validation", "/events", "/api/cases", "/api/cases/us-china-ai/analysis",
        "/api/cases/us-china-ai/timeline", "/api/compare", "/api/validation", "/api/openapi.json",
    ];

    #[tokio::test]
    async fn every_page_forbids_requests_to_other_origins() {
        for uri in PAGES.iter().chain(&["/nope", "/api/nope"]) {
            let (s, _, body, h) = send(Request::get(*uri).body(Body::empty()).unwrap()).await;
            assert!(s == StatusCode::OK || uri.ends_with("nope"), "{uri}: {s}");
            let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap_or_else(|| panic!("{uri}: no CSP")).to_str().unwrap();
            assert_eq!(csp, CSP);
            for directive in ["default-src 'none'", "connect-src 'self'", "script-src 'self'", "form-action 'self'", "frame-ancestors 'none'"] {
                assert!(csp.contains(directive), "{uri}: {directive}");
            }
            assert!(!csp.contains("http:") && !csp.contains("https:") && !csp.contains('*') && !csp.contains("unsafe"), "{csp}");
            assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
            if !uri.starts_with("/api/") {
                for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "action=\"http", "url(http"] {
                    assert!(!body.contains(attr), "{uri}: an outside URL on the page ({attr})");
                }
            }
        }
    }

    #[tokio::test]
    async fn no_route_reaches_a_file_whatever_the_encoding() {
        let attempts = [
            "/case/us-china-ai/source/..%2f..%2fetc%2fpasswd",
            "/case/us-china-ai/source/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/case/us-china-ai/source/..%5c..%5cetc%5cpasswd",
            "/case/us-china-ai/source/%2e%2e",
            "/case/us-china-ai/source/%252e%252e%252fetc%252fpasswd",
            "/case/..%2f..%2fetc%2fpasswd/evidence",
            "/case/%2e%2e/timeline",
            "/assets/..%2f..%2f..%2fCargo.toml",
            "/assets/%2e%2e%2fsrc%2flib.rs",
            "/assets/..%5csrc%5clib.rs",
            "/assets/app.js%00.txt",
            "/api/cases/..%2f..%2fetc/analysis",
            "/api/cases/us-china-ai/sources/..%2f..%2fetc%2fpasswd",
            "/api/cases/%2e%2e/timeline",
            "/api/cases/us-china-ai/sources/%ff%fe",
            "/../../etc/passwd",
            "/case/us-china-ai/../../../etc/passwd",
        ];
        for uri in attempts {
            let (s, ty, body) = get(uri).await;
            assert!(s == StatusCode::NOT_FOUND || s == StatusCode::BAD_REQUEST, "{uri}: {s}");
            assert!(!body.contains("root:") && !body.contains("[workspace]") && !body.contains("pub mod"), "{uri} leaked a file");
            if uri.starts_with("/api/") {
                assert!(ty.starts_with("application/json"), "{uri}: {ty}");
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {body}");
            }
        }
    }

    #[tokio::test]
    async fn api_errors_from_axum_itself_are_json_too() {
        // a wrong method
        let (s, ty, body, _) = send(Request::delete("/api/cases").body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
        assert!(ty.starts_with("application/json"), "{ty}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["status"], 405);
        let (s, ty, _, _) = send(Request::get("/api/cases/us-china-ai/whatif").body(Body::empty()).unwrap()).await;
        assert_eq!((s, ty.starts_with("application/json")), (StatusCode::METHOD_NOT_ALLOWED, true));
        // a query over the limit: JSON under /api, a page elsewhere
        let long = format!("/api/cases/us-china-ai/evidence?q={}", "a".repeat(QUERY_LIMIT + 1));
        let (s, ty, _) = get(&long).await;
        assert_eq!((s, ty.starts_with("application/json")), (StatusCode::URI_TOO_LONG, true));
        let (s, ty, _) = get(&format!("/case/us-china-ai/evidence?q={}", "a".repeat(QUERY_LIMIT + 1))).await;
        assert_eq!((s, ty.starts_with("text/html")), (StatusCode::URI_TOO_LONG, true));
        // an unknown query field on a strict route
        let (s, ty, _) = get("/api/events?bogus=1").await;
        assert_eq!((s, ty.starts_with("application/json")), (StatusCode::BAD_REQUEST, true));
        // an oversized form on the coder page is refused, not coded
        let form = format!("text={}", "a".repeat(UPLOAD_LIMIT + 10));
        let req = Request::post("/coder").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
        let (s, _, _, _) = send(req).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[tokio::test]
    async fn on_loopback_only_loopback_host_names_are_answered() {
        use tower::ServiceExt;
        for (host, ok) in [
            ("127.0.0.1:8080", true), ("localhost:8080", true), ("LOCALHOST", true), ("[::1]:8080", true), ("127.1.2.3", true), ("", true),
            ("evil.example", false), ("evil.example:8080", false), ("127.0.0.1.evil.example", false), ("[::2]:80", false), ("localhost.evil", false),
        ] {
            let mut req = Request::get("/api/cases").body(Body::empty()).unwrap();
            if !host.is_empty() {
                req.headers_mut().insert(header::HOST, host.parse().unwrap());
            }
            let res = super::loopback_router(app()).oneshot(req).await.unwrap();
            let want = if ok { StatusCode::OK } else { StatusCode::MISDIRECTED_REQUEST };
            assert_eq!(res.status(), want, "Host {host:?}");
            assert!(res.headers().get(header::CONTENT_SECURITY_POLICY).is_some());
        }
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
