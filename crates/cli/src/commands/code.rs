//! `softbalance code`: code texts into the nine strategy codes with the bundled coder.
//!
//! Input: texts as arguments, or `--input FILE` (JSONL with `id` and `text`; CSV with a
//! `text` column; or one text per line), or standard input. Output: one JSON object per line
//! (or a table on a terminal) with the label, its confidence, the runner-up, the cues that
//! decided it (substrings of the input), the language and the dyad. A long text is split into
//! sentences; each is reported with its byte offset, then a summary with counts per code.
//! Exit codes are those of docs/coder.md: 3 input missing, 4 not UTF-8, 5 malformed, 6 bad
//! field value.

use crate::commands::Failure;
use anyhow::Context;
use softbalance_coder::{Codebook, Coded, Coder, CoderError, Item, TrainOptions};
use softbalance_core::strategy::StrategyCode;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Code sentences or documents into the nine strategy codes (docs/theory.md §3).
///
/// Examples:
///
///   softbalance code "The United States added Huawei to the Entity List."
///   softbalance code --balancer USA --target CHN "美日發表聯合聲明，協調出口管制。"
///   softbalance code --input items.jsonl > coded.jsonl
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Texts to code, one item each. Without texts and without --input, standard input is read.
    pub texts: Vec<String>,

    /// Read items from FILE ("-" for standard input): JSONL with `id`, `text` and optional
    /// `balancer`/`target`; CSV with a `text` column (and optional `id`, `balancer`, `target`);
    /// or plain text with one item per line.
    #[arg(long, short, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// How to read the input: by file extension and content (auto), or forced; `document`
    /// reads the whole input as one text (a report, an article) to be split into sentences.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,

    /// Balancer (ISO3 or group code) for items that do not carry one.
    #[arg(long, value_name = "CODE")]
    pub balancer: Option<String>,

    /// Target (ISO3 or group code) for items that do not carry one.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,

    /// Output: JSON lines, an aligned table, or auto (a table on a terminal, JSONL otherwise).
    #[arg(long, value_enum, default_value = "auto")]
    pub format: OutputFormat,

    /// Split texts into sentences: always, never, or auto (texts of two or more sentences and
    /// over 280 bytes, i.e. documents rather than single statements).
    #[arg(long, value_enum, default_value = "auto")]
    pub split: Split,

    /// Use the codebook in DIR (*.toml, same format as crates/coder/codebook) instead of the
    /// bundled one; the model is retrained with it on the bundled corpus.
    #[arg(long, value_name = "DIR")]
    pub codebook: Option<PathBuf>,

    /// Train the model from the bundled corpus and codebook (the one command that
    /// reproduces the committed model, crates/coder/model/coder.sbm), write it to FILE and
    /// exit. scripts/train-coder-model.sh runs this.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["texts", "input", "codebook"])]
    pub train_model: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Jsonl,
    Csv,
    Lines,
    Document,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Auto,
    Jsonl,
    Table,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Auto,
    Always,
    Never,
}

/// Map a coder error to its documented exit code.
pub fn failure(e: CoderError) -> anyhow::Error {
    let code = match &e {
        CoderError::Utf8 { .. } => 4,
        CoderError::Malformed { .. } | CoderError::Codebook { .. } => 5,
        CoderError::Field { .. } => 6,
        CoderError::Eval(_) => 2,
    };
    Failure::new(code, e.to_string())
}

/// Read a file or standard input ("-") as bytes; a missing file exits 3.
pub fn read_bytes(path: &std::path::Path) -> anyhow::Result<(String, Vec<u8>)> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        return Ok(("<stdin>".into(), buf));
    }
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(b) => Ok((name, b)),
        Err(e) => Err(Failure::new(3, format!("{name}: cannot read: {e}"))),
    }
}

/// The coder to use: the committed model, or one trained with an edited codebook. A
/// committed model that no longer matches the sources is used, with a warning.
pub fn load_coder(codebook: Option<&std::path::Path>) -> anyhow::Result<Coder> {
    match codebook {
        None => {
            let c = Coder::bundled();
            let info = c.model_info();
            if info.stale {
                eprintln!(
                    "warning: the committed coder model {} was trained from other sources than the current corpus and codebook; retrain it with scripts/train-coder-model.sh",
                    info.name
                );
            }
            Ok(c)
        }
        Some(dir) => {
            let cb = Codebook::from_dir(dir).map_err(failure)?;
            Ok(Coder::train_with(cb, &softbalance_coder::corpus::training_set(), &TrainOptions::default()))
        }
    }
}

