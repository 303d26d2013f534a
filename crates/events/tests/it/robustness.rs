//! Property tests: the readers get truncated, over-long, non-UTF-8 and wrong-column rows in
//! every format and must neither panic nor lose a row (`read = used + unmapped + rejected`).

use proptest::prelude::*;
use softbalance_events::format::Format;
use softbalance_events::mapping::Mappings;
use softbalance_events::reader::{Period, Progress, ReadConfig, Reader, RejectSink};
use std::sync::Arc;

const GDELT1_ROW: &str = "1552839\t19820102\t198201\t1982\t1982.0055\tCAN\tCANADA\tCAN\t\t\t\t\t\t\t\tPOL\tPOLAND\tPOL\t\t\t\t\t\t\t\t1\t1312\t131\t13\t3\t-5.8\t2\t1\t2\t2.53807106598985\t1\tCanada\tCA\tCA\t60\t-95\t0\t1\tUnited States\tUS\tUS\t38\t-97\t0\t1\tCanada\tCA\tCA\t60\t-95\t0\t20130203";
const ICEWS_HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";
const ICEWS_ROW: &str = "32889836\t2018-06-01\tForeign Affairs (Bangladesh)\tExecutive,Foreign Ministry,Government\tBangladesh\tConsult\t040\t1\tHigh Ranking Military Personnel (Vietnam)\tMilitary,Government\tVietnam\t47400351\t2\tVietnam News Agency Bulletin\tHanoi\tNA\tThanh Pho Ha Noi\tVietnam\t21.0245\t105.841";
const POLECAT_HEADER: &str = "Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tContexts\tActor Name\tActor Country\tRecipient Name\tRecipient Country";
const POLECAT_ROW: &str = "abc-1\t2023-01-05\tSANCTION\tdiscontinue\t-5\teconomic\tJoe Biden\tUSA\tXi Jinping\tCHN";

fn config(format: Option<Format>) -> ReadConfig {
    ReadConfig {
        format,
        period: Period::Year,
        mappings: Arc::new(Mappings::builtin()),
        rejects: RejectSink::new(Box::new(std::io::sink())).unwrap(),
        progress: Arc::new(Progress::default()),
        batch_rows: 7,
        latin1: false,
        dedupe: None,
    }
}

/// Read `bytes` as one stream; return (stats, events emitted in batches: the readers emit
/// partial aggregates, so this is the sum of their `n` column).
fn read(bytes: &[u8], format: Option<Format>) -> (softbalance_events::Stats, usize) {
    let mut reader = Reader::new(config(format));
    let mut emitted = 0usize;
    let mut emit = |b: softbalance_events::reader::PartialBatch| {
        let b = b.to_record_batch(&softbalance_events::arrow::partial_schema());
        let n = b.column_by_name("n").expect("partial aggregates have n");
        let n = n.as_any().downcast_ref::<datafusion::arrow::array::Int64Array>().expect("n is Int64");
        emitted += n.iter().map(|v| v.unwrap_or(0) as usize).sum::<usize>();
        true
    };
    let mut cursor = std::io::Cursor::new(bytes);
    reader.read_stream("mem", &mut cursor, &mut emit).unwrap();
    reader.flush(&mut emit);
    (reader.stats.clone(), emitted)
}

fn non_blank_lines(bytes: &[u8]) -> u64 {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| l.iter().any(|&b| b != b'\r'))
        .count() as u64
}

#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Extend(Vec<u8>),
    Replace(usize, u8),
    DropField(usize),
    DupField(usize),
    Keep,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(Damage::Extend),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Replace(i, b)),
        any::<usize>().prop_map(Damage::DropField),
        any::<usize>().prop_map(Damage::DupField),
        Just(Damage::Keep),
    ]
}

