//! Case folders: warn or refuse, never guess (issue 11 §3). Each test breaks one file of the
//! built-in case the way a spreadsheet or a hurried analyst would, and checks the message,
//! file, line, field and exit code of the problem it gets.

use softbalance_case::load::{manifest_line, parse_number, Decimal};
use softbalance_case::manifest::check_state_code;
use softbalance_case::{builtin_files, load, CaseError, CaseFiles, Problem, ProblemKind};

fn text(name: &str) -> String {
    String::from_utf8(builtin_files().files[name].clone().unwrap()).unwrap()
}

fn with(edits: &[(&'static str, String)]) -> CaseFiles {
    let mut files = builtin_files();
    for (name, t) in edits {
        files.files.insert(name, Some(t.clone().into_bytes()));
    }
    files
}

fn problems(edits: &[(&'static str, String)]) -> CaseError {
    load(&with(edits)).expect_err("the edited case must be refused")
}

/// The header line rewritten by `f`.
fn header_edit(name: &str, f: impl Fn(&str) -> String) -> String {
    let t = text(name);
    let (head, rest) = t.split_once('\n').unwrap();
    format!("{}\n{rest}", f(head))
}

/// Replace one field (by header name) in the data row whose id is `id`; returns the text and
/// the row's 1-based line.
fn field_edit(name: &str, id: &str, col: &str, value: &str) -> (String, u64) {
    let t = text(name);
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(t.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    let ci = headers.iter().position(|h| h == col).unwrap();
    let mut line = 0;
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap();
        let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
        if fields[0] == id {
            fields[ci] = value.to_string();
            line = n as u64 + 2;
        }
        out.write_record(&fields).unwrap();
    }
    assert!(line > 0, "no row {id}");
    (String::from_utf8(out.into_inner().unwrap()).unwrap(), line)
}

fn only(err: &CaseError) -> &Problem {
    assert_eq!(err.problems.len(), 1, "expected one problem, got:\n{err}");
    &err.problems[0]
}

fn loc(p: &Problem) -> (ProblemKind, Option<u64>, Option<&str>) {
    (p.kind, p.line, p.field.as_deref())
}

// ---- 1. unknown headers ----

#[test]
fn misspelled_optional_header_is_named_with_did_you_mean() {
    let t = header_edit("indicators.csv", |h| h.replace("locator", "locatr"));
    let err = problems(&[("indicators.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Structure, Some(1), Some("locatr")));
    assert!(p.file.ends_with("indicators.csv"));
    assert!(p.message.contains("unknown column; did you mean locator?"), "{p}");
    assert_eq!(err.exit_code(), 5);
}

#[test]
fn misspelled_required_header_gives_one_line_not_a_line_per_row() {
    let t = header_edit("actions.csv", |h| h.replace("summary_en", "sumary_en"));
    let err = problems(&[("actions.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Structure, Some(1), Some("sumary_en")));
    assert!(p.message.contains("did you mean summary_en?"), "{p}");
    assert_eq!(err.exit_code(), 5);
    // A misspelled required column: the unknown header with the fix, and the missing column.
    let t = header_edit("actions.csv", |h| h.replace(",code,", ",cod,"));
    let err = problems(&[("actions.csv", t)]);
    assert_eq!(err.problems.len(), 2, "{err}");
    assert_eq!(loc(&err.problems[0]), (ProblemKind::Structure, Some(1), Some("cod")));
    assert!(err.problems[0].message.contains("did you mean code?"), "{err}");
    assert_eq!(loc(&err.problems[1]), (ProblemKind::Structure, Some(1), Some("code")));
    assert!(err.problems[1].message.starts_with("required column is missing"), "{err}");
}

#[test]
fn unknown_header_far_from_any_column_lists_the_columns() {
    let t = header_edit("sources.csv", |h| format!("{h},reviewer"));
    let t = t.lines().enumerate().map(|(i, l)| if i == 0 || l.starts_with('#') { l.to_string() } else { format!("{l},") }).collect::<Vec<_>>().join("\n");
    let err = problems(&[("sources.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Structure, Some(1), Some("reviewer")));
    assert!(p.message.contains("expected columns: id, author, title"), "{p}");
    assert!(p.message.contains("note or x_"), "{p}");
}

#[test]
fn own_columns_starting_with_note_or_x_are_kept() {
    let add = |name: &str, col: &str| {
        text(name)
            .lines()
            .enumerate()
            .map(|(i, l)| if i == 0 { format!("{l},{col}") } else if l.starts_with('#') || l.is_empty() { l.to_string() } else { format!("{l},mine") })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let case = load(&with(&[("actions.csv", add("actions.csv", "note_reviewer")), ("indicators.csv", add("indicators.csv", "x_checked"))]))
        .expect("own columns are allowed");
    assert_eq!(case.actions.len(), softbalance_case::load_builtin().unwrap().actions.len());
}

#[test]
fn duplicate_header_is_refused() {
    let t = header_edit("actors.csv", |h| h.replace("name_zh", "name_en"));
    let err = problems(&[("actors.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Structure, Some(1), Some("name_en")));
    assert!(p.message.contains("column appears twice (columns 3 and 4)"), "{p}");
}

// ---- 2. numbers ----

#[test]
fn decimal_comma_is_refused_with_the_line_and_the_fix() {
    let (t, line) = field_edit("indicators.csv", "I001", "value", "10,9");
    let err = problems(&[("indicators.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Value, Some(line), Some("value")));
    assert!(p.message.contains("\"10,9\" has a decimal comma; write 10.9 with a '.'"), "{p}");
    assert!(p.message.contains("decimal = \",\""), "{p}");
    assert_eq!(err.exit_code(), 6);
}

#[test]
fn thousands_separators_are_refused() {
    let (t, line) = field_edit("indicators.csv", "I001", "value", "10,900.5");
    let p = only(&problems(&[("indicators.csv", t)])).clone();
    assert_eq!(loc(&p), (ProblemKind::Value, Some(line), Some("value")));
    assert!(p.message.contains("has ',' as a thousands separator; write the number without separators: 10900.5"), "{p}");
    // "10900,5" was read as 109,005: now it is a decimal comma, refused.
    let (t, _) = field_edit("indicators.csv", "I001", "value", "10900,5");
    assert!(only(&problems(&[("indicators.csv", t)])).message.contains("write 10900.5"));
    let (t, _) = field_edit("indicators.csv", "I001", "value", "1 000");
    assert!(only(&problems(&[("indicators.csv", t)])).message.contains("thousands separator; write the number without separators: 1000"));
}

#[test]
fn decimal_comma_is_read_only_under_the_manifest_key() {
    let manifest = text("case.toml").replacen("period = [2014, 2022]", "period = [2014, 2022]\ndecimal = \",\"", 1);
    // Every value rewritten with a decimal comma reads as the built-in case does.
    let t = text("indicators.csv");
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(t.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let vi = headers.iter().position(|h| h == "value").unwrap();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    for rec in rdr.records() {
        let mut f: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        f[vi] = f[vi].replace('.', ",");
        out.write_record(&f).unwrap();
    }
    let t = String::from_utf8(out.into_inner().unwrap()).unwrap();
    assert!(t.contains("\"151442,2\""));
    let case = load(&with(&[("case.toml", manifest.clone()), ("indicators.csv", t)])).expect("decimal comma allowed");
    let builtin = softbalance_case::load_builtin().unwrap();
    for (a, b) in case.indicators.iter().zip(&builtin.indicators) {
        assert_eq!((&a.id, a.value), (&b.id, b.value));
    }
    // Under decimal = ",", a '.' is refused (it could be a thousands separator).
    let (t, line) = field_edit("indicators.csv", "I001", "value", "1.000,5");
    let err = problems(&[("case.toml", manifest.clone()), ("indicators.csv", t)]);
    let p = err.problems.iter().find(|p| p.line == Some(line)).unwrap();
    assert_eq!(loc(p), (ProblemKind::Value, Some(line), Some("value")));
    assert!(err.problems.iter().any(|p| p.message.contains("\"140.3\" has a '.', but case.toml sets decimal = \",\"")), "{err}");
    assert!(p.message.contains("'.' as a thousands separator; write the number without separators: 1000,5"), "{p}");
    let bad = text("case.toml").replacen("period = [2014, 2022]", "period = [2014, 2022]\ndecimal = \";\"", 1);
    let line = bad.lines().position(|l| l.starts_with("decimal")).unwrap() as u64 + 1;
    let p = only(&problems(&[("case.toml", bad)])).clone();
    assert_eq!(loc(&p), (ProblemKind::Value, Some(line), Some("case.decimal")));
}

#[test]
fn plain_numbers_parse_and_nothing_is_guessed() {
    for (s, v) in [("151442.2", 151442.2), ("-3", -3.0), ("+0.5", 0.5), (".5", 0.5), ("1e3", 1000.0), ("2.5E-2", 0.025)] {
        assert_eq!(parse_number(s, Decimal::Point), Ok(v), "{s}");
    }
    assert_eq!(parse_number("10,9", Decimal::Comma), Ok(10.9));
    for s in ["10,9", "1,234", "inf", "NaN", "1.2.3", "", "1e", "0x10", "1_000", "12abc"] {
        assert!(parse_number(s, Decimal::Point).is_err(), "{s} must be refused");
    }
    for s in ["10.9", "1.234,5", "1,2,3"] {
        assert!(parse_number(s, Decimal::Comma).is_err(), "{s} must be refused under decimal = \",\"");
    }
}

#[test]
fn magnitude_with_a_decimal_comma_is_refused() {
    let t = header_edit("actions.csv", |h| format!("{h},magnitude"));
    let t: String = t.lines().enumerate().map(|(i, l)| match i {
        0 => l.to_string(),
        _ if l.starts_with("A001,") => format!("{l},\"1,5\""),
        _ if l.starts_with('#') || l.is_empty() => l.to_string(),
        _ => format!("{l},"),
    }).collect::<Vec<_>>().join("\n");
    let line = t.lines().position(|l| l.starts_with("A001,")).unwrap() as u64 + 1;
    let p = only(&problems(&[("actions.csv", t)])).clone();
    assert_eq!(loc(&p), (ProblemKind::Value, Some(line), Some("magnitude")));
    assert!(p.message.contains("decimal comma; write 1.5"), "{p}");
}

// ---- 3. delimiters ----

#[test]
fn semicolon_separated_file_is_named_as_such() {
    let t: String = text("sources.csv").lines().take(3).map(|l| l.replace(',', ";")).collect::<Vec<_>>().join("\n");
    let err = problems(&[("sources.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Structure, Some(1), None));
    assert!(p.file.ends_with("sources.csv"));
    assert!(p.message.contains("this file is separated by ';' (European Excel); save it as CSV UTF-8 with commas"), "{p}");
    assert_eq!(err.exit_code(), 5);
}

#[test]
fn tab_separated_file_is_named_as_such() {
    let t = "id\tkind\tname_en\tname_zh\tcountry\nUSA\tstate\tUnited States\t\t\n".to_string();
    let p = only(&problems(&[("actors.csv", t)])).clone();
    assert_eq!(loc(&p), (ProblemKind::Structure, Some(1), None));
    assert!(p.message.contains("this file is separated by tabs; save it as CSV UTF-8 with commas"), "{p}");
}

// ---- 4. empty files, header-only files ----

#[test]
fn empty_file_says_so_once() {
    for name in ["actions.csv", "indicators.csv", "sources.csv", "actors.csv", "friction.csv"] {
        let err = problems(&[(name, String::new())]);
        let p = err.problems.iter().find(|p| p.file.ends_with(name)).unwrap_or_else(|| panic!("{name}: {err}"));
        assert_eq!(err.problems.iter().filter(|p| p.file.ends_with(name)).count(), 1, "{err}");
        assert_eq!(loc(p), (ProblemKind::Structure, Some(1), None), "{name}");
        assert!(p.message.starts_with("the file is empty; expected a header row"), "{p}");
    }
    let err = problems(&[("actions.csv", String::new())]);
    assert_eq!(err.exit_code(), 5);
    let p = only(&problems(&[("case.toml", String::new())])).clone();
    assert_eq!(loc(&p), (ProblemKind::Structure, Some(1), None));
    assert!(p.message.starts_with("the file is empty"), "{p}");
}

#[test]
fn header_only_actions_and_indicators_are_valid() {
    let head = |name: &str| text(name).lines().next().unwrap().to_string() + "\n";
    let case = load(&with(&[("actions.csv", head("actions.csv")), ("indicators.csv", head("indicators.csv")), ("friction.csv", head("friction.csv"))]))
        .expect("header-only tables are valid");
    assert!(case.actions.is_empty() && case.indicators.is_empty());
}

#[test]
fn case_path_that_is_a_file_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("case.toml");
    std::fs::write(&f, text("case.toml")).unwrap();
    let err = softbalance_case::load_dir(&f).unwrap_err();
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Missing, None, None));
    assert!(p.message.starts_with("is a file, not a case folder; give the folder that holds it:"), "{p}");
    assert_eq!(err.exit_code(), 3);
}

#[test]
fn a_folder_where_a_file_belongs_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in builtin_files().files {
        if let Some(b) = bytes {
            std::fs::write(tmp.path().join(name), b).unwrap();
        }
    }
    std::fs::remove_file(tmp.path().join("actions.csv")).unwrap();
    std::fs::create_dir(tmp.path().join("actions.csv")).unwrap();
    let err = softbalance_case::load_dir(tmp.path()).unwrap_err();
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Missing, None, None));
    assert!(p.file.ends_with("actions.csv"));
    assert!(p.message.starts_with("is a folder, not a file"), "{p}");
    assert_eq!(err.exit_code(), 3);
}

// ---- 5. manifest ----

fn manifest_problem(from: &str, to: &str, key: &str) -> Problem {
    let m = text("case.toml");
    assert!(m.contains(from), "{from}");
    let m = m.replacen(from, to, 1);
    let err = problems(&[("case.toml", m.clone())]);
    assert_eq!(err.exit_code(), 6, "{err}");
    let p = err.problems.iter().find(|p| p.field.as_deref() == Some(key)).unwrap_or_else(|| panic!("no problem for {key}: {err}")).clone();
    assert_eq!(p.kind, ProblemKind::Value);
    assert!(p.file.ends_with("case.toml"));
    assert_eq!(p.line, manifest_line(&m, key), "{p}");
    assert!(p.line.is_some(), "{p}");
    p
}

#[test]
fn all_threat_weights_zero_is_refused() {
    let m = text("case.toml");
    let w = m[m.find("[threat.weights]").unwrap()..].lines().skip(1).take(4).collect::<Vec<_>>().join("\n");
    let zero: String = w.lines().map(|l| {
        let (k, rest) = l.split_once('=').unwrap();
        let comment = rest.split_once('#').map(|(_, c)| format!(" #{c}")).unwrap_or_default();
        format!("{k}= 0.0{comment}")
    }).collect::<Vec<_>>().join("\n");
    let p = manifest_problem(&w, &zero, "threat.weights");
    assert!(p.message.starts_with("all four weights are 0"), "{p}");
    assert_eq!(p.line, Some(m.lines().position(|l| l.starts_with("[threat.weights]")).unwrap() as u64 + 1));
}

#[test]
fn interest_weights_summing_to_zero_are_refused() {
    let m = text("case.toml");
    let at = m.find("[interests.weights]").unwrap();
    let block = m[at..].lines().take(3).collect::<Vec<_>>().join("\n");
    let p = manifest_problem(&block, "[interests.weights]\neconomic = 0\ncooperation = 0", "interests.weights");
    assert!(p.message.contains("economic and cooperation are both 0"), "{p}");
}

#[test]
fn zero_draws_are_refused() {
    let m = text("case.toml");
    let line = m.lines().find(|l| l.starts_with("draws")).unwrap();
    let p = manifest_problem(line, "draws = 0", "robustness.draws");
    assert!(p.message.contains("at least 1"), "{p}");
}

#[test]
fn impossible_periods_are_refused() {
    let p = manifest_problem("period = [2014, 2022]", "period = [-5000, 99999]", "case.period");
    assert!(p.message.contains("is not a possible period; expected years from 1500 to"), "{p}");
    let p = manifest_problem("period = [2014, 2022]", "period = [1500, 2022]", "case.period");
    assert!(p.message.contains("spans 523 years; a case covers at most 200"), "{p}");
    let p = manifest_problem("period = [2014, 2022]", "period = [2014, 9000]", "case.period");
    assert!(p.message.contains("not a possible period"), "{p}");
    let p = manifest_problem("period = [2014, 2022]", "period = [2022, 2014]", "case.period");
    assert!(p.message.contains("first year 2022 is after last year 2014"), "{p}");
}

#[test]
fn duplicate_years_in_a_series_name_both_lines() {
    let t = text("indicators.csv");
    let lines: Vec<&str> = t.lines().collect();
    let (i0, first) = lines.iter().enumerate().find(|(_, l)| l.contains(",interests,series,")).unwrap();
    let id = first.split(',').next().unwrap();
    let copy = first.replacen(&format!("{id},"), "I999,", 1);
    let t = format!("{t}{copy}\n");
    let line = t.lines().count() as u64;
    let err = problems(&[("indicators.csv", t)]);
    let p = only(&err);
    assert_eq!(loc(p), (ProblemKind::Value, Some(line), Some("date")));
    assert!(p.message.contains(&format!("\"I999\" (line {line}) repeats year")), "{p}");
    assert!(p.message.contains(&format!("already given by \"{id}\" (line {})", i0 + 1)), "{p}");
    assert_eq!(err.exit_code(), 6);
}

// ---- 6. state codes ----

#[test]
fn state_codes_are_checked_against_the_gazetteer() {
    for ok in ["USA", "CHN", "TUR", "SUN", "YUG", "DDR", "TWN"] {
        assert_eq!(check_state_code(ok), Ok(()), "{ok}");
    }
    assert!(check_state_code("TURKEY").unwrap_err().contains("did you mean TUR (Turkey)?"));
    assert!(check_state_code("usa").unwrap_err().contains("did you mean USA (United States)?"));
    assert!(check_state_code("EU").unwrap_err().contains("not a state"));
    assert!(check_state_code("QQQ").unwrap_err().contains("is not a state code the gazetteer knows"));
}

#[test]
fn unknown_balancer_code_in_the_manifest_is_refused() {
    let m = text("case.toml").replacen("balancer = \"USA\"", "balancer = \"TURKEY\"", 1);
    let a = text("actors.csv").replacen("USA,state,", "TURKEY,state,", 1);
    let line = m.lines().position(|l| l.starts_with("balancer")).unwrap() as u64 + 1;
    let err = problems(&[("case.toml", m), ("actors.csv", a)]);
    let p = err.problems.iter().find(|p| p.field.as_deref() == Some("case.balancer")).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(loc(p), (ProblemKind::Value, Some(line), Some("case.balancer")));
    assert!(p.file.ends_with("case.toml"));
    assert!(p.message.contains("did you mean TUR (Turkey)?"), "{p}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn numbers_round_trip_and_odd_text_never_panics(v in proptest::num::f64::NORMAL, junk in "[-+0-9.,eE '\u{a0}]{0,12}") {
        proptest::prop_assert_eq!(parse_number(&v.to_string(), Decimal::Point), Ok(v));
        proptest::prop_assert_eq!(parse_number(&v.to_string().replace('.', ","), Decimal::Comma), Ok(v));
        for d in [Decimal::Point, Decimal::Comma] {
            if let Ok(x) = parse_number(&junk, d) {
                proptest::prop_assert!(x.is_finite());
                // Never a separator read away: the accepted text has at most one mark and no
                // character of the other kind.
                let other = if d == Decimal::Point { ',' } else { '.' };
                proptest::prop_assert!(!junk.contains(other) && !junk.contains(' '));
            }
        }
    }
}

#[test]
fn historical_codes_from_old_cameo_are_suggested() {
    assert!(check_state_code("ROM").unwrap_err().contains("did you mean ROU (Romania)?"));
    assert!(check_state_code("USR").unwrap_err().contains("did you mean SUN (Soviet Union)?"));
    assert!(check_state_code("Soviet Union").unwrap_err().contains("did you mean SUN (Soviet Union)?"));
}
