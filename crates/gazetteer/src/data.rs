//! The embedded CSV tables (`data/countries.csv`, `data/aliases.csv`, `data/groups.csv`) and
//! their parsing into plain rows. The tables are compiled into the binary; a malformed row is
//! a bug in this crate, caught by the tests, so parsing panics with the row rather than
//! returning an error that no caller could act on.

pub(crate) const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");
pub(crate) const ALIASES_CSV: &str = include_str!("../data/aliases.csv");
pub(crate) const GROUPS_CSV: &str = include_str!("../data/groups.csv");
pub(crate) const PREDECESSORS_CSV: &str = include_str!("../data/predecessors.csv");
pub(crate) const FIPS_CSV: &str = include_str!("../data/fips.csv");

/// One row of `countries.csv`: an entity plus one COW and/or one GW membership period.
/// An entity with several periods (Germany, Yemen, Serbia …) has several rows.
#[derive(Debug, Clone)]
pub(crate) struct CountryRow {
    pub iso3: String,
    pub iso2: String,
    pub cameo: Vec<String>,
    pub kind: String,
    pub cow: Option<Period>,
    pub gw: Option<Period>,
    pub name_en: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
}

/// A code valid from `from` to `to` (inclusive calendar years; `to` = None: still valid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Period {
    pub code: u16,
    pub abb: String,
    pub from: i32,
    pub to: Option<i32>,
}

impl Period {
    pub fn covers(&self, year: i32) -> bool {
        self.from <= year && self.to.is_none_or(|to| year <= to)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct AliasRow {
    pub alias: String,
    pub lang: String,
    pub entity_code: String,
    pub kind: String,
}

#[derive(Debug, Clone)]
pub(crate) struct GroupRow {
    pub code: String,
    pub kind: String,
    pub cameo: Vec<String>,
    pub name_en: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    /// Members with the years of membership (accession year, last year or None).
    pub members: Vec<(String, Option<i32>, Option<i32>)>,
}

fn records(csv_text: &'static str, file: &str) -> Vec<csv::StringRecord> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.as_bytes());
    rdr.records()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|e| panic!("{file}: row {}: {e}", i + 2)))
        .collect()
}

fn year(s: &str, file: &str) -> Option<i32> {
    if s.is_empty() {
        None
    } else {
        Some(s.parse().unwrap_or_else(|_| panic!("{file}: bad year {s:?}")))
    }
}

fn period(code: &str, abb: &str, from: &str, to: &str, file: &str) -> Option<Period> {
    if code.is_empty() {
        return None;
    }
    Some(Period {
        code: code.parse().unwrap_or_else(|_| panic!("{file}: bad code {code:?}")),
        abb: abb.to_owned(),
        from: year(from, file).unwrap_or_else(|| panic!("{file}: code {code} without start year")),
        to: year(to, file),
    })
}

pub(crate) fn countries() -> Vec<CountryRow> {
    const F: &str = "countries.csv";
    records(COUNTRIES_CSV, F)
        .iter()
        .map(|r| CountryRow {
            iso3: r[0].to_owned(),
            iso2: r[1].to_owned(),
            cameo: r[2].split_whitespace().map(str::to_owned).collect(),
            kind: r[3].to_owned(),
            cow: period(&r[4], &r[5], &r[6], &r[7], F),
            gw: period(&r[8], "", &r[9], &r[10], F),
            name_en: r[11].to_owned(),
            name_zh_hant: r[12].to_owned(),
            name_zh_hans: r[13].to_owned(),
        })
        .collect()
}

pub(crate) fn aliases() -> Vec<AliasRow> {
    records(ALIASES_CSV, "aliases.csv")
        .iter()
        .map(|r| AliasRow {
            alias: r[0].to_owned(),
            lang: r[1].to_owned(),
            entity_code: r[2].to_owned(),
            kind: r[3].to_owned(),
        })
        .collect()
}

pub(crate) fn groups() -> Vec<GroupRow> {
    const F: &str = "groups.csv";
    records(GROUPS_CSV, F)
        .iter()
        .map(|r| GroupRow {
            code: r[0].to_owned(),
            kind: r[1].to_owned(),
            cameo: r[2].split_whitespace().map(str::to_owned).collect(),
            name_en: r[3].to_owned(),
            name_zh_hant: r[4].to_owned(),
            name_zh_hans: r[5].to_owned(),
            members: r[6]
                .split_whitespace()
                .map(|m| match m.split_once(':') {
                    None => (m.to_owned(), None, None),
                    Some((iso, years)) => match years.split_once('-') {
                        None => (iso.to_owned(), year(years, F), None),
                        Some((a, b)) => (iso.to_owned(), year(a, F), year(b, F)),
                    },
                })
                .collect(),
        })
        .collect()
}

/// One row of `predecessors.csv`: from `from` to `to`, the territory of `code` was part of
/// (or acted through) the entity `acting` (RUS 1922–1991 → SUN).
#[derive(Debug, Clone)]
pub(crate) struct PredecessorRow {
    pub code: String,
    pub from: i32,
    pub to: i32,
    pub acting: String,
}

pub(crate) fn predecessors() -> Vec<PredecessorRow> {
    const F: &str = "predecessors.csv";
    records(PREDECESSORS_CSV, F)
        .iter()
        .map(|r| PredecessorRow {
            code: r[0].to_owned(),
            from: year(&r[1], F).expect("from year"),
            to: year(&r[2], F).expect("to year"),
            acting: r[3].to_owned(),
        })
        .collect()
}

/// One row of `fips.csv`: a FIPS 10-4 country code, the entity it names and the years it did.
#[derive(Debug, Clone)]
pub(crate) struct FipsRow {
    pub fips: String,
    pub entity: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
}

pub(crate) fn fips() -> Vec<FipsRow> {
    const F: &str = "fips.csv";
    records(FIPS_CSV, F)
        .iter()
        .map(|r| FipsRow { fips: r[0].to_owned(), entity: r[1].to_owned(), from: year(&r[2], F), to: year(&r[3], F) })
        .collect()
}
