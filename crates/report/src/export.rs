//! Tidy exports for R and pandas (`softbalance export`): one table per file, long format, keyed
//! by case, year and ISO3/COW codes, with a data dictionary. The tables are typed (each column
//! has a name, a type and its values) so that every writer — CSV here, Parquet in the events
//! crate — writes the same thing. Rendering only: the CLI writes the files.

use crate::json::Agreement;
use softbalance_core::observed::counts_for_balancer;
use softbalance_core::{Analysis, Case, StrategyCode};

/// The type of a column, as the dictionary names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text; an empty cell is the empty string, never null.
    Text,
    /// A 64-bit signed integer; an empty cell is null.
    Integer,
    /// A 64-bit float; an empty cell is null.
    Float,
    /// `true` or `false`; an empty cell is null.
    Boolean,
}

impl ColumnType {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Float => "float",
            ColumnType::Boolean => "boolean",
        }
    }
}

/// One column's values, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Text(Vec<String>),
    Integer(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Boolean(Vec<Option<bool>>),
}

impl Values {
    pub fn kind(&self) -> ColumnType {
        match self {
            Values::Text(_) => ColumnType::Text,
            Values::Integer(_) => ColumnType::Integer,
            Values::Float(_) => ColumnType::Float,
            Values::Boolean(_) => ColumnType::Boolean,
        }
    }
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) => v.len(),
            Values::Integer(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Boolean(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Cell `i` as the CSV writes it: numbers in Rust's shortest round-trip form, null empty.
    pub fn csv_cell(&self, i: usize) -> String {
        match self {
            Values::Text(v) => v[i].clone(),
            Values::Integer(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Float(v) => v[i].map(|x| format!("{x}")).unwrap_or_default(),
            Values::Boolean(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
        }
    }
}

/// A column: its name, what it means (the dictionary's text) and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: &'static str,
    pub meaning: &'static str,
    pub values: Values,
}

/// A tidy table: `name` is the file stem (`actions` → actions.csv / actions.parquet).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<Column>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.columns.first().map(|c| c.values.len()).unwrap_or(0)
    }
}

/// One cell while a table is built row by row.
#[derive(Clone, Debug)]
enum Cell {
    T(String),
    I(Option<i64>),
    F(Option<f64>),
    B(Option<bool>),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::T(s.into())
}
fn i(v: impl Into<i64>) -> Cell {
    Cell::I(Some(v.into()))
}
fn f(v: f64) -> Cell {
    Cell::F(Some(v))
}

/// (name, type, meaning) of each column of each table, in file order.
type Spec = &'static [(&'static str, ColumnType, &'static str)];

use ColumnType::{Boolean as B, Float as F, Integer as I, Text as T};

