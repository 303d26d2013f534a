//! `softbalance check [CASE_DIR]`: validate a case folder and list every problem with its
//! file, line and field.

use super::load_case;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validate a case folder (the built-in case when omitted).
///
/// Lists every problem as FILE:LINE: field COLUMN: what is wrong; what was expected.
/// Exit codes: 0 valid; 3 missing folder or file; 4 not UTF-8; 5 malformed table or
/// manifest (missing column, wrong field count, bad TOML); 6 bad value (date, code, kind,
/// number, empty or duplicate id); 7 dangling reference (source, actor, balancer, target).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Case folder; the built-in case when omitted.
    pub case_dir: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (case, origin) = load_case(args.case_dir.as_deref())?;
    let dated = case.actions.iter().filter(|a| a.date.month.is_some()).count();
    println!(
        "ok: {origin} is a valid case ({} → {}, {}, {}–{}): {} sources, {} actors, {} indicators, {} actions ({} dated to the month or day); every indicator and action cites a source",
        case.meta.balancer,
        case.meta.target,
        case.meta.domain,
        case.meta.period.0,
        case.meta.period.1,
        case.sources.len(),
        case.actors.len(),
        case.indicators.len(),
        case.actions.len(),
        dated
    );
    Ok(ExitCode::SUCCESS)
}
