//! Case extension: a case folder whose case.toml says `[case] extends = "NAME"` (a built-in
//! case) or `extends = "../folder"` (a folder, relative to the extension's) holds only its own
//! rows. Loading it loads and validates the base first, then appends the extension's rows to
//! the base's tables, with the extension's manifest keys overriding the base's. Every problem
//! names the file and line it comes from (the base's or the extension's), and an id that both
//! define is refused naming both places.

use crate::builtin::builtin;
use crate::load::{manifest_line, CaseFiles, ACTIONS, ACTORS, FRICTION, INDICATORS, MANIFEST, SOURCES};
use crate::problem::{CaseError, Problem, ProblemKind};
use softbalance_core::Case;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The tables an extension may add rows to, with the column that keys a row.
pub const TABLES: [(&str, &str); 5] =
    [(SOURCES, "id"), (ACTORS, "id"), (INDICATORS, "id"), (ACTIONS, "id"), (FRICTION, "action")];

/// Where each line of a merged table came from: index `line - 1` holds (file label, line).
type LineOrigins = Vec<Option<(String, u64)>>;

/// How deep extensions may chain (an extension of an extension of ...).
pub const MAX_DEPTH: usize = 8;

/// Validate and build a case, following `[case] extends` when the manifest has it; a case
/// without it is read exactly as `load::load` reads it.
pub fn load(files: &CaseFiles) -> Result<Case, CaseError> {
    load_chain(files, &mut Vec::new())
}

