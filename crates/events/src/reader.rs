//! The streaming row reader. It splits lines and tab-separated fields itself (memchr; GDELT
//! has no quoting at all, so a stray `"` stays data), validates each row against its format,
//! codes it through the mappings and the gazetteer, and appends it to Arrow record batches.
//! Every non-blank line after a header ends in exactly one bin:
//!
//! - **rejected**: malformed (wrong column count, bad date, bad event code, bad Goldstein
//!   value, non-UTF-8 where a code is expected, unrecognised format); written to the rejects
//!   sink with file, line and reason;
//! - **unmapped**: well formed but not codable (event code unknown or deliberately neutral,
//!   an actor that resolves to no state or IGO); counted by reason and by code;
//! - **used**: coded and handed to the engine.
//!
//! `rows read = used + unmapped + rejected` holds for every run, and the periods of all
//! well-formed rows are recorded as the run's coverage (missing ≠ zero in the panel).

use crate::actors::{Actor, FastHash, Kind, Resolver};
use crate::dedupe::{stream_id, Dedupe, EventKey};
use crate::format::Format;
use crate::mapping::{Lookup, Mappings};
use datafusion::arrow::array::{ArrayRef, BooleanBuilder, Int32Builder, Int64Builder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use std::borrow::Cow;
use softbalance_core::strategy::StrategyCode;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, BufRead, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The schema of the events table as the engine sees it: partial aggregates of coded events
/// by period, actors, strategy and flags, summed per reader thread (`n` events, of which
/// `gcount` have a Goldstein value summing to `gsum_c`). Stage 1 of the panel SQL sums these
/// partials, so it is also the schema of the stage-1 aggregate.
pub fn partial_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("period", DataType::Int32, false),
        Field::new("a1", DataType::Utf8, false),
        Field::new("k1", DataType::Utf8, false),
        Field::new("a2", DataType::Utf8, false),
        Field::new("k2", DataType::Utf8, false),
        Field::new("strategy", DataType::Utf8, false),
        Field::new("military", DataType::Boolean, false),
        Field::new("capability", DataType::Boolean, false),
        Field::new("n", DataType::Int64, false),
        // Goldstein in hundredths, so that sums are exact and identical in any order
        // (local and distributed runs must give the same panel bit for bit).
        Field::new("gsum_c", DataType::Int64, true),
        Field::new("gcount", DataType::Int64, false),
    ]))
}

/// How periods are formed: a year (`2016`) or a month (`201607`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    Year,
    Month,
}

impl Period {
    pub fn of(self, year: i32, month: i32) -> i32 {
        match self {
            Period::Year => year,
            Period::Month => year * 100 + month,
        }
    }
    pub fn year_of(self, period: i32) -> i32 {
        match self {
            Period::Year => period,
            Period::Month => period / 100,
        }
    }
}

/// Counts of one input stream (a file, or one entry of a zip archive), to find a file that
/// is empty or wholly rejected (an error: nothing in it is in the format expected).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileStats {
    /// The format detected (or forced) for the file; None when none was recognised.
    pub format: Option<Format>,
    pub rows: u64,
    pub rejected: u64,
    /// A reason for the rejects (the smallest one seen, so that merging is order-free).
    pub reason: Option<String>,
}

impl FileStats {
    fn merge(&mut self, o: &FileStats) {
        self.format = self.format.or(o.format);
        self.rows += o.rows;
        self.rejected += o.rejected;
        self.reason = match (self.reason.take(), &o.reason) {
            (Some(a), Some(b)) => Some(if &a <= b { a } else { b.clone() }),
            (a, b) => a.or_else(|| b.clone()),
        };
    }

    /// Why this file is an error, or None when some of its rows are usable.
    pub fn problem(&self, name: &str) -> Option<String> {
        let expected = match self.format {
            Some(f) => format!("expected {}", f.expectation()),
            None => format!("expected {}", Format::any_expectation()),
        };
        if self.rows == 0 {
            let what = match self.format {
                Some(f) if f.has_header() => format!("has a header ({f}) but no rows"),
                _ => "is empty: no event rows".to_string(),
            };
            return Some(format!("{name} {what} ({expected})"));
        }
        if self.rejected == self.rows {
            let why = self.reason.as_deref().map(|r| format!("; e.g. {r}")).unwrap_or_default();
            let as_fmt = self.format.map(|f| format!(" as {f}")).unwrap_or_default();
            return Some(format!("{name}: all {} rows were rejected{as_fmt} ({expected}{why})", self.rows));
        }
        None
    }
}

/// Counts of one run. Merged over reader threads; printed as the reconciliation line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub files: u64,
    pub bytes: u64,
    pub rows_read: u64,
    pub used: u64,
    pub unmapped: u64,
    pub rejected: u64,
    /// Well-formed rows whose event id was already read from another file (`--dedupe`).
    pub duplicates: u64,
    pub blank_lines: u64,
    pub unmapped_by_reason: BTreeMap<String, u64>,
    pub unmapped_codes: BTreeMap<String, u64>,
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub rows_by_format: BTreeMap<String, u64>,
    /// Periods with at least one well-formed row: the coverage of the input.
    pub periods: BTreeSet<i32>,
    /// Rows and rejects per input stream (path, or `archive.zip:entry`).
    pub by_file: BTreeMap<String, FileStats>,
}

