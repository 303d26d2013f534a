//! The case loader on the built-in case and on arbitrary bytes: valid input loads, any input
//! returns either a case or a list of problems, never a panic.

mod builtin_corrections;
mod inputs;

use proptest::prelude::*;
use softbalance_case::{builtin_files, load, CaseFiles, ProblemKind, FILES};

#[test]
fn builtin_case_loads_with_the_papers_tables() {
    let case = softbalance_case::load_builtin().expect("built-in case is valid");
    assert_eq!(case.meta.balancer, "USA");
    assert_eq!(case.meta.target, "CHN");
    assert_eq!(case.params.threat_weights.proximity, 0.0);
    let in_table = |t: &str| case.actions.iter().filter(|a| a.section.replace(' ', "") == t).count();
    assert_eq!(in_table("表2"), 11);
    assert_eq!(in_table("表3"), 22);
    assert!(case.actions.len() > 60);
    for a in &case.actions {
        assert!(!a.summary_en.is_empty() && !a.summary_zh.is_empty(), "{} needs both languages", a.id);
    }
}

#[test]
fn problems_carry_file_line_and_field() {
    let mut files = builtin_files();
    let text = String::from_utf8(files.files["actions.csv"].clone().unwrap()).unwrap();
    let broken = text.replacen("offset.internal", "offset.inside", 1);
    let line = broken.lines().position(|l| l.contains("offset.inside")).unwrap() as u64 + 1;
    files.files.insert("actions.csv", Some(broken.into_bytes()));
    let err = load(&files).unwrap_err();
    assert_eq!(err.exit_code(), 6);
    let p = &err.problems[0];
    assert_eq!((p.kind, p.line, p.field.as_deref()), (ProblemKind::Value, Some(line), Some("code")));
    assert!(p.to_string().starts_with(&format!("builtin:us-china-ai/actions.csv:{line}: field code:")));
}

fn with_file(name: &'static str, bytes: Vec<u8>) -> CaseFiles {
    let mut files = builtin_files();
    files.files.insert(name, Some(bytes));
    files
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_in_any_file_never_panic(idx in 0usize..5, bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let files = with_file(FILES[idx], bytes);
        if let Err(e) = load(&files) {
            prop_assert!(!e.problems.is_empty());
            prop_assert!((3..=7).contains(&e.exit_code()));
        }
    }

    #[test]
    fn truncating_a_builtin_file_never_panics(idx in 0usize..5, cut in 0.0f64..1.0) {
        let name = FILES[idx];
        let full = builtin_files().files[name].clone().unwrap();
        let n = (full.len() as f64 * cut) as usize;
        let _ = load(&with_file(name, full[..n].to_vec()));
    }

    #[test]
    fn arbitrary_text_rows_appended_never_panic(row in "[ -~一-龥,\"\\n]{0,120}") {
        let mut text = builtin_files().files["indicators.csv"].clone().unwrap();
        text.extend_from_slice(row.as_bytes());
        let _ = load(&with_file("indicators.csv", text));
    }
}
