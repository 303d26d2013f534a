//! The decision rule of docs/theory.md §2.3 (the paper's 貳.二 and 圖 1): threat level and common
//! interests (or a much stronger target) → no, soft or hard balancing, with the rule in words.

use crate::interests::InterestLevel;
use crate::threat::ThreatLevel;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Response {
    None,
    Soft,
    Hard,
    /// Observed only: a record that mixes soft and hard balancing.
    Mixed,
    /// Too little evidence to predict or to read the record.
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
    /// The response named `s` (as `as_str` writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::InsufficientThreatEvidence => "insufficient_threat_evidence",
            Rule::InsufficientInterestEvidence => "insufficient_interest_evidence",
            Rule::NoThreat => "no_threat",
            Rule::SevereThreat => "severe_threat",
            Rule::LimitedWithInterests => "limited_with_interests",
            Rule::LimitedWithStrongerTarget => "limited_with_stronger_target",
            Rule::LimitedWithoutInterests => "limited_without_interests",
        }
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
