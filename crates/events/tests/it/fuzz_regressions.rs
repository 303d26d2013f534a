//! Inputs found by the fuzz targets (fuzz/, scripts/fuzz.sh), minimised and kept in
//! tests/fixtures/fuzz/ as `TARGET-NAME` (TARGET: events_gdelt1, events_gdelt2, events_icews,
//! events_polecat, events_detect). Each goes through the same checks as the fuzz harness
//! (fuzz/src/lib.rs): the first byte picks the read options, the rest is the stream; no
//! panic, every row in exactly one bin, the partials hold every used row once.

use softbalance_events::dedupe::Dedupe;
use softbalance_events::format::Format;
use softbalance_events::mapping::Mappings;
use softbalance_events::reader::{PartialBatch, Period, Progress, ReadConfig, Reader, RejectSink};
use std::io::BufReader;
use std::sync::Arc;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz/");

/// The fuzz harness's read: returns the stats of the run.
pub fn read_like_the_fuzzer(format: Option<Format>, data: &[u8]) -> Option<softbalance_events::Stats> {
    let (&control, stream) = data.split_first()?;
    let buffer = [1, 2, 3, 7, 16, 64, 4096, 65536][(control & 7) as usize];
    let dedupe = control & 16 != 0;
    let cfg = ReadConfig {
        format,
        period: if control & 32 != 0 { Period::Month } else { Period::Year },
        mappings: Arc::new(Mappings::builtin()),
        rejects: RejectSink::new(Box::new(std::io::sink())).unwrap(),
        progress: Arc::new(Progress::default()),
        batch_rows: if control & 64 != 0 { 2 } else { 64 * 1024 },
        latin1: control & 8 != 0,
        dedupe: dedupe.then(|| Arc::new(Dedupe::default())),
    };
    let mut reader = Reader::new(cfg);
    let mut emitted = 0u64;
    let mut emit = |b: PartialBatch| {
        emitted += b.events();
        true
    };
    let names: &[&str] = if dedupe { &["a.tsv", "b.tsv"] } else { &["a.tsv"] };
    for name in names {
        reader.read_stream(name, &mut BufReader::with_capacity(buffer, stream), &mut emit).unwrap();
    }
    reader.flush(&mut emit);
    let s = reader.stats.clone();
    assert!(s.balanced(), "{}", s.reconciliation());
    assert_eq!(emitted, s.used);
    assert_eq!(s.by_file.values().map(|f| f.rows).sum::<u64>(), s.rows_read);
    Some(s)
}

fn format_of(target: &str) -> Option<Option<Format>> {
    Some(match target {
        "events_gdelt1" => Some(Format::Gdelt1),
        "events_gdelt2" => Some(Format::Gdelt2),
        "events_icews" => Some(Format::Icews),
        "events_polecat" => Some(Format::Polecat),
        "events_detect" => None,
        _ => return None,
    })
}

#[test]
fn every_fuzz_finding_reads_without_panic_and_balances() {
    let mut n = 0;
    for entry in std::fs::read_dir(DIR).expect("tests/fixtures/fuzz") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(format) = name.split_once('-').and_then(|(t, _)| format_of(t)) else { continue };
        let data = std::fs::read(&path).unwrap();
        let r = std::panic::catch_unwind(|| read_like_the_fuzzer(format, &data));
        assert!(r.is_ok(), "{name} panics");
        n += 1;
    }
    // The harness itself on the inputs that found nothing: empty, one control byte, a lone CR.
    for data in [&b""[..], b"\x00", b"\x00\r", b"\x07\n\n\t\n"] {
        for f in [None, Some(Format::Gdelt1), Some(Format::Gdelt2), Some(Format::Icews), Some(Format::Polecat)] {
            read_like_the_fuzzer(f, data);
        }
    }
    eprintln!("{n} fuzz findings replayed");
}