impl Stats {
    pub fn merge(&mut self, o: &Stats) {
        self.files += o.files;
        self.bytes += o.bytes;
        self.rows_read += o.rows_read;
        self.used += o.used;
        self.unmapped += o.unmapped;
        self.rejected += o.rejected;
        self.duplicates += o.duplicates;
        self.blank_lines += o.blank_lines;
        for (k, v) in &o.unmapped_by_reason {
            *self.unmapped_by_reason.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.unmapped_codes {
            *self.unmapped_codes.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.rejected_by_reason {
            *self.rejected_by_reason.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.rows_by_format {
            *self.rows_by_format.entry(k.clone()).or_default() += v;
        }
        self.periods.extend(o.periods.iter().copied());
        for (k, v) in &o.by_file {
            self.by_file.entry(k.clone()).or_default().merge(v);
        }
    }

    /// Whether every row read is accounted for.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.used + self.unmapped + self.rejected + self.duplicates
    }

    /// An error (`Error::Unbalanced`, exit 9) unless every row read is in one bin.
    pub fn check_balanced(&self) -> crate::Result<()> {
        if self.balanced() {
            Ok(())
        } else {
            Err(crate::Error::Unbalanced(self.reconciliation()))
        }
    }

    /// `rows read 710 = used 310 + unmapped 390 + rejected 10 + duplicates 0`
    pub fn reconciliation(&self) -> String {
        format!(
            "rows read {} = used {} + unmapped {} + rejected {} + duplicates {}{}",
            self.rows_read,
            self.used,
            self.unmapped,
            self.rejected,
            self.duplicates,
            if self.balanced() { "" } else { "  (MISMATCH)" }
        )
    }

    /// The files that are empty or wholly rejected, each with a message naming the format
    /// that was expected.
    pub fn file_problems(&self) -> Vec<String> {
        self.by_file.iter().filter_map(|(name, f)| f.problem(name)).collect()
    }
}

/// Where rejected rows go: a TSV of `file, line, reason, raw` (raw with `\t`, `\n` and `\\`
/// escaped so each reject stays on one line), shared by the reader threads. The first write
/// error is kept and returned by `flush` (an output failure, exit 8), never dropped.
#[derive(Clone, Default)]
pub struct RejectSink(Option<Arc<Mutex<SinkState>>>);

struct SinkState {
    w: Box<dyn Write + Send>,
    error: Option<io::Error>,
}

impl RejectSink {
    pub fn none() -> Self {
        RejectSink(None)
    }
    pub fn new(w: Box<dyn Write + Send>) -> io::Result<Self> {
        let mut w = w;
        writeln!(w, "file\tline\treason\traw")?;
        Ok(RejectSink(Some(Arc::new(Mutex::new(SinkState { w, error: None })))))
    }
    fn write(&self, file: &str, line: u64, reason: &str, raw: &[u8]) {
        if let Some(w) = &self.0 {
            let mut esc = String::with_capacity(raw.len() + 8);
            for ch in String::from_utf8_lossy(raw).chars() {
                match ch {
                    '\t' => esc.push_str("\\t"),
                    '\n' => esc.push_str("\\n"),
                    '\r' => esc.push_str("\\r"),
                    '\\' => esc.push_str("\\\\"),
                    c => esc.push(c),
                }
            }
            let mut st = w.lock().unwrap_or_else(|p| p.into_inner());
            if st.error.is_none() {
                if let Err(e) = writeln!(st.w, "{file}\t{line}\t{reason}\t{esc}") {
                    st.error = Some(e);
                }
            }
        }
    }
    /// Flush the writer; the first error of any write so far, if one failed.
    pub fn flush(&self) -> io::Result<()> {
        if let Some(w) = &self.0 {
            let mut st = w.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(e) = st.error.take() {
                return Err(e);
            }
            st.w.flush()?;
        }
        Ok(())
    }
}

/// Live counters for the progress bar.
#[derive(Default)]
pub struct Progress {
    pub bytes: Arc<AtomicU64>,
    pub rows: AtomicU64,
}

/// Options every reader thread shares.
#[derive(Clone)]
pub struct ReadConfig {
    pub format: Option<Format>,
    pub period: Period,
    pub mappings: Arc<Mappings>,
    pub rejects: RejectSink,
    pub progress: Arc<Progress>,
    /// Distinct partial-aggregate keys a reader thread holds before it emits them as one
    /// batch (bounds the reader's memory; the engine's `SUM` combines the batches).
    pub batch_rows: usize,
    /// Read bytes that are not valid UTF-8 as Latin-1 (`--latin1`, some POLECAT releases)
    /// instead of rejecting the row.
    pub latin1: bool,
    /// Drop rows whose event id another file already gave (`--dedupe`); None keeps them.
    pub dedupe: Option<Arc<Dedupe>>,
}

/// Column positions taken from an ICEWS or POLECAT header.
#[derive(Clone, Debug, Default)]
struct Header {
    width: usize,
    id: Option<usize>,
    date: usize,
    code: Option<usize>,
    mode: Option<usize>,
    context: Option<usize>,
    goldstein: Option<usize>,
    c1: usize,
    c2: usize,
    n1: Option<usize>,
    n2: Option<usize>,
    s1: Option<usize>,
    s2: Option<usize>,
    missing: Option<String>,
}

fn find(names: &[String], candidates: &[&str]) -> Option<usize> {
    candidates.iter().find_map(|c| names.iter().position(|n| n == c))
}

impl Header {
    fn parse(line: &[u8], format: Format) -> Header {
        let names: Vec<String> = decode(line)
            .split('\t')
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase().replace('_', " "))
            .collect();
        let mut h = Header { width: names.len(), id: find(&names, &["event id", "id"]), ..Header::default() };
        let need = |cands: &[&str], h: &mut Header| -> usize {
            find(&names, cands).unwrap_or_else(|| {
                h.missing.get_or_insert_with(|| format!("header lacks column {:?}", cands[0]));
                0
            })
        };
        match format {
            Format::Icews => {
                h.date = need(&["event date"], &mut h);
                h.code = Some(need(&["cameo code"], &mut h));
                h.c1 = need(&["source country"], &mut h);
                h.c2 = need(&["target country"], &mut h);
                h.n1 = find(&names, &["source name"]);
                h.n2 = find(&names, &["target name"]);
                h.s1 = find(&names, &["source sectors"]);
                h.s2 = find(&names, &["target sectors"]);
                h.goldstein = find(&names, &["intensity"]);
            }
            Format::Polecat => {
                h.date = need(&["event date", "date", "story date"], &mut h);
                h.code = Some(need(&["event type"], &mut h));
                h.mode = find(&names, &["event mode", "mode"]);
                h.context = find(&names, &["contexts", "context", "event context"]);
                h.c1 = need(&["actor country", "actor country code"], &mut h);
                h.c2 = need(&["recipient country", "recipient country code"], &mut h);
                h.n1 = find(&names, &["actor name"]);
                h.n2 = find(&names, &["recipient name"]);
            }
            _ => {}
        }
        h
    }
}

/// UTF-8, or Latin-1 when the bytes are not valid UTF-8 (some POLECAT releases).
fn decode(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(b.iter().map(|&c| c as char).collect()),
    }
}

