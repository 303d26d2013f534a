//! Invariants of the embedded tables: unique codes, no alias pointing at two entities,
//! non-overlapping COW/GW periods, members that exist.

use softbalance_gazetteer::{gazetteer, normalize_script, EntityKind};
use std::collections::HashMap;

const ALIASES: &str = include_str!("../../data/aliases.csv");
const COUNTRIES: &str = include_str!("../../data/countries.csv");

#[test]
fn every_alias_spelling_has_one_meaning() {
    let mut seen: HashMap<String, String> = HashMap::new();
    for line in ALIASES.lines().skip(1) {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
        let rec = rdr.records().next().unwrap().unwrap();
        let key = normalize_script(&rec[0]).to_lowercase();
        let code = rec[2].to_owned();
        if let Some(prev) = seen.insert(key.clone(), code.clone()) {
            assert_eq!(prev, code, "alias {key:?} points to {prev} and {code}");
        }
    }
}

#[test]
fn every_entity_name_finds_itself() {
    let g = gazetteer();
    for e in g.entities() {
        for n in [&e.name_en, &e.name_zh_hant, &e.name_zh_hans] {
            assert_eq!(g.from_name(n).map(|x| x.code.as_str()), Some(e.code.as_str()), "{n}");
        }
    }
}

#[test]
fn periods_do_not_overlap_within_an_entity() {
    let g = gazetteer();
    for e in g.entities().iter().filter(|e| matches!(e.kind, EntityKind::State | EntityKind::Territory)) {
        // A year covered by two rows would make the year-end rule ambiguous; probe every year.
        let rows: Vec<Vec<&str>> =
            COUNTRIES.lines().skip(1).map(|l| l.split(',').collect::<Vec<_>>()).filter(|r| r[0] == e.code).collect();
        for (code_col, from_col, to_col) in [(4, 6, 7), (8, 9, 10)] {
            for year in 1816..=2030 {
                let n = rows
                    .iter()
                    .filter(|r| !r[code_col].is_empty())
                    .filter(|r| {
                        r[from_col].parse::<i32>().unwrap() <= year
                            && (r[to_col].is_empty() || year <= r[to_col].parse::<i32>().unwrap())
                    })
                    .count();
                assert!(n <= 1, "{} has {n} periods in {year}", e.code);
            }
        }
    }
}

#[test]
fn group_members_are_known_states() {
    let g = gazetteer();
    for e in g.entities().iter().filter(|e| matches!(e.kind, EntityKind::Group | EntityKind::Igo)) {
        for m in &e.members {
            assert!(g.by_code(m).is_some(), "{}: unknown member {m}", e.code);
        }
    }
}

#[test]
fn coverage() {
    let g = gazetteer();
    let states = g.entities().iter().filter(|e| e.kind == EntityKind::State).count();
    assert!(states >= 193 + 6, "states: {states}");
    for code in ["TWN", "XKX", "PSE", "HKG", "MAC"] {
        assert_eq!(g.by_code(code).unwrap().kind, EntityKind::Territory, "{code}");
    }
    for code in ["SUN", "YUG", "CSK", "DDR", "RVN", "YMD"] {
        assert_eq!(g.by_code(code).unwrap().kind, EntityKind::State, "{code}");
    }
}

#[test]
fn every_alias_finds_itself_in_text() {
    let g = gazetteer();
    let mut failures = Vec::new();
    for line in ALIASES.lines().skip(1) {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
        let rec = rdr.records().next().unwrap().unwrap();
        let (alias, code) = (&rec[0], &rec[2]);
        if code == "-" || alias.to_ascii_lowercase().starts_with("the ") {
            continue;
        }
        let codes: Vec<&str> = code.split_whitespace().collect();
        let ok = if alias.chars().count() == 1 && !alias.is_ascii() {
            // Single characters are only read in enumerations such as 美、英.
            let text = format!("{alias}、{alias}");
            g.mentions(&text).iter().map(|m| m.code.as_str()).collect::<Vec<_>>() == [code, code]
        } else if codes.len() > 1 {
            // Compounds: one mention per character, "-" for context characters.
            let ms = g.mentions(alias);
            let want: Vec<&str> = codes.iter().copied().filter(|c| *c != "-").collect();
            ms.iter().map(|m| m.code.as_str()).collect::<Vec<_>>() == want
                && ms.iter().all(|m| m.alias.chars().count() == 1)
        } else {
            let ms = g.mentions(alias);
            ms.len() == 1 && ms[0].code == code && ms[0].start == 0 && ms[0].end == alias.len()
        };
        let ms = g.mentions(alias);
        if !ok {
            failures.push(format!("{alias} ({code}) -> {:?}", ms.iter().map(|m| (&m.alias, &m.code)).collect::<Vec<_>>()));
        }
    }
    assert!(failures.is_empty(), "{} aliases do not find themselves:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_state_and_territory_resolves_from_its_own_code() {
    let g = gazetteer();
    for e in g.entities() {
        let via_cameo = g.from_cameo(&e.code).map(|x| x.code.as_str());
        let via_name = g.from_name(&e.code).map(|x| x.code.as_str());
        if matches!(e.kind, EntityKind::State | EntityKind::Territory) {
            assert_eq!(via_cameo, Some(e.code.as_str()), "from_cameo({})", e.code);
        }
        assert_eq!(via_name, Some(e.code.as_str()), "from_name({})", e.code);
    }
}
