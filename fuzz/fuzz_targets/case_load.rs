//! The case loader on arbitrary bytes for each file (split at NUL bytes, see
//! softbalance_fuzz::CASE_ORDER): no panic; an error names at least one problem with a
//! message; a loaded case also gets its warnings computed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = softbalance_fuzz::case_files(data);
    match softbalance_case::load(&files) {
        Ok(case) => {
            let _ = softbalance_case::warnings(&case);
        }
        Err(e) => {
            assert!(!e.problems.is_empty(), "an error without a problem");
            let text = e.to_string();
            assert!(!text.trim().is_empty(), "an error without a message");
        }
    }
});