const ACTIONS: Spec = &[
    ("case", T, "case id"), ("action", T, "action id in the case's actions.csv"), ("date", T, "as recorded: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("year", I, "year of the date"), ("actor", T, "actor id"), ("balancer_iso3", T, "the case's balancer"), ("balancer_cow", I, "its Correlates of War code in that year (empty if none)"),
    ("target_iso3", T, "the case's target"), ("target_cow", I, "its COW code in that year (empty if none)"), ("code", T, "hand-coded strategy code"),
    ("family", T, "offsetting, obstruction, institutional, hard, non_balancing"), ("part", T, "soft, hard, friction or cooperation"),
    ("magnitude", F, "weight the action counts with"), ("counts", B, "true when the actor is the balancer or its agency"),
    ("friction_test", T, "balancing, friction, ambiguous or not_assessed"), ("friction_rule", T, "the rule that decided (English)"),
    ("coder_label", T, "the text coder's code (empty when the coder did not run)"), ("title_en", T, "English title"), ("title_zh", T, "Chinese title"),
    ("sources", T, "source ids, ';'-separated"),
];
const INDICATORS: Spec = &[
    ("case", T, "case id"), ("indicator", T, "indicator id"), ("component", T, "aggregate_power, offensive_capability, proximity, intentions, interests"),
    ("kind", T, "how the value is read (docs/case-format.md)"), ("metric", T, "what is measured"), ("actor", T, "whose measure"),
    ("actor_iso3", T, "the actor's state"), ("year", I, "year of the date"), ("date", T, "as recorded"), ("value", F, "the number"), ("unit", T, "unit"),
    ("component_score", F, "the component's score on all the evidence (empty = missing)"), ("component_weight", F, "its normalised weight (interests: empty)"),
    ("label_en", T, "what the row says"), ("label_zh", T, "the same in Chinese"), ("sources", T, "source ids, ';'-separated"),
];
const BY_YEAR: Spec = &[
    ("case", T, "case id"), ("year", I, "year"), ("balancer_iso3", T, "the case's balancer"), ("balancer_cow", I, "its COW code in that year (empty if none)"),
    ("target_iso3", T, "the case's target"), ("target_cow", I, "its COW code in that year (empty if none)"),
    ("code", T, "strategy code"), ("actions", I, "the balancer's actions of this code in this year"), ("magnitude", F, "their summed magnitude"),
];
const TIMELINE: Spec = &[
    ("case", T, "case id"), ("year", I, "year: the model on the evidence dated up to it"), ("threat_level", T, "none, latent, limited, severe or insufficient_evidence"),
    ("threat_score", F, "threat score on the evidence up to the year"), ("missing", T, "components without evidence, ';'-separated"),
    ("interest_level", T, "level of common interests"), ("interest_score", F, "interest score on the evidence up to the year"), ("prediction", T, "the predicted response"),
    ("actions_in_year", I, "the balancer's actions dated in the year"), ("soft_share_cumulative", F, "soft share of the actions up to the year, by magnitude"),
    ("hard_share_cumulative", F, "hard share of the actions up to the year, by magnitude"),
    ("observed_cumulative", T, "the observed outcome on the actions up to this year"), ("shift", T, "toward_hard, toward_soft or empty"),
];
const ROBUSTNESS: Spec = &[
    ("case", T, "case id"), ("quantity", T, "predicted, observed or threat_level"), ("outcome", T, "the response or level"), ("share", F, "share of draws"),
    ("draws", I, "number of draws"), ("seed", T, "the seed (text: an unsigned 64-bit number)"),
];
const SENSITIVITY: Spec = &[
    ("case", T, "case id"), ("rank", I, "1 = most influential"), ("change", T, "the single change tried (English)"), ("kind", T, "drop_indicator, drop_action, drop_source, move_parameter"),
    ("id", T, "indicator, action, source id or parameter key"), ("to_value", F, "parameter value that flips (empty otherwise)"),
    ("prediction_to", T, "the prediction after the change, when it flips"), ("observed_to", T, "the observed outcome after, when it flips"),
    ("influence", F, "how far the change moves the scores (ranking key)"),
];
const DICTIONARY_SPEC: Spec = &[
    ("file", T, "the file the column is in"), ("column", T, "column name"), ("type", T, "text, integer, float or boolean"), ("meaning", T, "what the column holds"),
];

/// The tables in file order, with their column specs (the dictionary last).
pub const TABLES: &[(&str, Spec)] = &[
    ("actions", ACTIONS),
    ("indicators", INDICATORS),
    ("by_year", BY_YEAR),
    ("timeline", TIMELINE),
    ("robustness", ROBUSTNESS),
    ("sensitivity", SENSITIVITY),
    ("dictionary", DICTIONARY_SPEC),
];

/// Build a typed table from rows; every row has one cell per column of the declared type.
fn build(name: &'static str, spec: Spec, rows: Vec<Vec<Cell>>) -> Table {
    let mut columns: Vec<Column> = spec
        .iter()
        .map(|(n, kind, meaning)| Column {
            name: n,
            meaning,
            values: match kind {
                T => Values::Text(Vec::with_capacity(rows.len())),
                I => Values::Integer(Vec::with_capacity(rows.len())),
                F => Values::Float(Vec::with_capacity(rows.len())),
                B => Values::Boolean(Vec::with_capacity(rows.len())),
            },
        })
        .collect();
    for row in rows {
        assert_eq!(row.len(), columns.len(), "{name}: a row has {} cells for {} columns", row.len(), columns.len());
        for (col, cell) in columns.iter_mut().zip(row) {
            match (&mut col.values, cell) {
                (Values::Text(v), Cell::T(x)) => v.push(x),
                (Values::Integer(v), Cell::I(x)) => v.push(x),
                (Values::Float(v), Cell::F(x)) => v.push(x),
                (Values::Boolean(v), Cell::B(x)) => v.push(x),
                (vals, cell) => panic!("{name}.{}: a {:?} cell in a {} column", col.name, cell, vals.kind().as_str()),
            }
        }
    }
    Table { name, columns }
}

fn spec(name: &str) -> Spec {
    TABLES.iter().find(|x| x.0 == name).map(|x| x.1).expect("a declared table")
}

/// Every export table, typed; `ext` (`csv` or `parquet`) names the files in the dictionary.
pub fn tables(case: &Case, a: &Analysis, agreement: Option<&Agreement>, ext: &str) -> Vec<Table> {
    let g = softbalance_gazetteer::gazetteer();
    let m = &case.meta;
    let cow = |iso: &str, y: i32| Cell::I(g.cow_code(iso, y).map(i64::from));
    let id = m.id.clone();
    let state_of = |actor: &str| case.actor(actor).and_then(|x| x.country.clone()).unwrap_or_else(|| actor.to_string());
    let part = |c: StrategyCode| if c.is_soft() { "soft" } else if c.is_hard() { "hard" } else if c == StrategyCode::Friction { "friction" } else { "cooperation" };
    let mut out = Vec::new();
    let rows = case
        .actions
        .iter()
        .map(|x| {
            let y = x.date.year;
            let fr = a.observed.friction.per_action.iter().find(|(i, _)| i == &x.id);
            let coder = agreement.map(|ag| {
                ag.disagreements.iter().find(|d| d.id == x.id).map(|d| d.machine.clone()).unwrap_or_else(|| x.code.as_str().to_string())
            });
            vec![
                t(&id), t(&x.id), t(x.date.to_string()), i(y), t(&x.actor), t(&m.balancer), cow(&m.balancer, y),
                t(&m.target), cow(&m.target, y), t(x.code.as_str()), t(x.code.family().as_str()), t(part(x.code)),
                f(case.magnitude(x)), Cell::B(Some(counts_for_balancer(case, x))),
                t(fr.map(|f| f.1.outcome.as_str()).unwrap_or("not_assessed")),
                t(fr.map(|f| crate::words::friction_rule(&f.1, crate::words::Lang::En)).unwrap_or_default()), t(coder.unwrap_or_default()),
                t(&x.title_en), t(&x.title_zh), t(x.sources.join(";")),
            ]
        })
        .collect();
    out.push(build("actions", spec("actions"), rows));
    let rows = case
        .indicators
        .iter()
        .map(|x| {
            let (score, weight) = match a.threat.components.get(x.component.as_str()) {
                Some(c) => (Cell::F(c.score), f(c.weight)),
                None => (f(a.interests.score), Cell::F(None)),
            };
            vec![
                t(&id), t(&x.id), t(x.component.as_str()), t(x.kind.as_str()), t(&x.metric), t(&x.actor),
                t(state_of(&x.actor)), i(x.date.year), t(x.date.to_string()), f(x.value), t(&x.unit), score, weight,
                t(&x.label_en), t(&x.label_zh), t(x.sources.join(";")),
            ]
        })
        .collect();
    out.push(build("indicators", spec("indicators"), rows));
    let mut rows = Vec::new();
    for (y, codes) in &a.observed.by_year {
        for c in StrategyCode::ALL {
            let n = codes.get(c.as_str()).copied().unwrap_or(0);
            let mag: f64 = case
                .actions
                .iter()
                .filter(|x| x.date.year == *y && x.code == c && counts_for_balancer(case, x))
                .map(|x| case.magnitude(x))
                .sum();
            rows.push(vec![
                t(&id), i(*y), t(&m.balancer), cow(&m.balancer, *y), t(&m.target), cow(&m.target, *y),
                t(c.as_str()), i(n as i64), f(mag),
            ]);
        }
    }
    out.push(build("by_year", spec("by_year"), rows));
    let rows = softbalance_core::timeline::by_year(case)
        .into_iter()
        .map(|r| {
            let s = r.cumulative_mix.shares();
            vec![
                t(&id), i(r.year), t(r.threat_level.as_str()), f(r.threat_score), t(r.missing.join(";")),
                t(r.interest_level.as_str()), f(r.interest_score), t(r.prediction.as_str()), i(r.actions_in_year as i64),
                f(s.soft), f(s.hard), t(r.observed_cumulative.as_str()),
                t(r.shift.map(|s| if s.toward_hard { "toward_hard" } else { "toward_soft" }).unwrap_or_default()),
            ]
        })
        .collect();
    out.push(build("timeline", spec("timeline"), rows));
    let r = &a.prediction.robustness;
    let mut rows = Vec::new();
    for (q, shares) in [("predicted", &r.response_shares), ("observed", &r.observed_shares), ("threat_level", &r.threat_level_shares)] {
        for (k, v) in shares {
            rows.push(vec![t(&id), t(q), t(k), f(*v), i(r.draws), t(r.seed.to_string())]);
        }
    }
    out.push(build("robustness", spec("robustness"), rows));
    let rows = crate::json::sensitivity_rows(a)
        .into_iter()
        .enumerate()
        .map(|(k, s)| {
            vec![
                t(&id), i(k as i64 + 1), t(s.change), t(s.kind), t(s.id), Cell::F(s.to_value),
                t(s.prediction_to.unwrap_or_default()), t(s.observed_to.unwrap_or_default()), f(s.influence),
            ]
        })
        .collect();
    out.push(build("sensitivity", spec("sensitivity"), rows));
    let rows = TABLES
        .iter()
        .flat_map(|(name, cols)| {
            cols.iter().map(move |(c, kind, meaning)| vec![t(format!("{name}.{ext}")), t(*c), t(kind.as_str()), t(*meaning)])
        })
        .collect();
    out.push(build("dictionary", spec("dictionary"), rows));
    out
}

/// A table as CSV text (a header, then one line per row).
pub fn csv_text(table: &Table) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(table.columns.iter().map(|c| c.name)).expect("in memory");
    for r in 0..table.rows() {
        w.write_record(table.columns.iter().map(|c| c.values.csv_cell(r))).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

/// Every export file as CSV: (file name, CSV text).
pub fn csv_files(case: &Case, a: &Analysis, agreement: Option<&Agreement>) -> Vec<(String, String)> {
    tables(case, a, agreement, "csv").iter().map(|t| (format!("{}.csv", t.name), csv_text(t))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_its_declared_columns_and_equal_lengths() {
        let case = softbalance_core::Case::empty("FRA", "DEU", (2010, 2012));
        let a = softbalance_core::analyze(&case);
        let tables = tables(&case, &a, None, "csv");
        assert_eq!(tables.iter().map(|t| t.name).collect::<Vec<_>>(), TABLES.iter().map(|t| t.0).collect::<Vec<_>>());
        for table in &tables {
            let n = table.rows();
            for c in &table.columns {
                assert_eq!(c.values.len(), n, "{}.{}", table.name, c.name);
            }
        }
        let timeline = tables.iter().find(|t| t.name == "timeline").unwrap();
        assert_eq!(timeline.rows(), 3, "2010-2012");
        let dict = tables.last().unwrap();
        let listed: usize = TABLES.iter().map(|t| t.1.len()).sum();
        assert_eq!(dict.rows(), listed);
        let csv = csv_text(timeline);
        assert!(csv.starts_with("case,year,threat_level,"), "{csv}");
    }
}