fn digits(b: &[u8]) -> Option<i32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i32, |a, &d| a * 10 + (d - b'0') as i32))
}

/// YYYYMMDD (GDELT) or YYYY-MM-DD (ICEWS, POLECAT; anything after the day is ignored): year,
/// month and day of a real calendar date (2016-02-29 is one, 2017-02-29 and 2016-02-31 are
/// not).
fn parse_date(b: &[u8]) -> Option<(i32, i32, i32)> {
    let (y, m, d) = if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        (digits(&b[..4])?, digits(&b[4..6])?, digits(&b[6..8])?)
    } else if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (digits(&b[..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
    } else {
        return None;
    };
    ((1800..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_missing(b: &[u8]) -> bool {
    b.is_empty() || b == b"NA"
}

fn valid_cameo(b: &[u8]) -> bool {
    (2..=4).contains(&b.len()) && b.iter().all(u8::is_ascii_digit)
}

fn parse_goldstein(b: &[u8]) -> Result<Option<f64>, ()> {
    if is_missing(b) {
        return Ok(None);
    }
    // Fast path for the usual `-5.0` / `3.4` / `10`: sign, digits, at most two decimals.
    if let Some(c) = parse_centi(b) {
        return if (-1000..=1000).contains(&c) { Ok(Some(c as f64 / 100.0)) } else { Err(()) };
    }
    let s = std::str::from_utf8(b).map_err(|_| ())?;
    let v: f64 = s.trim().parse().map_err(|_| ())?;
    if v.is_finite() && (-10.0..=10.0).contains(&v) {
        Ok(Some(v))
    } else {
        Err(())
    }
}

/// `[-]digits[.d[d]]` as hundredths; None for anything else (the slow path decides).
fn parse_centi(b: &[u8]) -> Option<i64> {
    let (neg, digits) = match b.split_first()? {
        (b'-', rest) => (true, rest),
        _ => (false, b),
    };
    let (int, frac) = match memchr::memchr(b'.', digits) {
        Some(i) => (&digits[..i], &digits[i + 1..]),
        None => (digits, &digits[..0]),
    };
    if int.is_empty() || int.len() > 6 || frac.len() > 2 || !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return None;
    }
    let mut v = int.iter().fold(0i64, |a, &d| a * 10 + (d - b'0') as i64) * 100;
    let scale = [10, 1];
    for (i, &d) in frac.iter().enumerate() {
        v += (d - b'0') as i64 * scale[i];
    }
    Some(if neg { -v } else { v })
}

/// One coded event.
struct Coded {
    period: i32,
    a1: Actor,
    a2: Actor,
    lookup: Lookup,
    goldstein: Option<f64>,
}

/// The outcome of one row.
enum Row<'a> {
    Reject(String),
    Duplicate { period: i32 },
    Unmapped { period: i32, reason: &'static str, code: Cow<'a, str> },
    Used(Coded),
}

/// Partial aggregates of one reader thread: coded events counted by period, actors,
/// strategy and flags. Keyed by the actors' interned `Arc<str>` pointers (the resolver hands
/// out the same `Arc` for every hit; the value keeps it alive, so a pointer is never reused
/// while it is a key). Two equal codes behind different pointers only give two partial rows,
/// which the engine's `SUM` combines.
#[derive(Default)]
struct Partials {
    /// Key → counts, with the index of the key's row in `rows` (the actors and flags,
    /// read only when the key is new and when the map is emitted).
    map: HashMap<Key, Counts, FastHash>,
    rows: Vec<Partial>,
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

struct Partial {
    period: i32,
    a1: Actor,
    a2: Actor,
    strategy: StrategyCode,
    military: bool,
    capability: bool,
    counts: Counts,
}

impl Partials {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn push(&mut self, c: Coded) {
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
            rows.push(Partial { period: c.period, a1: c.a1, a2: c.a2, strategy, military, capability, counts: Counts::default() });
            Counts { row: (rows.len() - 1) as u32, ..Counts::default() }
        });
        e.n += 1;
        if let Some(g) = c.goldstein {
            e.gsum_c += (g * 100.0).round() as i64;
            e.gcount += 1;
        }
    }

    /// The partial aggregates as one batch of `partial_schema()`; empties the map.
    fn finish(&mut self, schema: &SchemaRef) -> RecordBatch {
        let cap = self.rows.len();
        for (_, c) in self.map.drain() {
            self.rows[c.row as usize].counts = c;
        }
        let mut period = Int32Builder::with_capacity(cap);
        let mut a1 = StringBuilder::with_capacity(cap, cap * 3);
        let mut k1 = StringBuilder::with_capacity(cap, cap);
        let mut a2 = StringBuilder::with_capacity(cap, cap * 3);
        let mut k2 = StringBuilder::with_capacity(cap, cap);
        let mut strategy = StringBuilder::with_capacity(cap, cap * 12);
        let mut military = BooleanBuilder::with_capacity(cap);
        let mut capability = BooleanBuilder::with_capacity(cap);
        let mut n = Int64Builder::with_capacity(cap);
        let mut gsum_c = Int64Builder::with_capacity(cap);
        let mut gcount = Int64Builder::with_capacity(cap);
        for p in self.rows.drain(..) {
            period.append_value(p.period);
            a1.append_value(&*p.a1.code);
            k1.append_value(p.a1.kind.as_str());
            a2.append_value(&*p.a2.code);
            k2.append_value(p.a2.kind.as_str());
            strategy.append_value(p.strategy.as_str());
            military.append_value(p.military);
            capability.append_value(p.capability);
            let c = p.counts;
            n.append_value(c.n);
            // NULL when no event of the group has a Goldstein value, as SUM over none is.
            gsum_c.append_option((c.gcount > 0).then_some(c.gsum_c));
            gcount.append_value(c.gcount);
        }
        let cols: Vec<ArrayRef> = vec![
            Arc::new(period.finish()),
            Arc::new(a1.finish()),
            Arc::new(k1.finish()),
            Arc::new(a2.finish()),
            Arc::new(k2.finish()),
            Arc::new(strategy.finish()),
            Arc::new(military.finish()),
            Arc::new(capability.finish()),
            Arc::new(n.finish()),
            Arc::new(gsum_c.finish()),
            Arc::new(gcount.finish()),
        ];
        RecordBatch::try_new(schema.clone(), cols).expect("columns match the partial schema")
    }
}

/// One reader thread's state: reused buffers, the actor cache, local counts.
pub struct Reader {
    cfg: ReadConfig,
    resolver: Resolver,
    partials: Partials,
    schema: SchemaRef,
    pub stats: Stats,
    fields: Vec<(usize, usize)>,
    /// Hot-path counters folded into `stats` by `fold_counts` (no allocation per row).
    format_rows: [u64; 4],
    reasons: [u64; 4],
    last_period: Option<i32>,
    pending_progress: u64,
    /// The current stream's number for `--dedupe`, and its smallest reject reason.
    stream: u32,
    stream_reason: Option<String>,
    stream_format: Option<Format>,
}

const REASONS: [&str; 4] = ["code", "neutral", "actor1", "actor2"];
const FORMATS: [Format; 4] = [Format::Gdelt1, Format::Gdelt2, Format::Icews, Format::Polecat];

fn format_slot(f: Format) -> usize {
    FORMATS.iter().position(|x| *x == f).expect("listed")
}

/// Where a stream starts: a whole file (the default), or a byte range of a large
/// headerless file read by another thread, whose format was detected from the file's first
/// line and whose first line has number `first_line` in the file.
#[derive(Clone, Copy, Debug)]
pub struct StreamStart {
    pub format: Option<Format>,
    pub first_line: u64,
}

impl Default for StreamStart {
    fn default() -> Self {
        StreamStart { format: None, first_line: 1 }
    }
}

/// Per-stream state of `read_part`.
struct StreamState {
    format: Option<Format>,
    header: Option<Header>,
    header_pending: bool,
    pending: Vec<(u64, Vec<u8>)>,
    line_no: u64,
}

/// Lines kept while a file's format is still unknown.
const DETECT_LINES: usize = 1000;

/// Push `(start, end)` of each tab-terminated field of `raw` onto `fields`, stopping after
/// `wanted` of them; returns where the next field starts. Fields are short (GDELT's first
/// columns average a few bytes), so rather than one search per tab, 16 bytes at a time are
/// compared at once and the tabs taken from the bit mask (SSE2, part of every x86-64).
///
/// `high` gets a non-zero bit when a byte of the part of `raw` scanned has its high bit set
/// (not ASCII: the caller then checks that the line is valid UTF-8), at no extra pass.
fn split_tabs(raw: &[u8], wanted: usize, fields: &mut Vec<(usize, usize)>, high: &mut u32) -> usize {
    let mut start = 0;
    #[allow(unused_mut)]
    let mut off = 0;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: SSE2 is enabled for this build (cfg above); every load reads 16 bytes at
    // `off` with `off + 16 <= raw.len()`, unaligned.
    unsafe {
        use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
        let tab = _mm_set1_epi8(b'\t' as i8);
        while off + 16 <= raw.len() {
            let v = _mm_loadu_si128(raw.as_ptr().add(off) as *const __m128i);
            *high |= _mm_movemask_epi8(v) as u32;
            let mut m = _mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) as u32;
            while m != 0 {
                let i = off + m.trailing_zeros() as usize;
                fields.push((start, i));
                start = i + 1;
                if fields.len() == wanted {
                    return start;
                }
                m &= m - 1;
            }
            off += 16;
        }
    }
    let mut stop = raw.len();
    for i in memchr::memchr_iter(b'\t', &raw[off..]) {
        fields.push((start, off + i));
        start = off + i + 1;
        if fields.len() == wanted {
            stop = start;
            break;
        }
    }
    if !raw[off..stop].is_ascii() {
        *high |= 1;
    }
    start
}

