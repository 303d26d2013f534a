//! Readers for labeled JSONL: strict, with errors that name the line and the field.

use softbalance_coder::corpus::{bundled, read_labeled};
use softbalance_coder::CoderError;
use softbalance_core::strategy::StrategyCode;

fn check_err(input: &[u8], line: usize, needle: &str) {
    let err = read_labeled("gold.jsonl", input).unwrap_err();
    assert_eq!(err.line(), Some(line), "{err}");
    let msg = err.to_string();
    assert!(msg.contains(&format!("gold.jsonl:{line}")) && msg.contains(needle), "{msg}");
}

#[test]
fn bad_lines_are_named() {
    let ok = r#"{"id":"a","text":"x","label":"friction"}"#;
    check_err(format!("{ok}\n{{not json\n").as_bytes(), 2, "malformed JSONL");
    check_err(format!("{ok}\n[1,2]\n").as_bytes(), 2, "JSON object");
    check_err(br#"{"id":"a","text":"x"}"#, 1, "`label`");
    check_err(br#"{"id":"a","label":"friction"}"#, 1, "`text`");
    check_err(br#"{"text":"x","label":"friction"}"#, 1, "`id`");
    check_err(br#"{"id":"a","text":"x","label":"soft"}"#, 1, "offset.internal");
    check_err(br#"{"id":"a","text":"","label":"friction"}"#, 1, "empty");
    check_err(br#"{"id":"a","text":3,"label":"friction"}"#, 1, "a number");
    let mut bytes = format!("{ok}\n{ok}\n").into_bytes();
    bytes.extend_from_slice(b"\"\xff\"\n");
    check_err(&bytes, 3, "UTF-8");
    assert!(matches!(
        read_labeled("g", b"\xff").unwrap_err(),
        CoderError::Utf8 { line: 1, .. }
    ));
}

#[test]
fn good_lines_parse_and_extra_fields_are_ignored() {
    let input = "\u{feff}{\"id\":1,\"text\":\"美日協調\",\"label\":\"offset.external\",\"balancer\":\"usa\",\"target\":\"CHN\",\"year\":2021}\n\n{\"id\":\"b\",\"text\":\"t\",\"label\":\"cooperation\",\"balancer\":null}\n";
    let items = read_labeled("g", input.as_bytes()).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].item.id, "1");
    assert_eq!(items[0].item.balancer.as_deref(), Some("USA"));
    assert_eq!(items[0].label, Some(StrategyCode::OffsetExternal));
    assert_eq!(items[1].item.balancer, None);
}

#[test]
fn bundled_corpus_is_embedded() {
    let b = bundled();
    assert!(b.corpus.len() >= 100, "{} items", b.corpus.len());
    for code in StrategyCode::ALL {
        assert!(b.corpus.iter().any(|i| i.label == Some(code)), "no {code} item");
    }
    assert!(b.skipped.is_empty(), "skipped corpus lines: {:?}", b.skipped);
}
