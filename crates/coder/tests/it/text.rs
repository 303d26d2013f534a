//! Script normalization with offsets, and language tags.

use softbalance_coder::text::{Lang, Normalized};

fn check_lang(text: &str, expected: Lang) {
    assert_eq!(Normalized::new(text).lang(), expected, "language of {text:?}");
}

#[test]
fn languages_and_scripts() {
    check_lang("The United States sanctioned Huawei.", Lang::En);
    check_lang("美國商務部將華為列入實體清單。", Lang::ZhHant);
    check_lang("美国商务部将华为列入实体清单。", Lang::ZhHans);
    check_lang("美國與日本在AI領域加強協調。", Lang::ZhHant);
    check_lang("The talks in 北京 went on for hours between the two delegations.", Lang::En);
    check_lang("", Lang::En);
}

#[test]
fn offsets_map_back_to_the_original() {
    for text in ["美國對中國實施出口管制", "ＵＳ ａｎｄ 日本", "Sanctions ON China.", "a\u{3000}b 國"] {
        let n = Normalized::new(text);
        for (i, _) in n.text.char_indices() {
            let (s, _) = n.original_range(i, i);
            assert!(text.is_char_boundary(s), "{text:?} at {i}");
        }
        let (s, e) = n.original_range(0, n.text.len());
        assert_eq!((s, e), (0, text.len()));
    }
}

#[test]
fn traditional_and_simplified_normalize_alike() {
    assert_eq!(Normalized::new("美國對華為實施制裁").text, Normalized::new("美国对华为实施制裁").text);
    assert_eq!(Normalized::new("ＡＩ").text, "ai");
}
