//! `softbalance events …`: event data (GDELT 1.0/2.0, ICEWS, POLECAT) to soft-balancing dyad
//! panels. `panel` writes a directed-dyad × period table (Parquet or CSV); `summary` prints
//! one dyad's profile over time. All the work is in the softbalance-events crate; this file
//! parses arguments, maps errors to the documented exit codes (docs/events.md) and prints the
//! reconciliation line `rows read = used + unmapped + rejected + duplicates` on stderr.

use super::Failure;
use softbalance_core::strategy::StrategyCode;
use softbalance_events::{run_panel, Engine, Error, Format, Panel, PanelOptions, Period};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Build a directed-dyad panel of strategy counts from event files.
    ///
    /// One row per directed dyad (actor → target) and period, with counts for the nine
    /// strategy codes (offset_internal … cooperation), total events, Goldstein sum and mean,
    /// the soft-balancing index and the hard share, COW and GW codes (peacesciencer's
    /// ccode1/ccode2/gwcode1/gwcode2). Inside the input's coverage a dyad with no events has
    /// zeros; outside it the counts are missing. Bad rows are counted and, with --rejects,
    /// written with file and line; rows whose event id another file already gave are
    /// dropped (--no-dedupe keeps them). Outputs are written atomically and never over an
    /// input.
    ///
    /// Exit codes by phase: 0 ok; 2 usage; 3 input missing or unreadable; 4 format (an input
    /// file is empty or every row of it was rejected: nothing in the format expected);
    /// 5 bad mapping table; 8 output (not writable, or the same file as an input);
    /// 9 engine failure or counts that do not reconcile.
    ///
    /// Examples:
    ///   softbalance events panel 2016.export.CSV --out panel.csv --rejects rejects.tsv
    ///   softbalance events panel icews/ --dyads USA:CHN,CHN:USA --from 2010 --to 2018 --out p.parquet
    ///   softbalance events panel polecat.tsv --latin1 --period month --out p.csv
    #[command(verbatim_doc_comment)]
    Panel(PanelArgs),
    /// Print one dyad's profile over time: counts per strategy code, index and hard share.
    ///
    /// Same inputs, options and exit codes as `panel`.
    ///
    /// Example:
    ///   softbalance events summary icews_events.2018.tab --dyad USA:CHN
    #[command(verbatim_doc_comment)]
    Summary(SummaryArgs),
}

/// Options shared by `panel` and `summary`.
#[derive(clap::Args, Debug)]
pub struct Common {
    /// Event files, folders or globs (plain, .gz or .zip).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Source format; `auto` detects it per file from the header or the column count.
    #[arg(long, default_value = "auto", value_name = "auto|gdelt1|gdelt2|icews|polecat")]
    pub format: String,
    /// First year to keep.
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last year to keep.
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// Period of a panel row.
    #[arg(long, default_value = "year", value_name = "year|month")]
    pub period: String,
    /// Where the SQL runs: in-process DataFusion, or a Ballista scheduler.
    #[arg(long, default_value = "local", value_name = "local|ballista://HOST:PORT")]
    pub engine: String,
    /// Write rejected rows here (TSV: file, line, reason, raw row).
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Folder with cameo.csv and/or plover.csv replacing the built-in mapping tables.
    #[arg(long, value_name = "DIR")]
    pub mappings: Option<PathBuf>,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Memory limit of the engine in MiB (aggregation spills to disk beyond it).
    #[arg(long, value_name = "MIB")]
    pub memory_mib: Option<usize>,
    /// Read bytes that are not valid UTF-8 as Latin-1 (some POLECAT releases) instead of
    /// rejecting the row ("bad encoding").
    #[arg(long)]
    pub latin1: bool,
    /// Drop rows whose event id (GDELT GLOBALEVENTID, ICEWS Event ID + Event Date, POLECAT
    /// Event ID) another input file already gave; on by default.
    #[arg(long, overrides_with = "no_dedupe")]
    pub dedupe: bool,
    /// Keep repeated event ids (count every row of every file).
    #[arg(long, overrides_with = "dedupe")]
    pub no_dedupe: bool,
}

#[derive(clap::Args, Debug)]
pub struct PanelArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output file: .parquet or .csv.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Directed dyads to keep, e.g. USA:CHN,CHN:USA (ISO3 or group codes). With this, every
    /// listed dyad gets a row for every period in --from..--to.
    #[arg(long, value_name = "A:B,…")]
    pub dyads: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub common: Common,
    /// The directed dyad, e.g. USA:CHN.
    #[arg(long, value_name = "A:B")]
    pub dyad: String,
}

pub fn run(c: &Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Panel(a) => panel(a),
        Command::Summary(a) => summary(a),
    }
}

fn parse_dyads(s: &str) -> anyhow::Result<Vec<(String, String)>> {
    s.split(',')
        .filter(|d| !d.trim().is_empty())
        .map(|d| {
            let (a, b) = d.trim().split_once(':').ok_or_else(|| Failure::new(2, format!("--dyads {d:?}: expected A:B, e.g. USA:CHN")))?;
            let ok = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if !ok(a) || !ok(b) || a == b {
                return Err(Failure::new(2, format!("--dyads {d:?}: expected two different codes in capitals, e.g. USA:CHN")));
            }
            Ok((a.to_string(), b.to_string()))
        })
        .collect()
}

