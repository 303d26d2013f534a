//! `data/fips.csv`: FIPS 10-4 country codes (GDELT's location columns, `*Geo_CountryCode`)
//! to gazetteer entities, year-aware for the codes of states that ended. The table is data
//! for the gazetteer's FIPS lookup; these tests keep it consistent with the other tables.

use softbalance_gazetteer::gazetteer;
use std::collections::BTreeMap;

const FIPS: &str = include_str!("../../data/fips.csv");

struct Row {
    fips: String,
    entity: String,
    from: Option<i32>,
    to: Option<i32>,
}

fn rows() -> Vec<Row> {
    let mut rdr = csv::Reader::from_reader(FIPS.as_bytes());
    assert_eq!(rdr.headers().unwrap().iter().collect::<Vec<_>>(), ["fips", "entity", "from", "to", "name"]);
    let year = |s: &str| (!s.is_empty()).then(|| s.parse::<i32>().expect("a year"));
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            Row { fips: r[0].to_string(), entity: r[1].to_string(), from: year(&r[2]), to: year(&r[3]) }
        })
        .collect()
}

/// The table's answer for a FIPS code in a year (what the gazetteer's lookup must return).
fn resolve(code: &str, year: i32) -> Option<String> {
    rows()
        .into_iter()
        .find(|r| r.fips == code && r.from.is_none_or(|f| f <= year) && r.to.is_none_or(|t| year <= t))
        .map(|r| r.entity)
}

#[test]
fn every_row_names_a_known_entity_with_a_two_letter_code() {
    let rows = rows();
    assert!(rows.len() > 190, "{} rows", rows.len());
    for r in &rows {
        assert!(r.fips.len() == 2 && r.fips.bytes().all(|b| b.is_ascii_uppercase()), "bad FIPS code {:?}", r.fips);
        assert!(gazetteer().by_code(&r.entity).is_some(), "FIPS {} → unknown entity {}", r.fips, r.entity);
        if let (Some(f), Some(t)) = (r.from, r.to) {
            assert!(f <= t, "FIPS {}: {f} after {t}", r.fips);
        }
    }
}

#[test]
fn no_code_has_two_entities_in_one_year() {
    let mut by_code: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    let rows = rows();
    for r in &rows {
        by_code.entry(&r.fips).or_default().push(r);
    }
    for (code, rs) in by_code {
        for (i, a) in rs.iter().enumerate() {
            for b in &rs[i + 1..] {
                let overlap = a.from.unwrap_or(i32::MIN) <= b.to.unwrap_or(i32::MAX) && b.from.unwrap_or(i32::MIN) <= a.to.unwrap_or(i32::MAX);
                assert!(!overlap, "FIPS {code}: {} and {} overlap", a.entity, b.entity);
            }
        }
    }
}

#[test]
fn every_current_state_and_territory_has_a_fips_code() {
    let rows = rows();
    let countries = include_str!("../../data/countries.csv");
    // Historical entities without a code of their own in FIPS 10-4's later editions.
    let historical = ["CSK", "RVN", "YMD"];
    for line in countries.lines().skip(1) {
        let iso3 = line.split(',').next().unwrap();
        if historical.contains(&iso3) {
            continue;
        }
        assert!(rows.iter().any(|r| r.entity == iso3), "no FIPS code for {iso3}");
    }
}

#[test]
fn fips_differs_from_iso_where_it_matters() {
    // The classic traps: FIPS is not ISO 3166-1 alpha-2.
    assert_eq!(resolve("CH", 2016).as_deref(), Some("CHN"), "CH is China, not Switzerland");
    assert_eq!(resolve("SZ", 2016).as_deref(), Some("CHE"));
    assert_eq!(resolve("AS", 2016).as_deref(), Some("AUS"), "AS is Australia, not American Samoa");
    assert_eq!(resolve("AU", 2016).as_deref(), Some("AUT"));
    assert_eq!(resolve("GM", 2016).as_deref(), Some("DEU"));
    assert_eq!(resolve("JA", 2016).as_deref(), Some("JPN"));
    assert_eq!(resolve("RS", 2016).as_deref(), Some("RUS"), "RS is Russia, not Serbia");
    assert_eq!(resolve("RI", 2016).as_deref(), Some("SRB"));
    assert_eq!(resolve("UK", 2016).as_deref(), Some("GBR"));
    assert_eq!(resolve("UP", 2016).as_deref(), Some("UKR"));
    assert_eq!(resolve("KS", 2016).as_deref(), Some("KOR"));
    assert_eq!(resolve("KN", 2016).as_deref(), Some("PRK"));
    assert_eq!(resolve("PS", 2016).as_deref(), Some("PLW"), "PS is Palau");
    assert_eq!(resolve("WE", 2016).as_deref(), Some("PSE"));
    assert_eq!(resolve("GZ", 2016).as_deref(), Some("PSE"));
}

#[test]
fn historical_codes_by_year() {
    assert_eq!(resolve("UR", 1985).as_deref(), Some("SUN"));
    assert_eq!(resolve("UR", 1995), None, "the Soviet Union's code ended with it");
    assert_eq!(resolve("GE", 1985).as_deref(), Some("DEU"), "West Germany");
    assert_eq!(resolve("GC", 1985).as_deref(), Some("DDR"));
    assert_eq!(resolve("GC", 1995), None);
    assert_eq!(resolve("YI", 2000).as_deref(), Some("YUG"));
    assert_eq!(resolve("YI", 2010), None);
}

#[test]
fn the_gazetteer_lookup_answers_as_the_table_for_every_code_and_year() {
    let g = gazetteer();
    let rows = rows();
    for r in &rows {
        for year in [1950, 1980, 1990, 1991, 1992, 2005, 2006, 2016, 2024] {
            assert_eq!(g.from_fips(&r.fips, year).map(|e| e.code.clone()), resolve(&r.fips, year), "FIPS {} in {year}", r.fips);
        }
    }
    assert_eq!(g.from_fips("ch", 2016).map(|e| e.code.as_str()), Some("CHN"), "case-insensitive");
    assert_eq!(g.from_fips("UR", 1985).map(|e| e.code.as_str()), Some("SUN"));
    assert_eq!(g.from_fips("UR", 1995), None, "the Soviet Union's code ended in 1991");
    assert_eq!(g.from_fips("GE", 1980).map(|e| e.code.as_str()), Some("DEU"), "West Germany");
    assert_eq!(g.from_fips("GC", 1980).map(|e| e.code.as_str()), Some("DDR"));
    assert_eq!(g.from_fips("GQ", 2016), None, "Guam is not in the gazetteer");
    assert_eq!(g.from_fips("", 2016), None);
}
