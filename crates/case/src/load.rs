//! Reading a case: the five files (from a folder or from the embedded built-in copy) are
//! checked for encoding, structure, values and references, all problems collected, and a
//! core `Case` built only when there are none.

use crate::manifest::Manifest;
use crate::problem::{CaseError, ProblemKind, Problems};
use softbalance_core::case::{Action, Actor, ActorKind, Case, Component, DateBasis, Indicator, IndicatorKind, IndicatorStatus, Source};
use softbalance_core::date::PartialDate;
use softbalance_core::friction;
use softbalance_core::StrategyCode;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const MANIFEST: &str = "case.toml";
pub const SOURCES: &str = "sources.csv";
pub const ACTORS: &str = "actors.csv";
pub const INDICATORS: &str = "indicators.csv";
pub const ACTIONS: &str = "actions.csv";
/// Optional: the friction-test features of the actions (docs/case-format.md).
pub const FRICTION: &str = "friction.csv";
pub const FILES: [&str; 5] = [MANIFEST, SOURCES, ACTORS, INDICATORS, ACTIONS];
pub const OPTIONAL_FILES: [&str; 1] = [FRICTION];

/// The raw bytes of a case's files, keyed by file name; `None` marks a missing file.
#[derive(Clone, Debug)]
pub struct CaseFiles {
    /// Shown before file names in messages (a folder path, or `builtin:us-china-ai`).
    pub origin: String,
    pub files: BTreeMap<&'static str, Option<Vec<u8>>>,
}

impl CaseFiles {
    pub fn from_dir(dir: &Path) -> Result<CaseFiles, CaseError> {
        let mut p = Problems::default();
        let shown = dir.display().to_string();
        if dir.is_file() {
            let hint = match dir.parent().filter(|d| !d.as_os_str().is_empty()) {
                Some(parent) if dir.file_name().is_some_and(|n| FILES.iter().chain(OPTIONAL_FILES.iter()).any(|f| n == *f)) => {
                    format!("; give the folder that holds it: {}", parent.display())
                }
                _ => "; give the path of a folder with case.toml, or run `softbalance new DIR` to make one".to_string(),
            };
            p.push(ProblemKind::Missing, &shown, None, None, format!("is a file, not a case folder{hint}"));
            return Err(CaseError { problems: p.0 });
        }
        if !dir.is_dir() {
            p.push(
                ProblemKind::Missing,
                &shown,
                None,
                None,
                "no such case folder; give the path of a folder with case.toml or a built-in case's name (`softbalance cases`), or run `softbalance new DIR` to make one",
            );
            return Err(CaseError { problems: p.0 });
        }
        let mut files = BTreeMap::new();
        for name in FILES.into_iter().chain(OPTIONAL_FILES) {
            let path = dir.join(name);
            let label = path.display().to_string();
            if path.is_dir() {
                p.push(
                    ProblemKind::Missing,
                    &label,
                    None,
                    None,
                    format!("is a folder, not a file; {name} must be a file (move the folder away and put the file there)"),
                );
                files.insert(name, None);
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(name, Some(bytes));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    files.insert(name, None);
                }
                Err(e) => {
                    p.push(ProblemKind::Missing, &label, None, None, format!("cannot be read: {e}"));
                    files.insert(name, None);
                }
            }
        }
        if !p.0.is_empty() {
            return Err(CaseError { problems: p.0 });
        }
        Ok(CaseFiles { origin: shown, files })
    }

    fn label(&self, name: &str) -> String {
        if self.origin.is_empty() {
            name.to_string()
        } else if self.origin.starts_with("builtin:") {
            format!("{}/{}", self.origin, name)
        } else {
            Path::new(&self.origin).join(name).display().to_string()
        }
    }
}

/// The line of `key` (dotted, e.g. `threat.weights.proximity` or `threat.weights`) in the
/// manifest text: the line that sets it, or the table header; None when the key is left out
/// (its default applies).
pub fn manifest_line(text: &str, key: &str) -> Option<u64> {
    let mut table = String::new();
    let mut table_line = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if let Some(h) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = h.trim_matches(['[', ']']).split('.').map(|s| s.trim().trim_matches('"')).collect::<Vec<_>>().join(".");
            if table == key {
                table_line = Some(i as u64 + 1);
            }
            continue;
        }
        if let Some((k, _)) = line.split_once('=') {
            let k = k.split('.').map(|s| s.trim().trim_matches('"')).collect::<Vec<_>>().join(".");
            let full = if table.is_empty() { k } else { format!("{table}.{k}") };
            if full == key {
                return Some(i as u64 + 1);
            }
        }
    }
    table_line
}

/// 1-based line of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> u64 {
    bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

struct Row {
    line: u64,
    record: csv::StringRecord,
}