fn apply(row: &str, d: &Damage) -> Vec<u8> {
    let b = row.as_bytes();
    match d {
        Damage::Truncate(i) => b[..i % (b.len() + 1)].to_vec(),
        Damage::Extend(extra) => [b, b"\t", extra].concat(),
        Damage::Replace(i, byte) => {
            let mut v = b.to_vec();
            let i = i % v.len();
            v[i] = *byte;
            v
        }
        Damage::DropField(i) => {
            let mut f: Vec<&str> = row.split('\t').collect();
            f.remove(i % f.len());
            f.join("\t").into_bytes()
        }
        Damage::DupField(i) => {
            let mut f: Vec<&str> = row.split('\t').collect();
            let i = i % f.len();
            f.insert(i, f[i]);
            f.join("\t").into_bytes()
        }
        Damage::Keep => b.to_vec(),
    }
}

fn file(header: Option<&str>, row: &str, damages: &[Damage]) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(h) = header {
        out.extend_from_slice(h.as_bytes());
        out.push(b'\n');
    }
    for d in damages {
        out.extend(apply(row, d));
        out.push(b'\n');
    }
    out
}

fn check(bytes: &[u8], format: Option<Format>, header_lines: u64) {
    let (s, emitted) = read(bytes, format);
    assert!(s.balanced(), "{}", s.reconciliation());
    assert_eq!(s.used as usize, emitted, "every used row reaches the engine");
    assert_eq!(s.rows_read + header_lines, non_blank_lines(bytes));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn gdelt_rows_never_panic_nor_vanish(damages in proptest::collection::vec(damage(), 1..20), forced in any::<bool>()) {
        let bytes = file(None, GDELT1_ROW, &damages);
        let (s, emitted) = read(&bytes, forced.then_some(Format::Gdelt1));
        prop_assert!(s.balanced(), "{}", s.reconciliation());
        prop_assert_eq!(s.used as usize, emitted);
        prop_assert_eq!(s.rows_read, non_blank_lines(&bytes));
    }

    #[test]
    fn icews_rows_never_panic_nor_vanish(damages in proptest::collection::vec(damage(), 1..20)) {
        let bytes = file(Some(ICEWS_HEADER), ICEWS_ROW, &damages);
        let (s, emitted) = read(&bytes, None);
        prop_assert!(s.balanced(), "{}", s.reconciliation());
        prop_assert_eq!(s.used as usize, emitted);
        prop_assert_eq!(s.rows_read + 1, non_blank_lines(&bytes));
    }

    #[test]
    fn polecat_rows_never_panic_nor_vanish(damages in proptest::collection::vec(damage(), 1..20)) {
        let bytes = file(Some(POLECAT_HEADER), POLECAT_ROW, &damages);
        let (s, emitted) = read(&bytes, Some(Format::Polecat));
        prop_assert!(s.balanced(), "{}", s.reconciliation());
        prop_assert_eq!(s.used as usize, emitted);
        prop_assert_eq!(s.rows_read + 1, non_blank_lines(&bytes));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let (s, emitted) = read(&bytes, None);
        prop_assert!(s.balanced(), "{}", s.reconciliation());
        prop_assert_eq!(s.used as usize, emitted);
    }
}

