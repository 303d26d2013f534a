//! `softbalance extract`: documents to a draft case. Reads each document, refuses (and counts)
//! what it cannot read, and writes the drafted actions and one source per document; all the
//! work is in `softbalance_coder::extract`, this module parses flags and writes files.

use super::Failure;
use softbalance_coder::extract::{self, documents, table, Options};
use softbalance_coder::Coder;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Draft a case's actions from documents: press releases, statements, reports.
///
/// Reads plain text (.txt), Markdown (.md), HTML (.html, .htm; scripts, styles and navigation
/// dropped; a declared GBK or Big5 charset decoded) and the text layer of PDF (.pdf), chosen
/// by content and extension. Splits each into sentences (English and both Chinese scripts),
/// keeps those that report an act of the balancer toward the target (or of the target toward
/// the balancer: those rows have the target as actor), codes each with the bundled coder, and
/// dates it: from the sentence itself (date_basis event), else the nearest dated sentence
/// before it (date_basis inferred), else the document's own date, from its metadata or its
/// dateline (date_basis publication); a row nothing dates has an empty date, which `check`
/// refuses until you date it. Sentences the coder codes `none`, that name neither state, or
/// that report a third state's act are skipped and counted.
///
/// The actions table is in the case format with review columns the loader ignores: x_file,
/// x_start and x_end (byte offsets of the sentence in the document's normalised text, which
/// --text-out writes), x_confidence, x_runner_up, x_cue, x_date_from (event, context,
/// publication or unknown) and x_date_evidence (the words that dated it). Every row is a
/// draft: read it, fix the code, date and wording, drop what is not an action.
///
/// A file that cannot be read is refused with its name and the reason; the others are still
/// drafted, and the command exits with the refusal's code (3 unreadable, 4 not UTF-8, 5 not a
/// readable format or no text).
///
/// Examples:
///
///   softbalance new my-case --balancer USA --target CHN --domain semiconductors
///   softbalance extract press/*.html press/*.pdf --balancer USA --target CHN \
///       --out my-case/actions.csv --sources-out my-case/sources.csv
///   softbalance check my-case
///
///   softbalance extract statement.txt --balancer USA --target CHN          (table on stdout)
///   softbalance extract report.pdf --balancer JPN --target CHN --text-out texts/
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Documents to read.
    #[arg(required = true, value_name = "DOC")]
    pub documents: Vec<PathBuf>,
    /// The balancing state, ISO 3166 alpha-3 (e.g. USA).
    #[arg(long)]
    pub balancer: String,
    /// The rival, ISO 3166 alpha-3 (e.g. CHN).
    #[arg(long)]
    pub target: String,
    /// Write the drafted actions here (standard output when omitted).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write one sources row per document here (ids S-X001…, the ones the actions cite).
    #[arg(long, value_name = "FILE")]
    pub sources_out: Option<PathBuf>,
    /// Write each document's normalised text into DIR (NAME.txt), the text the offsets index.
    #[arg(long, value_name = "DIR")]
    pub text_out: Option<PathBuf>,
}

/// The header under which the date's basis is written: the loader's own column once it
/// knows one, else an analyst's column it keeps and ignores.
fn date_basis_column() -> &'static str {
    if softbalance_case::load::ACTIONS_COLUMNS.contains(&"date_basis") {
        "date_basis"
    } else {
        "x_date_basis"
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    for (flag, v) in [("--balancer", &args.balancer), ("--target", &args.target)] {
        if let Err(msg) = softbalance_case::manifest::check_state_code(v.trim()) {
            return Err(Failure::new(2, format!("{flag} {msg}")));
        }
    }
    let opts = Options::new(&args.balancer, &args.target);
    if opts.balancer == opts.target {
        return Err(Failure::new(2, format!("--balancer and --target are both {}; give two states", opts.balancer)));
    }
    if args.out.is_some() && args.out == args.sources_out {
        return Err(Failure::new(2, "--out and --sources-out name the same file; give two files"));
    }
    let inputs: Vec<PathBuf> = args.documents.clone();
    let mut stderr = std::io::stderr().lock();
    let mut docs = Vec::new();
    let mut refused = Vec::new();
    for path in &args.documents {
        match documents::read_path(path) {
            Ok(d) => docs.push(d),
            Err(r) => {
                writeln!(stderr, "softbalance: refused {r}")?;
                refused.push(r);
            }
        }
    }
    if docs.is_empty() {
        let first = &refused[0];
        return Err(Failure::new(first.exit_code(), format!("no document could be read ({} refused; see above)", refused.len())));
    }
    let x = extract::extract(Coder::shared(), docs, &opts);
    let actions = table::actions_csv(&x, date_basis_column());
    match &args.out {
        Some(p) => super::write_output(p, actions.as_bytes(), inputs.iter().cloned())?,
        None => std::io::stdout().lock().write_all(actions.as_bytes())?,
    }
    if let Some(p) = &args.sources_out {
        super::write_output(p, table::sources_csv(&x).as_bytes(), inputs.iter().cloned())?;
    }
    if let Some(dir) = &args.text_out {
        std::fs::create_dir_all(dir).map_err(|e| Failure::new(8, format!("cannot create {}: {e}", dir.display())))?;
        for d in &x.documents {
            let stem = std::path::Path::new(&d.document.name).file_name().map_or_else(|| d.source.clone(), |n| n.to_string_lossy().into_owned());
            super::write_output(&dir.join(format!("{stem}.txt")), d.document.text.as_bytes(), inputs.iter().cloned())?;
        }
    }
    // The account of what was read and skipped.
    for d in &x.documents {
        let c = d.counts;
        writeln!(
            stderr,
            "{} ({}, {}): {} sentences: {} rows; skipped {} no action, {} naming neither {} nor {}, {} a third state's act",
            d.document.name,
            d.document.format.as_str(),
            d.source,
            c.sentences,
            c.rows,
            c.no_action,
            c.neither_state,
            opts.balancer,
            opts.target,
            c.third_party
        )?;
    }
    let t = x.totals();
    let undated = x.rows.iter().filter(|r| r.date.is_none()).count();
    let by_target = x.rows.iter().filter(|r| r.actor == opts.target).count();
    writeln!(
        stderr,
        "extract: {} documents read, {} refused; {} rows ({} acts of {}), {} undated (date them before `softbalance check`); {} of {} sentences skipped",
        x.documents.len(),
        refused.len(),
        t.rows,
        by_target,
        opts.target,
        undated,
        t.sentences - t.rows,
        t.sentences
    )?;
    if date_basis_column() != "date_basis" {
        writeln!(stderr, "extract: the date's basis is in column x_date_basis (this build's case format has no date_basis column)")?;
    }
    match refused.first() {
        Some(r) => Ok(ExitCode::from(r.exit_code())),
        None => Ok(ExitCode::SUCCESS),
    }
}