fn options(c: &Common, dyads: Option<Vec<(String, String)>>) -> anyhow::Result<PanelOptions> {
    let format = match c.format.trim() {
        "auto" => None,
        f => Some(f.parse::<Format>().map_err(|e| Failure::new(2, format!("--format: {e}")))?),
    };
    let period = match c.period.trim() {
        "year" => Period::Year,
        "month" => Period::Month,
        p => return Err(Failure::new(2, format!("--period {p:?}: expected year or month"))),
    };
    let engine = c.engine.parse::<Engine>().map_err(|e| Failure::new(2, format!("--engine: {e}")))?;
    if let (Some(f), Some(t)) = (c.from, c.to) {
        if f > t {
            return Err(Failure::new(2, format!("--from {f} is after --to {t}")));
        }
    }
    Ok(PanelOptions {
        inputs: c.inputs.clone(),
        format,
        period,
        dyads,
        from: c.from,
        to: c.to,
        engine,
        rejects: c.rejects.clone(),
        mappings_dir: c.mappings.clone(),
        threads: c.threads,
        progress: std::io::stderr().is_terminal(),
        memory_limit: c.memory_mib.map(|m| m * 1024 * 1024),
        latin1: c.latin1,
        dedupe: !c.no_dedupe,
        ..PanelOptions::default()
    })
}

fn compute(opts: &PanelOptions) -> anyhow::Result<Panel> {
    run_panel(opts).map_err(|e| {
        let code = match &e {
            Error::Input(_) | Error::Io { .. } => 3,
            Error::Format(_) => 4,
            Error::Mapping { .. } => 5,
            Error::Config(_) => 2,
            Error::Output(_) => 8,
            Error::Engine(_) | Error::Unbalanced(_) => 9,
        };
        Failure::new(code, e.to_string())
    })
}

fn report(panel: &Panel) {
    let s = &panel.stats;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", s.reconciliation());
    let reasons = |m: &std::collections::BTreeMap<String, u64>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    if s.unmapped > 0 {
        let _ = writeln!(err, "  unmapped: {}", reasons(&s.unmapped_by_reason));
        if !s.unmapped_codes.is_empty() {
            let _ = writeln!(err, "  unknown codes: {}", reasons(&s.unmapped_codes));
        }
    }
    if s.rejected > 0 {
        let _ = writeln!(err, "  rejected: {}", reasons(&s.rejected_by_reason));
    }
}

fn panel(a: &PanelArgs) -> anyhow::Result<ExitCode> {
    let dyads = a.dyads.as_deref().map(parse_dyads).transpose()?;
    let ext = a.out.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if ext != "parquet" && ext != "csv" {
        return Err(Failure::new(2, format!("--out {}: expected a .parquet or .csv file", a.out.display())));
    }
    let mut opts = options(&a.common, dyads)?;
    opts.out = Some(a.out.clone());
    let panel = compute(&opts)?;
    panel.write(&a.out).map_err(|e| Failure::new(8, e.to_string()))?;
    report(&panel);
    eprintln!("wrote {} panel rows to {}", panel.rows.len(), a.out.display());
    Ok(ExitCode::SUCCESS)
}

fn summary(a: &SummaryArgs) -> anyhow::Result<ExitCode> {
    let dyad = parse_dyads(&a.dyad)?;
    if dyad.len() != 1 {
        return Err(Failure::new(2, "--dyad: expected exactly one A:B"));
    }
    let opts = options(&a.common, Some(dyad.clone()))?;
    let panel = compute(&opts)?;
    let (x, y) = &dyad[0];
    let mut out = std::io::stdout().lock();
    writeln!(out, "{x} → {y}: strategy profile by {}", if opts.period == Period::Month { "month" } else { "year" })?;
    write!(out, "{:<8}", "period")?;
    for c in StrategyCode::ALL {
        write!(out, "{:>9}", c.abbrev())?;
    }
    writeln!(out, "{:>8}{:>8}{:>8}{:>9}", "events", "sb_idx", "hard%", "gold_mu")?;
    let f = |v: Option<f64>, w: usize| v.map(|v| format!("{v:>w$.2}")).unwrap_or_else(|| format!("{:>w$}", "NA"));
    for r in &panel.rows {
        let p = match r.month {
            Some(m) => format!("{}-{m:02}", r.year),
            None => r.year.to_string(),
        };
        write!(out, "{p:<8}")?;
        for c in StrategyCode::ALL {
            match r.count(c) {
                Some(n) => write!(out, "{n:>9}")?,
                None => write!(out, "{:>9}", "NA")?,
            }
        }
        let ev = r.events.map(|e| e.to_string()).unwrap_or_else(|| "NA".into());
        writeln!(out, "{ev:>8}{}{}{}", f(r.sb_index(), 8), f(r.hard_share().map(|h| h * 100.0), 8), f(r.goldstein_mean, 9))?;
    }
    out.flush()?;
    report(&panel);
    Ok(ExitCode::SUCCESS)
}
