//! The streaming row reader, one module per job:
//!
//! - this file: `Reader` (one per thread), the stream loop that cuts a buffer into lines in
//!   place, header and format detection per stream, and the bins a row ends in;
//! - `split`: tab splitting 16 bytes at a time, with the high-bit scan for the UTF-8 check;
//! - `fields`: dates, event codes, Goldstein values, UTF-8 / Latin-1 text;
//! - `header`: ICEWS and POLECAT header lines → column positions;
//! - `row`: one line → a row outcome per format (GDELT, ICEWS, POLECAT): column counts,
//!   validation, dedupe, code mapping and actor resolution;
//! - `partials`: the per-thread partial aggregation that the reader emits as `PartialBatch`;
//! - `stats`: the counts (`Stats`, `FileStats`) and the reconciliation;
//! - `rejects`: the rejects sink.
//!
//! GDELT has no quoting at all, so a stray `"` stays data. Every non-blank line after a
//! header ends in exactly one bin:
//!
//! - **rejected**: malformed (wrong column count, bad date, bad event code, bad Goldstein
//!   value, non-UTF-8 where a code is expected, unrecognised format); written to the rejects
//!   sink with file, line and reason;
//! - **unmapped**: well formed but not codable (event code unknown or deliberately neutral,
//!   an actor that resolves to no state or IGO); counted by reason and by code;
//! - **duplicate**: the event id was already read from another file (`--dedupe`);
//! - **used**: coded and aggregated into the partials handed to the engine.
//!
//! `rows read = used + unmapped + rejected + duplicates` holds for every run, and the
//! periods of all well-formed rows are recorded as the run's coverage (missing ≠ zero in
//! the panel). Nothing here needs the engine: without the `engine` feature the readers
//! build alone (the fuzz targets in fuzz/ use them so).

mod fields;
mod header;
mod partials;
mod rejects;
mod row;
mod split;
mod stats;

pub use partials::{PartialBatch, PartialRow};
pub use rejects::RejectSink;
pub use stats::{FileStats, Stats};

use crate::actors::Resolver;
use crate::dedupe::{stream_id, Dedupe};
use crate::format::Format;
use crate::mapping::Mappings;
use header::Header;
use partials::Partials;
use std::io::{self, BufRead};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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

/// One reader thread's state: reused buffers, the actor cache, local counts.
pub struct Reader {
    cfg: ReadConfig,
    resolver: Resolver,
    partials: Partials,
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

impl Reader {
    pub fn new(cfg: ReadConfig) -> Reader {
        Reader {
            cfg,
            resolver: Resolver::new(),
            partials: Partials::default(),
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
        emit: &mut dyn FnMut(PartialBatch) -> bool,
    ) -> io::Result<bool> {
        self.read_part(name, input, StreamStart::default(), emit)
    }

    /// Read a stream that may be a later part of a file (see `StreamStart`).
    pub fn read_part(
        &mut self,
        name: &str,
        input: &mut dyn BufRead,
        start: StreamStart,
        emit: &mut dyn FnMut(PartialBatch) -> bool,
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
        emit: &mut dyn FnMut(PartialBatch) -> bool,
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
        emit: &mut dyn FnMut(PartialBatch) -> bool,
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
    pub fn flush(&mut self, emit: &mut dyn FnMut(PartialBatch) -> bool) -> bool {
        self.fold_counts();
        if self.partials.len() > 0 {
            let b = self.partials.finish();
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
}
