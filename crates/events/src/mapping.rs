//! The mappings from source event codes to the nine strategy codes: CAMEO (GDELT, ICEWS) and
//! PLOVER type + mode + context (POLECAT). Both are editable CSV files in
//! `crates/events/mappings/`, compiled in as defaults and replaceable at run time
//! (`--mappings DIR`); docs/event-mapping.md gives the reasoning, and each row carries its
//! own rationale column. A row with an empty strategy marks a code as deliberately uncoded
//! (public statements): such events count as unmapped, like codes missing from the table.
//!
//! Two flags serve the panel's derived columns: `military` marks cooperation that is a
//! military tie (for `hard.external` via triads) and `capability` marks cooperation that
//! builds capability when it is domestic (for `offset.internal`).

use crate::{Error, Result};
use softbalance_core::strategy::StrategyCode;
use std::collections::HashMap;
use std::path::Path;

pub const CAMEO_CSV: &str = include_str!("../mappings/cameo.csv");
pub const PLOVER_CSV: &str = include_str!("../mappings/plover.csv");

/// What one source code means for the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coding {
    /// `None`: a known code that is deliberately left uncoded (neutral).
    pub strategy: Option<StrategyCode>,
    pub military: bool,
    pub capability: bool,
}

/// The result of looking a code up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Coded(StrategyCode, bool, bool),
    Neutral,
    Unknown,
}

#[derive(Clone, Debug)]
pub struct PloverRule {
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Option<String>,
    pub coding: Coding,
}

/// Both tables, loaded once per run and shared by the reader threads.
#[derive(Clone, Debug)]
pub struct Mappings {
    cameo: HashMap<String, Coding>,
    /// The same table keyed by the code's bytes packed into a u32 (codes are 2-4 ASCII
    /// digits, so zero padding keeps "10" and "010" apart): the reader's hot path.
    packed: HashMap<u32, Coding, crate::actors::FastHash>,
    plover: Vec<PloverRule>,
}

/// Pack a CAMEO code of at most 4 non-zero bytes into a u32.
pub fn pack_code(code: &[u8]) -> Option<u32> {
    if code.is_empty() || code.len() > 4 || code.contains(&0) {
        return None;
    }
    let mut b = [0u8; 4];
    b[..code.len()].copy_from_slice(code);
    Some(u32::from_le_bytes(b))
}

fn parse_flag(v: &str, file: &str, line: usize) -> Result<bool> {
    match v.trim() {
        "" | "0" => Ok(false),
        "1" => Ok(true),
        other => Err(Error::Mapping { file: file.into(), message: format!("line {line}: flag must be 0 or 1, got {other:?}") }),
    }
}

fn parse_strategy(v: &str, file: &str, line: usize) -> Result<Option<StrategyCode>> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<StrategyCode>()
        .map(Some)
        .map_err(|e| Error::Mapping { file: file.into(), message: format!("line {line}: {e}") })
}

fn records(text: &str, file: &str) -> Result<(csv::StringRecord, Vec<csv::StringRecord>)> {
    let mut r = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let err = |e: csv::Error| Error::Mapping { file: file.into(), message: e.to_string() };
    let header = r.headers().map_err(err)?.clone();
    let rows = r.records().collect::<std::result::Result<Vec<_>, _>>().map_err(err)?;
    Ok((header, rows))
}

fn column(header: &csv::StringRecord, name: &str, file: &str) -> Result<usize> {
    header
        .iter()
        .position(|h| h.trim() == name)
        .ok_or_else(|| Error::Mapping { file: file.into(), message: format!("missing column {name:?}") })
}

impl Mappings {
    /// The tables compiled into the binary.
    pub fn builtin() -> Mappings {
        Mappings::parse(CAMEO_CSV, PLOVER_CSV).expect("built-in mapping tables are valid")
    }

    /// Load `cameo.csv` and `plover.csv` from a folder; a file missing there falls back to the
    /// built-in one.
    pub fn from_dir(dir: &Path) -> Result<Mappings> {
        let read = |name: &str, default: &str| -> Result<String> {
            let p = dir.join(name);
            if p.exists() {
                std::fs::read_to_string(&p).map_err(|source| Error::Io { path: p, source })
            } else {
                Ok(default.to_string())
            }
        };
        Mappings::parse(&read("cameo.csv", CAMEO_CSV)?, &read("plover.csv", PLOVER_CSV)?)
    }

