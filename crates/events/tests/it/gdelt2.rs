//! A GDELT 2.0 15-minute export the readers have never seen, generated here the way GDELT
//! writes them: 61 tab-separated columns (ADM2Code in each geo block), DATEADDED with a time,
//! string FeatureIDs, empty actor codes, a stray `"` in a URL, zipped as
//! `YYYYMMDDHHMMSS.export.CSV.zip`; plus a few malformed rows that must be rejected with
//! their file and line.

use super::*;
use softbalance_core::strategy::StrategyCode::*;
use std::io::Write;

/// One GDELT 2.0 event row.
fn row(id: u64, date: &str, a1: (&str, &str), a2: (&str, &str), code: &str, goldstein: &str) -> String {
    let mut f = vec![String::new(); 61];
    f[0] = id.to_string();
    f[1] = date.to_string();
    f[2] = date[..6].to_string();
    f[3] = date[..4].to_string();
    f[4] = format!("{}.5699", &date[..4]);
    f[5] = a1.0.to_string();
    f[6] = if a1.0.is_empty() { String::new() } else { "UNITED STATES".into() };
    f[7] = a1.1.to_string();
    f[12] = if a1.0.len() > 3 { a1.0[3..].to_string() } else { String::new() };
    f[15] = a2.0.to_string();
    f[16] = "CHINA".into();
    f[17] = a2.1.to_string();
    f[25] = "1".into();
    f[26] = code.to_string();
    f[27] = code[..3.min(code.len())].to_string();
    f[28] = code[..2].to_string();
    f[29] = "4".into();
    f[30] = goldstein.to_string();
    f[31] = "10".into();
    f[32] = "2".into();
    f[33] = "10".into();
    f[34] = "-4.83".into();
    // Three geo blocks of 8: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
    for start in [35, 43, 51] {
        f[start] = "4".into();
        f[start + 1] = "Beijing, Beijing, China".into();
        f[start + 2] = "CH".into();
        f[start + 3] = "CH22".into();
        f[start + 4] = "13001".into();
        f[start + 5] = "39.9289".into();
        f[start + 6] = "116.388".into();
        f[start + 7] = "-1898541".into();
    }
    f[42] = "US".into(); // FeatureIDs can be strings
    f[59] = format!("{date}151500");
    f[60] = format!("https://example.org/news/{id}?q=\"sanctions");
    f.join("\t")
}

fn export() -> (String, usize) {
    let mut lines = Vec::new();
    let mut id = 900_000_000;
    let mut next = || {
        id += 1;
        id
    };
    // 3 sanctions (163) USA → CHN, 2 criticisms (111) CHN → USA, 4 consultations (040)
    // USA → JPN, 1 military cooperation (062) USA → JPN, 1 export-control style seizure (1711)
    // JPN → CHN, a public statement (010), an actor-less row, an unknown code (099).
    for _ in 0..3 {
        lines.push(row(next(), "20240305", ("USAGOV", "USA"), ("CHN", "CHN"), "163", "-8.0"));
    }
    for _ in 0..2 {
        lines.push(row(next(), "20240305", ("CHNGOV", "CHN"), ("USA", "USA"), "111", "-2.0"));
    }
    for _ in 0..4 {
        lines.push(row(next(), "20240305", ("USA", "USA"), ("JPN", "JPN"), "040", "1.0"));
    }
    lines.push(row(next(), "20240305", ("USA", "USA"), ("JPNMIL", "JPN"), "062", "7.4"));
    lines.push(row(next(), "20240305", ("JPN", "JPN"), ("CHNBUS", "CHN"), "1711", "-9.2"));
    lines.push(row(next(), "20240305", ("USA", "USA"), ("CHN", "CHN"), "010", "0.0"));
    lines.push(row(next(), "20240305", ("", ""), ("CHN", "CHN"), "043", "2.8"));
    lines.push(row(next(), "20240305", ("USA", "USA"), ("CHN", "CHN"), "099", "0.0"));
    let good = lines.len();
    // Malformed: a truncated row (60 columns), a bad date, a non-numeric Goldstein.
    let full = row(next(), "20240305", ("USA", "USA"), ("CHN", "CHN"), "163", "-8.0");
    lines.push(full.rsplit_once('\t').unwrap().0.to_string());
    lines.push(row(next(), "2024030X", ("USA", "USA"), ("CHN", "CHN"), "163", "-8.0"));
    lines.push(row(next(), "20240305", ("USA", "USA"), ("CHN", "CHN"), "163", "minus eight"));
    (lines.join("\n") + "\n", good)
}

