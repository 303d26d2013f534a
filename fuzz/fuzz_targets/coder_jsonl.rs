//! The coder's file parsing on arbitrary bytes: gold / labeled JSONL (`read_labeled`, as
//! `softbalance eval --gold` reads it) and unlabeled JSONL (`lines_utf8` + `parse_item_line`,
//! as `softbalance code` reads it): no panic, errors with a message.
#![no_main]
use libfuzzer_sys::fuzz_target;
use softbalance_coder::corpus;

fuzz_target!(|data: &[u8]| {
    match corpus::read_labeled("fuzz.jsonl", data) {
        Ok(items) => assert!(items.iter().all(|i| !i.item.text.trim().is_empty())),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    if let Ok(lines) = corpus::lines_utf8("fuzz.jsonl", data) {
        for (i, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if let Err(e) = corpus::parse_item_line("fuzz.jsonl", i + 1, line) {
                assert!(!e.to_string().is_empty());
            }
        }
    }
});
