//! Reading a case: the five files (from a folder or from the embedded built-in copy) are
//! checked for encoding, structure, values and references, all problems collected, and a
//! core `Case` built only when there are none.

use crate::manifest::Manifest;
use crate::problem::{CaseError, ProblemKind, Problems};
use softbalance_core::case::{Action, Actor, ActorKind, Case, Component, Indicator, IndicatorKind, Source};
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
        if !dir.is_dir() {
            p.push(
                ProblemKind::Missing,
                &dir.display().to_string(),
                None,
                None,
                "no such case folder; give the path of a folder with case.toml, or run `softbalance new DIR` to make one",
            );
            return Err(CaseError { problems: p.0 });
        }
        let mut files = BTreeMap::new();
        for name in FILES.into_iter().chain(OPTIONAL_FILES) {
            let path = dir.join(name);
            files.insert(name, std::fs::read(&path).ok());
        }
        Ok(CaseFiles { origin: dir.display().to_string(), files })
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

fn read_table(file: &str, text: &str, required: &[&str], p: &mut Problems) -> Option<Table> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            p.push(ProblemKind::Structure, file, Some(1), None, format!("cannot read the header row: {e}"));
            return None;
        }
    };
    let index: BTreeMap<String, usize> =
        headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i)).collect();
    let mut ok = true;
    for col in required {
        if !index.contains_key(*col) {
            ok = false;
            p.push(
                ProblemKind::Structure,
                file,
                Some(1),
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

    let manifest = texts.get(MANIFEST).and_then(|t| match toml::from_str::<Manifest>(t) {
        Ok(m) => Some(m),
        Err(e) => {
            let line = e.span().map(|s| line_of(t.as_bytes(), s.start));
            p.push(ProblemKind::Structure, &files.label(MANIFEST), line, None, format!("invalid manifest: {}", e.message()));
            None
        }
    });
    if let Some(m) = &manifest {
        for (key, msg) in m.check() {
            p.push(ProblemKind::Value, &files.label(MANIFEST), None, Some(&key), msg);
        }
    }

    let table = |name: &'static str, req: &[&str], p: &mut Problems| {
        texts.get(name).and_then(|t| read_table(&files.label(name), t, req, p))
    };
    let sources_t = table(SOURCES, &["id", "title"], &mut p);
    let actors_t = table(ACTORS, &["id", "kind", "name_en"], &mut p);
    let indicators_t = table(
        INDICATORS,
        &["id", "component", "kind", "metric", "actor", "date", "value", "source"],
        &mut p,
    );
    let actions_t = table(ACTIONS, &["id", "date", "actor", "target", "code", "source"], &mut p);

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
            let value = match value_s.replace(',', "").parse::<f64>() {
                Ok(v) => {
                    if let Some(k) = kind {
                        if let Err(expected) = k.check_value(v) {
                            p.push(ProblemKind::Value, &t.file, Some(row.line), Some("value"),
                                format!("{value_s} is out of range for kind {}; expected {expected}", k.as_str()));
                        }
                    }
                    v
                }
                Err(_) => {
                    p.push(ProblemKind::Value, &t.file, Some(row.line), Some("value"),
                        format!("{value_s:?} is not a number; write digits with '.' for decimals (e.g. 151442.2)"));
                    f64::NAN
                }
            };
            one_of_two(t, row, "label_en", "label_zh", &mut p);
            let srcs = id_list(t.get(row, "source"));
            if srcs.is_empty() {
                p.push(ProblemKind::Value, &t.file, Some(row.line), Some("source"), "is empty; every indicator must cite a sources.csv id");
            }
            if let (Some(component), Some(kind), Some(date)) = (component, kind, date) {
                indicators.push((row.line, Indicator {
                    id, component, kind, metric, actor, date, value,
                    unit: t.get(row, "unit").into(),
                    label_en: t.get(row, "label_en").into(),
                    label_zh: t.get(row, "label_zh").into(),
                    sources: srcs,
                    locator: t.get(row, "locator").into(),
                }));
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
                m => match m.parse::<f64>() {
                    Ok(v) if v.is_finite() && (0.0..=10.0).contains(&v) => Some(v),
                    _ => {
                        p.push(ProblemKind::Value, &t.file, Some(row.line), Some("magnitude"),
                            format!("{m:?} is not a magnitude; expected a number from 0 to 10 (1 = an ordinary action of its code), or leave it empty for the code's default"));
                        None
                    }
                },
            };
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
                if let Some(t) = read_table(&label, text, &req, &mut p) {
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
    if let Some(m) = &manifest {
        for (field, id) in [("case.balancer", &m.case.balancer), ("case.target", &m.case.target)] {
            if have_actors && !actor_ids.contains(id.as_str()) {
                p.push(ProblemKind::Reference, &files.label(MANIFEST), None, Some(field),
                    format!("{id:?} is not an id in {ACTORS}; list the balancer and target there"));
            }
        }
    }

    if !p.0.is_empty() {
        return Err(CaseError { problems: p.0 });
    }
    let manifest = manifest.expect("no problems implies a manifest");
    Ok(Case {
        meta: manifest.meta(),
        params: manifest.params(),
        sources,
        actors: actors.into_iter().map(|(_, a)| a).collect(),
        indicators: indicators.into_iter().map(|(_, i)| i).collect(),
        actions: actions.into_iter().map(|(_, a)| a).collect(),
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
