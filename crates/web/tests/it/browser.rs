//! End to end in a real headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`): the overview loads; on the what-if page a threat and an interest
//! threshold slider moved with the keyboard change the shown prediction to the one the engine
//! gives for the slider's new value (`softbalance analyze --set`, which the CLI test proves
//! equal); a filter changes the evidence table; the search finds the same rows in both Chinese
//! scripts and works in English; a source page opens; the coder page codes pasted text; the
//! compare, timeline, validation and events pages draw. A second test opens the HTML report
//! (`analyze --format html`) as a file and checks that every chart drew one mark per data row
//! and that the page made no network request (Chromium is pointed at a counting proxy).
//! Each step saves a screenshot under the target folder (`CARGO_TARGET_TMPDIR/browser/`).
//!
//! Without chromedriver the test FAILS and says what to install; it never passes silently.
//! `SOFTBALANCE_NO_BROWSER=1` is the explicit opt-out (the test then prints that it did not run).

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use softbalance_web::{whatif, App};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

fn path_of(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

/// A chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver(exe: &PathBuf) -> Driver {
    let port = free_port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver { child, port }
}

async fn connect(driver: &Driver, profile: &std::path::Path) -> Client {
    connect_with(driver, profile, &[]).await
}

async fn connect_with(driver: &Driver, profile: &std::path::Path, extra: &[String]) -> Client {
    let chromium = path_of("CHROMIUM", CHROMIUM);
    let mut caps = serde_json::Map::new();
    let mut args: Vec<String> = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    caps.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session (is chromium installed? apt-get install -y chromium chromium-driver)")
}