struct Table {
    file: String,
    index: BTreeMap<String, usize>,
    rows: Vec<Row>,
}

impl Table {
    fn get<'r>(&self, row: &'r Row, col: &str) -> &'r str {
        self.index.get(col).and_then(|i| row.record.get(*i)).map(str::trim).unwrap_or("")
    }
}

/// The documented columns of each table (docs/case-format.md). Any other header is an error,
/// except the analyst's own columns, whose names start with `note` or `x_`.
pub const SOURCES_COLUMNS: &[&str] = &["id", "author", "title", "title_zh", "publisher", "date", "url", "url_alt", "note"];
pub const ACTORS_COLUMNS: &[&str] = &["id", "kind", "name_en", "name_zh", "country"];
pub const INDICATORS_COLUMNS: &[&str] = &[
    "id", "component", "kind", "metric", "actor", "date", "value", "unit", "label_en", "label_zh", "source", "locator", "section",
    "date_basis", "status",
];
pub const ACTIONS_COLUMNS: &[&str] = &[
    "id", "date", "actor", "target", "code", "title_en", "title_zh", "summary_en", "summary_zh", "partners", "section", "source",
    "locator", "magnitude", "date_basis",
];
pub const FRICTION_COLUMNS: &[&str] = &[
    "action", "target_specificity", "aim", "security_framing", "aligned_states", "excludes_target", "cost_accepted", "persistence",
    "target_reading", "alternative", "source", "locator", "note_en",
];

/// An analyst's own column, kept and ignored: `note…` or `x_…`.
pub fn is_own_column(h: &str) -> bool {
    h.starts_with("note") || h.starts_with("x_")
}

/// The nearest name in `options` to `word`, if it is close enough to be a likely misspelling.
pub fn nearest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).clamp(1, 3);
    options
        .into_iter()
        .map(|o| (strsim::levenshtein(&w, &o.to_lowercase()), o))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// The first line that is neither blank nor a comment: the header line, with its 1-based number.
fn header_line(text: &str) -> Option<(u64, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim_start_matches('\u{feff}')))
        .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// A header that is not separated by commas: ';' (European Excel) or tabs. Judged by which
/// separator splits the header into more documented column names.
fn foreign_delimiter(header: &str, known: &[&str]) -> Option<char> {
    let count = |sep: char| header.split(sep).filter(|h| known.contains(&h.trim().trim_matches('"'))).count();
    let comma = count(',');
    [';', '\t']
        .into_iter()
        .filter(|d| header.contains(*d))
        .map(|d| (count(d), d))
        .filter(|(n, _)| *n > comma || !header.contains(','))
        .max_by_key(|(n, _)| *n)
        .map(|(_, d)| d)
}

fn read_table(file: &str, text: &str, known: &[&str], required: &[&str], p: &mut Problems) -> Option<Table> {
    let Some((hline, header)) = header_line(text) else {
        let what = if text.trim_start_matches('\u{feff}').trim().is_empty() { "the file is empty" } else { "the file has only comments" };
        p.push(
            ProblemKind::Structure,
            file,
            Some(1),
            None,
            format!("{what}; expected a header row with the columns {}", known.join(",")),
        );
        return None;
    };
    if let Some(d) = foreign_delimiter(header, known) {
        let how = match d {
            ';' => "separated by ';' (European Excel)",
            _ => "separated by tabs",
        };
        p.push(
            ProblemKind::Structure,
            file,
            Some(hline),
            None,
            format!(
                "this file is {how}; save it as CSV UTF-8 with commas (Excel: Save As > CSV UTF-8 (Comma delimited); LibreOffice: field delimiter ',')"
            ),
        );
        return None;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            p.push(ProblemKind::Structure, file, Some(hline), None, format!("cannot read the header row: {e}"));
            return None;
        }
    };
    let names: Vec<String> = headers.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_string()).collect();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut ok = true;
    let mut unnamed = Vec::new();
    for (i, h) in names.iter().enumerate() {
        if h.is_empty() {
            unnamed.push(i);
            continue;
        }
        if let Some(first) = index.get(h) {
            ok = false;
            p.push(
                ProblemKind::Structure,
                file,
                Some(hline),
                Some(h),
                format!("column appears twice (columns {} and {}); keep one", first + 1, i + 1),
            );
            continue;
        }
        index.insert(h.clone(), i);
    }
    // Unknown headers: a misspelling of a documented column is named with the fix (a required
    // column it was meant to be is also reported as missing, below).
    for h in &names {
        if h.is_empty() || known.contains(&h.as_str()) || is_own_column(h) {
            continue;
        }
        ok = false;
        let absent = known.iter().copied().filter(|k| !index.contains_key(*k));
        let hint = match nearest(h, absent).or_else(|| nearest(h, known.iter().copied())) {
            Some(k) => format!("did you mean {k}?"),
            None => format!("expected columns: {}", known.join(", ")),
        };
        p.push(
            ProblemKind::Structure,
            file,
            Some(hline),
            Some(h),
            format!("unknown column; {hint} (your own columns are kept if their names start with note or x_)"),
        );
    }
    for col in required {
        if !index.contains_key(*col) {
            ok = false;
            p.push(
                ProblemKind::Structure,
                file,
                Some(hline),
                Some(col),
                format!("required column is missing from the header; expected columns: {}", required.join(", ")),
            );
        }
    }
    let width = headers.len();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map(|p| p.line()).unwrap_or(0);
                if r.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if r.len() != width {
                    p.push(
                        ProblemKind::Structure,
                        file,
                        Some(line),
                        None,
                        format!("row has {} fields but the header has {width}; quote fields that contain commas", r.len()),
                    );
                    continue;
                }
                for &i in &unnamed {
                    if r.get(i).is_some_and(|v| !v.trim().is_empty()) {
                        ok = false;
                        p.push(
                            ProblemKind::Structure,
                            file,
                            Some(line),
                            None,
                            format!("column {} has no name in the header but holds {:?}; name it (e.g. x_mine) or remove it", i + 1, r[i].trim()),
                        );
                    }
                }
                rows.push(Row { line, record: r });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                p.push(ProblemKind::Structure, file, line, None, format!("malformed CSV: {e}"));
            }
        }
    }
    ok.then_some(Table { file: file.to_string(), index, rows })
}

