//! The coder end to end: each language and script, the dyad-context rule, cues quoted from
//! the input, documents, determinism, and no panic on any input.

use proptest::prelude::*;
use softbalance_coder::{Coder, Item, Lang};
use softbalance_core::strategy::StrategyCode::{self, *};

fn check(text: &str, dyad: Option<(&str, &str)>, expected: StrategyCode) {
    let mut item = Item::new("t", text);
    if let Some((b, t)) = dyad {
        item = item.with_dyad(b, t);
    }
    let c = Coder::shared().code(&item);
    assert_eq!(c.label, expected, "{text:?} with {dyad:?}: {c:?}");
}

#[test]
fn english() {
    check("The Commerce Department added Huawei and 38 affiliates to the Entity List, cutting them off from U.S. chips.", Some(("USA", "CHN")), ObstructActive);
    check("Washington raised tariffs on Chinese steel and aluminum to press Beijing to cut the trade deficit.", Some(("USA", "CHN")), Friction);
    check("The White House released a national strategy for artificial intelligence research and development.", Some(("USA", "CHN")), OffsetInternal);
}

#[test]
fn traditional_chinese() {
    check("美國商務部將華為及其關聯企業列入實體清單，切斷其取得美國晶片的管道。", Some(("USA", "CHN")), ObstructActive);
    check("美國白宮發布國家人工智慧研發戰略計畫，增加基礎研究經費。", Some(("USA", "CHN")), OffsetInternal);
}

#[test]
fn simplified_chinese() {
    check("美国商务部将华为及其关联企业列入实体清单，切断其获取美国芯片的渠道。", Some(("USA", "CHN")), ObstructActive);
    check("中美两国在气候变化问题上发表联合声明，承诺共同减排。", Some(("USA", "CHN")), Cooperation);
}

#[test]
fn dyad_context_decides_counterpart() {
    // The same joint statement: with a third party against the target it is external
    // offsetting; with the target itself it is cooperation.
    let text = "The United States and Japan issued a joint statement pledging to deepen cooperation on artificial intelligence.";
    check(text, Some(("USA", "CHN")), OffsetExternal);
    check(text, Some(("USA", "JPN")), Cooperation);
    let zh = "美國與日本發表聯合聲明，承諾深化人工智慧合作。";
    check(zh, Some(("USA", "CHN")), OffsetExternal);
    check(zh, Some(("USA", "JPN")), Cooperation);
}

#[test]
fn output_fields() {
    let c = Coder::shared().code(&Item::new("1", "美國對中國實施出口管制，限制先進晶片出口。"));
    assert_eq!(c.lang, Lang::ZhHant);
    assert_ne!(c.label, c.runner_up);
    assert!(c.confidence >= c.runner_up_confidence && c.confidence <= 1.0);
    assert!(!c.cues.is_empty());
    assert_eq!(c.balancer.as_deref(), Some("USA"));
    assert_eq!(c.target.as_deref(), Some("CHN"));
}

#[test]
fn documents_are_split_with_offsets_and_counts() {
    let text = "The U.S. added Huawei to the Entity List. It also banned exports of advanced chips to China.\n\n美國與日本發表聯合聲明，協調出口管制。";
    let doc = Coder::shared().code_document(&Item::new("d", text));
    assert_eq!(doc.sentences.len(), 3);
    assert_eq!(doc.counts.iter().sum::<usize>(), 3);
    for (s, e, c) in &doc.sentences {
        assert!(text.is_char_boundary(*s) && text.is_char_boundary(*e));
        for cue in &c.cues {
            assert_eq!(&text[cue.start..cue.end], cue.text);
            assert!(*s <= cue.start && cue.end <= *e);
        }
    }
    // The second sentence names no subject: it inherits the first one's balancer.
    assert_eq!(doc.sentences[1].2.balancer.as_deref(), Some("USA"));
}

#[test]
fn deterministic() {
    let a = Coder::train(&softbalance_coder::corpus::bundled().corpus[..60]);
    let b = Coder::train(&softbalance_coder::corpus::bundled().corpus[..60]);
    let item = Item::new("x", "Japan and Australia signed a reciprocal access agreement.");
    assert_eq!(a.code(&item), b.code(&item));
}

#[test]
fn very_long_input() {
    let sentence = "The United States imposed sanctions on Chinese chip firms. 中國表示強烈反對。";
    let text = sentence.repeat(2000);
    let doc = Coder::shared().code_document(&Item::new("long", text.as_str()));
    assert_eq!(doc.sentences.len(), 4000);
    let one = Coder::shared().code(&Item::new("long", text.as_str()));
    assert!(one.cues.iter().all(|c| text[c.start..c.end] == c.text));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn cues_are_substrings_and_nothing_panics(text in "\\PC{0,80}", zh in "[美國对對中国國日本制裁出口管制合作，。 a-zA-Z.]{0,40}") {
        for t in [text.as_str(), zh.as_str()] {
            let c = Coder::shared().code(&Item::new("p", t));
            for cue in &c.cues {
                prop_assert_eq!(&t[cue.start..cue.end], cue.text.as_str());
            }
            let doc = Coder::shared().code_document(&Item::new("p", t));
            prop_assert_eq!(doc.counts.iter().sum::<usize>(), doc.sentences.len());
        }
    }
}

#[test]
fn fresh_sentences_written_apart_from_the_corpus() {
    // 27 sentences (3 per code, one per language and script) written for this test from the
    // codebook's definitions, not taken from the corpus: a guard against overfitting it.
    let bytes = include_bytes!("../fixtures/gold-fresh.jsonl");
    let items = softbalance_coder::corpus::read_labeled("gold-fresh.jsonl", bytes).unwrap();
    let ev = softbalance_coder::eval::score(Coder::shared(), &items);
    assert!(ev.overall.accuracy >= 0.8, "accuracy {} on fresh sentences: {:?}", ev.overall.accuracy, ev.predictions);
}