#[test]
fn polecat_stray_column_tolerated_latin1_only_on_request() {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(POLECAT_HEADER.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(POLECAT_ROW.as_bytes());
    bytes.extend_from_slice(b"\tstray\n");
    bytes.extend_from_slice(b"abc-2\t2023-01-06\tACCUSE\t\t-2\t\tS\xe3o Tom\xe9\tUSA\tX\tCHN\n");
    // Without --latin1 the non-UTF-8 row is a counted reject, not silently re-decoded.
    let (s, emitted) = read(&bytes, None);
    assert_eq!((s.rows_read, s.rejected), (2, 1), "{s:?}");
    assert_eq!(s.rejected_by_reason.get("bad encoding"), Some(&1));
    assert_eq!(emitted as u64, s.used);
    check(&bytes, None, 1);
    // With it, the row is read as Latin-1.
    let mut reader = Reader::new(ReadConfig { latin1: true, ..config(None) });
    let mut cursor = std::io::Cursor::new(&bytes);
    reader.read_stream("mem", &mut cursor, &mut |_| true).unwrap();
    reader.flush(&mut |_| true);
    let s = &reader.stats;
    assert_eq!((s.rows_read, s.rejected), (2, 0), "{s:?}");
    assert_eq!(s.rows_by_format.get("polecat"), Some(&2));
}

#[test]
fn invalid_utf8_anywhere_in_a_gdelt_row_is_rejected() {
    // In a used field (Actor1Name) and in the unsplit tail (the source URL).
    let name = GDELT1_ROW.replacen("CANADA", "CAN\u{0}DA", 1).into_bytes();
    let mut a = name.clone();
    let at = a.iter().position(|&b| b == 0).unwrap();
    a[at] = 0xff;
    let mut b = GDELT1_ROW.as_bytes().to_vec();
    let n = b.len();
    b[n - 3] = 0xc3; // a lone lead byte near the end
    for row in [a, b] {
        let mut bytes = row.clone();
        bytes.push(b'\n');
        let (s, _) = read(&bytes, None);
        assert_eq!((s.rows_read, s.rejected), (1, 1), "{s:?}");
        assert_eq!(s.rejected_by_reason.get("bad encoding"), Some(&1), "{s:?}");
    }
    // Valid UTF-8 beyond ASCII is fine.
    let ok = GDELT1_ROW.replacen("CANADA", "CANADÁ", 1);
    let (s, _) = read(format!("{ok}\n").as_bytes(), None);
    assert_eq!(s.rejected, 0, "{s:?}");
}

#[test]
fn auto_detected_gdelt1_rejects_61_column_rows_and_impossible_dates() {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(GDELT1_ROW.as_bytes());
    bytes.push(b'\n');
    // The same row widened to GDELT 2.0's 61 columns inside a GDELT 1.0 file.
    bytes.extend_from_slice(GDELT1_ROW.as_bytes());
    bytes.extend_from_slice(b"\tx\ty\tz\n");
    // 31 February.
    bytes.extend_from_slice(GDELT1_ROW.replacen("19820102", "19820231", 1).as_bytes());
    bytes.push(b'\n');
    let (s, _) = read(&bytes, None);
    assert_eq!((s.rows_read, s.rejected), (3, 2), "{s:?}");
    assert_eq!(s.rejected_by_reason.get("column count"), Some(&1), "{s:?}");
    assert_eq!(s.rejected_by_reason.get("bad date"), Some(&1), "{s:?}");
    assert_eq!(s.rows_by_format.get("gdelt1"), Some(&1));
}

#[test]
fn cameo_case_rules_and_historical_codes() {
    let row = |a1: &str, date: &str| {
        let f: Vec<&str> = GDELT1_ROW.split('\t').collect();
        let mut f: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        f[1] = date.into();
        f[5] = a1.into();
        f[7] = String::new(); // no CountryCode fallback
        f.join("\t")
    };
    let used_actor = |a1: &str, date: &str| -> Option<String> {
        use datafusion::arrow::array::{Array, StringArray};
        let mut reader = Reader::new(config(None));
        let mut actor = None;
        let mut emit = |b: softbalance_events::reader::PartialBatch| {
        let b = b.to_record_batch(&softbalance_events::arrow::partial_schema());
            let c = b.column_by_name("a1").unwrap().clone();
            let c = c.as_any().downcast_ref::<StringArray>().unwrap();
            if c.len() > 0 {
                actor = Some(c.value(0).to_string());
            }
            true
        };
        let text = format!("{}\n", row(a1, date));
        reader.read_stream("mem", &mut std::io::Cursor::new(text.as_bytes()), &mut emit).unwrap();
        reader.flush(&mut emit);
        actor
    };
    // Lower case is an ethnic group in CAMEO, not a state.
    assert_eq!(used_actor("UKR", "20160105").as_deref(), Some("UKR"));
    assert_eq!(used_actor("ukr", "20160105"), None);
    // GDELT 1.0's West Germany; the Soviet Union and Yugoslavia by year.
    assert_eq!(used_actor("GMW", "19820105").as_deref(), Some("DEU"));
    assert_eq!(used_actor("GMWGOV", "19820105").as_deref(), Some("DEU"));
    assert_eq!(used_actor("USR", "19820105").as_deref(), Some("SUN"));
    assert_eq!(used_actor("USRGOV", "19950105").as_deref(), Some("RUS"));
    assert_eq!(used_actor("SCGMNE", "20000105").as_deref(), Some("YUG"));
    assert_eq!(used_actor("SCGMNE", "20070105").as_deref(), Some("MNE"));
    assert_eq!(used_actor("SCG", "20070105").as_deref(), Some("SRB"));
}

/// The readers' partial aggregates of a stream, summed per key (as stage 1 of the SQL does).
type Totals = std::collections::BTreeMap<(i32, String, String, String, String, String, bool, bool), (i64, Option<i64>, i64)>;

fn totals(bytes: &[u8], batch_rows: usize) -> (Totals, usize) {
    use datafusion::arrow::array::{Array, BooleanArray, Int32Array, Int64Array, StringArray};
    let mut reader = Reader::new(ReadConfig { batch_rows, ..config(None) });
    let mut out = Totals::new();
    let mut batches = 0;
    let mut emit = |b: softbalance_events::reader::PartialBatch| {
        let b = b.to_record_batch(&softbalance_events::arrow::partial_schema());
        batches += 1;
        assert!(b.num_rows() <= batch_rows.max(1), "a flushed map holds at most batch_rows keys");
        let col = |n: &str| b.column_by_name(n).unwrap().clone();
        let (p, n, g, gc) = (col("period"), col("n"), col("gsum_c"), col("gcount"));
        let p = p.as_any().downcast_ref::<Int32Array>().unwrap();
        let n = n.as_any().downcast_ref::<Int64Array>().unwrap();
        let g = g.as_any().downcast_ref::<Int64Array>().unwrap();
        let gc = gc.as_any().downcast_ref::<Int64Array>().unwrap();
        let s: Vec<_> = ["a1", "k1", "a2", "k2", "strategy"].iter().map(|c| col(c)).collect();
        let s: Vec<&StringArray> = s.iter().map(|a| a.as_any().downcast_ref::<StringArray>().unwrap()).collect();
        let (m, c) = (col("military"), col("capability"));
        let m = m.as_any().downcast_ref::<BooleanArray>().unwrap();
        let c = c.as_any().downcast_ref::<BooleanArray>().unwrap();
        for i in 0..b.num_rows() {
            let key = (p.value(i), s[0].value(i).into(), s[1].value(i).into(), s[2].value(i).into(), s[3].value(i).into(), s[4].value(i).into(), m.value(i), c.value(i));
            let e = out.entry(key).or_insert((0, None, 0));
            e.0 += n.value(i);
            if !g.is_null(i) {
                e.1 = Some(e.1.unwrap_or(0) + g.value(i));
            }
            e.2 += gc.value(i);
        }
        true
    };
    let mut cursor = std::io::Cursor::new(bytes);
    reader.read_stream("mem", &mut cursor, &mut emit).unwrap();
    reader.flush(&mut emit);
    (out, batches)
}

#[test]
fn flushing_a_full_partial_map_gives_the_same_aggregates() {
    let bytes = std::fs::read(crate::gdelt1()).expect("fixture");
    let (whole, one) = totals(&bytes, 1 << 20);
    assert_eq!(one, 1, "a large map is emitted once, at the end");
    assert!(whole.values().map(|v| v.0).sum::<i64>() > 0);
    for batch_rows in [1, 2, 7, 64] {
        let (flushed, batches) = totals(&bytes, batch_rows);
        assert!(batches > 1, "batch_rows {batch_rows} flushes the map");
        assert_eq!(flushed, whole, "batch_rows {batch_rows}");
    }
}