/// Parse items from bytes in the given (or sniffed) format.
pub fn parse_items(
    source: &str,
    bytes: &[u8],
    format: InputFormat,
) -> Result<Vec<Item>, CoderError> {
    let format = match format {
        InputFormat::Auto => {
            let lower = source.to_ascii_lowercase();
            if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
                InputFormat::Jsonl
            } else if lower.ends_with(".csv") {
                InputFormat::Csv
            } else {
                let first = bytes
                    .split(|&b| b == b'\n')
                    .map(|l| l.trim_ascii())
                    .find(|l| !l.is_empty());
                let first = first.map(|l| l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l));
                if first.is_some_and(|l| l.starts_with(b"{")) {
                    InputFormat::Jsonl
                } else {
                    InputFormat::Lines
                }
            }
        }
        f => f,
    };
    match format {
        InputFormat::Jsonl => {
            let lines = softbalance_coder::corpus::lines_utf8(source, bytes)?;
            let mut out = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                out.push(softbalance_coder::corpus::parse_item_line(source, i + 1, line)?);
            }
            Ok(out)
        }
        InputFormat::Csv => parse_csv(source, bytes),
        InputFormat::Document => {
            let lines = softbalance_coder::corpus::lines_utf8(source, bytes)?;
            let text = lines.join("\n");
            let id = std::path::Path::new(source)
                .file_name()
                .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned());
            Ok(if text.trim().is_empty() { Vec::new() } else { vec![Item::new(id, text)] })
        }
        _ => {
            let lines = softbalance_coder::corpus::lines_utf8(source, bytes)?;
            Ok(lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| Item::new((i + 1).to_string(), l.to_string()))
                .collect())
        }
    }
}

fn parse_csv(source: &str, bytes: &[u8]) -> Result<Vec<Item>, CoderError> {
    // Check UTF-8 first so the error names the line.
    softbalance_coder::corpus::lines_utf8(source, bytes)?;
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(bytes);
    let malformed = |line: usize, m: String| CoderError::Malformed {
        source_name: source.into(),
        line,
        format: "CSV",
        message: m,
    };
    let headers = rdr.headers().map_err(|e| malformed(1, e.to_string()))?.clone();
    let col = |n: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(n));
    let Some(c_text) = col("text") else {
        return Err(malformed(1, "no `text` column in the header".into()));
    };
    let (c_id, c_bal, c_tgt) = (col("id"), col("balancer"), col("target"));
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            malformed(line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
        };
        out.push(Item {
            id: get(c_id).unwrap_or_else(|| line.to_string()),
            text: rec.get(c_text).unwrap_or("").to_string(),
            balancer: get(c_bal).map(|s| s.to_ascii_uppercase()),
            target: get(c_tgt).map(|s| s.to_ascii_uppercase()),
        });
    }
    Ok(out)
}

/// Is this text a document to split (auto mode)?
fn is_document(text: &str) -> bool {
    text.len() > 280 && softbalance_coder::sentences::split(text).len() >= 2
}

/// One output line, fields in the documented order (docs/coder.md, "Output").
#[derive(serde::Serialize)]
struct Record<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    label: &'static str,
    confidence: f64,
    runner_up: &'static str,
    runner_up_confidence: f64,
    cues: Vec<&'a str>,
    cue_spans: Vec<[usize; 2]>,
    /// For `none`: the kind of non-action and the cue that decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    none_kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    none_cue: Option<&'a str>,
    lang: &'static str,
    balancer: Option<&'a str>,
    target: Option<&'a str>,
    partners: &'a [String],
    dyad: softbalance_coder::DyadSource,
    chars: usize,
    model: &'a str,
}

