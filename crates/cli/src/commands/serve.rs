//! `softbalance serve [--addr 127.0.0.1:8080] [--panel FILE] [CASE_DIR…]`: the local dashboard
//! (softbalance-web) over the built-in cases or the case folders given, with an event panel.
//! The dashboard is the `dashboard` cargo feature (its HTTP stack is a long cold build); a
//! build without it says how to get it.

use super::Failure;
#[cfg(feature = "dashboard")]
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the dashboard: case overview, live what-if, evidence browser, compare, escalation
/// timeline, text coder, validation, event panel, and a JSON API (OpenAPI at /api/openapi.json).
///
/// Without CASE_DIR, serves every built-in case (`softbalance cases`). Each folder is
/// validated first, as `softbalance check` does; a valid one is served, an invalid one is not
/// and its problems (file, line, field) are listed on the validation page and printed here.
/// --panel FILE loads a panel written by `softbalance events panel --out FILE.csv` for the
/// events page. Binds loopback unless --addr says otherwise; every page and asset is embedded
/// in the binary and the pages make no request to any other site. The what-if recomputes with
/// 1,000 Monte Carlo draws and equals `softbalance analyze --draws 1000 --set … --drop …`
/// with the same settings. Ctrl-C stops it (requests in flight finish first).
/// Exit codes: 0 stopped; 2 a bad --addr or the address is in use.
///
/// Examples:
///
///   softbalance serve                                     # the built-in cases on http://127.0.0.1:8080/
///   softbalance serve --addr 127.0.0.1:0                  # any free port (printed on start)
///   softbalance serve cases/us-china-ai path/to/my-case   # case folders instead
///   softbalance serve --panel panel.csv                   # with an event panel on /events
///   curl -s localhost:8080/api/cases
///   curl -s -X POST -d '{"sets":["threat.thresholds.severe=0.6"]}' localhost:8080/api/cases/us-china-ai/whatif
///   curl -s --data-binary @speech.html -H 'content-type: text/html' localhost:8080/api/code
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Case folders to serve; the built-in cases when omitted.
    pub case_dirs: Vec<PathBuf>,
    /// Address to listen on (loopback by default; port 0 picks a free one).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// An event panel (CSV written by `softbalance events panel`) for the events page.
    #[arg(long, value_name = "FILE")]
    pub panel: Option<PathBuf>,
}

/// Without the `dashboard` feature: say how to build a binary that has it (exit 2).
#[cfg(not(feature = "dashboard"))]
pub fn run(_args: &Args) -> anyhow::Result<ExitCode> {
    Err(Failure::new(
        2,
        "this build has no dashboard; build it with `cargo build --release -p softbalance --features dashboard` (or run `cargo run --release -p softbalance --features dashboard -- serve`)",
    ))
}

#[cfg(feature = "dashboard")]
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let addr: SocketAddr = args.addr.parse().map_err(|_| {
        Failure::new(
            2,
            format!(
                "--addr {:?}: expected HOST:PORT with an IP address, e.g. 127.0.0.1:8080",
                args.addr
            ),
        )
    })?;
    let mut app = if args.case_dirs.is_empty() {
        softbalance_web::App::builtins().map_err(|e| Failure::new(1, e))?
    } else {
        softbalance_web::App::from_dirs(&args.case_dirs)
    };
    for v in app.validations.iter().filter(|v| !v.is_valid()) {
        eprintln!(
            "softbalance: {} is not served: {} problem{} (exit code {} under `softbalance check`):",
            v.origin,
            v.problems.len(),
            if v.problems.len() == 1 { "" } else { "s" },
            v.exit_code
        );
        for p in &v.problems {
            let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
            let field = p
                .field
                .as_deref()
                .map(|f| format!("field {f}: "))
                .unwrap_or_default();
            eprintln!("  {}{line}: {field}{}", p.file, p.message);
        }
    }
    if let Some(panel) = &args.panel {
        app = app.with_panel(panel);
        match &app.panel {
            Some(Ok(p)) => eprintln!("softbalance: panel {}: {} dyad-years", p.path, p.rows.len()),
            Some(Err(e)) => eprintln!(
                "softbalance: panel {} not loaded: {}",
                e.path,
                e.problems.join("; ")
            ),
            None => {}
        }
    }
    let n = app.cases.len();
    let invalid = app.validations.iter().filter(|v| !v.is_valid()).count();
    softbalance_web::run(addr, app, |local| {
        let problems = if invalid > 0 { format!("; {invalid} invalid folder{} on /validation", if invalid == 1 { "" } else { "s" }) } else { String::new() };
        eprintln!("softbalance: serving {n} case{} on http://{local}/ (Ctrl-C stops){problems}", if n == 1 { "" } else { "s" });
        eprintln!("softbalance: open http://{local}/ in a browser; the API is described at http://{local}/api/openapi.json");
        if !local.ip().is_loopback() {
            eprintln!("softbalance: note: {} is not a loopback address; anyone who can reach it can read the cases", local.ip());
        }
    })
    .map_err(|e| Failure::new(2, format!("cannot serve on {addr}: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