/// The number of tabs in `b`, 16 bytes at a time where SSE2 is there.
fn count_tabs(b: &[u8], high: &mut u32) -> usize {
    #[allow(unused_mut)]
    let mut off = 0;
    #[allow(unused_mut)]
    let mut n = 0usize;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: SSE2 is enabled for this build; every load reads 16 bytes at `off` with
    // `off + 16 <= b.len()`, unaligned.
    unsafe {
        use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
        let tab = _mm_set1_epi8(b'\t' as i8);
        while off + 16 <= b.len() {
            let v = _mm_loadu_si128(b.as_ptr().add(off) as *const __m128i);
            *high |= _mm_movemask_epi8(v) as u32;
            n += (_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) as u32).count_ones() as usize;
            off += 16;
        }
    }
    if !b[off..].is_ascii() {
        *high |= 1;
    }
    n + b[off..].iter().filter(|&&c| c == b'\t').count()
}

/// GDELT columns up to GoldsteinScale (index 30) are all the reader needs.
const GDELT_FIELDS_USED: usize = 31;

impl Reader {
    pub fn new(cfg: ReadConfig) -> Reader {
        Reader {
            cfg,
            resolver: Resolver::new(),
            partials: Partials::default(),
            schema: partial_schema(),
            stats: Stats::default(),
            fields: Vec::new(),
            format_rows: [0; 4],
            reasons: [0; 4],
            last_period: None,
            pending_progress: 0,
            stream: 0,
            stream_reason: None,
            stream_format: None,
        }
    }

