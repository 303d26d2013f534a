//! Actor resolution: CAMEO actor codes (GDELT), ISO3 codes and country names (ICEWS,
//! POLECAT) to the panel's actors — a state or territory by its ISO3 code, or an
//! institution (IGO or group such as EU, NATO) by its group code — through the shared
//! gazetteer (`softbalance-gazetteer`), never a table of our own.
//!
//! Policy (docs/events.md, "Actors"):
//! - GDELT: the full actor code first (`USAGOV` → USA, `IGOEUREEC` → EU: the gazetteer reads
//!   concatenated CAMEO codes), then the CountryCode column. Sub-state actors with a country
//!   (`USAGOV`, `CHNMIL`, `RUSBUS`) are attributed to that country, as GDELT does; actors with
//!   neither a known code nor a country (`BUS`, `REB`, `CVL`) are unresolved.
//! - ICEWS: the Country column by name; when it is missing ("NA") and the sectors name an
//!   international government organisation, the actor's Name (e.g. "European Union").
//! - POLECAT: the Country column as ISO3 or name, then the Name.
//!
//! - CAMEO case rules: country and actor codes are upper case; a code with a lower-case letter
//!   (`ukr`, `kur`) is an ethnic or religious group, not a state, and is unresolved.
//! - Historical codes resolve by the event's year (`HISTORICAL`): `GMW` (West Germany,
//!   GDELT 1.0's backfile) is Germany (DEU, COW 260 until 1989); `USR` is the Soviet Union up
//!   to 1991 and Russia after; `YUG` and `SCG` are Yugoslavia / Serbia and Montenegro (YUG,
//!   COW 345) up to 2005 and Serbia after, `SCGMNE` Montenegro after 2005.
//!
//! An event whose actor is unresolved is counted as unmapped (reason `actor`), never used.
//! COW and GW codes are looked up per panel year when the panel is assembled.

use softbalance_gazetteer::{gazetteer, EntityKind};
use std::collections::HashMap;
use std::sync::Arc;

/// What kind of panel actor an entity is: a state (or territory) forms dyads; an
/// institution only feeds the `institutional` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    State,
    Institution,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::State => "S",
            Kind::Institution => "I",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub code: Arc<str>,
    pub kind: Kind,
}

fn kind_of(kind: &EntityKind) -> Kind {
    match kind {
        EntityKind::Group | EntityKind::Igo => Kind::Institution,
        _ => Kind::State,
    }
}

/// A small multiplicative hasher for the reader's integer keys (packed codes): std's SipHash
/// protects against adversarial keys, which these fixed-size code keys do not need.
#[derive(Clone, Copy, Default)]
pub struct FastHash;

#[derive(Default)]
pub struct FastHasher(u64);

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(v as u64);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u128(&mut self, v: u128) {
        self.write_u64(v as u64);
        self.write_u64((v >> 64) as u64);
    }
}

/// Pack an actor code of at most 16 non-zero bytes into a u128 (zero padding keeps lengths
/// apart).
fn pack_actor(code: &[u8]) -> Option<u128> {
    if code.len() > 16 || code.contains(&0) {
        return None;
    }
    let mut b = [0u8; 16];
    b[..code.len()].copy_from_slice(code);
    Some(u128::from_le_bytes(b))
}

/// CAMEO codes whose entity depends on the year: (code prefix, last year of the first
/// entity, first entity, entity after). Longer prefixes first.
pub const HISTORICAL: &[(&str, i32, &str, &str)] = &[
    ("SCGMNE", 2005, "YUG", "MNE"),
    ("SCGSRB", 2005, "YUG", "SRB"),
    ("SCG", 2005, "YUG", "SRB"),
    ("YUG", 2005, "YUG", "SRB"),
    ("USR", 1991, "SUN", "RUS"),
    ("GMW", 1990, "DEU", "DEU"),
];

