//! The readers with format detection per stream (`--format auto`) on arbitrary bytes: no
//! panic, every row in one bin. First byte: read options (softbalance_fuzz::Control).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| softbalance_fuzz::read_events(None, data));
