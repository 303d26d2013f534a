//! The real fixtures: every row accounted for, and cells checked by hand with awk on the
//! files (the commands are next to each number).

use super::*;
use softbalance_core::strategy::StrategyCode::*;
use softbalance_events::Period;

#[test]
fn gdelt1_fixture_every_row_accounted_for_both_widths() {
    let dir = temp();
    let rejects = dir.path().join("rejects.tsv");
    let p = panel(&[gdelt1()], |o| o.rejects = Some(rejects.clone()));
    let s = &p.stats;
    // 201 historical rows with 57 columns and 509 daily rows with 58 (awk '{print NF}').
    assert_eq!(s.rows_read, 710, "{}", s.reconciliation());
    assert!(s.balanced(), "{}", s.reconciliation());
    assert_eq!(s.rejected, 0, "{:?}", s.rejected_by_reason);
    assert_eq!(s.rows_by_format.get("gdelt1"), Some(&710));
    assert!(s.used > 0 && s.unmapped > 0);
    // Unmapped rows keep their reason; public statements (01x) are neutral by design.
    assert!(s.unmapped_by_reason.get("neutral").copied().unwrap_or(0) > 0);
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(text.lines().count(), 1, "header only");
}

#[test]
fn gdelt1_pinned_cells() {
    let p = panel(&[gdelt1()], |_| {});
    // awk -F'\t' '$8=="USA" && $18=="RUS" {print $27, $31}' → 051 3.4, 163 -8.0, 020 3.0
    let r = cell(&p, "USA", "RUS", 2016);
    assert_eq!(r.count(ObstructActive), Some(1), "the one CAMEO 163 (sanctions) event");
    assert_eq!(r.count(Cooperation), Some(1));
    assert_eq!(r.count(Friction), Some(1));
    assert_eq!(r.events, Some(3));
    assert_eq!(r.goldstein_sum, Some(-1.6));
    assert_eq!(r.ccode1, Some(2));
    assert_eq!(r.ccode2, Some(365));
    // A 57-column historical row: awk -F'\t' '$27=="163"' → 19820103 FIN → POL.
    let r = cell(&p, "FIN", "POL", 1982);
    assert_eq!(r.count(ObstructActive), Some(1));
    assert_eq!(r.events, Some(1));
    assert_eq!(r.goldstein_mean, Some(-8.0));
}

#[test]
fn icews_fixture_every_row_accounted_and_pinned_cells() {
    let p = panel(&[icews()], |_| {});
    let s = &p.stats;
    assert_eq!(s.rows_read, 3705, "{}", s.reconciliation());
    assert!(s.balanced());
    assert_eq!(s.rejected, 0, "{:?}", s.rejected_by_reason);
    // awk -F'\t' '$5=="United States" && $11=="China" {print $7}' tallied through
    // mappings/cameo.csv: 42 cooperation, 12 obstruct.active (7×111, 5×112), 5 friction,
    // 1 obstruct.passive, 11 neutral (01x); Intensity sum of the 60 coded rows 90.6.
    let r = cell(&p, "USA", "CHN", 2018);
    assert_eq!(r.count(ObstructActive), Some(12));
    assert_eq!(r.count(ObstructPassive), Some(1));
    assert_eq!(r.count(Friction), Some(5));
    assert_eq!(r.count(Cooperation), Some(42));
    assert_eq!(r.events, Some(60));
    assert_eq!(r.goldstein_sum, Some(90.6));
    assert_eq!((r.ccode1, r.ccode2), (Some(2), Some(710)));
    // Reverse direction: 23 cooperation, 1 obstruct.active, 1 obstruct.passive.
    let r = cell(&p, "CHN", "USA", 2018);
    assert_eq!(r.count(Cooperation), Some(23));
    assert_eq!(r.count(ObstructActive), Some(1));
}

#[test]
fn dyad_grid_is_missing_outside_coverage_and_zero_inside() {
    let p = panel(&[icews()], |o| {
        o.dyads = Some(vec![("USA".into(), "CHN".into()), ("CHN".into(), "USA".into())]);
        o.from = Some(2017);
        o.to = Some(2018);
    });
    assert_eq!(p.rows.len(), 4);
    let r = cell(&p, "USA", "CHN", 2017);
    assert_eq!(r.counts, None, "2017 is outside the ICEWS sample: missing, not zero");
    assert_eq!(r.events, None);
    assert_eq!(r.sb_index(), None);
    let r = cell(&p, "USA", "CHN", 2018);
    assert_eq!(r.events, Some(60));
}

#[test]
fn monthly_periods_sum_to_the_year() {
    let y = panel(&[icews()], |_| {});
    let m = panel(&[icews()], |o| o.period = Period::Month);
    let total = |p: &Panel| p.rows.iter().filter(|r| r.iso3_1 == "USA" && r.iso3_2 == "CHN").map(|r| r.events.unwrap_or(0)).sum::<i64>();
    assert_eq!(total(&y), total(&m));
    assert!(m.rows.iter().all(|r| r.month.is_some()));
}

#[test]
fn folder_with_gzip_and_zip_copies_reads_every_file() {
    use std::io::Write;
    let dir = temp();
    let raw = std::fs::read(gdelt1()).unwrap();
    std::fs::write(dir.path().join("a.tsv"), &raw).unwrap();
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(dir.path().join("b.tsv.gz")).unwrap(), flate2::Compression::fast());
    gz.write_all(&raw).unwrap();
    gz.finish().unwrap();
    let mut z = zip::ZipWriter::new(std::fs::File::create(dir.path().join("c.zip")).unwrap());
    z.start_file("events.CSV", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(&std::fs::read(icews()).unwrap()).unwrap();
    z.finish().unwrap();
    let p = panel(&[path_str(dir.path())], |o| o.dedupe = false);
    assert_eq!(p.stats.files, 3);
    assert_eq!(p.stats.rows_read, 710 * 2 + 3705);
    assert!(p.stats.balanced());
    assert_eq!(cell(&p, "USA", "RUS", 2016).count(ObstructActive), Some(2));
    // A glob picks the same files.
    let g = panel(&[format!("{}/*", dir.path().display())], |o| o.dedupe = false);
    assert_eq!(g.stats.rows_read, p.stats.rows_read);
    // By default the gzip copy's GLOBALEVENTIDs are duplicates of the plain file's.
    let d = panel(&[path_str(dir.path())], |_| {});
    assert_eq!((d.stats.rows_read, d.stats.duplicates), (710 * 2 + 3705, 710), "{}", d.stats.reconciliation());
    assert!(d.stats.balanced());
    assert_eq!(cell(&d, "USA", "RUS", 2016).count(ObstructActive), Some(1));
}

#[test]
fn one_file_read_by_several_threads_gives_the_same_panel() {
    let whole = panel(&[gdelt1()], |o| o.threads = 1);
    let split = panel(&[gdelt1()], |o| {
        o.split_bytes = 1;
        o.threads = 3;
    });
    assert_eq!(whole.stats, split.stats);
    assert_eq!(whole.rows, split.rows);
}