/// A cached resolution: one actor, or one that changes after a year.
#[derive(Clone)]
enum Hit {
    Fixed(Option<Actor>),
    Until(i32, Option<Actor>, Option<Actor>),
}

impl Hit {
    fn at(&self, year: i32) -> Option<Actor> {
        match self {
            Hit::Fixed(a) => a.clone(),
            Hit::Until(last, before, after) => if year <= *last { before.clone() } else { after.clone() },
        }
    }
}

/// A per-thread cache in front of the gazetteer: event files repeat the same few thousand
/// actor strings millions of times.
#[derive(Default)]
pub struct Resolver {
    cameo: HashMap<Box<[u8]>, Hit>,
    packed: HashMap<u128, Hit, FastHash>,
    names: HashMap<Box<str>, Option<Actor>>,
    /// One `Arc` per panel actor code, so that equal actors share a pointer (the reader's
    /// partial aggregates key actors by pointer).
    interned: HashMap<Box<str>, Arc<str>>,
}

impl Resolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// A CAMEO actor code or ISO3 code (GDELT, POLECAT) of an event in `year`.
    pub fn cameo_at(&mut self, code: &[u8], year: i32) -> Option<Actor> {
        if code.is_empty() {
            return None;
        }
        let packed = pack_actor(code);
        let hit = match packed {
            Some(p) => self.packed.get(&p),
            None => self.cameo.get(code),
        };
        if let Some(hit) = hit {
            return hit.at(year);
        }
        let found = self.lookup(code);
        let at = found.at(year);
        match packed {
            Some(p) => self.packed.insert(p, found),
            None => self.cameo.insert(code.into(), found),
        };
        at
    }

    /// A CAMEO actor code or ISO3 code, timeless (historical codes as of today).
    pub fn cameo(&mut self, code: &[u8]) -> Option<Actor> {
        self.cameo_at(code, i32::MAX)
    }

    fn entity(&mut self, code: &str) -> Option<Actor> {
        gazetteer().by_code(code).map(|e| Actor { code: self.intern(&e.code.to_string()), kind: kind_of(&e.kind) })
    }

    fn lookup(&mut self, code: &[u8]) -> Hit {
        let Ok(s) = std::str::from_utf8(code) else { return Hit::Fixed(None) };
        let s = s.trim();
        // CAMEO: lower case marks ethnic and religious groups (`ukr` Ukrainians), not states.
        if s.bytes().any(|b| b.is_ascii_lowercase()) {
            return Hit::Fixed(None);
        }
        if let Some(&(_, last, before, after)) = HISTORICAL.iter().find(|(p, ..)| s.starts_with(p)) {
            return Hit::Until(last, self.entity(before), self.entity(after));
        }
        Hit::Fixed(gazetteer().from_cameo(s).map(|e| Actor { code: self.intern(&e.code.to_string()), kind: kind_of(&e.kind) }))
    }

    fn intern(&mut self, code: &str) -> Arc<str> {
        if let Some(a) = self.interned.get(code) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(code);
        self.interned.insert(code.into(), a.clone());
        a
    }

    /// A country or organisation name (ICEWS, POLECAT).
    pub fn name(&mut self, name: &str) -> Option<Actor> {
        let name = name.trim();
        if name.is_empty() || name == "NA" {
            return None;
        }
        if let Some(hit) = self.names.get(name) {
            return hit.clone();
        }
        let found = gazetteer()
            .from_name(name)
            .map(|e| Actor { code: self.intern(&e.code.to_string()), kind: kind_of(&e.kind) });
        self.names.insert(name.into(), found.clone());
        found
    }
}

/// Correlates of War state number of an ISO3 code in a year (None outside the system).
pub fn cow_code(iso3: &str, year: i32) -> Option<u16> {
    gazetteer().cow_code(iso3, year)
}

/// Gleditsch–Ward state number of an ISO3 code in a year.
pub fn gw_code(iso3: &str, year: i32) -> Option<u16> {
    gazetteer().gw_code(iso3, year)
}
