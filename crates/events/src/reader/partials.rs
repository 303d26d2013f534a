//! Partial aggregation: each reader thread counts its coded events in a hash map keyed by
//! period, actors, strategy and flags, and hands the map's content on as a `PartialBatch`
//! when it holds `batch_rows` keys and at the end of its share. The engine (feature
//! `engine`) turns a batch into an Arrow record batch of `partial_schema()` and sums the
//! partials in SQL stage 1.

use crate::actors::{Actor, FastHash, Kind};
use crate::mapping::Lookup;
use softbalance_core::strategy::StrategyCode;
use std::collections::HashMap;
use std::sync::Arc;

/// One coded event, as the row coder hands it to the partial map.
pub(crate) struct Coded {
    pub(crate) period: i32,
    pub(crate) a1: Actor,
    pub(crate) a2: Actor,
    pub(crate) lookup: Lookup,
    pub(crate) goldstein: Option<f64>,
}

/// One partial aggregate: `n` coded events of a period, directed actor pair, strategy and
/// flags, of which `gcount` have a Goldstein value; their sum in hundredths is `gsum_c`
/// (integers, so that sums are exact and identical in any order: local and distributed runs
/// must give the same panel bit for bit).
#[derive(Clone, Debug)]
pub struct PartialRow {
    pub period: i32,
    pub a1: Actor,
    pub a2: Actor,
    pub strategy: StrategyCode,
    pub military: bool,
    pub capability: bool,
    pub n: i64,
    pub gsum_c: i64,
    pub gcount: i64,
}

/// What a reader emits: the partial aggregates of its map at one point (each key once).
#[derive(Clone, Debug, Default)]
pub struct PartialBatch {
    pub rows: Vec<PartialRow>,
}

impl PartialBatch {
    /// The number of events in the batch (the sum of `n`).
    pub fn events(&self) -> u64 {
        self.rows.iter().map(|r| r.n as u64).sum()
    }
}

/// Partial aggregates of one reader thread: coded events counted by period, actors,
/// strategy and flags. Keyed by the actors' interned `Arc<str>` pointers (the resolver hands
/// out the same `Arc` for every hit; the value keeps it alive, so a pointer is never reused
/// while it is a key). Two equal codes behind different pointers only give two partial rows,
/// which the engine's `SUM` combines.
#[derive(Default)]
pub(crate) struct Partials {
    /// Key → counts, with the index of the key's row in `rows` (the actors and flags,
    /// read only when the key is new and when the map is emitted). The counts live in the
    /// map, next to the key, so that a hit touches one cache line.
    map: HashMap<Key, Counts, FastHash>,
    rows: Vec<PartialRow>,
}

/// Period and flags packed into `k`; the actors by pointer.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    k: u64,
    a1: usize,
    a2: usize,
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // Pointers share their low and high bits, so mix everything (murmur3's finaliser)
        // before the table takes its bucket from the low bits.
        let mut x = (self.k.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ self.a1 as u64).wrapping_mul(0xc2b2_ae3d_27d4_eb4f) ^ self.a2 as u64;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^= x >> 33;
        h.write_u64(x);
    }
}

#[derive(Clone, Copy, Default)]
struct Counts {
    n: i64,
    gsum_c: i64,
    gcount: i64,
    row: u32,
}

impl Partials {
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(crate) fn push(&mut self, c: Coded) {
        let Lookup::Coded(strategy, military, capability) = c.lookup else { return };
        let flags = (strategy.index() as u64) << 4
            | (military as u64) << 3
            | (capability as u64) << 2
            | ((c.a1.kind == Kind::State) as u64) << 1
            | (c.a2.kind == Kind::State) as u64;
        let key = Key {
            k: (c.period as u32 as u64) << 32 | flags,
            a1: Arc::as_ptr(&c.a1.code) as *const u8 as usize,
            a2: Arc::as_ptr(&c.a2.code) as *const u8 as usize,
        };
        let rows = &mut self.rows;
        let e = self.map.entry(key).or_insert_with(|| {
            rows.push(PartialRow { period: c.period, a1: c.a1, a2: c.a2, strategy, military, capability, n: 0, gsum_c: 0, gcount: 0 });
            Counts { row: (rows.len() - 1) as u32, ..Counts::default() }
        });
        e.n += 1;
        if let Some(g) = c.goldstein {
            e.gsum_c += (g * 100.0).round() as i64;
            e.gcount += 1;
        }
    }

    /// The partial aggregates as one batch; empties the map.
    pub(crate) fn finish(&mut self) -> PartialBatch {
        for (_, c) in self.map.drain() {
            let r = &mut self.rows[c.row as usize];
            (r.n, r.gsum_c, r.gcount) = (c.n, c.gsum_c, c.gcount);
        }
        let cap = self.rows.capacity();
        PartialBatch { rows: std::mem::replace(&mut self.rows, Vec::with_capacity(cap)) }
    }
}