fn record<'a>(id: &'a str, c: &'a Coded, text: &str, model: &'a str) -> Record<'a> {
    // For `none` the runner-up is the code the act would have had.
    let (confidence, runner_up, runner_up_confidence) = match &c.non_action {
        Some(n) => (n.confidence, c.label.as_str(), c.confidence),
        None => (c.confidence, c.runner_up.as_str(), c.runner_up_confidence),
    };
    let cues = c.non_action.as_ref().map_or(&c.cues, |n| &n.cues);
    Record {
        id,
        sentence: None,
        offset: None,
        end: None,
        label: c.answer(),
        confidence: round3(confidence),
        runner_up,
        runner_up_confidence: round3(runner_up_confidence),
        cues: cues.iter().map(|q| q.text.as_str()).collect(),
        cue_spans: cues.iter().map(|q| [q.start, q.end]).collect(),
        none_kind: c.non_action.as_ref().map(|n| n.kind.as_str()),
        none_cue: c.non_action.as_ref().and_then(|n| n.cues.first()).map(|q| q.text.as_str()),
        lang: c.lang.as_str(),
        balancer: c.balancer.as_deref(),
        target: c.target.as_deref(),
        partners: &c.partners,
        dyad: c.dyad,
        chars: text.chars().count(),
        model,
    }
}

