//! `softbalance diff A.json B.json`: two runs side by side.

use super::Failure;
use std::path::PathBuf;
use std::process::ExitCode;

/// Show two JSON reports side by side: which scores, levels, responses and verdicts changed.
///
/// Exit codes: 0 the reports were compared (whether or not anything changed); 3 a file is
/// missing; 5 a file is not a softbalance JSON report.
///
/// Examples:
///
///   softbalance analyze --format json --out base.json
///   softbalance analyze --set interests.weights.economic=0 --format json --out whatif.json
///   softbalance diff base.json whatif.json
///   softbalance diff base.json whatif.json --lang zh-Hans
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The first report (`analyze --format json`).
    pub a: PathBuf,
    /// The second report.
    pub b: PathBuf,
    /// Language of the field labels and the summary line.
    #[arg(long, value_enum, default_value_t = super::analyze::LangArg::En)]
    pub lang: super::analyze::LangArg,
}

fn read(p: &PathBuf) -> anyhow::Result<serde_json::Value> {
    let bytes = std::fs::read(p).map_err(|e| Failure::new(3, format!("{}: {e}", p.display())))?;
    serde_json::from_slice(&bytes).map_err(|e| Failure::new(5, format!("{}: not JSON: {e}", p.display())))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (a, b) = (read(&args.a)?, read(&args.b)?);
    let rows = softbalance_report::diff::compare(&a, &b).map_err(|e| Failure::new(5, e))?;
    print!("{}", softbalance_report::diff::text(&rows, &args.a.display().to_string(), &args.b.display().to_string(), &a, &b, args.lang.lang()));
    Ok(ExitCode::SUCCESS)
}
