//! `softbalance export [CASE_DIR] --out DIR`: tidy CSV tables for R and pandas.

use super::{write_output, Failure};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the analysis as tidy CSV tables (long format, keyed by case, year and ISO3/COW codes)
/// with a data dictionary: actions.csv, indicators.csv, by_year.csv, timeline.csv,
/// robustness.csv, sensitivity.csv, dictionary.csv.
///
/// Parquet is not in this build (it would pull Apache Arrow into the default build); read the
/// CSVs with `readr::read_csv` or `pandas.read_csv`.
///
/// Exit codes: 0 ok; 2 usage; 3-7 the case is invalid; 8 a file could not be written or would
/// overwrite an input.
///
/// Examples:
///
///   softbalance export --out us-china-ai-tables
///   softbalance export cases/my-case --out tables --no-coder
///   softbalance export --case gbr-deu-1902 --out gbr
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// Folder to write the tables into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Skip the text coder (the coder_label column stays empty).
    #[arg(long)]
    pub no_coder: bool,
    /// Monte Carlo draws (the manifest's when omitted).
    #[arg(long)]
    pub draws: Option<u32>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (mut case, _) = args.case.load()?;
    if let Some(d) = args.draws {
        case.params.robustness.draws = d;
    }
    let analysis = softbalance_core::analyze(&case);
    let agreement = if args.no_coder { None } else { super::agreement::machine_coding(&case) };
    if args.out.exists() && !args.out.is_dir() {
        return Err(Failure::new(8, format!("{} is a file; --out takes a folder", args.out.display())));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| Failure::new(8, format!("cannot create {}: {e}", args.out.display())))?;
    let inputs = args.case.inputs();
    let files = softbalance_report::export::csv_files(&case, &analysis, agreement.as_ref());
    for (name, text) in &files {
        write_output(&args.out.join(name), text.as_bytes(), inputs.clone())?;
    }
    eprintln!("wrote {} tables to {}", files.len(), args.out.display());
    Ok(ExitCode::SUCCESS)
}
