//! `softbalance cases`: the built-in cases, one line each.

use std::process::ExitCode;

/// List the built-in cases: id, dyad, period, evidence and what each is there to show.
///
/// Examples:
///
///   softbalance cases
///   softbalance analyze --case gbr-deu-1902
///   softbalance compare us-china-ai gbr-deu-1902
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(_: &Args) -> anyhow::Result<ExitCode> {
    for b in softbalance_case::BUILTINS {
        match softbalance_case::load_named(b.id).expect("listed") {
            Ok(c) => println!(
                "{:<16} {} → {}  {}–{}  {:>3} indicators {:>3} actions  {}",
                b.id,
                c.meta.balancer,
                c.meta.target,
                c.meta.period.0,
                c.meta.period.1,
                c.indicators.len(),
                c.actions.len(),
                b.role
            ),
            Err(e) => println!("{:<16} invalid: {e}", b.id),
        }
    }
    Ok(ExitCode::SUCCESS)
}
