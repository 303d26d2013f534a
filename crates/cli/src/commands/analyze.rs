//! `softbalance analyze [CASE_DIR]`: validate a case (the built-in one by default), run the
//! model, and print or write the report.

use super::{load_case, write_output, Failure};
use softbalance_report::Format;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Run the soft-balancing model on a case and report the answer.
///
/// Without CASE_DIR, analyses the built-in case `us-china-ai` (U.S. AI strategy toward China,
/// after Chang 2022). Exit codes: 0 ok; 3-7 the case is invalid (see `softbalance check`);
/// 8 the output could not be written.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Case folder (see docs/case-format.md); the built-in case when omitted.
    pub case_dir: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Override the number of Monte Carlo draws of the manifest.
    #[arg(long, value_name = "N")]
    pub draws: Option<u32>,
    /// Override the Monte Carlo seed of the manifest.
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// Skip machine-coding the case's actions with the text coder.
    #[arg(long)]
    pub no_coder: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Markdown,
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Json => Format::Json,
        }
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (mut case, _origin) = load_case(args.case_dir.as_deref())?;
    if let Some(d) = args.draws {
        if d > 1_000_000 {
            return Err(Failure::new(2, "--draws: at most 1,000,000"));
        }
        case.params.robustness.draws = d;
    }
    if let Some(s) = args.seed {
        case.params.robustness.seed = s;
    }
    let analysis = softbalance_core::analyze(&case);
    let agreement = if args.no_coder { None } else { super::agreement::machine_coding(&case) };
    let report = softbalance_report::render(&case, &analysis, agreement.as_ref(), args.format.into());
    match &args.out {
        Some(path) => {
            let inputs = args.case_dir.iter().flat_map(|d| softbalance_case::FILES.iter().map(move |f| d.join(f)));
            write_output(path, report.as_bytes(), inputs)?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(report.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
