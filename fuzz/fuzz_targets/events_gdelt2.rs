//! The Gdelt2 reader on arbitrary bytes (the format forced, as `--format gdelt2`): no panic, and
//! every row in one bin. First byte: read options (softbalance_fuzz::Control).
#![no_main]
use libfuzzer_sys::fuzz_target;
use softbalance_events::format::Format;

fuzz_target!(|data: &[u8]| softbalance_fuzz::read_events(Some(Format::Gdelt2), data));