/// How numbers are written in the case's tables: `[case] decimal` in case.toml.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decimal {
    /// `10.9`, the default; no thousands separators.
    Point,
    /// `10,9`, only under `decimal = ","`; no thousands separators.
    Comma,
}

fn plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - f;
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return false;
        }
    }
    i == b.len()
}

/// `1,234` or `1,234,567.5`: groups of three digits after a separator.
fn grouped(s: &str, sep: char, dec: char) -> bool {
    let s = s.trim_start_matches(['-', '+']);
    let int = s.split(dec).next().unwrap_or("");
    let frac_ok = s.split(dec).nth(1).is_none_or(|f| f.chars().all(|c| c.is_ascii_digit())) && s.matches(dec).count() <= 1;
    let mut parts = int.split(sep);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    frac_ok
        && !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest.iter().all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Read a number written plainly: digits, at most one decimal mark, optional sign and
/// exponent. Decimal commas (unless `decimal = ","`) and thousands separators are refused
/// with the fix; nothing is guessed.
pub fn parse_number(s: &str, decimal: Decimal) -> Result<f64, String> {
    let (mark, other) = match decimal {
        Decimal::Point => ('.', ','),
        Decimal::Comma => (',', '.'),
    };
    let canonical = if decimal == Decimal::Comma && !s.contains('.') { s.replacen(',', ".", 1) } else { s.to_string() };
    if !s.contains(other) && plain_number(&canonical) {
        if let Ok(v) = canonical.parse::<f64>() {
            if v.is_finite() {
                return Ok(v);
            }
        }
    }
    let no_sep = |sep: char| s.replace(sep, "");
    let example = |x: &str| if decimal == Decimal::Comma { x.replace('.', ",") } else { x.to_string() };
    if s.contains(' ') || s.contains('\u{a0}') || s.contains('\u{202f}') || s.contains('\'') {
        let fixed: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
        return Err(format!("{s:?} has a thousands separator; write the number without separators: {fixed}"));
    }
    if grouped(s, other, mark) {
        return Err(format!("{s:?} has '{other}' as a thousands separator; write the number without separators: {}", no_sep(other)));
    }
    match decimal {
        Decimal::Point => {
            if s.matches(',').count() == 1 && plain_number(&s.replace(',', ".")) && !s.contains('.') {
                return Err(format!(
                    "{s:?} has a decimal comma; write {} with a '.' (or set decimal = \",\" under [case] in case.toml to read every number with a decimal comma)",
                    s.replace(',', ".")
                ));
            }
            if s.contains(',') && s.contains('.') {
                return Err(format!("{s:?} mixes ',' and '.'; write digits with one '.' for decimals and no thousands separators, e.g. {}", example("10900.5")));
            }
        }
        Decimal::Comma => {
            if s.contains('.') {
                return Err(format!(
                    "{s:?} has a '.', but case.toml sets decimal = \",\": write decimals with ',' (e.g. 10,9) and no thousands separators"
                ));
            }
        }
    }
    Err(format!(
        "{s:?} is not a number; write digits with '{mark}' for decimals and no thousands separators (e.g. {})",
        example("151442.2")
    ))
}

fn required_text(t: &Table, row: &Row, col: &str, p: &mut Problems) -> String {
    let v = t.get(row, col);
    if v.is_empty() {
        p.push(ProblemKind::Value, &t.file, Some(row.line), Some(col), "is empty; a value is required");
    }
    v.to_string()
}

fn one_of_two(t: &Table, row: &Row, a: &str, b: &str, p: &mut Problems) {
    if t.get(row, a).is_empty() && t.get(row, b).is_empty() {
        p.push(
            ProblemKind::Value,
            &t.file,
            Some(row.line),
            Some(a),
            format!("both {a} and {b} are empty; write at least one (English and Chinese side by side is best)"),
        );
    }
}

fn date_field(t: &Table, row: &Row, col: &str, required: bool, p: &mut Problems) -> Option<PartialDate> {
    let v = t.get(row, col);
    if v.is_empty() {
        if required {
            p.push(ProblemKind::Value, &t.file, Some(row.line), Some(col), "is empty; expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        return None;
    }
    match v.parse::<PartialDate>() {
        Ok(d) => Some(d),
        Err(e) => {
            p.push(ProblemKind::Value, &t.file, Some(row.line), Some(col), e.to_string());
            None
        }
    }
}

fn id_list(v: &str) -> Vec<String> {
    v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The optional `date_basis` column: empty means the case does not say.
fn date_basis_field(t: &Table, row: &Row, p: &mut Problems) -> Option<DateBasis> {
    let v = t.get(row, "date_basis");
    if v.is_empty() {
        return None;
    }
    let parsed = DateBasis::parse(v);
    if parsed.is_none() {
        let names: Vec<&str> = DateBasis::ALL.iter().map(|b| b.as_str()).collect();
        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("date_basis"), format!(
            "{v:?} is not a date basis; expected one of {} (event = the date of the event or of the value, publication = the source's date standing in for it, inferred = worked out by you; say how in the label or summary), or leave it empty",
            names.join(", ")));
    }
    parsed
}

/// The optional `status` column of indicators: empty means `observed`.
fn status_field(t: &Table, row: &Row, p: &mut Problems) -> IndicatorStatus {
    let v = t.get(row, "status");
    if v.is_empty() {
        return IndicatorStatus::Observed;
    }
    IndicatorStatus::parse(v).unwrap_or_else(|| {
        let names: Vec<&str> = IndicatorStatus::ALL.iter().map(|s| s.as_str()).collect();
        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("status"), format!(
            "{v:?} is not a status; expected one of {} (projected = a forecast or a stated goal, never an observation; assessment = the study's author's own judgement), or leave it empty for observed",
            names.join(", ")));
        IndicatorStatus::Observed
    })
}

/// The optional `url_alt` column of sources: further addresses, `;`-separated, each an http(s)
/// address that differs from `url`, which must be given too.
fn url_alt_field(t: &Table, row: &Row, p: &mut Problems) -> Vec<String> {
    let url = t.get(row, "url");
    let alts = id_list(t.get(row, "url_alt"));
    let mut bad = |msg: String| p.push(ProblemKind::Value, &t.file, Some(row.line), Some("url_alt"), msg);
    if !alts.is_empty() && url.is_empty() {
        bad("is given but url is empty; put the address to follow in url and the others in url_alt".into());
    }
    for (k, a) in alts.iter().enumerate() {
        let scheme = a.starts_with("http://") || a.starts_with("https://");
        if !scheme || a.chars().any(char::is_whitespace) || a.len() <= "https://".len() {
            bad(format!("{a:?} is not a web address; expected http:// or https:// addresses separated by ';' (write a ';' inside an address as %3B)"));
        } else if a == url {
            bad(format!("{a:?} repeats url; url_alt holds only the other addresses of the source"));
        } else if alts[..k].contains(a) {
            bad(format!("{a:?} is given twice"));
        }
    }
    alts
}

fn unique_id(t: &Table, row: &Row, seen: &mut BTreeSet<String>, p: &mut Problems) -> String {
    let id = required_text(t, row, "id", p);
    if !id.is_empty() && !seen.insert(id.clone()) {
        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("id"), format!("duplicate id {id:?}; ids must be unique in a file"));
    }
    id
}

/// Validate and build a case. On any problem, returns all of them.
pub fn load(files: &CaseFiles) -> Result<Case, CaseError> {
    let mut p = Problems::default();
    let mut texts: BTreeMap<&str, String> = BTreeMap::new();
    for name in FILES {
        let label = files.label(name);
        match files.files.get(name).and_then(|f| f.as_ref()) {
            None => p.push(
                ProblemKind::Missing,
                &label,
                None,
                None,
                format!("file is missing; a case folder needs {} (see docs/case-format.md)", FILES.join(", ")),
            ),
            Some(bytes) => match std::str::from_utf8(bytes) {
                Ok(s) => {
                    texts.insert(name, s.to_string());
                }
                Err(e) => p.push(
                    ProblemKind::Encoding,
                    &label,
                    Some(line_of(bytes, e.valid_up_to())),
                    None,
                    format!(
                        "is not valid UTF-8 (bad byte at offset {}); save the file as UTF-8 (in Excel: CSV UTF-8)",
                        e.valid_up_to()
                    ),
                ),
            },
        }
    }

    let manifest_text = texts.get(MANIFEST).map(String::as_str).unwrap_or("");
    let manifest = texts.get(MANIFEST).and_then(|t| match toml::from_str::<Manifest>(t) {
        Ok(m) => Some(m),
        Err(_) if t.trim_start_matches('\u{feff}').trim().is_empty() => {
            p.push(ProblemKind::Structure, &files.label(MANIFEST), Some(1), None,
                "the file is empty; it needs a [case] table with id, title_en, balancer, target, domain and period (`softbalance new DIR` writes a complete one)");
            None
        }
        Err(e) => {
            let line = e.span().map(|s| line_of(t.as_bytes(), s.start));
            p.push(ProblemKind::Structure, &files.label(MANIFEST), line, None, format!("invalid manifest: {}", e.message()));
            None
        }
    });
    if let Some(m) = &manifest {
        for (key, msg) in m.check() {
            p.push(ProblemKind::Value, &files.label(MANIFEST), manifest_line(manifest_text, &key), Some(&key), msg);
        }
    }
    let decimal = match manifest.as_ref().and_then(|m| m.case.decimal.as_deref()) {
        Some(",") => Decimal::Comma,
        _ => Decimal::Point,
    };

    let table = |name: &'static str, known: &[&str], req: &[&str], p: &mut Problems| {
        texts.get(name).and_then(|t| read_table(&files.label(name), t, known, req, p))
    };
    let sources_t = table(SOURCES, SOURCES_COLUMNS, &["id", "title"], &mut p);
    let actors_t = table(ACTORS, ACTORS_COLUMNS, &["id", "kind", "name_en"], &mut p);
    let indicators_t = table(
        INDICATORS,
        INDICATORS_COLUMNS,
        &["id", "component", "kind", "metric", "actor", "date", "value", "source"],
        &mut p,
    );
    let actions_t = table(ACTIONS, ACTIONS_COLUMNS, &["id", "date", "actor", "target", "code", "source"], &mut p);

    let mut sources = Vec::new();
    if let Some(t) = &sources_t {
        let mut seen = BTreeSet::new();
        for row in &t.rows {
            let id = unique_id(t, row, &mut seen, &mut p);
            let title = required_text(t, row, "title", &mut p);
            let date = date_field(t, row, "date", false, &mut p);
            sources.push(Source {
                id,
                author: t.get(row, "author").into(),
                title,
                title_zh: t.get(row, "title_zh").into(),
                publisher: t.get(row, "publisher").into(),
                date,
                url: t.get(row, "url").into(),
                url_alt: url_alt_field(t, row, &mut p),
                note: t.get(row, "note").into(),
            });
        }
    }

    let mut actors = Vec::new();
    if let Some(t) = &actors_t {
        let mut seen = BTreeSet::new();
        for row in &t.rows {
            let id = unique_id(t, row, &mut seen, &mut p);
            let kind_s = t.get(row, "kind");
            let kind = ActorKind::parse(kind_s).unwrap_or_else(|| {
                p.push(
                    ProblemKind::Value,
                    &t.file,
                    Some(row.line),
                    Some("kind"),
                    format!("unknown actor kind {kind_s:?}; expected one of {}", ActorKind::NAMES.join(", ")),
                );
                ActorKind::Other
            });
            let name_en = required_text(t, row, "name_en", &mut p);
            let country = Some(t.get(row, "country")).filter(|s| !s.is_empty()).map(str::to_string);
            actors.push((row.line, Actor { id, kind, name_en, name_zh: t.get(row, "name_zh").into(), country }));
        }
    }

    let mut indicators = Vec::new();
    if let Some(t) = &indicators_t {
        let mut seen = BTreeSet::new();
        for row in &t.rows {
            let id = unique_id(t, row, &mut seen, &mut p);
            let comp_s = t.get(row, "component");
            let component = Component::parse(comp_s);
            if component.is_none() {
                let names: Vec<&str> = Component::ALL.iter().map(|c| c.as_str()).collect();
                p.push(ProblemKind::Value, &t.file, Some(row.line), Some("component"),
                    format!("unknown component {comp_s:?}; expected one of {}", names.join(", ")));
            }
            let kind_s = t.get(row, "kind");
            let kind = IndicatorKind::parse(kind_s);
            match (component, kind) {
                (_, None) => {
                    let names: Vec<&str> = IndicatorKind::ALL.iter().map(|k| k.as_str()).collect();
                    p.push(ProblemKind::Value, &t.file, Some(row.line), Some("kind"),
                        format!("unknown kind {kind_s:?}; expected one of {}", names.join(", ")));
                }
                (Some(c), Some(k)) if !IndicatorKind::allowed_for(c).contains(&k) => {
                    let names: Vec<&str> = IndicatorKind::allowed_for(c).iter().map(|k| k.as_str()).collect();
                    p.push(ProblemKind::Value, &t.file, Some(row.line), Some("kind"),
                        format!("kind {kind_s:?} does not apply to component {}; expected one of {}", c.as_str(), names.join(", ")));
                }
                _ => {}
            }
            let metric = required_text(t, row, "metric", &mut p);
            let actor = required_text(t, row, "actor", &mut p);
            let date = date_field(t, row, "date", true, &mut p);
            let value_s = t.get(row, "value");
            let value = match parse_number(value_s, decimal) {
                Ok(v) => {
                    if let Some(k) = kind {
                        if let Err(expected) = k.check_value(v) {
                            p.push(ProblemKind::Value, &t.file, Some(row.line), Some("value"),
                                format!("{value_s} is out of range for kind {}; expected {expected}", k.as_str()));
                        }
                    }
                    v
                }
                Err(msg) => {
                    let msg = if value_s.is_empty() { "is empty; a number is required".to_string() } else { msg };
                    p.push(ProblemKind::Value, &t.file, Some(row.line), Some("value"), msg);
                    f64::NAN
                }
            };
            one_of_two(t, row, "label_en", "label_zh", &mut p);
            let srcs = id_list(t.get(row, "source"));
            if srcs.is_empty() {
                p.push(ProblemKind::Value, &t.file, Some(row.line), Some("source"), "is empty; every indicator must cite a sources.csv id");
            }
            let date_basis = date_basis_field(t, row, &mut p);
            let status = status_field(t, row, &mut p);
            if let (Some(component), Some(kind), Some(date)) = (component, kind, date) {
                indicators.push((row.line, Indicator {
                    id, component, kind, metric, actor, date, value,
                    unit: t.get(row, "unit").into(),
                    label_en: t.get(row, "label_en").into(),
                    label_zh: t.get(row, "label_zh").into(),
                    sources: srcs,
                    locator: t.get(row, "locator").into(),
                    date_basis,
                    status,
                }));
            }
        }
    }

    // A series has one value per year: two rows of one metric, actor and year are refused.
    if let Some(t) = &indicators_t {
        let mut years: BTreeMap<(&str, &str, i32), (u64, &str)> = BTreeMap::new();
        for (line, i) in &indicators {
            if i.kind != IndicatorKind::Series {
                continue;
            }
            let key = (i.metric.as_str(), i.actor.as_str(), i.date.year);
            if let Some((l0, id0)) = years.get(&key) {
                p.push(ProblemKind::Value, &t.file, Some(*line), Some("date"), format!(
                    "{:?} (line {line}) repeats year {} of series {} for {} already given by {id0:?} (line {l0}); a series has one value per year: remove one row, or give one a different metric",
                    i.id, i.date.year, i.metric, i.actor));
            } else {
                years.insert(key, (*line, i.id.as_str()));
            }
        }
    }

    let mut actions = Vec::new();
    if let Some(t) = &actions_t {
        let mut seen = BTreeSet::new();
        for row in &t.rows {
            let id = unique_id(t, row, &mut seen, &mut p);
            let date = date_field(t, row, "date", true, &mut p);
            let actor = required_text(t, row, "actor", &mut p);
            let target = required_text(t, row, "target", &mut p);
            let code_s = t.get(row, "code");
            let code = match code_s.parse::<StrategyCode>() {
                Ok(c) => Some(c),
                Err(e) => {
                    p.push(ProblemKind::Value, &t.file, Some(row.line), Some("code"), e.to_string());
                    None
                }
            };
            one_of_two(t, row, "title_en", "title_zh", &mut p);
            one_of_two(t, row, "summary_en", "summary_zh", &mut p);
            let srcs = id_list(t.get(row, "source"));
            if srcs.is_empty() {
                p.push(ProblemKind::Value, &t.file, Some(row.line), Some("source"), "is empty; every action must cite a sources.csv id");
            }
            let magnitude = match t.get(row, "magnitude") {
                "" => None,
                m => match parse_number(m, decimal) {
                    Ok(v) if (0.0..=10.0).contains(&v) => Some(v),
                    Err(msg) if m.contains([',', '.', ' ']) => {
                        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("magnitude"), msg);
                        None
                    }
                    _ => {
                        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("magnitude"),
                            format!("{m:?} is not a magnitude; expected a number from 0 to 10 (1 = an ordinary action of its code), or leave it empty for the code's default"));
                        None
                    }
                },
            };
            let date_basis = date_basis_field(t, row, &mut p);
            if let (Some(date), Some(code)) = (date, code) {
                actions.push((row.line, Action {
                    id, date, actor, target, code,
                    title_en: t.get(row, "title_en").into(),
                    title_zh: t.get(row, "title_zh").into(),
                    summary_en: t.get(row, "summary_en").into(),
                    summary_zh: t.get(row, "summary_zh").into(),
                    partners: id_list(t.get(row, "partners")),
                    section: t.get(row, "section").into(),
                    sources: srcs,
                    locator: t.get(row, "locator").into(),
                    magnitude,
                    friction: None,
                    date_basis,
                }));
            }
        }
    }

    let mut friction_rows: BTreeMap<String, (u64, friction::Features)> = BTreeMap::new();
    if let Some(bytes) = files.files.get(FRICTION).and_then(|f| f.as_ref()) {
        let label = files.label(FRICTION);
        match std::str::from_utf8(bytes) {
            Err(e) => p.push(ProblemKind::Encoding, &label, Some(line_of(bytes, e.valid_up_to())), None,
                "is not valid UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)"),
            Ok(text) => {
                let req = ["action", "target_specificity", "aim", "security_framing", "aligned_states", "excludes_target",
                    "cost_accepted", "persistence", "target_reading", "alternative", "source", "locator"];
                if let Some(t) = read_table(&label, text, FRICTION_COLUMNS, &req, &mut p) {
                    for row in &t.rows {
                        if let Some(f) = friction_features(&t, row, &mut p) {
                            let id = t.get(row, "action").to_string();
                            if friction_rows.insert(id.clone(), (row.line, f)).is_some() {
                                p.push(ProblemKind::Value, &t.file, Some(row.line), Some("action"),
                                    format!("{id:?} has a second row; one row per action"));
                            }
                        }
                    }
                }
            }
        }
    }
    let action_ids: BTreeSet<String> = actions.iter().map(|(_, a)| a.id.clone()).collect();
    for (id, (line, f)) in &friction_rows {
        if actions_t.is_some() && !action_ids.contains(id) {
            p.push(ProblemKind::Reference, &files.label(FRICTION), Some(*line), Some("action"),
                format!("{id:?} is not an id in {ACTIONS}; fix the spelling or remove the row"));
        }
        for s in &f.sources {
            if sources_t.is_some() && !sources.iter().any(|x| &x.id == s) {
                p.push(ProblemKind::Reference, &files.label(FRICTION), Some(*line), Some("source"),
                    format!("{s:?} is not an id in {SOURCES}; add it there or fix the spelling"));
            }
        }
    }
    for (_, a) in actions.iter_mut() {
        a.friction = friction_rows.remove(&a.id).map(|(_, f)| f);
    }

    // References: checked only where the referenced table itself was readable.
    let source_ids: BTreeSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let actor_ids: BTreeSet<&str> = actors.iter().map(|(_, a)| a.id.as_str()).collect();
    let have_sources = sources_t.is_some();
    let have_actors = actors_t.is_some();
    let mut dangling = |file: &str, line: u64, field: &str, id: &str, what: &str, known: bool| {
        if known {
            p.push(ProblemKind::Reference, file, Some(line), Some(field),
                format!("{id:?} is not an id in {what}; add it there or fix the spelling"));
        }
    };
    for (line, i) in &indicators {
        let f = files.label(INDICATORS);
        for s in &i.sources {
            if !source_ids.contains(s.as_str()) {
                dangling(&f, *line, "source", s, SOURCES, have_sources);
            }
        }
        if !actor_ids.contains(i.actor.as_str()) {
            dangling(&f, *line, "actor", &i.actor, ACTORS, have_actors);
        }
    }
    for (line, a) in &actions {
        let f = files.label(ACTIONS);
        for s in &a.sources {
            if !source_ids.contains(s.as_str()) {
                dangling(&f, *line, "source", s, SOURCES, have_sources);
            }
        }
        for (field, id) in [("actor", &a.actor), ("target", &a.target)] {
            if !actor_ids.contains(id.as_str()) {
                dangling(&f, *line, field, id, ACTORS, have_actors);
            }
        }
        for id in &a.partners {
            if !actor_ids.contains(id.as_str()) {
                dangling(&f, *line, "partners", id, ACTORS, have_actors);
            }
        }
    }
    for (line, a) in &actors {
        if let Some(c) = &a.country {
            if !actor_ids.contains(c.as_str()) {
                dangling(&files.label(ACTORS), *line, "country", c, ACTORS, true);
            }
        }
    }
    if let Some(r) = manifest.as_ref().and_then(|m| m.reference.as_ref()) {
        if have_sources && !source_ids.contains(r.source.as_str()) {
            p.push(ProblemKind::Reference, &files.label(MANIFEST), manifest_line(manifest_text, "reference.source"), Some("reference.source"),
                format!("{:?} is not an id in {SOURCES}; cite the study whose answer this is", r.source));
        }
    }
    if let Some(m) = &manifest {
        for (field, id) in [("case.balancer", &m.case.balancer), ("case.target", &m.case.target)] {
            let line = manifest_line(manifest_text, field);
            if have_actors && !actor_ids.contains(id.as_str()) {
                p.push(ProblemKind::Reference, &files.label(MANIFEST), line, Some(field),
                    format!("{id:?} is not an id in {ACTORS}; list the balancer and target there"));
            }
            // A balancer or target listed as a state must be a state the gazetteer knows.
            let listed_as_state = actors.iter().any(|(_, a)| &a.id == id && a.kind == ActorKind::State);
            if listed_as_state {
                if let Err(msg) = crate::manifest::check_state_code(id) {
                    p.push(ProblemKind::Value, &files.label(MANIFEST), line, Some(field), msg);
                }
            }
        }
    }

    if !p.0.is_empty() {
        return Err(CaseError { problems: p.0 });
    }
    let manifest = manifest.expect("no problems implies a manifest");
    // Projections are cited and kept, but are not what the engine observes.
    let (indicators, projections): (Vec<Indicator>, Vec<Indicator>) =
        indicators.into_iter().map(|(_, i)| i).partition(|i| i.status.is_observation());
    Ok(Case {
        meta: manifest.meta(),
        params: manifest.params(),
        sources,
        actors: actors.into_iter().map(|(_, a)| a).collect(),
        indicators,
        actions: actions.into_iter().map(|(_, a)| a).collect(),
        projections,
    })
}

