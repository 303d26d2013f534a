//! Strict readers (issue 11 §4): a file that is empty or wholly rejected is an error naming
//! the format expected; repeated event ids across files are dropped with their own term in
//! the reconciliation; outputs never replace inputs and are written atomically.

use super::*;
use softbalance_events::Error;

fn run(inputs: &[String], tweak: impl FnOnce(&mut PanelOptions)) -> Result<Panel, Error> {
    let mut o = PanelOptions { inputs: inputs.to_vec(), threads: 2, ..PanelOptions::default() };
    tweak(&mut o);
    run_panel(&o)
}

#[test]
fn an_empty_file_is_an_error_naming_the_formats() {
    let dir = temp();
    let empty = dir.path().join("empty.tsv");
    std::fs::write(&empty, "").unwrap();
    let err = run(&[path_str(&empty)], |_| {}).unwrap_err();
    assert!(matches!(err, Error::Format(_)), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("empty.tsv is empty"), "{msg}");
    assert!(msg.contains("GDELT 1.0 (57 or 58 tab-separated columns)"), "{msg}");
    // A forced format is named as such.
    let err = run(&[path_str(&empty)], |o| o.format = Some(softbalance_events::Format::Gdelt2)).unwrap_err().to_string();
    assert!(err.contains("GDELT 2.0 rows of 61 tab-separated columns"), "{err}");
    // An empty file among good ones is still an error.
    let err = run(&[gdelt1(), path_str(&empty)], |_| {}).unwrap_err();
    assert!(matches!(err, Error::Format(_)), "{err:?}");
}

#[test]
fn a_header_only_file_has_no_rows() {
    let dir = temp();
    let header = std::fs::read_to_string(icews()).unwrap().lines().next().unwrap().to_string();
    let path = dir.path().join("head.tab");
    std::fs::write(&path, header + "\n").unwrap();
    let msg = run(&[path_str(&path)], |_| {}).unwrap_err().to_string();
    assert!(msg.contains("has a header (icews) but no rows"), "{msg}");
}

#[test]
fn random_bytes_are_a_format_error_and_the_rejects_still_say_why() {
    let dir = temp();
    let path = dir.path().join("noise.bin");
    // Deterministic noise with newlines, no tabs that could make 57 columns.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let bytes: Vec<u8> = (0..20_000)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 97 == 96 { b'\n' } else { (x as u8) | 1 }
        })
        .filter(|&b| b != b'\t')
        .collect();
    std::fs::write(&path, &bytes).unwrap();
    let rejects = dir.path().join("rejects.tsv");
    let err = run(&[path_str(&path)], |o| o.rejects = Some(rejects.clone())).unwrap_err();
    assert!(matches!(err, Error::Format(_)), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("rows were rejected"), "{msg}");
    assert!(msg.contains("expected GDELT 1.0"), "{msg}");
    assert!(msg.contains("format not recognised"), "{msg}");
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(text.lines().count() > 100, "the rejects file is written");
}

#[test]
fn repeated_event_ids_across_files_are_dropped_and_counted() {
    let dir = temp();
    let copy = dir.path().join("icews-again.tab");
    std::fs::copy(icews(), &copy).unwrap();
    let once = panel(&[icews()], |_| {});
    let twice = panel(&[icews(), path_str(&copy)], |_| {});
    let s = &twice.stats;
    assert_eq!((s.rows_read, s.duplicates), (2 * 3705, 3705), "{}", s.reconciliation());
    assert!(s.balanced());
    assert!(s.reconciliation().ends_with(" + duplicates 3705"), "{}", s.reconciliation());
    assert_eq!((s.used, s.unmapped, s.rejected), (once.stats.used, once.stats.unmapped, 0));
    assert_eq!(twice.rows, once.rows, "the second release adds nothing");
    // --no-dedupe counts both.
    let both = panel(&[icews(), path_str(&copy)], |o| o.dedupe = false);
    assert_eq!((both.stats.duplicates, both.stats.used), (0, 2 * once.stats.used));
    assert_eq!(cell(&both, "USA", "CHN", 2018).events, Some(120));
}

#[test]
fn ids_repeated_inside_one_file_are_not_duplicates() {
    // A file is the source's unit: a repeat inside it is kept. The ICEWS key is Event ID +
    // Event Date: the same id on another date, in another file, is another event.
    let dir = temp();
    let text = std::fs::read_to_string(icews()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let row2 = lines.next().unwrap();
    let other_day = row.replacen("\t2018-", "\t2017-", 1);
    let a = dir.path().join("a.tab");
    let b = dir.path().join("b.tab");
    std::fs::write(&a, format!("{header}\n{row}\n{row}\n")).unwrap();
    std::fs::write(&b, format!("{header}\n{other_day}\n{row2}\n")).unwrap();
    let p = panel(&[path_str(&a), path_str(&b)], |_| {});
    assert_eq!((p.stats.rows_read, p.stats.duplicates), (4, 0), "{}", p.stats.reconciliation());
    // The same row in b is a duplicate.
    std::fs::write(&b, format!("{header}\n{other_day}\n{row2}\n{row}\n")).unwrap();
    let p = panel(&[path_str(&a), path_str(&b)], |o| o.threads = 1);
    assert_eq!((p.stats.rows_read, p.stats.duplicates), (5, 1), "{}", p.stats.reconciliation());
}

#[test]
fn outputs_that_are_inputs_are_refused_before_reading() {
    let dir = temp();
    let input = dir.path().join("in.CSV");
    std::fs::copy(gdelt1(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    for (rejects, out) in [(Some(input.clone()), dir.path().join("p.csv")), (None, input.clone())] {
        let err = run(&[path_str(&input)], |o| {
            o.rejects = rejects.clone();
            o.out = Some(out.clone());
        })
        .unwrap_err();
        assert!(matches!(err, Error::Output(_)), "{err:?}");
        assert!(err.to_string().contains("is the input file"), "{err}");
        assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");
    }
    // A hard link to the input is the same file.
    let link = dir.path().join("link.csv");
    std::fs::hard_link(&input, &link).unwrap();
    let err = run(&[path_str(&input)], |o| o.out = Some(link.clone())).unwrap_err();
    assert!(matches!(err, Error::Output(_)), "{err:?}");
    // Panel::write checks too.
    let p = panel(&[path_str(&input)], |_| {});
    assert!(matches!(p.write(&link), Err(Error::Output(_))));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert!(!dir.path().join("p.csv").exists(), "nothing created");
}

#[test]
fn outputs_are_written_with_normal_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let out = dir.path().join("p.parquet");
    let rejects = dir.path().join("r.tsv");
    let p = panel(&[icews()], |o| o.rejects = Some(rejects.clone()));
    p.write(&out).unwrap();
    // 0o666 under the process's umask (Linux reports it in /proc/self/status).
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let umask = status.lines().find_map(|l| l.strip_prefix("Umask:")).map(|u| u32::from_str_radix(u.trim(), 8).unwrap()).unwrap();
    for f in [&out, &rejects] {
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask, "{}", f.display());
    }
    assert_eq!(&std::fs::read(&out).unwrap()[..4], b"PAR1");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}
