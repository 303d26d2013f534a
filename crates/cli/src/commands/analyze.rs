//! `softbalance analyze [CASE_DIR]`: validate a case (the built-in one by default), apply
//! what-if changes, run the model, and print or write the report or the per-year timeline.

use super::{write_output, Failure};
use softbalance_report::{Format, Lang};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Run the soft-balancing model on a case and report the answer.
///
/// Without CASE_DIR, analyses the built-in case `us-china-ai` (U.S. AI strategy toward China,
/// after Chang 2022). Exit codes: 0 ok; 2 a bad --set/--drop; 3-7 the case is invalid (see
/// `softbalance check`); 8 the output could not be written.
///
/// Examples:
///
///   softbalance analyze                                   # the built-in case, terminal summary
///   softbalance analyze cases/my-case --format markdown --out report.md
///   softbalance analyze --format html --lang zh-Hant --out report.html   # one self-contained file
///   softbalance analyze --lang zh-Hans                    # every sentence in Simplified Chinese
///   softbalance analyze --set interests.weights.economic=0 --set interests.weights.cooperation=0
///   softbalance analyze --set threat.thresholds.severe=0.6 --drop I006,A012 --drop-source tortoise2020
///   softbalance analyze --by-year                         # the escalation timeline, 2014-2022
///   softbalance analyze --case gbr-deu-1902               # another built-in case (softbalance cases)
///   softbalance analyze --format json --out a.json && softbalance analyze --set method.min_coverage=0.9 --format json --out b.json && softbalance diff a.json b.json
///
/// Keys for --set: every number of case.toml's [threat], [interests], [method], [observed] and
/// [robustness] tables by its dotted name (threat.weights.intentions, method.intent_saturation,
/// observed.magnitude.hard.external, robustness.draws, …; docs/methodology.md lists them with
/// their defaults), and interests.areas=a,b,c.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
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
    /// What-if: set a parameter, KEY=VALUE (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// What-if: drop indicators or actions by id (comma-separated, repeatable).
    #[arg(long = "drop", value_name = "ID,…")]
    pub drops: Vec<String>,
    /// What-if: drop the rows that cite only this source (repeatable).
    #[arg(long = "drop-source", value_name = "SOURCE")]
    pub drop_sources: Vec<String>,
    /// Print the escalation timeline: the model on the evidence up to each year of the period.
    #[arg(long)]
    pub by_year: bool,
    /// Language of the report's sentences, labels and headings (text, Markdown, HTML and the
    /// timeline; JSON stays language-neutral).
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// Skip machine-coding the case's actions with the text coder.
    #[arg(long)]
    pub no_coder: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Markdown,
    Json,
    /// One self-contained HTML file with charts (no network requests; prints on A4).
    Html,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    #[value(name = "en")]
    En,
    #[value(name = "zh-Hant")]
    ZhHant,
    #[value(name = "zh-Hans")]
    ZhHans,
}

fn format_of(f: FormatArg) -> Format {
    match f {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Json => Format::Json,
        FormatArg::Html => Format::Html,
    }
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::ZhHant => Lang::ZhHant,
            LangArg::ZhHans => Lang::ZhHans,
        }
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (mut case, _origin) = args.case.load()?;
    if let Some(d) = args.draws {
        if d > 1_000_000 {
            return Err(Failure::new(2, "--draws: at most 1,000,000"));
        }
        case.params.robustness.draws = d;
    }
    if let Some(s) = args.seed {
        case.params.robustness.seed = s;
    }
    let mut adjustments = softbalance_case::whatif::apply(&mut case, &args.sets, &args.drops, &args.drop_sources)
        .map_err(|e| Failure::new(2, e.0))?;
    if args.draws.is_some() {
        adjustments.push(format!("robustness.draws = {}", case.params.robustness.draws));
    }
    let report = if args.by_year {
        let rows = softbalance_core::timeline::by_year(&case);
        match args.format {
            FormatArg::Text => softbalance_report::timeline::text(&case, &rows, args.lang.lang()),
            FormatArg::Markdown => softbalance_report::timeline::markdown(&case, &rows, args.lang.lang()),
            FormatArg::Json => softbalance_report::timeline::json(&case, &rows),
            FormatArg::Html => {
                return Err(Failure::new(2, "--by-year: use --format text, markdown or json (the HTML report of `analyze --format html` draws the escalation timeline)"))
            }
        }
    } else {
        // The text coder trains at start-up; it runs beside the engine on a second thread.
        let (analysis, agreement) = std::thread::scope(|s| {
            let coder = (!args.no_coder).then(|| s.spawn(|| super::agreement::machine_coding(&case)));
            let analysis = softbalance_core::analyze(&case);
            (analysis, coder.and_then(|h| h.join().expect("the coder thread does not panic")))
        });
        softbalance_report::render(&case, &analysis, agreement.as_ref(), &adjustments, format_of(args.format), args.lang.lang())
    };
    match &args.out {
        Some(path) => {
            write_output(path, report.as_bytes(), args.case.inputs())?;
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
