//! The friction test (docs/methodology.md §5): is an action balancing against the target, or
//! routine friction? Features transcribed from the evidence go in; rules fixed in advance give
//! `balancing`, `friction` or `ambiguous` with the features that decided it.

use crate::case::ObservedRules;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Specificity {
    /// The action or its documents name the target.
    Names,
    /// Country-neutral in form, falls on the target in practice.
    DeFacto,
    Neutral,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aim {
    /// The target's capability (technology, talent, firms).
    Capability,
    /// The target's freedom of action, legitimacy, access or standards.
    FreedomOfAction,
    /// A negotiable concession (bargaining).
    Concession,
    /// The balancer's own capability, without acting on the target.
    OwnCapability,
    /// Joint work with the target.
    Cooperation,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    High,
    Some,
    None,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    OneOff,
    Codified,
    Renewed,
    Escalated,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetReading {
    Containment,
    Retaliation,
    Protest,
    NoneReported,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alternative {
    None,
    DomesticPolitics,
    EconomicSelfInterest,
    ThirdParty,
    RoutineGovernance,
    Unknown,
}

/// The features of one action, as the case records them.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    pub specificity: Specificity,
    pub aim: Aim,
    pub security_framing: Tri,
    /// Third states acting with the balancer; `None` when the record cannot tell.
    pub aligned_states: Option<u32>,
    /// Whether the forum excludes the target; `None` when there is no forum.
    pub excludes_target: Option<bool>,
    pub cost: Cost,
    pub persistence: Persistence,
    pub target_reading: TargetReading,
    pub alternative: Alternative,
    pub sources: Vec<String>,
    pub locator: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Balancing,
    Friction,
    Ambiguous,
    NotAssessed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Balancing => "balancing",
            Outcome::Friction => "friction",
            Outcome::Ambiguous => "ambiguous",
            Outcome::NotAssessed => "not_assessed",
        }
    }
}

/// The rule that decided, as data; the report words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// No features recorded for the action.
    NoFeatures,
    /// Seeks a negotiable concession: bargaining, not balancing.
    Concession,
    /// Joint work with the target.
    JointWork,
    /// Country-neutral with an alternative explanation on record.
    NeutralWithAlternative,
    /// Country-neutral and not otherwise tied to the target.
    NeutralOnly,
    /// Target-specific, aimed at the target or security-framed, and corroborated.
    TargetedAndCorroborated,
    /// Target-specific but too few corroborating features.
    TargetedUncorroborated,
    /// The record cannot tell whether the action is aimed at the target.
    Undetermined,
}

/// One action's result: outcome, rule, the corroborating features found and the alternative.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub outcome: Outcome,
    pub rule: Rule,
    /// Names of the corroborating features present (coordination, cost, persistence, reading).
    pub corroboration: Vec<&'static str>,
    pub alternative: Option<Alternative>,
}

/// The rules, in order (docs/methodology.md §5):
/// 1. aim = concession → friction; aim = joint work with the target → friction.
/// 2. country-neutral: with an alternative explanation → friction; otherwise ambiguous.
/// 3. target-specific (names the target, or falls on it de facto) and aimed at its capability
///    or freedom of action, or security-framed: count corroborating features — coordination
///    (≥ 1 aligned state or a forum that excludes the target), cost accepted (some or high),
///    persistence (codified, renewed, escalated), the target reading it as containment or
///    retaliating. Balancing with at least `friction_corroboration` of them, or
///    `friction_corroboration_with_alternative` when an alternative explanation is on record;
///    ambiguous otherwise.
/// 4. anything else → ambiguous.
pub fn assess(f: Option<&Features>, rules: &ObservedRules) -> Assessment {
    let Some(f) = f else {
        return Assessment { outcome: Outcome::NotAssessed, rule: Rule::NoFeatures, corroboration: vec![], alternative: None };
    };
    let alternative = match f.alternative {
        Alternative::None | Alternative::Unknown => None,
        a => Some(a),
    };
    let done = |outcome, rule, corroboration| Assessment { outcome, rule, corroboration, alternative };
    match f.aim {
        Aim::Concession => return done(Outcome::Friction, Rule::Concession, vec![]),
        Aim::Cooperation => return done(Outcome::Friction, Rule::JointWork, vec![]),
        _ => {}
    }
    let mut corroboration = Vec::new();
    if f.aligned_states.unwrap_or(0) >= 1 || f.excludes_target == Some(true) {
        corroboration.push("coordination");
    }
    if matches!(f.cost, Cost::High | Cost::Some) {
        corroboration.push("cost_accepted");
    }
    if matches!(f.persistence, Persistence::Codified | Persistence::Renewed | Persistence::Escalated) {
        corroboration.push("persistence");
    }
    if matches!(f.target_reading, TargetReading::Containment | TargetReading::Retaliation) {
        corroboration.push("target_reading");
    }
    match f.specificity {
        Specificity::Neutral if alternative.is_some() => done(Outcome::Friction, Rule::NeutralWithAlternative, corroboration),
        Specificity::Neutral => done(Outcome::Ambiguous, Rule::NeutralOnly, corroboration),
        Specificity::Names | Specificity::DeFacto
            if matches!(f.aim, Aim::Capability | Aim::FreedomOfAction) || f.security_framing == Tri::Yes =>
        {
            let needed = if alternative.is_some() {
                rules.friction_corroboration_with_alternative
            } else {
                rules.friction_corroboration
            };
            if corroboration.len() >= needed {
                done(Outcome::Balancing, Rule::TargetedAndCorroborated, corroboration)
            } else {
                done(Outcome::Ambiguous, Rule::TargetedUncorroborated, corroboration)
            }
        }
        _ => done(Outcome::Ambiguous, Rule::Undetermined, corroboration),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features() -> Features {
        Features {
            specificity: Specificity::Names,
            aim: Aim::Capability,
            security_framing: Tri::Yes,
            aligned_states: Some(0),
            excludes_target: None,
            cost: Cost::Unknown,
            persistence: Persistence::Codified,
            target_reading: TargetReading::NoneReported,
            alternative: Alternative::None,
            sources: vec![],
            locator: String::new(),
        }
    }

    #[test]
    fn entity_list_addition_aimed_at_military_civil_fusion_is_balancing() {
        let r = assess(Some(&features()), &ObservedRules::default());
        assert_eq!((r.outcome, r.rule), (Outcome::Balancing, Rule::TargetedAndCorroborated));
        assert_eq!(r.corroboration, vec!["persistence"]);
    }

    #[test]
    fn tariff_bargaining_is_friction() {
        let f = Features { aim: Aim::Concession, alternative: Alternative::EconomicSelfInterest, ..features() };
        assert_eq!(assess(Some(&f), &ObservedRules::default()).outcome, Outcome::Friction);
    }

    #[test]
    fn an_alternative_explanation_raises_the_bar() {
        let f = Features { alternative: Alternative::DomesticPolitics, ..features() };
        assert_eq!(assess(Some(&f), &ObservedRules::default()).outcome, Outcome::Ambiguous);
        let f = Features { cost: Cost::High, ..f };
        assert_eq!(assess(Some(&f), &ObservedRules::default()).outcome, Outcome::Balancing);
        let neutral = Features { specificity: Specificity::Neutral, alternative: Alternative::RoutineGovernance, ..features() };
        assert_eq!(assess(Some(&neutral), &ObservedRules::default()).outcome, Outcome::Friction);
        assert_eq!(assess(None, &ObservedRules::default()).outcome, Outcome::NotAssessed);
    }
}
