//! `softbalance sources [CASE_DIR | --case NAME] --format bibtex|csl-json [--out FILE]`: a
//! case's sources.csv as a bibliography for LaTeX (BibTeX) or Zotero, Pandoc and citeproc
//! (CSL-JSON). Rendering is softbalance_report::sources; this module only reads and writes.

use super::write_output;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export the sources of a case as a bibliography: one BibTeX `@misc` entry or one CSL-JSON
/// item per sources.csv row, in file order, keyed by the source id. Authors that read as
/// personal names are split into family and given names; institutions stay as written. The
/// Chinese title, other addresses and the case's note (what was read, `unverified: ...`) go
/// into the note field. A case that extends another exports the base's sources first.
///
/// Exit codes: 0 ok; 2 usage; 3-7 the case is invalid; 8 the file could not be written or
/// would overwrite an input.
///
/// Examples:
///
///   softbalance sources --format bibtex > us-china-ai.bib
///   softbalance sources --case us-china-ai-2025 --format csl-json --out refs.json
///   softbalance sources cases/my-case --format bibtex --out my-case.bib
///   pandoc paper.md --citeproc --bibliography refs.json -o paper.pdf
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub case: super::CaseArgs,
    /// Bibliography format.
    #[arg(long, value_enum)]
    pub format: SourcesFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourcesFormat {
    /// BibTeX `@misc` entries, LaTeX specials escaped.
    Bibtex,
    /// A CSL-JSON array (id, type, title, author, issued, URL).
    CslJson,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (case, _) = args.case.load()?;
    let text = match args.format {
        SourcesFormat::Bibtex => softbalance_report::sources::bibtex(&case.sources),
        SourcesFormat::CslJson => softbalance_report::sources::csl_json(&case.sources),
    };
    match &args.out {
        Some(path) => {
            // The files of the case and of every folder it extends are inputs.
            write_output(path, text.as_bytes(), args.case.inputs())?;
            eprintln!("wrote {} sources to {}", case.sources.len(), path.display());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