fn write_json(out: &mut impl Write, v: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn round3(x: f32) -> f64 {
    ((x as f64) * 1000.0).round() / 1000.0
}

struct Row {
    id: String,
    label: String,
    conf: String,
    runner: String,
    lang: String,
    dyad: String,
    cues: String,
}

/// `--train-model FILE`: train from the bundled sources and write the model.
fn train_model(path: &std::path::Path) -> anyhow::Result<ExitCode> {
    let coder = Coder::train_bundled();
    let bytes = coder.model_bytes();
    std::fs::write(path, &bytes).with_context(|| format!("writing the model to {}", path.display()))?;
    let info = coder.model_info();
    eprintln!("wrote {} ({} bytes): model {}, {}", path.display(), bytes.len(), info.name, info.corpus);
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.train_model {
        return train_model(path);
    }
    let document = args.input_format == InputFormat::Document;
    let items = if !args.texts.is_empty() {
        if args.input.is_some() {
            return Err(Failure::new(2, "give texts as arguments or --input, not both"));
        }
        args.texts
            .iter()
            .enumerate()
            .map(|(i, t)| Item::new((i + 1).to_string(), t.clone()))
            .collect()
    } else {
        let path = args.input.clone().unwrap_or_else(|| PathBuf::from("-"));
        if path.as_os_str() == "-" && io::stdin().is_terminal() {
            return Err(Failure::new(
                2,
                "no input: give texts as arguments, --input FILE, or pipe text into standard input",
            ));
        }
        let (source, bytes) = read_bytes(&path)?;
        parse_items(&source, &bytes, args.input_format).map_err(failure)?
    };
    let coder = load_coder(args.codebook.as_deref())?;
    let model_name = coder.model_info().name.clone();
    let table = match args.format {
        OutputFormat::Table => true,
        OutputFormat::Jsonl => false,
        OutputFormat::Auto => io::stdout().is_terminal(),
    };
    let upper = |s: &Option<String>| s.as_ref().map(|s| s.trim().to_ascii_uppercase());
    let (def_bal, def_tgt) = (upper(&args.balancer), upper(&args.target));
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut rows: Vec<Row> = Vec::new();
    for mut item in items {
        if item.balancer.is_none() {
            item.balancer = def_bal.clone();
        }
        if item.target.is_none() {
            item.target = def_tgt.clone();
        }
        if item.text.trim().is_empty() {
            let v = serde_json::json!({
                "id": item.id, "label": null, "confidence": 0.0, "runner_up": null,
                "cues": [], "lang": null, "balancer": item.balancer, "target": item.target,
                "note": "empty text: nothing to code",
            });
            if table {
                rows.push(Row {
                    id: item.id.clone(),
                    label: "-".into(),
                    conf: "-".into(),
                    runner: "-".into(),
                    lang: "-".into(),
                    dyad: "-".into(),
                    cues: "(empty text)".into(),
                });
            } else {
                writeln!(out, "{v}")?;
            }
            continue;
        }
        let split = match args.split {
            Split::Always => true,
            Split::Never => false,
            Split::Auto => document || is_document(&item.text),
        };
        if split {
            let doc = coder.code_document(&item);
            for (n, (s, e, c)) in doc.sentences.iter().enumerate() {
                let sentence = &item.text[*s..*e];
                if table {
                    rows.push(row(&format!("{}#{}@{}", item.id, n + 1, s), c));
                } else {
                    let mut r = record(&item.id, c, sentence, &model_name);
                    r.sentence = Some(n + 1);
                    r.offset = Some(*s);
                    r.end = Some(*e);
                    write_json(&mut out, &r)?;
                }
            }
            let mut counts: serde_json::Map<String, serde_json::Value> = StrategyCode::ALL
                .iter()
                .filter(|c| doc.counts[c.index()] > 0)
                .map(|c| (c.as_str().to_string(), doc.counts[c.index()].into()))
                .collect();
            let none = doc.counts[softbalance_coder::model::NONE];
            if none > 0 {
                counts.insert("none".into(), none.into());
            }
            let top = StrategyCode::ALL
                .iter()
                .max_by_key(|c| (doc.counts[c.index()], std::cmp::Reverse(c.index())))
                .filter(|c| doc.counts[c.index()] > 0);
            if table {
                rows.push(Row {
                    id: format!("{} (summary)", item.id),
                    label: top.map_or("-".into(), |c| c.as_str().into()),
                    conf: String::new(),
                    runner: String::new(),
                    lang: String::new(),
                    dyad: String::new(),
                    cues: counts.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "),
                });
            } else {
                let v = serde_json::json!({
                    "id": item.id,
                    "summary": true,
                    "sentences": doc.sentences.len(),
                    "counts": counts,
                    "most_frequent": top.map(|c| c.as_str()),
                });
                writeln!(out, "{v}")?;
            }
        } else {
            let c = coder.code(&item);
            if table {
                rows.push(row(&item.id, &c));
            } else {
                write_json(&mut out, &record(&item.id, &c, &item.text, &model_name))?;
            }
        }
    }
    if table {
        print_table(&mut out, &rows)?;
        let info = coder.model_info();
        writeln!(out, "model {} ({}, {})", info.name, info.source, info.corpus)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn row(id: &str, c: &Coded) -> Row {
    if let Some(n) = &c.non_action {
        return Row {
            id: id.to_string(),
            label: "none".into(),
            conf: format!("{:.2}", n.confidence),
            runner: c.label.as_str().into(),
            lang: c.lang.as_str().into(),
            dyad: format!("{}→{}", c.balancer.as_deref().unwrap_or("?"), c.target.as_deref().unwrap_or("?")),
            cues: format!("{}: {}", n.kind, n.cues.iter().map(|q| q.text.as_str()).collect::<Vec<_>>().join(" | ")),
        };
    }
    Row {
        id: id.to_string(),
        label: c.label.as_str().into(),
        conf: format!("{:.2}", c.confidence),
        runner: c.runner_up.as_str().into(),
        lang: c.lang.as_str().into(),
        dyad: format!(
            "{}→{}",
            c.balancer.as_deref().unwrap_or("?"),
            c.target.as_deref().unwrap_or("?")
        ),
        cues: c.cues.iter().map(|q| q.text.as_str()).collect::<Vec<_>>().join(" | "),
    }
}

fn width(s: &str) -> usize {
    s.chars().map(|c| if softbalance_coder::text::is_cjk(c) { 2 } else { 1 }).sum()
}

fn print_table(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    let header = Row {
        id: "id".into(),
        label: "label".into(),
        conf: "conf".into(),
        runner: "runner-up".into(),
        lang: "lang".into(),
        dyad: "dyad".into(),
        cues: "cues".into(),
    };
    let all: Vec<&Row> = std::iter::once(&header).chain(rows.iter()).collect();
    let w = |f: fn(&Row) -> &String| all.iter().map(|r| width(f(r))).max().unwrap_or(0);
    let ws = [
        w(|r| &r.id),
        w(|r| &r.label),
        w(|r| &r.conf),
        w(|r| &r.runner),
        w(|r| &r.lang),
        w(|r| &r.dyad),
    ];
    for r in all {
        let cells = [&r.id, &r.label, &r.conf, &r.runner, &r.lang, &r.dyad];
        for (c, wd) in cells.iter().zip(ws) {
            write!(out, "{}{}  ", c, " ".repeat(wd - width(c)))?;
        }
        writeln!(out, "{}", r.cues)?;
    }
    Ok(())
}
