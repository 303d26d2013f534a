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
