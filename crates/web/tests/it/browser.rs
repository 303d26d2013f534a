//! End to end in a real headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`): the what-if page loads, a slider moved with the keyboard changes the
//! shown prediction to the one the engine gives for the slider's new value; the evidence
//! browser's search finds the same rows in both Chinese scripts. Screenshots are saved under
//! the target folder (`CARGO_TARGET_TMPDIR/browser/`).
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
    let chromium = path_of("CHROMIUM", CHROMIUM);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
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

fn save(name: &str, png: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
    eprintln!("screenshot: {}", dir.join(name).display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_whatif_slider_changes_the_prediction_and_search_works_in_both_scripts() {
    if std::env::var_os("SOFTBALANCE_NO_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("SOFTBALANCE_NO_BROWSER=1: the browser test did NOT run");
        return;
    }
    let driver_exe = path_of("CHROMEDRIVER", CHROMEDRIVER);
    assert!(
        driver_exe.exists(),
        "{} not found: the browser test needs Debian's chromium and chromium-driver — install them with\n  \
         apt-get install -y chromium chromium-driver fonts-noto-cjk\n\
         (or set CHROMEDRIVER and CHROMIUM to their paths; SOFTBALANCE_NO_BROWSER=1 opts out explicitly)",
        driver_exe.display()
    );
    let driver = start_driver(&driver_exe);

    // the dashboard, in process on a free loopback port
    let app = Arc::new(App::builtins().expect("the built-in cases load"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(softbalance_web::serve_on(listener, app.clone(), async {
        let _ = stopped.await;
    }));

    let profile = tempfile::tempdir().unwrap();
    let c = connect(&driver, profile.path()).await;
    let base = format!("http://{addr}");

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
    }
    assert_eq!(counts[0], counts[1], "a Simplified query finds the Traditional rows");
    save("evidence-search.png", &c.screenshot().await.unwrap());

    // --- a source page
    c.goto(&format!("{base}/case/us-china-ai/source/tortoise2020")).await.unwrap();
    assert!(until(20, "the source page's rows", || shown_rows(&c)).await >= 2);

    c.close().await.unwrap();
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    drop(driver);
}
