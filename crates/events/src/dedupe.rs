//! `--dedupe`: event ids seen in one input file are dropped when another file repeats them
//! (the same ICEWS release given twice, overlapping GDELT downloads). Keys are exact for
//! numeric ids — GDELT's GLOBALEVENTID; ICEWS's Event ID with its Event Date, the source's
//! unique key — and a 128-bit hash of the id text otherwise (POLECAT), so that no row
//! allocates. The set is shared by the reader threads and split into shards, each behind its
//! own lock, so that two threads rarely wait for each other.
//!
//! Repeats inside one file are not duplicates (a file is the source's own unit); the stream
//! that records an id first keeps it. When the copies of an id differ, which one is kept
//! depends on the order the threads read the files in (`--threads 1` reads in path order);
//! so does the count when an id repeats inside one file and also appears in another.

use crate::actors::FastHash;
use crate::format::Format;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

const SHARDS: usize = 64;

/// One shard: event key → the stream that recorded it first.
type Shard = Mutex<HashMap<(u64, u64), u32, FastHash>>;

/// A shared set of event ids, per source family (GDELT 1.0 and 2.0 share GLOBALEVENTIDs).
pub struct Dedupe {
    shards: Vec<Shard>,
}

impl Default for Dedupe {
    fn default() -> Self {
        Dedupe { shards: (0..SHARDS).map(|_| Mutex::new(HashMap::default())).collect() }
    }
}

/// An event's key: the source family and a 128-bit value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventKey(u64, u64);

fn family(f: Format) -> u64 {
    match f {
        Format::Gdelt1 | Format::Gdelt2 => 1,
        Format::Icews => 2,
        Format::Polecat => 3,
    }
}

fn numeric(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u64, |a, &d| a * 10 + (d - b'0') as u64))
}

impl EventKey {
    /// The key of an event id (and, for ICEWS, its date as YYYYMMDD). None for an empty id.
    pub fn new(format: Format, id: &[u8], date: u32) -> Option<EventKey> {
        let id = id.trim_ascii();
        if id.is_empty() || id == b"NA" {
            return None;
        }
        let fam = family(format) << 60;
        if let Some(n) = numeric(id) {
            // Exact: family and date in the first word (dates < 2^32), the id in the second.
            return Some(EventKey(fam | date as u64, n));
        }
        // Text ids: two independent 64-bit hashes; bit 59 keeps them apart from numbers.
        let h = |seed: u64| {
            let mut s = std::collections::hash_map::DefaultHasher::new();
            seed.hash(&mut s);
            id.hash(&mut s);
            date.hash(&mut s);
            s.finish()
        };
        Some(EventKey(fam | 1 << 59 | (h(1) >> 5), h(2)))
    }
}

impl Dedupe {
    /// Record `key` as read from stream `stream`; true when another stream recorded it first.
    pub fn is_duplicate(&self, key: EventKey, stream: u32) -> bool {
        let mix = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let shard = &self.shards[(mix >> 58) as usize % SHARDS];
        let mut map = shard.lock().unwrap_or_else(|p| p.into_inner());
        let first = *map.entry((key.0, key.1)).or_insert(stream);
        first != stream
    }
}

/// A number for a stream name (a path, or `archive.zip:entry`): byte ranges of one file read
/// by different threads get the same number.
pub fn stream_id(name: &str) -> u32 {
    let mut s = std::collections::hash_map::DefaultHasher::new();
    name.hash(&mut s);
    let h = s.finish();
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_across_streams_only() {
        let d = Dedupe::default();
        let k = EventKey::new(Format::Gdelt1, b"1552839", 0).unwrap();
        assert!(!d.is_duplicate(k, 1));
        assert!(!d.is_duplicate(k, 1), "a repeat inside the same file is kept");
        assert!(d.is_duplicate(k, 2));
        // GDELT 1.0 and 2.0 share ids; ICEWS ids are keyed with their date.
        assert_eq!(EventKey::new(Format::Gdelt2, b"1552839", 0), Some(k));
        let a = EventKey::new(Format::Icews, b"32889836", 20180601).unwrap();
        let b = EventKey::new(Format::Icews, b"32889836", 20180602).unwrap();
        assert_ne!(a, b);
        assert_ne!(EventKey::new(Format::Polecat, b"abc-1", 0), EventKey::new(Format::Polecat, b"abc-2", 0));
        assert_eq!(EventKey::new(Format::Polecat, b"", 0), None);
    }
}
