//! The decision rule of docs/theory.md §2.3 (the paper's 貳.二 and 圖 1): threat level and common
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
    /// Observed only: a record that mixes soft and hard balancing.
    Mixed,
    /// Too little evidence to predict or to read the record.
    #[serde(rename = "insufficient_evidence")]
    Insufficient,
}

impl Response {
    /// Every outcome, in report order.
    pub const ALL: [Response; 5] = [Response::None, Response::Soft, Response::Hard, Response::Mixed, Response::Insufficient];
    /// The outcomes a prediction can take.
    pub const PREDICTED: [Response; 4] = [Response::None, Response::Soft, Response::Hard, Response::Insufficient];
    pub fn as_str(self) -> &'static str {
        match self {
            Response::None => "none",
            Response::Soft => "soft",
            Response::Hard => "hard",
            Response::Mixed => "mixed",
            Response::Insufficient => "insufficient_evidence",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Response::None => "no balancing",
            Response::Soft => "soft balancing",
            Response::Hard => "hard balancing",
            Response::Mixed => "mixed soft and hard balancing",
            Response::Insufficient => "insufficient evidence",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Response::None => "不平衡",
            Response::Soft => "柔性平衡",
            Response::Hard => "傳統（硬性）平衡",
            Response::Mixed => "柔性與硬性平衡並存",
            Response::Insufficient => "證據不足",
        }
    }
}

/// Which row of the rule table fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    InsufficientThreatEvidence,
    InsufficientInterestEvidence,
    NoThreat,
    SevereThreat,
    LimitedWithInterests,
    LimitedWithStrongerTarget,
    LimitedWithoutInterests,
}

/// `much_stronger_share`: target's share of paired capability at or above which it counts as
/// "much stronger" (2/3: at least twice the balancer's capability), Pape's and Walt's third
/// condition for soft balancing.
pub fn decide(threat: ThreatLevel, interests: InterestLevel, target_share: Option<f64>, much_stronger_share: f64) -> (Response, Rule) {
    let much_stronger = target_share.is_some_and(|s| s >= much_stronger_share);
    match threat {
        ThreatLevel::Insufficient => (Response::Insufficient, Rule::InsufficientThreatEvidence),
        ThreatLevel::None => (Response::None, Rule::NoThreat),
        ThreatLevel::Severe => (Response::Hard, Rule::SevereThreat),
        ThreatLevel::Latent | ThreatLevel::Limited => {
            if interests == InterestLevel::Insufficient && !much_stronger {
                (Response::Insufficient, Rule::InsufficientInterestEvidence)
            } else if interests.is_present() {
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
        Rule::InsufficientThreatEvidence => "The evidence is too thin to assess the threat, so the theory cannot predict a response: add perception statements and capability evidence (see the missing components).".into(),
        Rule::InsufficientInterestEvidence => format!(
            "The threat is {} but the case has no evidence on common interests, and the target is not shown to be much stronger: the theory cannot tell soft from hard balancing without it.",
            threat.as_str()
        ),
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
        let m = 2.0 / 3.0;
        assert_eq!(decide(T::None, I::Strong, None, m).0, Response::None);
        assert_eq!(decide(T::Severe, I::Strong, None, m).0, Response::Hard);
        assert_eq!(decide(T::Limited, I::Substantial, None, m).0, Response::Soft);
        assert_eq!(decide(T::Latent, I::Strong, None, m).0, Response::Soft);
        assert_eq!(decide(T::Limited, I::Weak, Some(0.4), m).0, Response::Hard);
        assert_eq!(decide(T::Limited, I::None, Some(0.7), m), (Response::Soft, Rule::LimitedWithStrongerTarget));
        assert_eq!(decide(T::Insufficient, I::Strong, None, m).0, Response::Insufficient);
        assert_eq!(decide(T::Limited, I::Insufficient, None, m).0, Response::Insufficient);
        assert_eq!(decide(T::Limited, I::Insufficient, Some(0.8), m).0, Response::Soft);
    }
}
