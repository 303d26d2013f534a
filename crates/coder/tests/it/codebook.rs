//! The codebook: bundled files compile, cues match across scripts with word boundaries, and
//! bad files fail with a message naming them.

use softbalance_coder::codebook::{Codebook, BUNDLED};
use softbalance_coder::text::Normalized;

fn check(text: &str, expected_phrase_present: &str, expected: bool) {
    let cb = Codebook::bundled();
    let norm = Normalized::new(text);
    let hits = cb.matches(&norm.text);
    let found = hits.iter().any(|h| {
        let (s, e) = norm.original_range(h.start, h.end);
        &text[s..e] == expected_phrase_present
    });
    assert_eq!(found, expected, "cue {expected_phrase_present:?} in {text:?}: {hits:?}");
}

#[test]
fn bundled_codebook_compiles_with_headers() {
    let cb = Codebook::bundled();
    assert!(cb.phrase_count() > 500, "{} phrases", cb.phrase_count());
    for (name, text) in BUNDLED {
        for key in ["What it codes", "Theoretical basis", "Example", "Known ambiguities"] {
            assert!(text.contains(key), "{name} header lacks {key:?}");
        }
    }
}

#[test]
fn cues_match_in_both_scripts_and_inflections() {
    check("The U.S. sanctioned Huawei.", "sanctioned", true);
    check("It added firms to the Entity List.", "Entity List", true);
    check("美國實施出口管制", "出口管制", true);
    check("美国实施出口管制", "出口管制", true);
    check("the embargo banned exports", "banned", true);
    // Word boundaries: "ban" does not match inside "bank" or "urban".
    check("the bank of urban areas", "ban", false);
}

#[test]
fn bad_codebook_files_are_named() {
    let bad = [
        ("x.toml", "[family]\nname = \"x\"\n[[cue]]\ncode = \"not.a.code\"\nen = [\"a\"]\n"),
        ("y.toml", "this is not toml ["),
        ("z.toml", "[family]\nname = \"z\"\n[[cue]]\nen = [\"a\"]\n"),
    ];
    for (name, text) in bad {
        let err = Codebook::from_sources([(name.to_string(), text.to_string())]).unwrap_err();
        assert!(err.to_string().contains(name), "{err}");
    }
}

/// Each family file's header example is its fixture: the coder must code it as the header
/// says (STYLE.md §9, "one fixture each").
#[test]
fn header_examples_code_as_stated() {
    use softbalance_coder::{Coder, Item};
    let cases = [
        ("hard.toml", "India doubled its defense budget and deployed two new divisions to the border with China.", None, "hard.internal"),
        ("hard.toml", "法國與俄羅斯簽訂軍事同盟條約。", None, "hard.external"),
        ("institutional.toml", "OECD members adopted the Recommendation on Artificial Intelligence.", None, "institutional"),
        ("institutional.toml", "美國在聯合國安理會否決了該決議草案。", None, "institutional"),
        ("non_balancing.toml", "Washington raised tariffs on Chinese steel to press Beijing to cut the trade deficit.", None, "friction"),
        ("non_balancing.toml", "中美兩國發表氣候變化聯合聲明。", Some(("USA", "CHN")), "cooperation"),
        ("obstruction.toml", "Turkey refused to let U.S. troops use its bases.", None, "obstruct.passive"),
        ("obstruction.toml", "美國商務部將華為列入實體清單。", None, "obstruct.active"),
        ("offsetting.toml", "The United States and Japan launched a partnership on critical and emerging technologies.", Some(("USA", "CHN")), "offset.external"),
        ("offsetting.toml", "美國發布國家人工智慧研發戰略計畫。", None, "offset.internal"),
    ];
    for (file, text, dyad, expected) in cases {
        let (name, header) = BUNDLED.iter().find(|(n, _)| *n == file).expect("bundled file");
        let unwrapped = header.replace("\n# ", " ");
        assert!(unwrapped.contains(text), "{name}: the header no longer shows {text:?}");
        let mut item = Item::new("x", text);
        if let Some((b, t)) = dyad {
            item = item.with_dyad(b, t);
        }
        let c = Coder::shared().code(&item);
        assert_eq!(c.label.as_str(), expected, "{name}: {text:?} → {c:?}");
    }
}