    /// Read one stream to its end, calling `emit` with each full batch. `emit` returns false
    /// when the consumer has gone away; reading then stops early.
    pub fn read_stream(
        &mut self,
        name: &str,
        input: &mut dyn BufRead,
        emit: &mut dyn FnMut(RecordBatch) -> bool,
    ) -> io::Result<bool> {
        self.read_part(name, input, StreamStart::default(), emit)
    }

    /// Read a stream that may be a later part of a file (see `StreamStart`).
    pub fn read_part(
        &mut self,
        name: &str,
        input: &mut dyn BufRead,
        start: StreamStart,
        emit: &mut dyn FnMut(RecordBatch) -> bool,
    ) -> io::Result<bool> {
        if start.first_line <= 1 {
            self.stats.files += 1;
        }
        if self.cfg.dedupe.is_some() {
            self.stream = stream_id(name);
        }
        let (rows0, rejected0) = (self.stats.rows_read, self.stats.rejected);
        self.stream_reason = None;
        let alive = self.read_lines(name, input, start, emit)?;
        let fs = self.stats.by_file.entry(name.to_string()).or_default();
        fs.rows += self.stats.rows_read - rows0;
        fs.rejected += self.stats.rejected - rejected0;
        let f = FileStats { reason: self.stream_reason.take(), format: self.stream_format.take(), ..FileStats::default() };
        fs.merge(&f);
        Ok(alive)
    }

    fn read_lines(
        &mut self,
        name: &str,
        input: &mut dyn BufRead,
        start: StreamStart,
        emit: &mut dyn FnMut(RecordBatch) -> bool,
    ) -> io::Result<bool> {
        let mut st = StreamState {
            format: start.format.or(self.cfg.format),
            header: None,
            header_pending: false,
            pending: Vec::new(),
            line_no: start.first_line.max(1) - 1,
        };
        st.header_pending = st.format.is_some_and(|f| f.has_header());
        self.stream_format = st.format;
        // Lines are handled in place in the reader's buffer; only a line that straddles two
        // buffer fills is copied (into `carry`).
        let mut carry: Vec<u8> = Vec::new();
        loop {
            let buf = input.fill_buf()?;
            if buf.is_empty() {
                if !carry.is_empty() {
                    let line = std::mem::take(&mut carry);
                    if !self.on_line(name, &mut st, &line, emit) {
                        return Ok(false);
                    }
                }
                break;
            }
            let len = buf.len();
            let mut from = 0;
            if !carry.is_empty() {
                match memchr::memchr(b'\n', buf) {
                    Some(i) => {
                        carry.extend_from_slice(&buf[..i]);
                        from = i + 1;
                        let line = std::mem::take(&mut carry);
                        if !self.on_line(name, &mut st, &line, emit) {
                            return Ok(false);
                        }
                    }
                    None => {
                        carry.extend_from_slice(buf);
                        input.consume(len);
                        continue;
                    }
                }
            }
            let base = from;
            for i in memchr::memchr_iter(b'\n', &buf[base..]) {
                let end = base + i;
                if !self.on_line(name, &mut st, &buf[from..end], emit) {
                    return Ok(false);
                }
                from = end + 1;
            }
            carry.extend_from_slice(&buf[from..]);
            input.consume(len);
        }
        for (ln, raw) in std::mem::take(&mut st.pending) {
            self.reject(name, ln, "format not recognised", &raw);
        }
        Ok(true)
    }