#[test]
fn unseen_gdelt2_export_is_read_correctly() {
    let dir = temp();
    let (text, good) = export();
    assert!(text.lines().take(good).all(|l| l.split('\t').count() == 61));
    let zip_path = dir.path().join("20240305151500.export.CSV.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    z.start_file("20240305151500.export.CSV", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(text.as_bytes()).unwrap();
    z.finish().unwrap();
    let rejects = dir.path().join("rejects.tsv");
    let p = panel(&[path_str(&zip_path)], |o| o.rejects = Some(rejects.clone()));
    let s = &p.stats;
    assert_eq!(s.rows_read, 17, "{}", s.reconciliation());
    assert_eq!(s.rows_by_format.get("gdelt2"), Some(&14));
    assert_eq!((s.used, s.unmapped, s.rejected), (11, 3, 3), "{s:?}");
    assert_eq!(s.unmapped_codes.get("099"), Some(&1));
    assert_eq!(s.unmapped_by_reason.get("neutral"), Some(&1));
    assert_eq!(s.unmapped_by_reason.get("actor1"), Some(&1));

    let r = cell(&p, "USA", "CHN", 2024);
    assert_eq!(r.count(ObstructActive), Some(3));
    assert_eq!(r.goldstein_sum, Some(-24.0));
    // JPN is in conflict with CHN (1711 seizure) and the USA cooperates with JPN in the same
    // year: 4 consultations feed offset.external, the military cooperation hard.external.
    assert_eq!(r.count(OffsetExternal), Some(4));
    assert_eq!(r.count(HardExternal), Some(1));
    assert_eq!(r.triad_events, Some(5));
    assert_eq!(r.events, Some(3), "direct events only");
    let r = cell(&p, "CHN", "USA", 2024);
    assert_eq!(r.count(ObstructActive), Some(2));
    let r = cell(&p, "USA", "JPN", 2024);
    assert_eq!(r.count(Cooperation), Some(5));

    // Every rejected row is in the rejects file with its file and line.
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), 3);
    for (l, n) in lines.iter().zip([15, 16, 17]) {
        let f: Vec<&str> = l.splitn(4, '\t').collect();
        assert!(f[0].ends_with(".zip:20240305151500.export.CSV"), "{l}");
        assert_eq!(f[1], n.to_string());
    }
    assert!(lines[0].contains("column count"));
    assert!(lines[1].contains("bad date"));
    assert!(lines[2].contains("bad Goldstein"));
}

#[test]
fn forced_gdelt1_format_rejects_61_column_rows() {
    let dir = temp();
    let (text, _) = export();
    let path = dir.path().join("export.CSV");
    std::fs::write(&path, text).unwrap();
    let mut o = PanelOptions { inputs: vec![path_str(&path)], threads: 2, ..PanelOptions::default() };
    o.format = Some(softbalance_events::Format::Gdelt1);
    // Every row rejected: the file is not what was asked for, an error naming the format.
    let err = run_panel(&o).unwrap_err().to_string();
    assert!(err.contains("all 17 rows were rejected as gdelt1"), "{err}");
    assert!(err.contains("57 or 58 tab-separated columns"), "{err}");
    assert!(err.contains("rejected 17"), "{err}");
}

#[test]
fn split_reading_keeps_reject_line_numbers() {
    let dir = temp();
    let (text, _) = export();
    let path = dir.path().join("20240305151500.export.CSV");
    std::fs::write(&path, text).unwrap();
    let rejects = dir.path().join("rejects.tsv");
    let p = panel(&[path_str(&path)], |o| {
        o.rejects = Some(rejects.clone());
        o.split_bytes = 1;
        o.threads = 3;
    });
    assert_eq!((p.stats.rows_read, p.stats.rejected, p.stats.files), (17, 3, 1));
    let text = std::fs::read_to_string(&rejects).unwrap();
    let mut lines: Vec<u64> = text.lines().skip(1).map(|l| l.split('\t').nth(1).unwrap().parse().unwrap()).collect();
    lines.sort();
    assert_eq!(lines, [15, 16, 17]);
}
