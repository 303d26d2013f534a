//! `softbalance new CASE_DIR`: scaffold an empty, valid case folder with commented examples.

use super::Failure;
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a new case folder with the five files and commented example rows.
///
/// The folder must not exist or be empty; nothing is ever overwritten (exit 8). The new case
/// answers `insufficient evidence` until you add evidence; `softbalance check DIR` lists what is
/// missing.
///
/// Examples:
///
///   softbalance new cases/jpn-chn-maritime --balancer JPN --target CHN --domain maritime --from 2012 --to 2024
///   softbalance new cases/sun-usa-1980s --balancer SUN --target USA --domain nuclear --year 1989
///   softbalance check cases/jpn-chn-maritime && softbalance analyze cases/jpn-chn-maritime
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Folder to create.
    pub case_dir: PathBuf,
    /// The balancing state, ISO 3166 alpha-3 (e.g. USA; ISO 3166-3 for dissolved states: SUN, YUG, DDR).
    #[arg(long)]
    pub balancer: String,
    /// The rival, ISO 3166 alpha-3 (e.g. CHN). Codes the gazetteer does not know as a state are refused with a suggestion.
    #[arg(long)]
    pub target: String,
    /// The domain, e.g. artificial-intelligence, semiconductors, maritime.
    #[arg(long)]
    pub domain: String,
    /// First year of the period (default: five years before --to).
    #[arg(long)]
    pub from: Option<i32>,
    /// Last year of the period (`--year` is the same flag).
    #[arg(long, alias = "year", default_value_t = 2024)]
    pub to: i32,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    for (flag, v) in [("--balancer", &args.balancer), ("--target", &args.target)] {
        if let Err(msg) = softbalance_case::manifest::check_state_code(v) {
            return Err(Failure::new(2, format!("{flag} {msg}")));
        }
    }
    if args.balancer == args.target {
        return Err(Failure::new(2, "--balancer and --target must differ"));
    }
    let from = args.from.unwrap_or(args.to - 5);
    for (flag, y) in [("--from", from), ("--to", args.to)] {
        if !(1000..=2999).contains(&y) {
            return Err(Failure::new(2, format!("{flag} {y}: expected a four-digit year")));
        }
    }
    if from > args.to {
        return Err(Failure::new(2, format!("--from {from} is after --to {}: the period runs forwards", args.to)));
    }
    let dir = &args.case_dir;
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Failure::new(8, format!("{} already exists and is not empty; choose a new folder (nothing was written)", dir.display())));
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure::new(8, format!("cannot create {}: {e}", dir.display())))?;
    let id: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect())
        .filter(|s: &String| !s.is_empty())
        .unwrap_or_else(|| "new-case".into());
    let domain: String = args.domain.replace('"', "'");
    for (name, content) in softbalance_case::scaffold::new_case(&id, &args.balancer, &args.target, &domain, from, args.to) {
        let path = dir.join(name);
        super::write_output(&path, content.as_bytes(), std::iter::empty())?;
    }
    // The scaffold must itself be a valid case.
    softbalance_case::load_dir(dir).map_err(|e| anyhow::anyhow!("internal error: the new case is invalid: {e}"))?;
    println!("created {} — next: edit the CSV files (see GUIDE.md), then `softbalance check {}`", dir.display(), dir.display());
    Ok(ExitCode::SUCCESS)
}
