//! The coder on arbitrary UTF-8: sentence splitting (offsets in bounds, on char boundaries,
//! in order), `code_text` with and without a dyad, and `code_document` on the text as the
//! CLI's document input builds it. Input: `BALANCER\tTARGET\tTEXT` when it has two tabs,
//! else the whole input is the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use softbalance_coder::{Coder, Item};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut parts = s.splitn(3, '\t');
    let (b, t, text) = match (parts.next(), parts.next(), parts.next()) {
        (Some(b), Some(t), Some(text)) => (Some(b), Some(t), text),
        _ => (None, None, s),
    };
    let mut last = 0;
    for (a, e) in softbalance_coder::sentences::split(text) {
        assert!(a <= e && e <= text.len() && a >= last, "sentence {a}..{e} after {last} in {} bytes", text.len());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(e));
        last = e;
    }
    let coder = Coder::shared();
    let _ = coder.code_text(text, b, t);
    let _ = coder.code_text(text, None, None);
    let mut item = Item::new("fuzz", text);
    if let (Some(b), Some(t)) = (b, t) {
        item = item.with_dyad(b, t);
    }
    let _ = coder.code_document(&item);
});