/// One friction.csv row's features; every problem is pushed with its line and field.
fn friction_features(t: &Table, row: &Row, p: &mut Problems) -> Option<friction::Features> {
    use friction::*;
    let mut ok = true;
    let mut pick = |col: &str, options: &[&str]| -> usize {
        let v = t.get(row, col);
        match options.iter().position(|o| *o == v) {
            Some(i) => i,
            None => {
                ok = false;
                p.push(ProblemKind::Value, &t.file, Some(row.line), Some(col),
                    format!("{v:?} is not allowed; expected one of {}", options.join(", ")));
                0
            }
        }
    };
    let specificity = [Specificity::Names, Specificity::DeFacto, Specificity::Neutral, Specificity::Unknown]
        [pick("target_specificity", &["names", "de_facto", "neutral", "unknown"])];
    let aim = [Aim::Capability, Aim::FreedomOfAction, Aim::Concession, Aim::OwnCapability, Aim::Cooperation, Aim::Unknown]
        [pick("aim", &["capability", "freedom_of_action", "concession", "own_capability", "cooperation", "unknown"])];
    let security_framing = [Tri::Yes, Tri::No, Tri::Unknown][pick("security_framing", &["yes", "no", "unknown"])];
    let excludes_target = [Some(true), Some(false), None][pick("excludes_target", &["yes", "no", "na"])];
    let cost = [Cost::High, Cost::Some, Cost::None, Cost::Unknown][pick("cost_accepted", &["high", "some", "none", "unknown"])];
    let persistence = [Persistence::OneOff, Persistence::Codified, Persistence::Renewed, Persistence::Escalated, Persistence::Unknown]
        [pick("persistence", &["one_off", "codified", "renewed", "escalated", "unknown"])];
    let target_reading = [TargetReading::Containment, TargetReading::Retaliation, TargetReading::Protest, TargetReading::NoneReported]
        [pick("target_reading", &["containment", "retaliation", "protest", "none_reported"])];
    let alternative = [Alternative::None, Alternative::DomesticPolitics, Alternative::EconomicSelfInterest, Alternative::ThirdParty,
        Alternative::RoutineGovernance, Alternative::Unknown]
        [pick("alternative", &["none", "domestic_politics", "economic_self_interest", "third_party", "routine_governance", "unknown"])];
    let aligned = t.get(row, "aligned_states");
    let aligned_states = match aligned {
        "unknown" => None,
        v => match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                ok = false;
                p.push(ProblemKind::Value, &t.file, Some(row.line), Some("aligned_states"),
                    format!("{v:?} is not a count; expected a whole number of third states (0 = unilateral) or unknown"));
                None
            }
        },
    };
    let sources = id_list(t.get(row, "source"));
    if sources.is_empty() {
        ok = false;
        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("source"), "is empty; every row must cite a sources.csv id");
    }
    let locator = t.get(row, "locator").to_string();
    if locator.is_empty() {
        ok = false;
        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("locator"), "is empty; say where in the source the features are found");
    }
    ok.then_some(Features {
        specificity, aim, security_framing, aligned_states, excludes_target, cost, persistence, target_reading, alternative,
        sources, locator,
    })
}
