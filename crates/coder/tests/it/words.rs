//! Cues match whole words (issue 10 §3): a Latin cue is not matched inside a word or a
//! number, a Chinese cue not across a known word, and "not" alone decides nothing.

use softbalance_coder::codebook::Codebook;
use softbalance_coder::text::{boundary_before, word_end, Normalized};

fn phrases(text: &str) -> Vec<String> {
    let cb = Codebook::bundled();
    let norm = Normalized::new(text).text;
    cb.matches(&norm).iter().map(|h| norm[h.start..h.end].to_string()).collect()
}

#[test]
fn numbers_are_whole() {
    // "2 percent" (the NATO target) is not in "7.2 percent", nor "2" in "2.5".
    assert!(boundary_before("rose 2 percent", 5));
    assert!(!boundary_before("rose 7.2 percent", 7));
    assert!(!boundary_before("rose 1,2 percent", 7));
    assert_eq!(word_end("2.5 percent", 1, true), None);
    assert_eq!(word_end("2. Then", 1, true), Some(1));
}

#[test]
fn short_cues_take_inflections_only() {
    assert_eq!(word_end("bans", 3, true), Some(4));
    assert_eq!(word_end("banned", 3, true), Some(6));
    assert_eq!(word_end("banal", 3, true), None);
    assert_eq!(word_end("criticized", 8, false), Some(10));
}

#[test]
fn latin_cues_do_not_match_inside_words() {
    let p = phrases("The bank's banal report on the subban network.");
    assert!(!p.iter().any(|x| x == "ban" || x == "banal"), "{p:?}");
    let p = phrases("Exports rose 7.2 percent of GDP last year.");
    assert!(!p.iter().any(|x| x.starts_with("2 percent")), "{p:?}");
}

#[test]
fn not_alone_is_no_cue_for_an_act() {
    let cb = Codebook::bundled();
    let norm = Normalized::new("They did not do it").text;
    for h in cb.matches(&norm) {
        let r = &cb.rules[h.rule];
        assert!(r.code.is_none(), "{:?} points to {:?}", &norm[h.start..h.end], r.code);
        assert_ne!(r.aim.as_deref(), Some("passive"), "{:?} marks a passive aim", &norm[h.start..h.end]);
    }
}

#[test]
fn chinese_cues_do_not_cross_actor_names() {
    // 國防 in 美國防長 would cross the mention 美國.
    let a = softbalance_coder::features::analyze(&Codebook::bundled(), "美國防長訪問日本。", None, None);
    for h in &a.hits {
        assert!(!a.mentions.iter().any(|m| h.start < m.end && m.start < h.end && !(m.start <= h.start && h.end <= m.end) && !(h.start <= m.start && m.end <= h.end)),
            "{:?} crosses a mention", &a.norm.text[h.start..h.end]);
    }
}

#[test]
fn reported_chinese_cues_are_whole_words() {
    // The cue phrases quoted for a Chinese sentence start and end at word boundaries: not 進晶
    // out of 先進晶片.
    let text = "美國限制對中國出口先進晶片與製造設備。";
    let c = softbalance_coder::Coder::shared().code(&softbalance_coder::Item::new("x", text).with_dyad("USA", "CHN"));
    for q in &c.cues {
        assert_ne!(q.text, "進晶", "{:?}", c.cues);
        assert_ne!(q.text, "進晶片", "{:?}", c.cues);
    }
}
