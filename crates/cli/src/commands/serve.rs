//! `softbalance serve [--addr 127.0.0.1:8080] [CASE_DIR…]`: the local dashboard (softbalance-web)
//! over the built-in cases or the case folders given.

use super::Failure;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the dashboard: case overview, live what-if, evidence browser and a JSON API.
///
/// Without CASE_DIR, serves every built-in case (`softbalance cases`). Each folder is
/// validated first, as `softbalance check` does; an invalid one stops the server before it
/// starts, with the exit code of `analyze` (3-7). Binds loopback unless --addr says otherwise;
/// every page and asset is embedded in the binary and the pages make no request to any other
/// site. The what-if recomputes with 1,000 Monte Carlo draws and equals
/// `softbalance analyze --draws 1000 --set … --drop …` with the same settings.
/// Ctrl-C stops it. Exit codes: 0 stopped; 2 a bad --addr or the address is in use.
///
/// Examples:
///
///   softbalance serve                                     # the built-in cases on http://127.0.0.1:8080/
///   softbalance serve --addr 127.0.0.1:0                  # any free port (printed on start)
///   softbalance serve cases/us-china-ai path/to/my-case   # case folders instead
///   curl -s localhost:8080/api/cases
///   curl -s -X POST -d '{"sets":["threat.thresholds.severe=0.6"]}' localhost:8080/api/cases/us-china-ai/whatif
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Case folders to serve; the built-in cases when omitted.
    pub case_dirs: Vec<PathBuf>,
    /// Address to listen on (loopback by default; port 0 picks a free one).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let addr: SocketAddr = args.addr.parse().map_err(|_| {
        Failure::new(2, format!("--addr {:?}: expected HOST:PORT with an IP address, e.g. 127.0.0.1:8080", args.addr))
    })?;
    let app = if args.case_dirs.is_empty() {
        softbalance_web::App::builtins().map_err(|e| Failure::new(1, e))?
    } else {
        let mut cases = Vec::new();
        for d in &args.case_dirs {
            cases.push(super::load_case_named(Some(d), None)?);
        }
        softbalance_web::App::new(cases)
    };
    let n = app.cases.len();
    softbalance_web::run(addr, app, |local| {
        eprintln!("softbalance: serving {n} case{} on http://{local}/ (Ctrl-C stops)", if n == 1 { "" } else { "s" });
        if !local.ip().is_loopback() {
            eprintln!("softbalance: note: {} is not a loopback address; anyone who can reach it can read the cases", local.ip());
        }
    })
    .map_err(|e| Failure::new(2, format!("cannot serve on {addr}: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
