//! Property tests: `mentions` never panics and returns in-bounds, char-boundary,
//! non-overlapping, ordered offsets on arbitrary strings.

use proptest::prelude::*;
use softbalance_gazetteer::{gazetteer, normalize_script};

fn check_offsets(text: &str) {
    let ms = gazetteer().mentions(text);
    let mut pos = 0;
    for m in &ms {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?} in {text:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?} in {text:?}");
        assert!(m.start >= pos, "overlap or disorder: {ms:?}");
        assert_eq!(&text[m.start..m.end], m.alias);
        pos = m.end;
    }
}

proptest! {
    #[test]
    fn mentions_offsets_are_valid(text in any::<String>()) {
        check_offsets(&text);
    }

    #[test]
    fn mentions_offsets_are_valid_on_likely_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("US"), Just("U.S."), Just("美國"), Just("美国"), Just("ＵＳ"), Just("中國"),
                Just("華府"), Just("　"), Just(" "), Just("Korea"), Just("South "), Just("é"),
                Just("Washington"), Just("北京"), Just("𝕌"), Just("Ｃｈｉｎａ"), Just("EU"), Just("歐盟"),
            ],
            0..12,
        )
    ) {
        check_offsets(&parts.concat());
    }

    #[test]
    fn normalize_keeps_char_count(text in any::<String>()) {
        prop_assert_eq!(normalize_script(&text).chars().count(), text.chars().count());
    }
}
