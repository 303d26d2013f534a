//! `softbalance check [CASE_DIR]`: validate a case folder, list every error with its file,
//! line and field, and the warnings an analyst should read before trusting an answer.

use super::Failure;
use std::process::ExitCode;

/// Validate a case folder (the built-in case when omitted).
///
/// Lists every error as FILE:LINE: field COLUMN: what is wrong; what was expected. Then lists
/// warnings: components without evidence, a record too thin to read, actions that do not
/// count toward the balancer, dates outside the period. Warnings do not fail the check unless
/// --strict is given.
///
/// Exit codes: 0 valid (warnings printed); 3 missing folder or file; 4 not UTF-8; 5 malformed
/// table or manifest (missing column, wrong field count, bad TOML); 6 bad value (date, code,
/// kind, number, empty or duplicate id); 7 dangling reference (source, actor, balancer,
/// target); 9 warnings under --strict.
///
/// Examples:
///
///   softbalance check                       # the built-in case
///   softbalance check cases/my-case
///   softbalance check cases/my-case --strict && softbalance analyze cases/my-case
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// Treat warnings as errors (exit 9).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (case, origin) = args.case.load()?;
    let dated = case.actions.iter().filter(|a| a.date.month.is_some()).count();
    let warnings = softbalance_case::warnings(&case);
    println!(
        "ok: {origin} is a valid case ({} → {}, {}, {}–{}): {} sources, {} actors, {} indicators, {} actions ({} dated to the month or day), {} with friction-test features; every indicator and action cites a source",
        case.meta.balancer,
        case.meta.target,
        case.meta.domain,
        case.meta.period.0,
        case.meta.period.1,
        case.sources.len(),
        case.actors.len(),
        case.indicators.len(),
        case.actions.len(),
        dated,
        case.actions.iter().filter(|a| a.friction.is_some()).count()
    );
    for w in &warnings {
        println!("warning: {w}");
    }
    if args.strict && !warnings.is_empty() {
        return Err(Failure::new(9, format!("{} warnings under --strict", warnings.len())));
    }
    Ok(ExitCode::SUCCESS)
}
