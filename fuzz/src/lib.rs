//! Shared harness code of the fuzz targets: how one fuzz input becomes a case folder or an
//! event stream, and the invariants checked after each run (beyond "no panic").

use softbalance_case::{CaseFiles, FILES};
use softbalance_events::format::Format;
use softbalance_events::mapping::Mappings;
use softbalance_events::reader::{PartialBatch, Period, Progress, ReadConfig, Reader, RejectSink};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::sync::{Arc, OnceLock};

/// The files of a case folder in the order a fuzz input holds them, separated by NUL bytes:
/// case.toml, sources.csv, actors.csv, indicators.csv, actions.csv, friction.csv. A file
/// after the last NUL is missing (None), which the loader must report as such.
pub const CASE_ORDER: [&str; 6] = ["case.toml", "sources.csv", "actors.csv", "indicators.csv", "actions.csv", "friction.csv"];

/// Split one fuzz input into a case's files (see `CASE_ORDER`).
pub fn case_files(data: &[u8]) -> CaseFiles {
    debug_assert_eq!(&CASE_ORDER[..5], &FILES[..]);
    let mut parts = data.split(|&b| b == 0);
    let mut files = BTreeMap::new();
    for name in CASE_ORDER {
        files.insert(name, parts.next().map(|p| p.to_vec()));
    }
    CaseFiles { origin: "fuzz".into(), files }
}

/// Join case files into one fuzz input (the inverse of `case_files`; for seeds and tests).
pub fn join_case(files: &[&[u8]]) -> Vec<u8> {
    files.join(&0u8)
}

fn mappings() -> Arc<Mappings> {
    static M: OnceLock<Arc<Mappings>> = OnceLock::new();
    M.get_or_init(|| Arc::new(Mappings::builtin())).clone()
}

/// The first byte of an events input is a control byte, the rest is the stream:
/// bits 0–2 pick the read-buffer size (so lines straddle buffer fills: 1, 2, 3, 7, 16, 64,
/// 4096 or 64 KiB bytes), bit 3 `--latin1`, bit 4 `--dedupe` with the stream read twice
/// under two names (every well-formed row with an id is then a duplicate the second time),
/// bit 5 monthly periods, bit 6 a partial map of 2 keys (emitted often) instead of 64k.
pub struct Control {
    pub buffer: usize,
    pub latin1: bool,
    pub dedupe: bool,
    pub month: bool,
    pub small_batches: bool,
}

impl Control {
    pub fn of(b: u8) -> Control {
        Control {
            buffer: [1, 2, 3, 7, 16, 64, 4096, 65536][(b & 7) as usize],
            latin1: b & 8 != 0,
            dedupe: b & 16 != 0,
            month: b & 32 != 0,
            small_batches: b & 64 != 0,
        }
    }
}

/// Read `data` (control byte + stream) with the given format (None: detected), and check
/// that every row is in one bin and that the events emitted are the rows used.
pub fn read_events(format: Option<Format>, data: &[u8]) {
    let Some((&control, stream)) = data.split_first() else { return };
    let c = Control::of(control);
    let dedupe = c.dedupe.then(|| Arc::new(softbalance_events::dedupe::Dedupe::default()));
    let cfg = ReadConfig {
        format,
        period: if c.month { Period::Month } else { Period::Year },
        mappings: mappings(),
        rejects: RejectSink::new(Box::new(std::io::sink())).expect("sink"),
        progress: Arc::new(Progress::default()),
        batch_rows: if c.small_batches { 2 } else { 64 * 1024 },
        latin1: c.latin1,
        dedupe: dedupe.clone(),
    };
    let mut reader = Reader::new(cfg);
    let mut emitted = 0u64;
    let mut emit = |b: PartialBatch| {
        emitted += b.events();
        true
    };
    let names: &[&str] = if c.dedupe { &["a.tsv", "b.tsv"] } else { &["a.tsv"] };
    for name in names {
        let mut input = BufReader::with_capacity(c.buffer, stream);
        reader.read_stream(name, &mut input, &mut emit).expect("reading memory cannot fail");
    }
    reader.flush(&mut emit);
    let s = &reader.stats;
    assert!(s.balanced(), "{}", s.reconciliation());
    assert_eq!(emitted, s.used, "the partials hold every used row once");
    let lines = stream.split(|&b| b == b'\n').filter(|l| l.iter().any(|&b| b != b'\r')).count() as u64;
    assert!(s.rows_read <= lines * names.len() as u64, "rows read {} > non-blank lines {lines}", s.rows_read);
    let by_file: u64 = s.by_file.values().map(|f| f.rows).sum();
    assert_eq!(by_file, s.rows_read, "per-file rows add up");
    for (name, f) in &s.by_file {
        let _ = f.problem(name);
    }
}
