//! `softbalance export [CASE_DIR] --out DIR [--format csv|parquet]`: tidy tables for R and
//! pandas, as CSV (every build) or Parquet (the `events` build, which already has Arrow).

use super::{write_output, Failure};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the analysis as tidy tables (long format, keyed by case, year and ISO3/COW codes)
/// with a data dictionary: actions, indicators, by_year, timeline, robustness, sensitivity and
/// dictionary (file, column, type, meaning), one file each.
///
/// --format csv (the default) works in every build; read the files with `readr::read_csv` or
/// `pandas.read_csv`. --format parquet needs the `events` build (Apache Arrow comes with the
/// event engine and is kept out of the default build); `arrow::read_parquet` or
/// `pandas.read_parquet` read it with the column types of the dictionary.
///
/// Exit codes: 0 ok; 2 usage (parquet in a build without it); 3-7 the case is invalid; 8 a
/// file could not be written or would overwrite an input.
///
/// Examples:
///
///   softbalance export --out us-china-ai-tables
///   softbalance export cases/my-case --out tables --no-coder
///   softbalance export --case gbr-deu-1902 --out gbr --format parquet   # the events build
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// Folder to write the tables into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// File format of the tables.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// Skip the text coder (the coder_label column stays empty).
    #[arg(long)]
    pub no_coder: bool,
    /// Monte Carlo draws (the manifest's when omitted).
    #[arg(long)]
    pub draws: Option<u32>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    /// Apache Parquet (the `events` build only).
    Parquet,
}

/// What `--format parquet` says in a build without Arrow.
#[cfg(not(feature = "events"))]
const NO_PARQUET: &str = "--format parquet is not in this build: Parquet comes with Apache Arrow, which only the \
     `events` build has (it takes minutes to compile, so it is off by default). Build it with\n  \
     cargo build --release -p softbalance --features events\n\
     and run target/release/softbalance export --format parquet …, or use --format csv";

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    #[cfg(not(feature = "events"))]
    if args.format == TableFormat::Parquet {
        return Err(Failure::new(2, NO_PARQUET));
    }
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
    let ext = match args.format {
        TableFormat::Csv => "csv",
        TableFormat::Parquet => "parquet",
    };
    let tables = softbalance_report::export::tables(&case, &analysis, agreement.as_ref(), ext);
    for table in &tables {
        let path = args.out.join(format!("{}.{ext}", table.name));
        let bytes = match args.format {
            TableFormat::Csv => softbalance_report::export::csv_text(table).into_bytes(),
            #[cfg(feature = "events")]
            TableFormat::Parquet => parquet::bytes(table).map_err(|e| Failure::new(8, format!("cannot write {}: {e}", path.display())))?,
            #[cfg(not(feature = "events"))]
            TableFormat::Parquet => unreachable!("refused above"),
        };
        write_output(&path, &bytes, inputs.clone())?;
    }
    eprintln!("wrote {} tables to {}", tables.len(), args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// The report crate's typed tables as the events crate's Parquet columns.
#[cfg(feature = "events")]
pub mod parquet {
    use softbalance_events::tidy_parquet::{self, TidyColumn, TidyValues};
    use softbalance_report::export::{Table, Values};

    pub fn columns(table: &Table) -> Vec<TidyColumn> {
        table
            .columns
            .iter()
            .map(|c| TidyColumn {
                name: c.name.to_string(),
                values: match &c.values {
                    Values::Text(v) => TidyValues::Text(v.clone()),
                    Values::Integer(v) => TidyValues::Integer(v.clone()),
                    Values::Float(v) => TidyValues::Float(v.clone()),
                    Values::Boolean(v) => TidyValues::Boolean(v.clone()),
                },
            })
            .collect()
    }

    pub fn bytes(table: &Table) -> Result<Vec<u8>, softbalance_events::Error> {
        tidy_parquet::write(table.name, &columns(table))
    }
}
