//! `softbalance check` and `new` on case folders that a spreadsheet or a hurried analyst got
//! wrong (issue 11 §3): each is refused with its file, line, field, fix and exit code, and
//! nothing is guessed.

use crate::harness::{bin, CaseCopy};

/// Run check on `dir` and return (exit code, stderr).
fn check_dir(dir: &std::path::Path) -> (i32, String) {
    let out = bin().arg("check").arg(dir).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn check(c: &CaseCopy) -> (i32, String) {
    check_dir(c.dir())
}

/// The `problem` lines of check's stderr (each starts with two spaces).
fn lines(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.starts_with("  ")).map(str::trim).collect()
}

#[test]
fn misspelled_optional_header_exits_5_with_did_you_mean() {
    let c = CaseCopy::new();
    let t = c.read("indicators.csv");
    c.write("indicators.csv", &t.replacen(",locator,", ",locatr,", 1));
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    let l = lines(&err);
    assert_eq!(l.len(), 1, "{err}");
    assert!(l[0].ends_with("indicators.csv:1: field locatr: unknown column; did you mean locator? (your own columns are kept if their names start with note or x_)"), "{err}");
}

#[test]
fn misspelled_summary_header_is_one_line_not_one_per_row() {
    let c = CaseCopy::new();
    let t = c.read("actions.csv");
    c.write("actions.csv", &t.replacen(",summary_en,", ",sumary_en,", 1));
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    let l = lines(&err);
    assert_eq!(l.len(), 1, "{err}");
    assert!(l[0].contains("actions.csv:1: field sumary_en: unknown column; did you mean summary_en?"), "{err}");
    assert!(!err.contains("both summary_en and summary_zh are empty"), "{err}");
}

#[test]
fn own_note_and_x_columns_are_accepted() {
    let c = CaseCopy::new();
    c.edit_csv_lines("actions.csv", |i, l| if i == 0 { format!("{l},x_reviewer,notes") } else { format!("{l},KM,") });
    let (code, err) = check(&c);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn decimal_comma_exits_6_with_the_line_and_the_fix() {
    let c = CaseCopy::new();
    let mut line = 0;
    let mut n = 1;
    c.edit_csv("indicators.csv", |row| {
        n += 1;
        if row[0].1 == "I001" {
            line = n;
            crate::harness::field(row, "value").replace_range(.., "10,9");
        }
        true
    });
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    let l = lines(&err);
    assert_eq!(l.len(), 1, "{err}");
    assert!(
        l[0].contains(&format!("indicators.csv:{line}: field value: \"10,9\" has a decimal comma; write 10.9 with a '.' (or set decimal = \",\" under [case] in case.toml")),
        "{err}"
    );
    // With the manifest key, the same file is read with decimal commas.
    let m = c.read("case.toml").replacen("period = [2014, 2022]", "period = [2014, 2022]\ndecimal = \",\"", 1);
    c.write("case.toml", &m);
    let (code, err) = check(&c);
    assert_eq!(code, 6, "the other values have a '.': {err}");
    assert!(err.contains("but case.toml sets decimal = \",\""), "{err}");
}

#[test]
fn thousands_separator_exits_6() {
    let c = CaseCopy::new();
    c.edit_csv("indicators.csv", |row| {
        if row[0].1 == "I001" {
            crate::harness::field(row, "value").replace_range(.., "10,900.5");
        }
        true
    });
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("indicators.csv:2: field value: \"10,900.5\" has ',' as a thousands separator; write the number without separators: 10900.5"), "{err}");
}

#[test]
fn semicolon_separated_file_names_the_delimiter() {
    let c = CaseCopy::new();
    let t: String = c.read("actors.csv").lines().map(|l| l.replace(',', ";") + "\n").collect();
    c.write("actors.csv", &t);
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    let l = lines(&err);
    assert_eq!(l.len(), 1, "{err}");
    assert!(l[0].ends_with("actors.csv:1: this file is separated by ';' (European Excel); save it as CSV UTF-8 with commas (Excel: Save As > CSV UTF-8 (Comma delimited); LibreOffice: field delimiter ',')"), "{err}");
    let t: String = c.read("actors.csv").replace(';', "\t");
    c.write("actors.csv", &t);
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("actors.csv:1: this file is separated by tabs"), "{err}");
}

#[test]
fn empty_file_says_so_once_and_header_only_is_valid() {
    let c = CaseCopy::new();
    c.write("actions.csv", "");
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    let l = lines(&err);
    assert_eq!(l.len(), 1, "{err}");
    assert!(l[0].contains("actions.csv:1: the file is empty; expected a header row with the columns id,date,actor,target,code"), "{err}");
    let c = CaseCopy::new();
    let head = |f: &str| c.read(f).lines().next().unwrap().to_string() + "\n";
    let (a, i, f) = (head("actions.csv"), head("indicators.csv"), head("friction.csv"));
    c.write("actions.csv", &a);
    c.write("indicators.csv", &i);
    c.write("friction.csv", &f);
    let out = bin().arg("check").arg(c.dir()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 indicators, 0 actions"));
}

#[test]
fn a_file_given_as_the_case_folder_exits_3() {
    let c = CaseCopy::new();
    let (code, err) = check_dir(&c.path("case.toml"));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("case.toml: is a file, not a case folder; give the folder that holds it: "), "{err}");
    assert!(!err.contains("no such case folder"), "{err}");
}