/// Poll `f` until it gives `Some`, for at most `secs` seconds.
async fn until<T, F, Fut>(secs: u64, what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out after {secs} s waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn text(c: &Client, css: &str) -> Option<String> {
    c.find(Locator::Css(css)).await.ok()?.text().await.ok()
}

/// The number of evidence rows the page shows; `None` while the page is still loading (the
/// element may not exist yet right after a navigation or a submit).
async fn shown_rows(c: &Client) -> Option<usize> {
    c.find(Locator::Css("#count")).await.ok()?.attr("data-shown").await.ok()??.parse().ok()
}

/// chromedriver's path; `None` (the test returns, saying so) only under the explicit opt-out
/// `SOFTBALANCE_NO_BROWSER=1`. Without a browser the test FAILS with the install command.
fn browser_or_fail() -> Option<PathBuf> {
    if std::env::var_os("SOFTBALANCE_NO_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("SOFTBALANCE_NO_BROWSER=1: the browser test did NOT run");
        return None;
    }
    let driver_exe = path_of("CHROMEDRIVER", CHROMEDRIVER);
    assert!(
        driver_exe.exists(),
        "{} not found: the browser test needs Debian's chromium and chromium-driver — install them with\n  \
         apt-get install -y chromium chromium-driver fonts-noto-cjk\n\
         (or set CHROMEDRIVER and CHROMIUM to their paths; SOFTBALANCE_NO_BROWSER=1 opts out explicitly)",
        driver_exe.display()
    );
    Some(driver_exe)
}

async fn shot(c: &Client, name: &str) {
    save(name, &c.screenshot().await.unwrap());
}

/// The value of a slider, after pressing `keys` on it.
async fn press(c: &Client, css: &str, keys: &str) -> String {
    let el = c.find(Locator::Css(css)).await.unwrap();
    el.send_keys(keys).await.unwrap();
    el.prop("value").await.unwrap().unwrap()
}

/// Wait until the what-if panel answers for exactly `sets` (its command line ends with them),
/// then give the prediction it shows.
async fn settled(c: &Client, sets: &[String]) -> String {
    let tail: String = sets.iter().map(|s| format!(" --set {s}")).collect();
    until(30, &format!("the recompute for{tail}"), || async {
        let cmd = text(c, "pre.command").await?;
        cmd.ends_with(&tail).then_some(())
    })
    .await;
    text(c, "#result [data-field=prediction]").await.unwrap()
}

fn save(name: &str, png: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
    eprintln!("screenshot: {}", dir.join(name).display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_dashboard_end_to_end() {
    let Some(driver_exe) = browser_or_fail() else { return };
    let driver = start_driver(&driver_exe);

    // the dashboard, in process on a free loopback port
    let app = Arc::new(App::builtins().expect("the built-in cases load"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(softbalance_web::serve_on(listener, app.clone(), async {
        let _ = stopped.await;
    }));
    // a second server with no case and an event panel (the columns `events panel` writes)
    let panel_dir = tempfile::tempdir().unwrap();
    let panel = panel_dir.path().join("panel.csv");
    std::fs::write(&panel, sample_panel()).unwrap();
    let events_app = Arc::new(App::new(vec![]).with_panel(&panel));
    assert!(matches!(events_app.panel, Some(Ok(_))), "the sample panel reads");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let events_base = format!("http://{}", listener.local_addr().unwrap());
    let (events_stop, events_stopped) = tokio::sync::oneshot::channel::<()>();
    let events_server = tokio::spawn(softbalance_web::serve_on(listener, events_app, async {
        let _ = events_stopped.await;
    }));

    let profile = tempfile::tempdir().unwrap();
    let c = connect(&driver, profile.path()).await;
    let base = format!("http://{addr}");

    // --- the case list and the overview
    c.goto(&format!("{base}/")).await.unwrap();
    let listed = until(20, "the case list", || async { Some(c.find_all(Locator::Css("table.cases tbody tr")).await.ok()?.len()).filter(|n| *n > 0) }).await;
    assert_eq!(listed, app.cases.len());
    shot(&c, "cases.png").await;
    c.goto(&format!("{base}/case/us-china-ai")).await.unwrap();
    let shown = until(20, "the overview", || text(&c, "[data-field=prediction]")).await;
    assert_eq!(shown, app.cases[0].analysis.prediction.response.label_en());
    let bars = c.find_all(Locator::Css("svg.chart rect.bar")).await.unwrap().len();
    assert!(bars >= 9, "the overview drew its charts ({bars} bars)");
    shot(&c, "overview.png").await;

    // --- what-if: move the severe-threat threshold down with the keyboard
    c.goto(&format!("{base}/case/us-china-ai/whatif")).await.unwrap();
    let before = text(&c, "#result [data-field=prediction]").await.unwrap();
    assert_eq!(before, "soft balancing");
    let slider = c.find(Locator::Css("#threat-thresholds-severe")).await.unwrap();
    assert_eq!(slider.prop("value").await.unwrap().as_deref(), Some("0.8"));
    // ArrowLeft, one step (0.01) each: 0.80 → 0.65
    slider.send_keys(&"\u{E012}".repeat(15)).await.unwrap();
    let value = slider.prop("value").await.unwrap().unwrap();
    assert_eq!(value, "0.65", "the slider moved");
    let shown = until(30, "the prediction to change", || async {
        let t = text(&c, "#result [data-field=prediction]").await?;
        (t != before).then_some(t)
    })
    .await;
    let expected = whatif::compute(
        &app.cases[0].case,
        &whatif::Request { sets: vec![format!("threat.thresholds.severe={value}")], ..Default::default() },
    )
    .unwrap();
    assert_eq!(shown, expected.analysis.prediction.response.label_en(), "the page shows the engine's answer for the slider's value");
    assert_eq!(shown, "hard balancing");
    // the settled panel is the one for the final value (no stale answer of an earlier key press)
    until(30, "the last recompute", || async {
        let cmd = text(&c, "pre.command").await?;
        cmd.ends_with(&format!("--set threat.thresholds.severe={value}")).then_some(())
    })
    .await;
    let status = text(&c, "#status").await.unwrap();
    assert!(status.contains("1000 draws"), "the page says the draws: {status}");
    save("whatif.png", &c.screenshot().await.unwrap());

    // --- what-if: raise the interest threshold `present` one step at a time until the
    // prediction changes (the common-interest score is 0.94, so `strong` goes to 1 first:
    // present <= strong is a rule of the model), then check the engine's answer for that value
    c.goto(&format!("{base}/case/us-china-ai/whatif")).await.unwrap();
    let before = until(20, "the what-if page", || text(&c, "#result [data-field=prediction]")).await;
    let strong = press(&c, "#interests-thresholds-strong", "\u{E010}").await; // End
    assert_eq!(strong, "1");
    let mut present = press(&c, "#interests-thresholds-present", &"\u{E014}".repeat(40)).await; // ArrowRight
    let sets = |p: &str| vec![format!("interests.thresholds.present={p}"), format!("interests.thresholds.strong={strong}")];
    let mut shown = settled(&c, &sets(&present)).await;
    let mut steps = 0;
    while shown == before {
        steps += 1;
        assert!(steps <= 60, "the prediction did not change up to present={present}");
        present = press(&c, "#interests-thresholds-present", "\u{E014}").await;
        shown = settled(&c, &sets(&present)).await;
    }
    let req = whatif::Request { sets: sets(&present), ..Default::default() };
    let expected = whatif::compute(&app.cases[0].case, &req).unwrap();
    assert_eq!(shown, expected.analysis.prediction.response.label_en(), "present={present}: the page shows the engine's answer");
    assert_ne!(shown, before);
    let cmd = text(&c, "pre.command").await.unwrap();
    assert_eq!(cmd, whatif::command(&app.cases[0], &req), "the page gives the `analyze --set` line that reproduces it");
    shot(&c, "whatif-interests.png").await;

    // --- evidence browser: a filter changes the table; Simplified and Traditional find the same rows
    c.goto(&format!("{base}/case/us-china-ai/evidence")).await.unwrap();
    let all = until(20, "the evidence table", || shown_rows(&c)).await;
    c.find(Locator::Css("select[name=code]")).await.unwrap().select_by_value("obstruct.active").await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    let filtered = until(20, "the filtered table", || async {
        let n = shown_rows(&c).await?;
        (n != all).then_some(n)
    })
    .await;
    assert_eq!(filtered, app.cases[0].analysis.observed.by_strategy["obstruct.active"]);
    assert_eq!(c.find_all(Locator::Css("table.evidence tbody tr")).await.unwrap().len(), filtered, "the table changed with the count");
    shot(&c, "evidence-filter.png").await;
    let mut counts = Vec::new();
    for q in ["戰略", "战略", "export controls"] {
        c.goto(&format!("{base}/case/us-china-ai/evidence")).await.unwrap();
        let input = c.find(Locator::Css("input[name=q]")).await.unwrap();
        input.send_keys(q).await.unwrap();
        c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
        let n = until(20, "the search results", || async {
            let url = c.current_url().await.ok()?;
            url.query().is_some_and(|s| s.contains("q=")).then_some(())?;
            shown_rows(&c).await
        })
        .await;
        assert!(n > 0 && n < all, "{q}: {n} of {all}");
        counts.push(n);
        shot(&c, &format!("evidence-search-{}.png", counts.len())).await;
    }
    assert_eq!(counts[0], counts[1], "a Simplified query finds the Traditional rows");
    save("evidence-search.png", &c.screenshot().await.unwrap());

    // --- a source page, opened from the table's link
    c.goto(&format!("{base}/case/us-china-ai/evidence?source=tortoise2020")).await.unwrap();
    until(20, "the evidence table", || shown_rows(&c)).await;
    c.find(Locator::Css("table.evidence a[href$='/source/tortoise2020']")).await.unwrap().click().await.unwrap();
    let n = until(20, "the source page's rows", || async {
        c.current_url().await.ok()?.path().ends_with("/source/tortoise2020").then_some(())?;
        shown_rows(&c).await
    })
    .await;
    assert_eq!(n, app.cases[0].rows.iter().filter(|r| r.sources.iter().any(|s| s == "tortoise2020")).count());
    shot(&c, "source.png").await;

    // --- the coder: paste text, press Code, one labelled row per sentence
    c.goto(&format!("{base}/coder")).await.unwrap();
    let pasted = "美國商務部將華為列入實體清單。\n美国与日本同意协调对华出口管制。\nThe United States and Japan agreed to coordinate export controls on chips.";
    until(20, "the coder form", || async { c.find(Locator::Css("textarea[name=text]")).await.ok() }).await.send_keys(pasted).await.unwrap();
    c.find(Locator::Css("#coder button[type=submit]")).await.unwrap().click().await.unwrap();
    let coded = until(30, "the coded sentences", || async { c.find(Locator::Css("#coded")).await.ok()?.attr("data-sentences").await.ok()??.parse::<usize>().ok() }).await;
    assert_eq!(coded, 3);
    let labels: Vec<String> = {
        let mut v = Vec::new();
        for row in c.find_all(Locator::Css("tr.sentence")).await.unwrap() {
            v.push(row.attr("data-label").await.unwrap().unwrap());
        }
        v
    };
    assert_eq!(labels.len(), 3);
    for l in &labels {
        assert!(l.parse::<softbalance_core::StrategyCode>().is_ok(), "a strategy code: {l}");
    }
    let direct = softbalance_web::coder::code(&softbalance_web::coder::Request { text: pasted.to_string(), ..Default::default() }).unwrap();
    let expected: Vec<&str> = direct["sentences"].as_array().unwrap().iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(labels, expected, "the page shows the coder's labels");
    shot(&c, "coder.png").await;

    // --- compare: all cases, then one fewer by unticking a box (the page's script builds the list)
    c.goto(&format!("{base}/compare")).await.unwrap();
    let cols = until(20, "the compare table", || async { Some(c.find_all(Locator::Css("th[data-case]")).await.ok()?.len()).filter(|n| *n > 0) }).await;
    assert_eq!(cols, app.cases.len());
    let last = app.cases.last().unwrap().id.clone();
    c.find(Locator::Css(&format!("input.pick[value='{last}']"))).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#choose button[type=submit]")).await.unwrap().click().await.unwrap();
    let fewer = until(20, "the narrower comparison", || async {
        let n = c.find_all(Locator::Css("th[data-case]")).await.ok()?.len();
        (n == cols - 1).then_some(n)
    })
    .await;
    assert_eq!(fewer, app.cases.len() - 1);
    shot(&c, "compare.png").await;

    // --- the escalation timeline: one dot per assessed year for each of the two scores (a
    // year with insufficient evidence has no point)
    c.goto(&format!("{base}/case/us-china-ai/timeline")).await.unwrap();
    let rows = softbalance_core::timeline::by_year(&app.cases[0].case);
    let assessed = rows.iter().filter(|r| r.threat_level != softbalance_core::threat::ThreatLevel::Insufficient).count()
        + rows.iter().filter(|r| r.interest_level != softbalance_core::interests::InterestLevel::Insufficient).count();
    assert!(assessed < 2 * rows.len(), "the built-in case's first years lack evidence");
    let dots = until(20, "the timeline chart", || async { Some(c.find_all(Locator::Css("svg.chart circle.dot")).await.ok()?.len()).filter(|n| *n > 0) }).await;
    assert_eq!(dots, assessed);
    shot(&c, "timeline.png").await;

    // --- validation (no folder given) and the events page with a panel
    c.goto(&format!("{base}/validation")).await.unwrap();
    until(20, "the validation page", || text(&c, "main h1")).await;
    shot(&c, "validation.png").await;
    c.goto(&format!("{events_base}/events")).await.unwrap();
    let cells = until(20, "the dyad-year grid", || async { c.find(Locator::Css("#count")).await.ok()?.attr("data-cells").await.ok()??.parse::<usize>().ok() }).await;
    assert_eq!(cells, 4);
    assert_eq!(c.find_all(Locator::Css("svg.chart rect.cell")).await.unwrap().len(), cells, "one cell per dyad-year");
    shot(&c, "events.png").await;

    c.close().await.unwrap();
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    let _ = events_stop.send(());
    events_server.await.unwrap().unwrap();
    drop(driver);
}

/// A small yearly panel with the columns of `softbalance events panel --out panel.csv`.
fn sample_panel() -> String {
    let counts: Vec<String> = softbalance_core::StrategyCode::ALL.iter().map(|c| c.as_str().replace('.', "_")).collect();
    let mut s = format!("iso3_1,iso3_2,ccode1,ccode2,gwcode1,gwcode2,year,{},events,triad_events,igo_events,domestic_events,goldstein_sum,goldstein_mean,sb_index,hard_share\n", counts.join(","));
    s.push_str("USA,CHN,2,710,2,710,2019,1,2,0,3,1,2,0,4,10,23,1,0,0,-10.5,-0.45,0.30,0.22\n");
    s.push_str("USA,CHN,2,710,2,710,2020,0,0,0,0,0,5,0,0,1,6,0,0,0,-20,-3.3,0,1\n");
    s.push_str("CHN,USA,710,2,710,2,2019,0,0,1,0,0,0,0,2,3,6,0,0,0,1,0.2,0.16,0\n");
    s.push_str("CHN,USA,710,2,710,2,2020,,,,,,,,,,,,,,,,,\n");
    s
}

/// A loopback TCP listener that counts the connections made to it and keeps the first line
/// each one sends (`CONNECT host:443 …`, `GET http://…`), then closes it: the browser's proxy,
/// so any request the page makes, to any host, is seen.
struct CountingProxy {
    port: u16,
    seen: Arc<std::sync::Mutex<Vec<String>>>,
}

impl CountingProxy {
    fn start() -> CountingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { continue };
                let _ = conn.set_read_timeout(Some(Duration::from_millis(500)));
                let mut buf = [0u8; 512];
                let n = std::io::Read::read(&mut conn, &mut buf).unwrap_or(0);
                let first = String::from_utf8_lossy(&buf[..n]).lines().next().unwrap_or("").to_string();
                log.lock().unwrap().push(first);
            }
        });
        CountingProxy { port, seen }
    }
    fn connections(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
    fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

/// The highlighted boxes of the decision path (圖 1) for the rule the case took.
fn path_length(rule: softbalance_core::decision::Rule) -> usize {
    use softbalance_core::decision::Rule::*;
    match rule {
        InsufficientThreatEvidence => 1,
        InsufficientInterestEvidence | NoThreat | SevereThreat => 2,
        LimitedWithInterests | LimitedWithStrongerTarget | LimitedWithoutInterests => 3,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_html_report_draws_every_row_and_makes_no_request() {
    let Some(driver_exe) = browser_or_fail() else { return };
    let driver = start_driver(&driver_exe);
    let proxy = CountingProxy::start();

    // `softbalance analyze --format html` of the built-in case, through the report crate
    let case = softbalance_case::load_builtin().unwrap();
    let analysis = softbalance_core::analyze(&case);
    let html = softbalance_report::render(&case, &analysis, None, &[], softbalance_report::Format::Html, softbalance_report::Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, &html).unwrap();

    let profile = tempfile::tempdir().unwrap();
    // every request goes to the counting proxy, loopback included (`<-loopback>` removes
    // Chromium's implicit bypass of localhost)
    let mut extra = vec![format!("--proxy-server=127.0.0.1:{}", proxy.port), "--proxy-bypass-list=<-loopback>".to_string()];
    // fewer of the browser's own background requests (time, updates, sign-in, search preconnect)
    extra.extend(
        [
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,PreconnectToSearch,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater",
            "--disable-default-apps", "--disable-extensions", "--no-default-browser-check", "--disable-domain-reliability", "--no-pings",
            "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update", "--homepage=about:blank",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let c = connect_with(&driver, profile.path(), &extra).await;
    let hosts_in_report = |line: &str| {
        let target = line.split_whitespace().nth(1).unwrap_or("");
        let host = target.trim_start_matches("http://").trim_start_matches("https://").split(['/', ':']).next().unwrap_or("");
        !host.is_empty() && html.contains(host)
    };
    // Load the report in a quiet moment (no proxied request for 2 s) and require that no
    // connection at all reaches the proxy while it loads and settles. A request to a host the
    // report names, or any subresource the page fetched, fails at once; a request to one of
    // the browser's own service hosts (update, sign-in, time; never named in the report) is
    // the browser, not the page, and the load is repeated — a request the page makes would
    // recur every time.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let mut quiet_since = (Instant::now(), proxy.connections());
        let deadline = Instant::now() + Duration::from_secs(60);
        while quiet_since.0.elapsed() < Duration::from_secs(2) {
            assert!(Instant::now() < deadline, "the browser never went quiet: {:?}", proxy.requests());
            tokio::time::sleep(Duration::from_millis(100)).await;
            if proxy.connections() != quiet_since.1 {
                quiet_since = (Instant::now(), proxy.connections());
            }
        }
        let before = proxy.connections();
        c.goto(&format!("file://{}", file.display())).await.unwrap();
        until(20, "the report to load", || async {
            let v = c.execute("return document.readyState", vec![]).await.ok()?;
            (v == "complete").then_some(())
        })
        .await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let fetched = c.execute("return performance.getEntriesByType('resource').map(function (e) { return e.name; })", vec![]).await.unwrap();
        assert_eq!(fetched, json!([]), "the report fetched subresources");
        let during: Vec<String> = proxy.requests().split_off(before);
        if during.is_empty() {
            break;
        }
        let by_page: Vec<&String> = during.iter().filter(|l| hosts_in_report(l)).collect();
        assert!(by_page.is_empty(), "the report made network requests while it loaded: {by_page:?}");
        eprintln!("attempt {attempts}: the browser's own requests during the load (hosts not in the report): {during:?}");
        assert!(attempts < 4, "a connection reached the proxy during each of {attempts} loads of the report: {during:?}");
        c.goto("about:blank").await.unwrap();
    }
    eprintln!("the report loaded with 0 connections to the proxy (attempt {attempts}); the browser's own requests before: {:?}", proxy.requests());
    let charts = c
        .execute(
            r#"return Array.from(document.querySelectorAll("svg.chart")).map(function (s) {
                 return {
                   label: s.getAttribute("aria-label") || "",
                   cls: s.getAttribute("class") || "",
                   rows: s.hasAttribute("data-rows") ? Number(s.getAttribute("data-rows")) : null,
                   marks: s.querySelectorAll("[data-mark]").length,
                   bars: s.querySelectorAll("rect.bar").length,
                   dots: s.querySelectorAll("circle.dot").length,
                   boxes: s.querySelectorAll("rect.box").length,
                   on: s.querySelectorAll("rect.box.on").length,
                   width: s.getBoundingClientRect().width
                 };
               });"#,
            vec![],
        )
        .await
        .unwrap();
    let charts = charts.as_array().unwrap().clone();
    eprintln!("charts: {}", serde_json::to_string(&charts).unwrap());
    save("report.png", &c.screenshot().await.unwrap());

    assert!(charts.len() >= 6, "the report has its charts: {charts:?}");
    for ch in &charts {
        assert!(ch["width"].as_f64().unwrap() > 50.0, "{}: drawn with a size", ch["label"]);
        if let Some(rows) = ch["rows"].as_u64() {
            assert!(rows > 0, "{}: a chart without rows", ch["label"]);
            assert_eq!(ch["marks"].as_u64(), Some(rows), "{}: one mark per data row", ch["label"]);
        }
    }
    // against the analysis itself, by the marks' classes: the decision path (six boxes, the
    // case's path highlighted) and the bar charts (components, robustness, observed, codes)
    let path: Vec<_> = charts.iter().filter(|ch| ch["boxes"].as_u64() > Some(0)).collect();
    assert_eq!(path.len(), 1);
    assert_eq!(path[0]["boxes"], 6);
    assert_eq!(path[0]["on"].as_u64(), Some(path_length(analysis.prediction.rule) as u64));
    let mut bars: Vec<u64> = charts.iter().filter_map(|ch| ch["bars"].as_u64()).filter(|n| *n > 0).collect();
    bars.sort_unstable();
    let r = &analysis.prediction.robustness;
    let mut expected = vec![
        analysis.threat.components.len() as u64,
        softbalance_core::Response::ALL.iter().filter(|x| r.response_shares.contains_key(x.as_str())).count() as u64,
        softbalance_core::Response::ALL.iter().filter(|x| r.observed_shares.get(x.as_str()).is_some_and(|v| *v > 0.0)).count() as u64,
        softbalance_core::StrategyCode::ALL.len() as u64,
    ];
    expected.sort_unstable();
    assert_eq!(bars, expected, "one bar per component, outcome share and strategy code");
    let series_points: usize = analysis.interests.series.iter().map(|s| s.points.len()).sum();
    let dots: usize = charts.iter().filter(|ch| !ch["cls"].as_str().unwrap().contains("timeline")).map(|ch| ch["dots"].as_u64().unwrap() as usize).sum();
    assert_eq!(dots, series_points, "one point per year of each interest series (表 1)");
    if let Some(t) = charts.iter().find(|ch| ch["cls"].as_str().unwrap().contains("timeline")) {
        assert_eq!(t["dots"].as_u64(), Some(softbalance_core::timeline::by_year(&case).len() as u64), "one point per year of the escalation timeline");
    }

    // the proxy does see what the browser sends: a control request after the check
    let before_control = proxy.connections();
    let _ = c.goto("http://127.0.0.1:9/").await;
    until(20, "the control request at the proxy", || async { (proxy.connections() > before_control).then_some(()) }).await;

    c.close().await.unwrap();
    drop(driver);
}
