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

/// A per-thread cache in front of the gazetteer: event files repeat the same few thousand
/// actor strings millions of times.
#[derive(Default)]
pub struct Resolver {
    cameo: HashMap<Box<[u8]>, Option<Actor>>,
    packed: HashMap<u128, Option<Actor>, FastHash>,
    names: HashMap<Box<str>, Option<Actor>>,
    /// One `Arc` per panel actor code, so that equal actors share a pointer (the reader's
    /// partial aggregates key actors by pointer).
    interned: HashMap<Box<str>, Arc<str>>,
}

impl Resolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// A CAMEO actor code or ISO3 code (GDELT, POLECAT).
    pub fn cameo(&mut self, code: &[u8]) -> Option<Actor> {
        if code.is_empty() {
            return None;
        }
        let packed = pack_actor(code);
        let hit = match packed {
            Some(p) => self.packed.get(&p),
            None => self.cameo.get(code),
        };
        if let Some(hit) = hit {
            return hit.clone();
        }
        let found = std::str::from_utf8(code)
            .ok()
            .and_then(|s| gazetteer().from_cameo(s.trim()))
            .map(|e| Actor { code: self.intern(&e.code.to_string()), kind: kind_of(&e.kind) });
        match packed {
            Some(p) => self.packed.insert(p, found.clone()),
            None => self.cameo.insert(code.into(), found.clone()),
        };
        found
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