#[test]
fn a_folder_where_a_file_belongs_exits_3() {
    let c = CaseCopy::new();
    std::fs::remove_file(c.path("sources.csv")).unwrap();
    std::fs::create_dir(c.path("sources.csv")).unwrap();
    let (code, err) = check(&c);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("sources.csv: is a folder, not a file"), "{err}");
}

/// Replace `from` by `to` in case.toml and return check's (exit code, stderr, line of `to`).
fn manifest(from: &str, to: &str) -> (i32, String, usize) {
    let c = CaseCopy::new();
    let m = c.read("case.toml");
    assert!(m.contains(from), "{from}");
    let m = m.replacen(from, to, 1);
    let line = m.lines().position(|l| l.starts_with(to.lines().next().unwrap())).unwrap() + 1;
    c.write("case.toml", &m);
    let (code, err) = check(&c);
    (code, err, line)
}

#[test]
fn zero_weight_sums_exit_6() {
    let c = CaseCopy::new();
    let m = c.read("case.toml");
    let mut in_weights = false;
    let zeroed: Vec<String> = m
        .lines()
        .map(|l| {
            if l.starts_with('[') {
                in_weights = l.starts_with("[threat.weights]");
            }
            match l.split_once('=') {
                Some((k, _)) if in_weights => format!("{k}= 0"),
                _ => l.to_string(),
            }
        })
        .collect();
    c.write("case.toml", &(zeroed.join("\n") + "\n"));
    let line = zeroed.iter().position(|l| l.starts_with("[threat.weights]")).unwrap() + 1;
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("case.toml:{line}: field threat.weights: all four weights are 0")), "{err}");

    let c = CaseCopy::new();
    let m = c.read("case.toml");
    let m: String = m
        .lines()
        .map(|l| if l.starts_with("economic") || l.starts_with("cooperation") { format!("{} = 0", l.split('=').next().unwrap().trim()) } else { l.to_string() } + "\n")
        .collect();
    let line = m.lines().position(|l| l.starts_with("[interests.weights]")).unwrap() + 1;
    c.write("case.toml", &m);
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("case.toml:{line}: field interests.weights: economic and cooperation are both 0")), "{err}");
}

#[test]
fn zero_draws_exit_6() {
    let c = CaseCopy::new();
    let m = c.read("case.toml");
    let old = m.lines().find(|l| l.starts_with("draws")).unwrap().to_string();
    let (code, err, line) = manifest(&old, "draws = 0");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("case.toml:{line}: field robustness.draws: 0 draws: expected at least 1")), "{err}");
}

#[test]
fn impossible_period_exits_6() {
    let (code, err, line) = manifest("period = [2014, 2022]", "period = [-5000, 99999]");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("case.toml:{line}: field case.period: [-5000, 99999] is not a possible period; expected years from 1500 to")), "{err}");
    let (code, err, line) = manifest("period = [2014, 2022]", "period = [1700, 2000]");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("case.toml:{line}: field case.period: [1700, 2000] spans 301 years; a case covers at most 200")), "{err}");
}

#[test]
fn duplicate_series_year_names_both_lines() {
    let c = CaseCopy::new();
    let t = c.read("indicators.csv");
    let (i0, first) = t.lines().enumerate().find(|(_, l)| l.contains(",interests,series,")).unwrap();
    let id = first.split(',').next().unwrap().to_string();
    let copy = first.replacen(&format!("{id},"), "I999,", 1);
    let t = format!("{t}{copy}\n");
    let line = t.lines().count();
    c.write("indicators.csv", &t);
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    let l = lines(&err);
    assert_eq!(l.len(), 1, "{err}");
    assert!(l[0].contains(&format!("indicators.csv:{line}: field date: \"I999\" (line {line}) repeats year")), "{err}");
    assert!(l[0].contains(&format!("already given by \"{id}\" (line {})", i0 + 1)), "{err}");
}

#[test]
fn new_refuses_codes_the_gazetteer_does_not_know() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin().args(["new"]).arg(tmp.path().join("a")).args(["--balancer", "TURKEY", "--target", "USA", "--domain", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--balancer \"TURKEY\" is not a state code the gazetteer knows; did you mean TUR (Turkey)?"), "{err}");
    assert!(!tmp.path().join("a").exists(), "nothing written");
    let out = bin().args(["new"]).arg(tmp.path().join("b")).args(["--balancer", "USA", "--target", "EU", "--domain", "d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a state"));
    // Historical states are known.
    for (b, t) in [("SUN", "USA"), ("YUG", "DDR")] {
        let dir = tmp.path().join(format!("{b}-{t}"));
        bin().args(["new"]).arg(&dir).args(["--balancer", b, "--target", t, "--domain", "d", "--year", "1985"]).assert().success();
        bin().arg("check").arg(&dir).assert().success();
    }
}

#[test]
fn unknown_balancer_code_in_case_toml_exits_6() {
    let c = CaseCopy::new();
    let m = c.read("case.toml").replacen("balancer = \"USA\"", "balancer = \"TURKEY\"", 1);
    let line = m.lines().position(|l| l.starts_with("balancer")).unwrap() + 1;
    c.write("case.toml", &m);
    let a = c.read("actors.csv").replacen("\nUSA,state,", "\nTURKEY,state,", 1);
    c.write("actors.csv", &a);
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("case.toml:{line}: field case.balancer: \"TURKEY\" is not a state code the gazetteer knows; did you mean TUR (Turkey)?")), "{err}");
}
