//! `softbalance compare CASE…`: cases side by side (built-in names or folders).

use super::{load_case_named, Failure};
use std::path::Path;
use std::process::ExitCode;

/// Put cases side by side: threat and its components, interests, prediction and its
/// robustness, the observed record, the friction test's pass share and the verdict.
///
/// Each CASE is a case folder or, where no folder of that name exists, a built-in case name
/// (`softbalance cases`).
///
/// Examples:
///
///   softbalance compare us-china-ai gbr-deu-1902 fra-deu-2010s
///   softbalance compare us-china-ai cases/my-case --format markdown
///   softbalance compare us-china-ai gbr-deu-1902 --lang zh-Hant
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Built-in case names or case folders (at least one).
    #[arg(required = true)]
    pub cases: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = super::analyze::FormatArg::Text)]
    pub format: super::analyze::FormatArg,
    /// Language of the labels and cells (text and Markdown; JSON stays language-neutral).
    #[arg(long, value_enum, default_value_t = super::analyze::LangArg::En)]
    pub lang: super::analyze::LangArg,
    /// Monte Carlo draws per case (fewer than the manifests' for speed).
    #[arg(long, default_value_t = 2000)]
    pub draws: u32,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut loaded = Vec::new();
    for c in &args.cases {
        // A folder of that name, else a built-in case's name (as in `analyze`).
        let (mut case, _) = load_case_named(Some(Path::new(c)), None)?;
        case.params.robustness.draws = args.draws;
        let a = softbalance_core::analyze(&case);
        loaded.push((case, a));
    }
    let pairs: Vec<(&softbalance_core::Case, &softbalance_core::Analysis)> = loaded.iter().map(|(c, a)| (c, a)).collect();
    let out = match args.format {
        super::analyze::FormatArg::Text => softbalance_report::compare::text(&pairs, args.lang.lang()),
        super::analyze::FormatArg::Markdown => softbalance_report::compare::markdown(&pairs, args.lang.lang()),
        super::analyze::FormatArg::Json => softbalance_report::compare::json(&pairs),
        super::analyze::FormatArg::Html => return Err(Failure::new(2, "compare: use --format text, markdown or json")),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
