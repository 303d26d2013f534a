//! `softbalance extract` on real public documents (crates/coder/tests/fixtures/documents, with
//! their provenance in its README): the draft tables pass `softbalance check` once a manifest
//! and actors are added; rows carry the right dates, offsets and codes; unreadable files are
//! refused by name; sentences that report no act are skipped.

use crate::harness::bin;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../coder/tests/fixtures/documents")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// A one-page PDF of `paragraphs` in Helvetica (WinAnsiEncoding), each paragraph wrapped at
/// 80 characters and followed by a blank line: the minimal PDF structure, written by hand so
/// the test needs no PDF-writing crate.
fn write_pdf(path: &Path, paragraphs: &[&str]) {
    fn escape(line: &str) -> String {
        let mut out = String::new();
        for c in line.chars() {
            match c {
                '(' | ')' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '\u{2018}' => out.push_str("\\221"),
                '\u{2019}' => out.push_str("\\222"),
                '\u{201c}' => out.push_str("\\223"),
                '\u{201d}' => out.push_str("\\224"),
                '\u{2013}' => out.push_str("\\226"),
                '\u{2014}' => out.push_str("\\227"),
                c if c.is_ascii() => out.push(c),
                _ => out.push('?'),
            }
        }
        out
    }
    let mut content = String::from("BT /F1 10 Tf 12 TL 50 760 Td\n");
    for p in paragraphs {
        let mut line = String::new();
        for word in p.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 80 {
                content.push_str(&format!("({}) Tj T*\n", escape(&line)));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        content.push_str(&format!("({}) Tj T* T*\n", escape(&line)));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    std::fs::write(path, pdf).unwrap();
}

/// The April 2024 BIS release's paragraphs (the .txt fixture), as a PDF.
fn bis_pdf(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(fixture("bis-2024-04-04-clarifications.txt")).unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let path = dir.join("bis-2024-04-04-clarifications.pdf");
    write_pdf(&path, &paragraphs);
    path
}

type Rows = Vec<HashMap<String, String>>;

fn read_csv(path: &Path) -> Rows {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records().map(|r| headers.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect()
}

/// The row whose sentence contains `needle`.
fn row<'a>(rows: &'a Rows, needle: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["summary_en"].contains(needle) || r["summary_zh"].contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}; rows: {:#?}", rows.iter().map(|r| (&r["id"], &r["summary_en"], &r["summary_zh"])).collect::<Vec<_>>()))
}

fn date_basis_col(rows: &Rows) -> &'static str {
    if rows[0].contains_key("date_basis") {
        "date_basis"
    } else {
        "x_date_basis"
    }
}

struct Drafted {
    dir: tempfile::TempDir,
    actions: Rows,
    stderr: String,
}

/// Extract the four fixtures and the generated PDF into a case folder.
fn draft() -> Drafted {
    let dir = tempfile::tempdir().unwrap();
    let pdf = bis_pdf(dir.path());
    let out = bin()
        .arg("extract")
        .arg(fixture("bis-2022-10-07-advanced-computing.html"))
        .arg(fixture("bis-2024-04-04-clarifications.txt"))
        .arg(fixture("mofcom-2021-04-09-entity-list.zh-hant.txt"))
        .arg(fixture("mofcom-2021-11-25-entity-list.zh-hans.md"))
        .arg(&pdf)
        .args(["--balancer", "USA", "--target", "CHN"])
        .arg("--out")
        .arg(dir.path().join("actions.csv"))
        .arg("--sources-out")
        .arg(dir.path().join("sources.csv"))
        .arg("--text-out")
        .arg(dir.path().join("texts"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "extract failed: {stderr}");
    let actions = read_csv(&dir.path().join("actions.csv"));
    Drafted { dir, actions, stderr }
}

#[test]
fn drafted_case_passes_check_once_manifest_and_actors_are_added() {
    let d = draft();
    let p = d.dir.path();
    std::fs::write(
        p.join("case.toml"),
        "[case]\nid = \"usa-chn-chips\"\ntitle_en = \"U.S. export controls on China\"\nbalancer = \"USA\"\ntarget = \"CHN\"\ndomain = \"semiconductors\"\nperiod = [2020, 2024]\n",
    )
    .unwrap();
    std::fs::write(p.join("actors.csv"), "id,kind,name_en,name_zh\nUSA,state,United States,美國\nCHN,state,China,中國\n").unwrap();
    std::fs::write(p.join("indicators.csv"), "id,component,kind,metric,actor,date,value,label_en,source\n").unwrap();
    let out = bin().arg("check").arg(p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "check: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // One source per document, each located by its file and dated by it.
    let sources = read_csv(&p.join("sources.csv"));
    assert_eq!(sources.len(), 5);
    let dates: Vec<&str> = sources.iter().map(|s| s["date"].as_str()).collect();
    assert_eq!(dates, ["2022-10-07", "2024-04-04", "2021-04-10", "2021-11-25", "2024-04-04"]);
    assert!(sources[0]["url"].starts_with("file:") && sources[0]["url"].ends_with("bis-2022-10-07-advanced-computing.html"));
    assert!(sources[0]["title"].starts_with("Commerce Implements New Export Controls"), "{:?}", sources[0]["title"]);
    assert_eq!(sources[2]["title_zh"], "商務部新聞發言人就美將7家中國機構列入出口管制“實體清單”答記者問");
    assert_eq!(sources[3]["title"], "商务部:美国出台新的制裁清单不利于中美两国");
    // Every action cites one of them.
    let ids: Vec<&str> = sources.iter().map(|s| s["id"].as_str()).collect();
    assert!(d.actions.iter().all(|a| ids.contains(&a["source"].as_str())));
    assert!(d.stderr.contains("5 documents read, 0 refused"), "{}", d.stderr);
}

#[test]
fn the_usage_example_new_then_extract_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("my-case");
    let out = bin().arg("new").arg(&case).args(["--balancer", "USA", "--target", "CHN", "--domain", "semiconductors", "--year", "2024"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin()
        .arg("extract")
        .arg(fixture("bis-2022-10-07-advanced-computing.html"))
        .arg(fixture("mofcom-2021-11-25-entity-list.zh-hans.md"))
        .args(["--balancer", "USA", "--target", "CHN", "--out"])
        .arg(case.join("actions.csv"))
        .arg("--sources-out")
        .arg(case.join("sources.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin().arg("check").arg(&case).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 sources"), "{}", String::from_utf8_lossy(&out.stdout));
    // An input is never overwritten: --out naming one of the documents is refused (exit 8).
    let copy = dir.path().join("release.html");
    std::fs::copy(fixture("bis-2022-10-07-advanced-computing.html"), &copy).unwrap();
    let out = bin().arg("extract").arg(&copy).args(["--balancer", "USA", "--target", "CHN", "--out"]).arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(8));
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(fixture("bis-2022-10-07-advanced-computing.html")).unwrap());
}

#[test]
fn rows_carry_dates_offsets_and_codes() {
    let d = draft();
    let rows = &d.actions;
    let basis = date_basis_col(rows);
    assert!(rows.iter().enumerate().all(|(i, r)| r["id"] == format!("A-X{:03}", i + 1)));

    // The act dated in its own sentence, the year taken from the dateline.
    let r = row(rows, "美國商務部于當地時間4月8日宣佈將7家");
    assert_eq!((r["date"].as_str(), r[basis].as_str(), r["x_date_from"].as_str()), ("2021-04-08", "event", "event"));
    assert_eq!((r["actor"].as_str(), r["target"].as_str(), r["code"].as_str()), ("USA", "CHN", "obstruct.active"));
    assert_eq!(r["title_en"], "");
    assert!(r["title_zh"].starts_with("有記者問"));
    // The next sentence has no date of its own: the nearest dated one gives it.
    let r = row(rows, "美方將7家中國相關機構列入");
    assert_eq!((r["date"].as_str(), r[basis].as_str(), r["x_date_from"].as_str(), r["x_date_evidence"].as_str()), ("2021-04-08", "inferred", "context", "4月8日"));
    // A day alone ("24日") completed from the dateline's month and year; the listing, not the
    // press conference of the 25th, dates the act.
    let r = row(rows, "美国商务部24日宣布");
    assert_eq!((r["date"].as_str(), r[basis].as_str()), ("2021-11-24", "event"));
    assert_eq!(r["code"], "obstruct.active");
    // "today" in a release is its publication date; a sentence before any dated one takes
    // the dateline's date as publication.
    let r = row(rows, "The export controls announced in the two rules today");
    assert_eq!((r["date"].as_str(), r[basis].as_str(), r["x_date_evidence"].as_str()), ("2022-10-07", "event", "today"));
    assert_eq!((r["actor"].as_str(), r["code"].as_str()), ("USA", "obstruct.active"));
    let r = row(rows, "These updates will restrict the People’s Republic of China’s");
    assert_eq!((r["date"].as_str(), r[basis].as_str()), ("2022-10-07", "publication"));
    assert!(r["title_en"].starts_with("These updates will restrict") && r["title_zh"].is_empty());
    // Script, nav and style text never becomes a row; the nav's lines are not in the text.
    assert!(rows.iter().all(|r| !r["summary_en"].contains("Skip to main content") && !r["summary_en"].contains("dataLayer")));

    // Offsets: the slice of the normalised text at x_start..x_end is the sentence, in every
    // format, the generated PDF included.
    let texts = d.dir.path().join("texts");
    let mut seen_pdf = false;
    for r in rows {
        let name = Path::new(&r["x_file"]).file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(texts.join(format!("{name}.txt"))).unwrap();
        let (s, e): (usize, usize) = (r["x_start"].parse().unwrap(), r["x_end"].parse().unwrap());
        let sentence = if r["summary_en"].is_empty() { &r["summary_zh"] } else { &r["summary_en"] };
        assert_eq!(&text[s..e], sentence.as_str(), "row {}", r["id"]);
        assert_eq!(r["locator"], format!("file:{} bytes {s}-{e}", r["x_file"]));
        let c: f64 = r["x_confidence"].parse().unwrap();
        assert!((0.0..=1.0).contains(&c));
        seen_pdf |= name.ends_with(".pdf");
    }
    assert!(seen_pdf, "no row from the PDF");
    // The PDF's lines are joined back into sentences: its rows match the .txt's.
    let pdf_rows: Vec<&HashMap<String, String>> = rows.iter().filter(|r| r["x_file"].ends_with(".pdf")).collect();
    let txt_rows: Vec<&HashMap<String, String>> = rows.iter().filter(|r| r["x_file"].ends_with("clarifications.txt")).collect();
    assert_eq!(pdf_rows.len(), txt_rows.len());
    for (p, t) in pdf_rows.iter().zip(&txt_rows) {
        assert_eq!((&p["summary_en"], &p["date"], &p["code"]), (&t["summary_en"], &t["date"], &t["code"]));
    }
}

#[test]
fn the_targets_acts_have_the_target_as_actor() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("countermeasures.txt");
    std::fs::write(
        &doc,
        "2023-07-03\nChina imposed export controls on gallium and germanium to counter the United States on 3 July 2023.\n中方宣布對美國軍工企業實施制裁。\n",
    )
    .unwrap();
    let out = bin().arg("extract").arg(&doc).args(["--balancer", "USA", "--target", "CHN", "--out"]).arg(dir.path().join("a.csv")).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let rows = read_csv(&dir.path().join("a.csv"));
    assert_eq!(rows.len(), 2, "{rows:?}");
    for r in &rows {
        assert_eq!((r["actor"].as_str(), r["target"].as_str()), ("CHN", "USA"), "{r:?}");
    }
    assert_eq!((rows[0]["date"].as_str(), rows[0]["x_date_from"].as_str()), ("2023-07-03", "event"));
    assert_eq!((rows[1]["date"].as_str(), rows[1]["x_date_from"].as_str()), ("2023-07-03", "context"));
    assert!(stderr.contains("2 rows (2 acts of CHN)"), "{stderr}");
}

#[test]
fn unreadable_files_are_refused_by_name_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("minutes.docx");
    std::fs::write(&docx, b"PK\x03\x04 a zip container").unwrap();
    let gbk = dir.path().join("statement.txt");
    std::fs::write(&gbk, b"\xd6\xd0\xb7\xbd\xbc\xe1\xbe\xf6\xb7\xb4\xb6\xd4").unwrap();
    let missing = dir.path().join("missing.html");
    let out = bin()
        .arg("extract")
        .arg(&docx)
        .arg(&gbk)
        .arg(&missing)
        .arg(fixture("mofcom-2021-04-09-entity-list.zh-hant.txt"))
        .args(["--balancer", "USA", "--target", "CHN"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The readable document is still drafted; the exit code is the first refusal's.
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains(&format!("refused {}: is a ZIP container", docx.display())), "{stderr}");
    assert!(stderr.contains(&format!("refused {}: line 1: not UTF-8", gbk.display())), "{stderr}");
    assert!(stderr.contains(&format!("refused {}: cannot read", missing.display())), "{stderr}");
    assert!(stderr.contains("1 documents read, 3 refused"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("id,date,"), "{stdout}");
    assert!(stdout.contains("4月8日宣佈"));

    // Nothing readable at all: no table, the refusal's code.
    let out = bin().arg("extract").arg(&missing).args(["--balancer", "USA", "--target", "CHN"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    // A bad state code is a usage error.
    let out = bin().arg("extract").arg(fixture("bis-2024-04-04-clarifications.txt")).args(["--balancer", "USA", "--target", "CHINA"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sentences_reporting_no_act_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("note.txt");
    std::fs::write(
        &doc,
        "2023-05-01\nThe United States did not impose sanctions on China.\nThe United States imposed sanctions on China on 2 May 2023.\n美国没有对中国实施制裁。\nThe weather in Geneva was fine.\n",
    )
    .unwrap();
    let out = bin().arg("extract").arg(&doc).args(["--balancer", "USA", "--target", "CHN"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let csv = String::from_utf8_lossy(&out.stdout).to_string();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains("imposed sanctions on China on 2 May 2023") && rows[0].starts_with("A-X001,2023-05-02,"), "{csv}");
    assert!(stderr.contains("5 sentences: 1 rows; skipped 2 no action, 2 naming neither USA nor CHN"), "{stderr}");
}