    pub fn parse(cameo_csv: &str, plover_csv: &str) -> Result<Mappings> {
        let f = "cameo.csv";
        let (h, rows) = records(cameo_csv, f)?;
        let (c_code, c_strat, c_mil, c_cap) =
            (column(&h, "cameo", f)?, column(&h, "strategy", f)?, column(&h, "military", f)?, column(&h, "capability", f)?);
        column(&h, "rationale", f)?;
        let mut cameo = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            let line = i + 2;
            let code = r[c_code].trim().to_string();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::Mapping { file: f.into(), message: format!("line {line}: bad CAMEO code {code:?}") });
            }
            let coding = Coding {
                strategy: parse_strategy(&r[c_strat], f, line)?,
                military: parse_flag(&r[c_mil], f, line)?,
                capability: parse_flag(&r[c_cap], f, line)?,
            };
            if cameo.insert(code.clone(), coding).is_some() {
                return Err(Error::Mapping { file: f.into(), message: format!("line {line}: duplicate code {code}") });
            }
        }
        let f = "plover.csv";
        let (h, rows) = records(plover_csv, f)?;
        let (p_type, p_mode, p_ctx, p_strat, p_mil, p_cap) = (
            column(&h, "event_type", f)?,
            column(&h, "mode", f)?,
            column(&h, "context", f)?,
            column(&h, "strategy", f)?,
            column(&h, "military", f)?,
            column(&h, "capability", f)?,
        );
        let wild = |s: &str| {
            let s = s.trim().to_ascii_lowercase();
            (!s.is_empty() && s != "*").then_some(s)
        };
        let mut plover = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let line = i + 2;
            plover.push(PloverRule {
                event_type: r[p_type].trim().to_ascii_uppercase(),
                mode: wild(&r[p_mode]),
                context: wild(&r[p_ctx]),
                coding: Coding {
                    strategy: parse_strategy(&r[p_strat], f, line)?,
                    military: parse_flag(&r[p_mil], f, line)?,
                    capability: parse_flag(&r[p_cap], f, line)?,
                },
            });
        }
        let packed = cameo.iter().filter_map(|(k, v)| pack_code(k.as_bytes()).map(|p| (p, *v))).collect();
        Ok(Mappings { cameo, packed, plover })
    }

    /// Look a CAMEO code up exactly: "010" and "10" are different codes.
    pub fn cameo(&self, code: &str) -> Lookup {
        let hit = match pack_code(code.as_bytes()) {
            Some(p) => self.packed.get(&p),
            None => self.cameo.get(code),
        };
        match hit {
            Some(Coding { strategy: Some(s), military, capability }) => Lookup::Coded(*s, *military, *capability),
            Some(_) => Lookup::Neutral,
            None => Lookup::Unknown,
        }
    }

    /// Look a PLOVER event up. The most specific rule wins: type+mode+context, then
    /// type+mode, then type+context, then type alone. `contexts` may list several, separated
    /// by commas or semicolons; the first that matches a rule is used.
    pub fn plover(&self, event_type: &str, mode: &str, contexts: &str) -> Lookup {
        let t = event_type.trim().to_ascii_uppercase();
        let m = mode.trim().to_ascii_lowercase();
        let ctxs: Vec<String> = contexts
            .split([',', ';', '|'])
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty())
            .collect();
        let mut best: Option<(u8, &PloverRule)> = None;
        for rule in self.plover.iter().filter(|r| r.event_type == t) {
            let mode_ok = rule.mode.as_ref().is_none_or(|rm| *rm == m);
            let ctx_ok = rule.context.as_ref().is_none_or(|rc| ctxs.iter().any(|c| c == rc));
            if !(mode_ok && ctx_ok) {
                continue;
            }
            let score = 2 * rule.mode.is_some() as u8 + rule.context.is_some() as u8;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, rule));
            }
        }
        match best {
            Some((_, r)) => match r.coding.strategy {
                Some(s) => Lookup::Coded(s, r.coding.military, r.coding.capability),
                None => Lookup::Neutral,
            },
            None => Lookup::Unknown,
        }
    }

    pub fn cameo_codes(&self) -> impl Iterator<Item = &str> {
        self.cameo.keys().map(|s| s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StrategyCode::*;

    fn check(code: &str, expected: Lookup) {
        assert_eq!(Mappings::builtin().cameo(code), expected, "CAMEO {code}");
    }

    #[test]
    fn cameo_codes_keep_leading_zeros() {
        check("010", Lookup::Neutral);
        check("10", Lookup::Coded(Friction, false, false));
        check("163", Lookup::Coded(ObstructActive, false, false));
        check("062", Lookup::Coded(Cooperation, true, true));
        check("129", Lookup::Coded(Institutional, false, false));
        check("12", Lookup::Coded(ObstructPassive, false, false));
        check("999", Lookup::Unknown);
        check("", Lookup::Unknown);
    }

    #[test]
    fn every_cameo_code_of_the_codebook_is_in_the_table() {
        let m = Mappings::builtin();
        assert!(m.cameo_codes().count() >= 311);
    }

    #[test]
    fn plover_most_specific_rule_wins() {
        let m = Mappings::builtin();
        assert_eq!(m.plover("SANCTION", "discontinue", "economic"), Lookup::Coded(ObstructPassive, false, false));
        assert_eq!(m.plover("sanction", "withdraw", ""), Lookup::Coded(ObstructActive, false, false));
        assert_eq!(m.plover("COOPERATE", "", "economic;military"), Lookup::Coded(Cooperation, false, true));
        assert_eq!(m.plover("THREATEN", "", "military"), Lookup::Coded(HardInternal, false, false));
        assert_eq!(m.plover("DANCE", "", ""), Lookup::Unknown);
    }

    #[test]
    fn bad_tables_are_configuration_errors() {
        let bad = "cameo,name,strategy,military,capability,rationale\n010,x,offset.middle,0,0,y\n";
        assert!(Mappings::parse(bad, PLOVER_CSV).is_err());
        let dup = "cameo,name,strategy,military,capability,rationale\n010,x,,0,0,y\n010,x,,0,0,y\n";
        assert!(Mappings::parse(dup, PLOVER_CSV).is_err());
    }
}
