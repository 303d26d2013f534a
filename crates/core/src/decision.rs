//! The decision rule of THEORY.md §2.3 (the paper's 貳.二 and 圖 1): threat level and common
//! interests (or a much stronger target) → no, soft or hard balancing, with the rule in words.

use crate::interests::InterestLevel;
use crate::threat::ThreatLevel;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    None,
    Soft,
    Hard,
}

impl Response {
    pub const ALL: [Response; 3] = [Response::None, Response::Soft, Response::Hard];
    pub fn as_str(self) -> &'static str {
        match self {
            Response::None => "none",
            Response::Soft => "soft",
            Response::Hard => "hard",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Response::None => "no balancing",
            Response::Soft => "soft balancing",
            Response::Hard => "hard balancing",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Response::None => "不平衡",
            Response::Soft => "柔性平衡",
            Response::Hard => "傳統（硬性）平衡",
        }
    }
}

/// Target's share of paired capability at or above which it counts as "much stronger" (it has
/// at least twice the balancer's capability): Pape's and Walt's third condition for soft.
pub const MUCH_STRONGER_SHARE: f64 = 2.0 / 3.0;

/// Which row of the rule table fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    NoThreat,
    SevereThreat,
    LimitedWithInterests,
    LimitedWithStrongerTarget,
    LimitedWithoutInterests,
}

pub fn decide(threat: ThreatLevel, interests: InterestLevel, target_share: Option<f64>) -> (Response, Rule) {
    let much_stronger = target_share.is_some_and(|s| s >= MUCH_STRONGER_SHARE);
    match threat {
        ThreatLevel::None => (Response::None, Rule::NoThreat),
        ThreatLevel::Severe => (Response::Hard, Rule::SevereThreat),
        ThreatLevel::Latent | ThreatLevel::Limited => {
            if interests.is_present() {
                (Response::Soft, Rule::LimitedWithInterests)
            } else if much_stronger {
                (Response::Soft, Rule::LimitedWithStrongerTarget)
            } else {
                (Response::Hard, Rule::LimitedWithoutInterests)
            }
        }
    }
}

/// The fired rule in words, naming the levels that triggered it.
pub fn explain(rule: Rule, threat: ThreatLevel, interests: InterestLevel) -> String {
    match rule {
        Rule::NoThreat => "No threat is perceived, so the theory predicts no balancing: engagement, cooperation or bandwagoning.".into(),
        Rule::SevereThreat => "The threat is severe and imminent: the theory predicts hard balancing (arms build-up, alliances) whatever the common interests.".into(),
        Rule::LimitedWithInterests => format!(
            "The threat is {} and common interests are {}: to avoid escalation and protect those interests the balancer should constrain the target with soft means rather than arms races and alliances.",
            threat.as_str(), interests.as_str()
        ),
        Rule::LimitedWithStrongerTarget => format!(
            "The threat is {} and, although common interests are only {}, the target is much stronger (at least twice the balancer's capability): confronting it directly is too costly, so soft balancing is predicted.",
            threat.as_str(), interests.as_str()
        ),
        Rule::LimitedWithoutInterests => format!(
            "The threat is {} but common interests are {} and the target is not much stronger: the theory's conditions for soft balancing are missing, so hard balancing is more likely.",
            threat.as_str(), interests.as_str()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_table_of_theory_2_3() {
        use InterestLevel as I;
        use ThreatLevel as T;
        assert_eq!(decide(T::None, I::Strong, None).0, Response::None);
        assert_eq!(decide(T::Severe, I::Strong, None).0, Response::Hard);
        assert_eq!(decide(T::Limited, I::Substantial, None).0, Response::Soft);
        assert_eq!(decide(T::Latent, I::Strong, None).0, Response::Soft);
        assert_eq!(decide(T::Limited, I::Weak, Some(0.4)).0, Response::Hard);
        assert_eq!(decide(T::Limited, I::None, Some(0.7)), (Response::Soft, Rule::LimitedWithStrongerTarget));
    }
}