/// What `[case] extends` says in a manifest, if it is readable TOML and says it.
pub fn extends_of(files: &CaseFiles) -> Option<String> {
    let text = std::str::from_utf8(files.files.get(MANIFEST)?.as_ref()?).ok()?;
    let table: toml::Table = text.parse().ok()?;
    match table.get("case")?.get("extends")? {
        toml::Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The folders a case folder is built on (its base, the base's base, ...), nearest first;
/// built-in bases are embedded and have no folder. Outputs must not replace their files.
pub fn base_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut seen = vec![canonical(dir)];
    let mut current = dir.to_path_buf();
    while out.len() < MAX_DEPTH {
        let Ok(files) = CaseFiles::from_dir(&current) else { break };
        let Some(extends) = extends_of(&files) else { break };
        let looks_like_path = extends.contains('/') || extends.contains('\\') || extends.starts_with('.');
        if !looks_like_path && builtin(&extends).is_some() {
            break;
        }
        let next = current.join(&extends);
        if !next.is_dir() || seen.contains(&canonical(&next)) {
            break;
        }
        seen.push(canonical(&next));
        out.push(next.clone());
        current = next;
    }
    out
}

fn load_chain(files: &CaseFiles, seen: &mut Vec<String>) -> Result<Case, CaseError> {
    match flatten(files, seen)? {
        Flat::Plain => crate::load::load(files),
        Flat::Merged(m) => crate::load::load(&m.files).map_err(|e| m.remap(e)),
    }
}

enum Flat {
    /// The case extends nothing: read it as it is.
    Plain,
    Merged(Box<Merged>),
}

/// An extension merged with its base: the merged files and where each merged line came from.
struct Merged {
    files: CaseFiles,
    /// Per table: merged line (1-based, index line - 1) -> (file label, line in that file).
    lines: BTreeMap<&'static str, LineOrigins>,
    /// The manifests from the extension down to the root base: (label, text).
    manifests: Vec<(String, String)>,
    /// Extension lines whose id collides with the base's (already reported).
    collisions: BTreeSet<(String, u64)>,
}

fn problem(kind: ProblemKind, file: &str, line: Option<u64>, field: Option<&str>, message: impl Into<String>) -> Problem {
    Problem { kind, file: file.to_string(), line, field: field.map(str::to_string), message: message.into() }
}

fn fail(p: Problem) -> CaseError {
    CaseError { problems: vec![p] }
}

/// The label of one file of a case in messages (as `load` writes it).
fn label(origin: &str, name: &str) -> String {
    if origin.is_empty() {
        name.to_string()
    } else if origin.starts_with("builtin:") {
        format!("{origin}/{name}")
    } else {
        Path::new(origin).join(name).display().to_string()
    }
}

/// Find the base case an extension names: a built-in case by name, or a folder (relative to
/// the extension's folder) when the value contains a path separator or starts with '.'.
fn resolve(extends: &str, files: &CaseFiles) -> Result<CaseFiles, CaseError> {
    let manifest = label(&files.origin, MANIFEST);
    let text = files.files.get(MANIFEST).and_then(|f| f.as_deref()).map(String::from_utf8_lossy).unwrap_or_default();
    let line = manifest_line(&text, "case.extends");
    let names = || crate::builtin::BUILTINS.iter().map(|b| b.id).collect::<Vec<_>>().join(", ");
    let looks_like_path = extends.contains('/') || extends.contains('\\') || extends.starts_with('.');
    if !looks_like_path {
        if let Some(b) = builtin(extends) {
            return Ok(b.files());
        }
    }
    if files.origin.starts_with("builtin:") {
        return Err(fail(problem(
            ProblemKind::Reference,
            &manifest,
            line,
            Some("case.extends"),
            format!("{extends:?} is not a built-in case; a built-in case extends another built-in case ({})", names()),
        )));
    }
    let dir: PathBuf = Path::new(&files.origin).join(extends);
    if dir.is_dir() {
        return CaseFiles::from_dir(&dir);
    }
    let hint = if looks_like_path {
        format!("no case folder {} (the path is relative to the extension's folder); give a folder with case.toml, or a built-in case name ({})",
            dir.display(), names())
    } else {
        format!("is neither a built-in case ({}) nor a folder next to this case; write a relative path such as \"../{extends}\" for a folder", names())
    };
    Err(fail(problem(ProblemKind::Reference, &manifest, line, Some("case.extends"), format!("{extends:?} {hint}"))))
}

/// A key that identifies a case in the chain, for cycle detection.
fn identity(files: &CaseFiles) -> String {
    if files.origin.starts_with("builtin:") {
        return files.origin.clone();
    }
    std::fs::canonicalize(&files.origin).map(|p| p.display().to_string()).unwrap_or_else(|_| files.origin.clone())
}

fn flatten(files: &CaseFiles, seen: &mut Vec<String>) -> Result<Flat, CaseError> {
    let Some(extends) = extends_of(files) else { return Ok(Flat::Plain) };
    let manifest_label = label(&files.origin, MANIFEST);
    let ext_text = String::from_utf8_lossy(files.files[MANIFEST].as_deref().unwrap_or_default()).into_owned();
    let ext_line = manifest_line(&ext_text, "case.extends");
    let me = identity(files);
    if seen.contains(&me) || seen.len() >= MAX_DEPTH {
        let chain = seen.iter().chain(std::iter::once(&me)).cloned().collect::<Vec<_>>().join(" -> ");
        return Err(fail(problem(
            ProblemKind::Value,
            &manifest_label,
            ext_line,
            Some("case.extends"),
            format!(
            "the chain of extensions loops or is deeper than {MAX_DEPTH} ({chain}); extend a case that does not extend this one"),
        )));
    }
    seen.push(me);
    let base_files = resolve(&extends, files)?;
    // The base must be a valid case by itself; its problems are reported with its own labels.
    let base_case = load_chain(&base_files, seen)?;
    let base = match flatten(&base_files, seen)? {
        Flat::Plain => Merged::identity(&base_files),
        Flat::Merged(m) => *m,
    };
    seen.pop();

    let base_text =
        base.files.files.get(MANIFEST).and_then(|f| f.as_deref()).map(String::from_utf8_lossy).unwrap_or_default().into_owned();
    let manifest = merge_manifest(&base_text, &ext_text, &base_case, &manifest_label)?;

    // Structure of the extension's own tables, judged alone (it cites the base's ids, so only
    // missing, encoding and structure problems are meaningful here; they carry its own lines).
    let mut alone = files.clone();
    alone.files.insert(MANIFEST, Some(manifest.clone().into_bytes()));
    for (name, _) in TABLES {
        if alone.files.get(name).is_none_or(|f| f.is_none()) {
            let header = base.files.files.get(name).and_then(|f| f.as_deref()).map(header_only).unwrap_or_default();
            alone.files.insert(name, (!header.is_empty()).then(|| header.into_bytes()));
        }
    }
    if let Err(e) = crate::load::load(&alone) {
        let structural: Vec<Problem> = e
            .problems
            .into_iter()
            .filter(|p| p.kind <= ProblemKind::Structure)
            .map(|mut p| {
                // A manifest problem found in the merged text has no line in the extension's.
                if p.file == manifest_label && p.field.is_none() {
                    p.line = None;
                }
                p
            })
            .collect();
        if !structural.is_empty() {
            return Err(CaseError { problems: structural });
        }
    }

    let mut merged = Merged {
        files: CaseFiles { origin: files.origin.clone(), files: BTreeMap::new() },
        lines: BTreeMap::new(),
        manifests: std::iter::once((manifest_label.clone(), ext_text)).chain(base.manifests.iter().cloned()).collect(),
        collisions: BTreeSet::new(),
    };
    merged.files.files.insert(MANIFEST, Some(manifest.into_bytes()));
    let mut problems = Vec::new();
    for (name, key) in TABLES {
        let base_bytes = base.files.files.get(name).and_then(|f| f.as_deref());
        let ext_bytes = files.files.get(name).and_then(|f| f.as_deref());
        let ext_label = label(&files.origin, name);
        let base_lines = base.lines.get(name);
        let table = merge_table(
            base_bytes,
            base_lines,
            &base.files.origin,
            ext_bytes,
            &ext_label,
            name,
            key,
            &mut problems,
            &mut merged.collisions,
        );
        if let Some((text, lines)) = table {
            merged.files.files.insert(name, Some(text.into_bytes()));
            merged.lines.insert(name, lines);
        } else {
            merged.files.files.insert(name, None);
        }
    }
    if !problems.is_empty() {
        // Report the collisions with every other problem of the merged case.
        let rest = match crate::load::load(&merged.files) {
            Ok(_) => Vec::new(),
            Err(e) => merged.remap(e).problems,
        };
        problems.extend(rest);
        return Err(CaseError { problems });
    }
    Ok(Flat::Merged(Box::new(merged)))
}

/// The header line of a table (comments and blank lines before it dropped), or "".
fn header_only(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| format!("{l}\n")).unwrap_or_default()
}

/// The base's manifest with the extension's keys laid over it (tables merged key by key, any
/// other value replaced). `extends` is dropped, `[reference]` is not inherited (a study's
/// verdict is about its own period), and the extension must name its own `[case] id` and keep
/// the base's balancer and target (the same dyad, more evidence).
fn merge_manifest(base_text: &str, ext_text: &str, base_case: &Case, ext_label: &str) -> Result<String, CaseError> {
    let mut base: toml::Table = base_text.parse().map_err(|e: toml::de::Error| {
        fail(problem(
            ProblemKind::Structure,
            ext_label,
            None,
            None,
            format!("the base manifest is not valid TOML: {}", e.message()),
        ))
    })?;
    let ext: toml::Table = ext_text.parse().map_err(|e: toml::de::Error| {
        fail(problem(ProblemKind::Structure, ext_label, None, None, format!("invalid manifest: {}", e.message())))
    })?;
    base.remove("reference");
    let mut problems = Vec::new();
    let ext_case = ext.get("case").and_then(|c| c.as_table());
    let get = |k: &str| ext_case.and_then(|c| c.get(k));
    match get("id").and_then(|v| v.as_str()) {
        None => problems.push(problem(
            ProblemKind::Value,
            ext_label,
            manifest_line(ext_text, "case.extends"),
            Some("case.id"),
            "an extension needs its own [case] id (e.g. the base's id with the new last year: \"us-china-ai-2025\")",
        )),
        Some(id) if id == base_case.meta.id => problems.push(problem(
            ProblemKind::Value,
            ext_label,
            manifest_line(ext_text, "case.id"),
            Some("case.id"),
            format!("{id:?} is the base case's id; an extension needs an id of its own"),
        )),
        _ => {}
    }
    for (key, was) in [("balancer", &base_case.meta.balancer), ("target", &base_case.meta.target)] {
        if let Some(v) = get(key).and_then(|v| v.as_str()) {
            if v != was {
                problems.push(problem(ProblemKind::Value, ext_label, manifest_line(ext_text, &format!("case.{key}")),
                    Some(&format!("case.{key}")), format!(
                    "{v:?} differs from the base case's {key} {was:?}; an extension adds evidence on the same dyad (remove the key, or make a case of its own with `softbalance new`)")));
            }
        }
    }
    if !problems.is_empty() {
        return Err(CaseError { problems });
    }
    overlay(&mut base, ext);
    if let Some(toml::Value::Table(c)) = base.get_mut("case") {
        c.remove("extends");
    }
    Ok(base.to_string())
}

fn overlay(base: &mut toml::Table, ext: toml::Table) {
    for (k, v) in ext {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(e)) => overlay(b, e),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

struct Parsed {
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

fn parse(bytes: &[u8]) -> Parsed {
    let text = String::from_utf8_lossy(bytes);
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).flexible(true).from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map(|h| h.iter().map(|s| s.trim_start_matches('\u{feff}').trim().to_string()).collect())
        .unwrap_or_default();
    let rows = rdr
        .records()
        .flatten()
        .filter(|r| !r.iter().all(|f| f.trim().is_empty()))
        .map(|r| (r.position().map(|p| p.line()).unwrap_or(0), r))
        .collect();
    Parsed { headers, rows }
}

/// One merged table: the base's rows then the extension's, under the union of both headers
/// (the base's columns first); with the origin of every merged line. Rows whose key the base
/// already has are reported in `problems` naming both places.
#[allow(clippy::too_many_arguments)]
fn merge_table(
    base: Option<&[u8]>,
    base_lines: Option<&LineOrigins>,
    base_origin: &str,
    ext: Option<&[u8]>,
    ext_label: &str,
    name: &str,
    key: &str,
    problems: &mut Vec<Problem>,
    collisions: &mut BTreeSet<(String, u64)>,
) -> Option<(String, LineOrigins)> {
    let base_label = label(base_origin, name);
    let origin_of_base = |line: u64| -> (String, u64) {
        match base_lines {
            Some(map) => map.get(line as usize - 1).cloned().flatten().unwrap_or((base_label.clone(), line)),
            None => (base_label.clone(), line),
        }
    };
    let b = base.map(parse);
    let e = ext.map(parse);
    if b.is_none() && e.is_none() {
        return None;
    }
    let mut headers: Vec<String> = Vec::new();
    for h in b.iter().chain(e.iter()).flat_map(|p| p.headers.iter()) {
        if !h.is_empty() && !headers.contains(h) {
            headers.push(h.clone());
        }
    }
    let mut out = csv::WriterBuilder::new().flexible(false).from_writer(Vec::new());
    let _ = out.write_record(&headers);
    let _ = out.flush();
    let mut lines: LineOrigins = vec![None];
    let mut base_keys: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let emit = |p: &Parsed,
                origin: &dyn Fn(u64) -> (String, u64),
                out: &mut csv::Writer<Vec<u8>>,
                lines: &mut LineOrigins| {
        let index: BTreeMap<&str, usize> = p.headers.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
        let mut result = Vec::new();
        for (line, rec) in &p.rows {
            let fields: Vec<&str> =
                headers.iter().map(|h| index.get(h.as_str()).and_then(|i| rec.get(*i)).unwrap_or("")).collect();
            let before = out.get_ref().len();
            let _ = out.write_record(&fields);
            let _ = out.flush();
            let written = &out.get_ref()[before..];
            let span = written.iter().filter(|c| **c == b'\n').count().max(1);
            let from = origin(*line);
            for k in 0..span {
                lines.push(Some((from.0.clone(), from.1 + k as u64)));
            }
            let id = index.get(key).and_then(|i| rec.get(*i)).map(str::trim).unwrap_or("").to_string();
            result.push((id, from));
        }
        result
    };
    if let Some(p) = &b {
        for (id, at) in emit(p, &origin_of_base, &mut out, &mut lines) {
            if !id.is_empty() {
                base_keys.entry(id).or_insert(at);
            }
        }
    }
    if let Some(p) = &e {
        let ext_origin = |line: u64| (ext_label.to_string(), line);
        for (id, at) in emit(p, &ext_origin, &mut out, &mut lines) {
            if let Some((file, line)) = base_keys.get(&id) {
                let what = if key == "id" { format!("duplicate id {id:?}") } else { format!("a second row for action {id:?}") };
                problems.push(problem(ProblemKind::Value, &at.0, Some(at.1), Some(key), format!(
                    "{what}: the base case already has it at {file}:{line}; an extension adds rows with ids of its own (rename this one, e.g. into the A200-A399 / I200-I399 range)")));
                collisions.insert(at);
            }
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    Some((String::from_utf8_lossy(&bytes).into_owned(), lines))
}

impl Merged {
    /// A case that extends nothing, seen as a merge of itself.
    fn identity(files: &CaseFiles) -> Merged {
        let text =
            files.files.get(MANIFEST).and_then(|f| f.as_deref()).map(String::from_utf8_lossy).unwrap_or_default().into_owned();
        Merged {
            files: files.clone(),
            lines: BTreeMap::new(),
            manifests: vec![(label(&files.origin, MANIFEST), text)],
            collisions: BTreeSet::new(),
        }
    }

    fn origin(&self, file: &str, line: u64) -> Option<(String, u64)> {
        let name = TABLES.iter().map(|(n, _)| *n).find(|n| label(&self.files.origin, n) == file)?;
        self.lines.get(name)?.get(line as usize - 1).cloned().flatten()
    }

    /// Point every problem of the merged case at the file and line it comes from.
    fn remap(&self, e: CaseError) -> CaseError {
        let manifest = label(&self.files.origin, MANIFEST);
        let mut problems = Vec::new();
        for mut p in e.problems {
            if p.file == manifest {
                if let Some(key) = &p.field {
                    let found = self.manifests.iter().find_map(|(l, t)| manifest_line(t, key).map(|n| (l.clone(), n)));
                    let (file, line) = found.unwrap_or_else(|| (self.manifests[0].0.clone(), 0));
                    p.file = file;
                    p.line = (line > 0).then_some(line);
                } else {
                    p.line = None;
                }
                problems.push(p);
                continue;
            }
            let file = p.file.clone();
            if let Some(line) = p.line {
                if let Some((f, l)) = self.origin(&file, line) {
                    if self.collisions.contains(&(f.clone(), l))
                        && (p.message.starts_with("duplicate id") || p.message.contains("has a second row"))
                    {
                        continue;
                    }
                    p.file = f;
                    p.line = Some(l);
                }
            }
            p.message = self.rewrite_lines(&file, &p.message);
            problems.push(p);
        }
        CaseError { problems }
    }

    /// Messages that cite another line of the same file, "(line N)", get its true place.
    fn rewrite_lines(&self, file: &str, message: &str) -> String {
        let mut out = String::new();
        let mut rest = message;
        while let Some(at) = rest.find("(line ") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 6..];
            let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
            let tail = &after[digits.len()..];
            match (digits.parse::<u64>().ok(), tail.starts_with(')')) {
                (Some(n), true) => {
                    match self.origin(file, n) {
                        Some((f, l)) => out.push_str(&format!("({f}:{l})")),
                        None => out.push_str(&format!("(line {n})")),
                    }
                    rest = &tail[1..];
                }
                _ => {
                    out.push_str("(line ");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(manifest: &str, actions: &str) -> CaseFiles {
        let mut files = BTreeMap::new();
        files.insert(MANIFEST, Some(manifest.as_bytes().to_vec()));
        files.insert(ACTIONS, Some(actions.as_bytes().to_vec()));
        CaseFiles { origin: "builtin:test-ext".into(), files }
    }

    const HEAD: &str = "id,date,actor,target,code,title_en,summary_en,source,locator\n";

    #[test]
    fn appends_rows_and_overrides_the_period() {
        let base = crate::load_builtin().unwrap();
        let c = load(&ext(
            "[case]\nextends = \"us-china-ai\"\nid = \"t\"\nperiod = [2014, 2024]\n",
            &format!("{HEAD}A300,2023-01-02,USA,CHN,cooperation,T,S.,chang2022,p. 1\n"),
        ))
        .unwrap();
        assert_eq!(c.actions.len(), base.actions.len() + 1);
        assert_eq!(c.sources.len(), base.sources.len());
        assert_eq!(c.meta.id, "t");
        assert_eq!(c.meta.period, (2014, 2024));
        assert_eq!(c.meta.balancer, "USA");
        assert!(c.meta.reference.is_none(), "the base's [reference] is not inherited");
        assert_eq!(c.params.threat_weights.intentions, base.params.threat_weights.intentions);
    }

    #[test]
    fn a_bad_value_is_reported_at_the_extensions_line() {
        let e = load(&ext("[case]\nextends = \"us-china-ai\"\nid = \"t\"\n",
            &format!("# a comment\n{HEAD}A300,2023-01-02,USA,CHN,cooperation,T,S.,chang2022,p. 1\nA301,2023-13-02,USA,CHN,cooperation,T,S.,no-such-source,p. 1\n"))).unwrap_err();
        let at: Vec<(String, Option<u64>, Option<String>)> =
            e.problems.iter().map(|p| (p.file.clone(), p.line, p.field.clone())).collect();
        assert!(at.contains(&("builtin:test-ext/actions.csv".into(), Some(4), Some("date".into()))), "{e}");
        assert!(e.problems.iter().all(|p| p.file == "builtin:test-ext/actions.csv" && p.line == Some(4)), "{e}");
    }

    #[test]
    fn a_duplicate_id_names_both_places_once() {
        let e = load(&ext(
            "[case]\nextends = \"us-china-ai\"\nid = \"t\"\n",
            &format!("{HEAD}A001,2023-01-02,USA,CHN,cooperation,T,S.,chang2022,p. 1\n"),
        ))
        .unwrap_err();
        assert_eq!(e.problems.len(), 1, "{e}");
        let p = &e.problems[0];
        assert_eq!((p.file.as_str(), p.line, p.field.as_deref()), ("builtin:test-ext/actions.csv", Some(2), Some("id")));
        assert!(p.message.contains("builtin:us-china-ai/actions.csv:2"), "{}", p.message);
        assert_eq!(e.exit_code(), 6);
    }

    #[test]
    fn unknown_bases_and_loops_are_refused() {
        let e = load(&ext("[case]\nextends = \"nope\"\nid = \"t\"\n", HEAD)).unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("case.extends"));
        assert_eq!(e.problems[0].line, Some(2));
        assert!(e.problems[0].message.contains("us-china-ai"), "lists the built-in cases");
        let e = load(&ext("[case]\nextends = \"us-china-ai\"\n", HEAD)).unwrap_err();
        assert!(e.problems.iter().any(|p| p.field.as_deref() == Some("case.id")), "{e}");
        let tmp = std::env::temp_dir().join(format!("sb-extend-loop-{}", std::process::id()));
        std::fs::create_dir_all(tmp.join("a")).unwrap();
        std::fs::write(tmp.join("a/case.toml"), "[case]\nextends = \"../a\"\nid = \"a\"\n").unwrap();
        let e = crate::load_dir(&tmp.join("a")).unwrap_err();
        assert!(e.problems[0].message.contains("loops"), "{e}");
        assert!(base_dirs(&tmp.join("a")).is_empty(), "a folder extending itself adds no other folder");
        let _ = std::fs::remove_dir_all(&tmp);
    }

    #[test]
    fn the_built_in_extension_and_the_reverse_dyad_load() {
        let base = crate::load_builtin().unwrap();
        let c = crate::load_named("us-china-ai-2025").unwrap().unwrap();
        assert!(c.actions.len() > base.actions.len() + 20);
        assert_eq!(c.meta.period, (2014, 2025));
        let r = crate::load_named("chn-usa-ai").unwrap().unwrap();
        assert_eq!((r.meta.balancer.as_str(), r.meta.target.as_str()), ("CHN", "USA"));
    }
}