    /// One line (without its `\n`) of a stream: header and format handling, then the row.
    fn on_line(
        &mut self,
        name: &str,
        st: &mut StreamState,
        line: &[u8],
        emit: &mut dyn FnMut(RecordBatch) -> bool,
    ) -> bool {
        st.line_no += 1;
        let line_no = st.line_no;
        let mut buf = line;
        while let [rest @ .., b'\r'] = buf {
            buf = rest;
        }
        if buf.is_empty() {
            self.stats.blank_lines += 1;
            return true;
        }
        if st.format.is_none() {
            match Format::detect(buf) {
                Some(f) => {
                    st.format = Some(f);
                    self.stream_format = Some(f);
                    if f.has_header() {
                        for (ln, raw) in std::mem::take(&mut st.pending) {
                            self.reject(name, ln, "line before the header", &raw);
                        }
                        st.header = Some(Header::parse(buf, f));
                        return true;
                    }
                    for (ln, raw) in std::mem::take(&mut st.pending) {
                        self.line(name, ln, &raw, f, None, emit);
                    }
                }
                None if st.pending.len() < DETECT_LINES => {
                    st.pending.push((line_no, buf.to_vec()));
                    return true;
                }
                None => {
                    self.reject(name, line_no, "format not recognised", buf);
                    return true;
                }
            }
        }
        let f = st.format.expect("format known here");
        if st.header_pending {
            st.header_pending = false;
            st.header = Some(Header::parse(buf, f));
            return true;
        }
        if !f.has_header() && line_no == 1 && buf.starts_with(b"GLOBALEVENTID") {
            return true;
        }
        let header = st.header.take();
        let alive = self.line(name, line_no, buf, f, header.as_ref(), emit);
        st.header = header;
        alive
    }

    /// Move the hot-path counters into `stats`.
    pub fn fold_counts(&mut self) {
        for (i, n) in std::mem::take(&mut self.format_rows).into_iter().enumerate() {
            if n > 0 {
                *self.stats.rows_by_format.entry(FORMATS[i].as_str().into()).or_default() += n;
            }
        }
        for (i, n) in std::mem::take(&mut self.reasons).into_iter().enumerate() {
            if n > 0 {
                *self.stats.unmapped_by_reason.entry(REASONS[i].into()).or_default() += n;
            }
        }
        self.cfg.progress.rows.fetch_add(std::mem::take(&mut self.pending_progress), Ordering::Relaxed);
    }

    fn progress(&mut self) {
        self.pending_progress += 1;
        if self.pending_progress >= 4096 {
            self.cfg.progress.rows.fetch_add(std::mem::take(&mut self.pending_progress), Ordering::Relaxed);
        }
    }

    fn period_seen(&mut self, p: i32) {
        if self.last_period != Some(p) {
            self.stats.periods.insert(p);
            self.last_period = Some(p);
        }
    }

    /// Emit what is left in the builders (and fold the counters into `stats`).
    pub fn flush(&mut self, emit: &mut dyn FnMut(RecordBatch) -> bool) -> bool {
        self.fold_counts();
        if self.partials.len() > 0 {
            let b = self.partials.finish(&self.schema);
            return emit(b);
        }
        true
    }

    fn reject(&mut self, name: &str, line: u64, reason: &str, raw: &[u8]) {
        self.stats.rows_read += 1;
        self.stats.rejected += 1;
        let key = reason.split(':').next().unwrap_or(reason).to_string();
        *self.stats.rejected_by_reason.entry(key).or_default() += 1;
        if self.stream_reason.as_deref().is_none_or(|r| reason < r) {
            self.stream_reason = Some(reason.to_string());
        }
        self.cfg.rejects.write(name, line, reason, raw);
        self.progress();
    }

    fn line(
        &mut self,
        name: &str,
        line_no: u64,
        raw: &[u8],
        format: Format,
        header: Option<&Header>,
        emit: &mut dyn FnMut(RecordBatch) -> bool,
    ) -> bool {
        let mut fields = std::mem::take(&mut self.fields);
        fields.clear();
        let gdelt = matches!(format, Format::Gdelt1 | Format::Gdelt2);
        // GDELT: only the first 31 fields are used, so the rest of the line is only counted
        // (a plain byte count that the compiler vectorises), not split.
        let wanted = if gdelt { GDELT_FIELDS_USED } else { usize::MAX };
        let mut high = 0u32;
        let start = split_tabs(raw, wanted, &mut fields, &mut high);
        let extra_tabs = if fields.len() == wanted { count_tabs(&raw[start..], &mut high) } else { 0 };
        let end = if extra_tabs == 0 { raw.len() } else { start + memchr::memchr(b'\t', &raw[start..]).unwrap_or(raw.len() - start) };
        fields.push((start, end));
        let columns = fields.len() + extra_tabs;
        let row = if high != 0 && !self.cfg.latin1 && std::str::from_utf8(raw).is_err() {
            Row::Reject("bad encoding: not valid UTF-8 (--latin1 reads such files as Latin-1)".into())
        } else {
            match format {
                Format::Gdelt1 | Format::Gdelt2 => self.gdelt(raw, &fields, columns, format),
                Format::Icews | Format::Polecat => match header {
                    Some(h) => self.tabular(raw, &fields, format, h),
                    None => Row::Reject("no header line".into()),
                },
            }
        };
        let mut ok = true;
        match row {
            Row::Reject(reason) => self.reject(name, line_no, &reason, raw),
            Row::Duplicate { period } => {
                self.stats.rows_read += 1;
                self.stats.duplicates += 1;
                self.period_seen(period);
                self.format_rows[format_slot(format)] += 1;
                self.progress();
            }
            Row::Unmapped { period, reason, code } => {
                self.stats.rows_read += 1;
                self.stats.unmapped += 1;
                self.period_seen(period);
                self.reasons[REASONS.iter().position(|r| *r == reason).expect("listed")] += 1;
                if reason == "code" {
                    *self.stats.unmapped_codes.entry(code.into_owned()).or_default() += 1;
                }
                self.format_rows[format_slot(format)] += 1;
                self.progress();
            }
            Row::Used(c) => {
                self.stats.rows_read += 1;
                self.stats.used += 1;
                self.period_seen(c.period);
                self.format_rows[format_slot(format)] += 1;
                self.progress();
                self.partials.push(c);
                if self.partials.len() >= self.cfg.batch_rows {
                    let b = self.partials.finish(&self.schema);
                    ok = emit(b);
                }
            }
        }
        self.fields = fields;
        ok
    }

