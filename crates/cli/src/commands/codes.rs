//! `softbalance codes`: the taxonomy at a glance.

use std::process::ExitCode;

/// Print the nine strategy codes with a one-line definition and the question that separates
/// each from its neighbours, in English and Chinese.
///
/// Examples:
///
///   softbalance codes
///   softbalance codes --lang zh
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only one language: en or zh (both by default).
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    print!("{}", softbalance_report::codes::text(args.lang.as_deref().map(|l| l == "zh")));
    Ok(ExitCode::SUCCESS)
}
