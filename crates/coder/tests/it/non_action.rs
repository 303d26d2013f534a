//! No act is an answer (issue 10 §3): negated acts, hypotheticals, deliberation, a third
//! party's demand and denials are `none` in English and both Chinese scripts, with the cue
//! that decided it; refusals of the target's request or of participation stay acts
//! (`obstruct.passive`); polarity words change the label. These sentences were written for
//! the tests and are not in the corpus.

use softbalance_coder::{Coded, Coder, Item};
use softbalance_core::strategy::StrategyCode::{self, *};

fn code(text: &str, dyad: Option<(&str, &str)>) -> Coded {
    let mut item = Item::new("t", text);
    if let Some((b, t)) = dyad {
        item = item.with_dyad(b, t);
    }
    Coder::shared().code(&item)
}

/// `none`, and the deciding cue is a substring of the text.
fn none(text: &str, dyad: Option<(&str, &str)>) {
    let c = code(text, dyad);
    let n = c.non_action.as_ref().unwrap_or_else(|| panic!("{text:?} coded {} not none: {c:?}", c.label));
    assert_eq!(c.answer(), "none");
    assert!(!n.cues.is_empty(), "{text:?}: none without a cue");
    for q in &n.cues {
        assert_eq!(&text[q.start..q.end], q.text);
    }
}

fn act(text: &str, dyad: Option<(&str, &str)>, expected: StrategyCode) {
    let c = code(text, dyad);
    assert!(c.is_action(), "{text:?} coded none: {c:?}");
    assert_eq!(c.label, expected, "{text:?}: {c:?}");
}

#[test]
fn negated_acts_are_none_in_three_scripts() {
    none("The United States did not impose sanctions on Turkey over the missile purchase.", Some(("USA", "TUR")));
    none("美國沒有對中國實施制裁。", Some(("USA", "CHN")));
    none("美国没有对中国实施制裁。", Some(("USA", "CHN")));
    none("日本政府並未對韓國實施新的出口限制。", Some(("JPN", "KOR")));
    none("欧盟并未对中国电动汽车加征关税。", Some(("EU", "CHN")));
}

#[test]
fn hypotheticals_demands_and_denials_are_none() {
    none("If Russia cuts gas supplies, Berlin would retaliate with new tariffs, a minister said.", Some(("DEU", "RUS")));
    none("如果北京封鎖台灣，東京可能對中國實施制裁。", Some(("JPN", "CHN")));
    none("如果美方继续加征关税，中方可能采取反制措施。", Some(("CHN", "USA")));
    none("Several senators urged the White House to ban Chinese drones.", Some(("USA", "CHN")));
    none("Beijing denied that it had sent troops to the border.", None);
}

#[test]
fn refusals_of_a_request_or_of_participation_stay_acts() {
    act("Parliament refused to authorize the stationing of American troops on its soil.", Some(("PHL", "USA")), ObstructPassive);
    act("The government declined to join the American-led naval coalition.", Some(("DEU", "USA")), ObstructPassive);
    act("土耳其國會拒絕授權美軍借道其領土。", Some(("TUR", "USA")), ObstructPassive);
    act("印度拒绝加入由中国主导的贸易协定。", Some(("IND", "CHN")), ObstructPassive);
}

#[test]
fn polarity_words_change_the_label() {
    // authorize vs refuse
    let yes = code("Parliament authorized overflight for U.S. aircraft.", Some(("TUR", "USA")));
    assert_ne!(yes.label, ObstructPassive, "authorizing is not a refusal: {yes:?}");
    act("Parliament refused overflight for U.S. aircraft.", Some(("TUR", "USA")), ObstructPassive);
    // lift vs impose
    let lifted = code("Washington lifted its sanctions on Hanoi.", Some(("USA", "VNM")));
    assert_ne!(lifted.label, ObstructActive, "lifting sanctions is not obstruction: {lifted:?}");
    act("Washington imposed sanctions on Hanoi.", Some(("USA", "VNM")), ObstructActive);
    let lifted_zh = code("美国解除了对越南的制裁。", Some(("USA", "VNM")));
    assert_ne!(lifted_zh.label, ObstructActive, "{lifted_zh:?}");
    // join vs decline
    let joined = code("Rome agreed to join the China-led infrastructure bank.", Some(("ITA", "CHN")));
    assert_ne!(joined.label, ObstructPassive, "{joined:?}");
    act("Rome declined to join the China-led infrastructure bank.", Some(("ITA", "CHN")), ObstructPassive);
}