    fn gdelt<'a>(&mut self, raw: &'a [u8], fields: &[(usize, usize)], n: usize, format: Format) -> Row<'a> {
        // The format of this file (detected from its first rows, or forced), not any GDELT
        // width: a GDELT 1.0 file with a 61-column row has a broken row.
        let (ok, expected) = match format {
            Format::Gdelt2 => (n == 61, "61"),
            _ => (n == 57 || n == 58, "57 or 58"),
        };
        if !ok {
            return Row::Reject(format!("column count: expected {expected} columns for {format}, found {n}"));
        }
        let f = |i: usize| &raw[fields[i].0..fields[i].1];
        let Some((y, m, _)) = parse_date(f(1)) else {
            return Row::Reject("bad date: SQLDATE is not a date YYYYMMDD".into());
        };
        let code = f(26);
        if !valid_cameo(code) {
            return Row::Reject("bad event code: EventCode is not 2-4 digits".into());
        }
        let Ok(goldstein) = parse_goldstein(f(30)) else {
            return Row::Reject("bad Goldstein: GoldsteinScale is not a number in [-10, 10]".into());
        };
        let period = self.cfg.period.of(y, m);
        if let Some(d) = &self.cfg.dedupe {
            if EventKey::new(format, f(0), 0).is_some_and(|k| d.is_duplicate(k, self.stream)) {
                return Row::Duplicate { period };
            }
        }
        let code = Cow::Borrowed(std::str::from_utf8(code).expect("ASCII digits"));
        let lookup = self.cfg.mappings.cameo(&code);
        match lookup {
            Lookup::Unknown => return Row::Unmapped { period, reason: "code", code },
            Lookup::Neutral => return Row::Unmapped { period, reason: "neutral", code },
            Lookup::Coded(..) => {}
        }
        let a1 = self.resolver.cameo_at(f(5), y).or_else(|| self.resolver.cameo_at(f(7), y));
        let Some(a1) = a1 else { return Row::Unmapped { period, reason: "actor1", code } };
        let a2 = self.resolver.cameo_at(f(15), y).or_else(|| self.resolver.cameo_at(f(17), y));
        let Some(a2) = a2 else { return Row::Unmapped { period, reason: "actor2", code } };
        Row::Used(Coded { period, a1, a2, lookup, goldstein })
    }

    fn tabular<'a>(&mut self, raw: &'a [u8], fields: &[(usize, usize)], format: Format, h: &Header) -> Row<'a> {
        if let Some(m) = &h.missing {
            return Row::Reject(m.clone());
        }
        let n = fields.len();
        // ICEWS rows have exactly the header's width; POLECAT releases sometimes carry a stray
        // extra column after the last named one, which is ignored.
        let width_ok = match format {
            Format::Icews => n == h.width,
            _ => n >= h.width,
        };
        if !width_ok {
            return Row::Reject(format!("column count: expected {} columns, found {n}", h.width));
        }
        let f = |i: usize| &raw[fields[i].0..fields[i].1];
        let Some((y, m, d)) = parse_date(f(h.date)) else {
            return Row::Reject("bad date: not a date YYYY-MM-DD".into());
        };
        let period = self.cfg.period.of(y, m);
        let goldstein = match h.goldstein.map(|g| parse_goldstein(f(g))) {
            None => None,
            Some(Ok(v)) => v,
            Some(Err(())) => return Row::Reject("bad Goldstein: Intensity is not a number in [-10, 10]".into()),
        };
        if let (Some(dd), Some(i)) = (&self.cfg.dedupe, h.id) {
            let date = if format == Format::Icews { (y * 10000 + m * 100 + d) as u32 } else { 0 };
            if EventKey::new(format, f(i), date).is_some_and(|k| dd.is_duplicate(k, self.stream)) {
                return Row::Duplicate { period };
            }
        }
        let code_raw = f(h.code.expect("set when the header is complete"));
        let (lookup, code) = if format == Format::Icews {
            if !valid_cameo(code_raw) {
                return Row::Reject("bad event code: CAMEO Code is not 2-4 digits".into());
            }
            let code = std::str::from_utf8(code_raw).expect("ASCII digits");
            (self.cfg.mappings.cameo(code), Cow::Borrowed(code))
        } else {
            let t = decode(code_raw);
            if t.trim().is_empty() {
                return Row::Reject("bad event code: Event Type is empty".into());
            }
            let mode = h.mode.map(|i| decode(f(i))).unwrap_or_default();
            let ctx = h.context.map(|i| decode(f(i))).unwrap_or_default();
            let lookup = self.cfg.mappings.plover(&t, &mode, &ctx);
            let code = if mode.trim().is_empty() { t.trim().to_string() } else { format!("{}/{}", t.trim(), mode.trim()) };
            (lookup, Cow::Owned(code))
        };
        match lookup {
            Lookup::Unknown => return Row::Unmapped { period, reason: "code", code },
            Lookup::Neutral => return Row::Unmapped { period, reason: "neutral", code },
            Lookup::Coded(..) => {}
        }
        let a1 = self.tab_actor(raw, fields, h.c1, h.n1, h.s1, format);
        let Some(a1) = a1 else { return Row::Unmapped { period, reason: "actor1", code } };
        let a2 = self.tab_actor(raw, fields, h.c2, h.n2, h.s2, format);
        let Some(a2) = a2 else { return Row::Unmapped { period, reason: "actor2", code } };
        Row::Used(Coded { period, a1, a2, lookup, goldstein })
    }

    fn tab_actor(
        &mut self,
        raw: &[u8],
        fields: &[(usize, usize)],
        country: usize,
        name: Option<usize>,
        sectors: Option<usize>,
        format: Format,
    ) -> Option<Actor> {
        let f = |i: usize| &raw[fields[i].0..fields[i].1];
        let c = f(country);
        if !is_missing(c) {
            let by_code = (format == Format::Polecat && c.len() == 3).then(|| self.resolver.cameo(c)).flatten();
            if let Some(a) = by_code.or_else(|| self.resolver.name(&decode(c))) {
                return Some(a);
            }
        }
        let name = name.map(f)?;
        let igo = match (format, sectors) {
            (Format::Icews, Some(s)) => memchr::memmem::find(f(s), b"International Government Organization").is_some(),
            (Format::Icews, None) => false,
            _ => true,
        };
        if igo {
            return self.resolver.name(&decode(name));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unbalanced_counts_are_an_error() {
        let mut s = Stats { rows_read: 10, used: 4, unmapped: 3, rejected: 2, duplicates: 1, ..Stats::default() };
        assert!(s.check_balanced().is_ok());
        s.used = 3;
        let err = s.check_balanced().unwrap_err();
        assert!(matches!(err, crate::Error::Unbalanced(_)));
        assert!(err.to_string().contains("rows read 10 = used 3 + unmapped 3 + rejected 2 + duplicates 1  (MISMATCH)"), "{err}");
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date(b"20160728"), Some((2016, 7, 28)));
        assert_eq!(parse_date(b"2018-06-01"), Some((2018, 6, 1)));
        assert_eq!(parse_date(b"2018-06-01 12:00:00"), Some((2018, 6, 1)));
        assert_eq!(parse_date(b"2016-02-29"), Some((2016, 2, 29)));
        assert_eq!(parse_date(b"2016-02-31"), None);
        assert_eq!(parse_date(b"20170229"), None);
        assert_eq!(parse_date(b"19000229"), None);
        assert_eq!(parse_date(b"2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date(b"2018-04-31"), None);
        assert_eq!(parse_date(b"2018-00-10"), None);
        assert_eq!(parse_date(b"20161328"), None);
        assert_eq!(parse_date(b"2016072"), None);
        assert_eq!(parse_date(b""), None);
        assert_eq!(parse_date("2018-0é-01".as_bytes()), None);
    }

    #[test]
    fn goldstein_range_and_missing() {
        assert_eq!(parse_goldstein(b"-5.0"), Ok(Some(-5.0)));
        assert_eq!(parse_goldstein(b"NA"), Ok(None));
        assert_eq!(parse_goldstein(b""), Ok(None));
        assert!(parse_goldstein(b"11").is_err());
        assert!(parse_goldstein(b"x").is_err());
        assert!(parse_goldstein(b"NaN").is_err());
        assert_eq!(parse_goldstein(b"-10"), Ok(Some(-10.0)));
        assert_eq!(parse_goldstein(b"3.45"), Ok(Some(3.45)));
        assert_eq!(parse_goldstein(b"-0.34188034188034"), Ok(Some(-0.34188034188034)));
        assert!(parse_goldstein(b"-10.01").is_err());
        assert!(parse_goldstein(b"-").is_err());
        assert!(parse_goldstein(b".5").is_ok());
    }

    #[test]
    fn tabs_split_like_a_plain_search() {
        let line: Vec<u8> = (0..300u32).map(|i| if i % 7 == 3 || i % 11 == 0 { b'\t' } else { b'a' + (i % 26) as u8 }).collect();
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100, 300] {
            let raw = &line[..len];
            for wanted in [1, 2, 5, 31, usize::MAX] {
                let mut expect = Vec::new();
                let mut start = 0;
                for (i, _) in raw.iter().enumerate().filter(|(_, &b)| b == b'\t') {
                    expect.push((start, i));
                    start = i + 1;
                    if expect.len() == wanted {
                        break;
                    }
                }
                let mut got = Vec::new();
                let mut high = 0;
                assert_eq!(count_tabs(raw, &mut high), raw.iter().filter(|&&b| b == b'\t').count());
                assert_eq!(split_tabs(raw, wanted, &mut got, &mut high), start, "len {len} wanted {wanted}");
                assert_eq!(high, 0, "ASCII");
                assert_eq!(got, expect, "len {len} wanted {wanted}");
            }
        }
    }

    #[test]
    fn high_bytes_are_seen_anywhere_in_the_line() {
        let line: Vec<u8> = (0..200u32).map(|i| if i % 5 == 4 { b'\t' } else { b'a' }).collect();
        for pos in 0..line.len() {
            if line[pos] == b'\t' {
                continue;
            }
            let mut l = line.clone();
            l[pos] = 0xe9;
            let mut fields = Vec::new();
            let mut high = 0;
            let start = split_tabs(&l, 31, &mut fields, &mut high);
            if fields.len() == 31 {
                count_tabs(&l[start..], &mut high);
            }
            assert_ne!(high, 0, "byte at {pos}");
        }
    }

    #[test]
    fn latin1_falls_back() {
        assert_eq!(decode(b"S\xe3o Tom\xe9"), "São Tomé");
    }
}
