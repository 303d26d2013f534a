//! The strategy taxonomy of docs/theory.md §3: nine codes, three soft families plus hard
//! balancing and the two non-balancing kinds. Every observed action, whether coded by
//! hand, by the text coder or from event data, lands on exactly one `StrategyCode`.

use std::fmt;
use std::str::FromStr;

/// One of the nine codes. The string form (`offset.internal`, …) is the stable name used in
/// case files, coder output, event mappings and JSON reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StrategyCode {
    OffsetInternal,
    OffsetExternal,
    ObstructPassive,
    ObstructActive,
    Institutional,
    HardInternal,
    HardExternal,
    Friction,
    Cooperation,
}

/// The family a code belongs to (the paper's three soft families, hard balancing, and
/// behaviour that is not balancing at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Offsetting,
    Obstruction,
    Institutional,
    Hard,
    NonBalancing,
}

impl StrategyCode {
    /// All codes in the taxonomy's canonical order (the order of docs/theory.md §3).
    pub const ALL: [StrategyCode; 9] = [
        StrategyCode::OffsetInternal,
        StrategyCode::OffsetExternal,
        StrategyCode::ObstructPassive,
        StrategyCode::ObstructActive,
        StrategyCode::Institutional,
        StrategyCode::HardInternal,
        StrategyCode::HardExternal,
        StrategyCode::Friction,
        StrategyCode::Cooperation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StrategyCode::OffsetInternal => "offset.internal",
            StrategyCode::OffsetExternal => "offset.external",
            StrategyCode::ObstructPassive => "obstruct.passive",
            StrategyCode::ObstructActive => "obstruct.active",
            StrategyCode::Institutional => "institutional",
            StrategyCode::HardInternal => "hard.internal",
            StrategyCode::HardExternal => "hard.external",
            StrategyCode::Friction => "friction",
            StrategyCode::Cooperation => "cooperation",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            StrategyCode::OffsetInternal => "internal offsetting",
            StrategyCode::OffsetExternal => "external offsetting",
            StrategyCode::ObstructPassive => "passive obstruction",
            StrategyCode::ObstructActive => "active obstruction",
            StrategyCode::Institutional => "institutional strategy",
            StrategyCode::HardInternal => "internal hard balancing",
            StrategyCode::HardExternal => "external hard balancing",
            StrategyCode::Friction => "routine friction or bargaining",
            StrategyCode::Cooperation => "cooperation",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            StrategyCode::OffsetInternal => "內部抵銷",
            StrategyCode::OffsetExternal => "外部抵銷",
            StrategyCode::ObstructPassive => "消極妨礙",
            StrategyCode::ObstructActive => "積極妨礙",
            StrategyCode::Institutional => "機制性策略",
            StrategyCode::HardInternal => "內部平衡",
            StrategyCode::HardExternal => "外部平衡",
            StrategyCode::Friction => "日常外交摩擦／議價",
            StrategyCode::Cooperation => "合作",
        }
    }

    pub fn family(self) -> Family {
        match self {
            StrategyCode::OffsetInternal | StrategyCode::OffsetExternal => Family::Offsetting,
            StrategyCode::ObstructPassive | StrategyCode::ObstructActive => Family::Obstruction,
            StrategyCode::Institutional => Family::Institutional,
            StrategyCode::HardInternal | StrategyCode::HardExternal => Family::Hard,
            StrategyCode::Friction | StrategyCode::Cooperation => Family::NonBalancing,
        }
    }

    /// Soft balancing: offsetting, obstruction and institutional strategies.
    pub fn is_soft(self) -> bool {
        matches!(
            self.family(),
            Family::Offsetting | Family::Obstruction | Family::Institutional
        )
    }

    pub fn is_hard(self) -> bool {
        self.family() == Family::Hard
    }

    /// A short column heading of at most 8 characters (terminal tables): the family's
    /// abbreviation and the code's part, e.g. `off.int`, `obs.act`, `hard.ext`.
    pub fn abbrev(self) -> &'static str {
        match self {
            StrategyCode::OffsetInternal => "off.int",
            StrategyCode::OffsetExternal => "off.ext",
            StrategyCode::ObstructPassive => "obs.pas",
            StrategyCode::ObstructActive => "obs.act",
            StrategyCode::Institutional => "instit",
            StrategyCode::HardInternal => "hard.int",
            StrategyCode::HardExternal => "hard.ext",
            StrategyCode::Friction => "friction",
            StrategyCode::Cooperation => "coop",
        }
    }

    /// Position in [`StrategyCode::ALL`], handy for dense count arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Offsetting => "offsetting",
            Family::Obstruction => "obstruction",
            Family::Institutional => "institutional",
            Family::Hard => "hard",
            Family::NonBalancing => "non_balancing",
        }
    }
}

impl fmt::Display for StrategyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The taxonomy's codes serialise as their names, for crates that put codes in their own
/// serde types (the coder); the engine's results have no serde shape (the report owns it).
#[cfg(feature = "serde")]
impl serde::Serialize for StrategyCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The error for a string that names no code; it lists the valid ones so a message built
/// from it tells the user how to fix the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStrategyCode(pub String);

impl fmt::Display for UnknownStrategyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let valid: Vec<&str> = StrategyCode::ALL.iter().map(|c| c.as_str()).collect();
        write!(f, "unknown strategy code {:?}; expected one of {}", self.0, valid.join(", "))
    }
}

impl std::error::Error for UnknownStrategyCode {}

impl FromStr for StrategyCode {
    type Err = UnknownStrategyCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        StrategyCode::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownStrategyCode(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_index_matches_order() {
        for (i, c) in StrategyCode::ALL.iter().enumerate() {
            assert_eq!(c.as_str().parse::<StrategyCode>().unwrap(), *c);
            assert_eq!(c.index(), i);
        }
    }

    #[test]
    fn families_split_soft_hard_and_non_balancing() {
        let soft: Vec<_> = StrategyCode::ALL.iter().filter(|c| c.is_soft()).collect();
        assert_eq!(soft.len(), 5);
        assert!(StrategyCode::HardExternal.is_hard());
        assert!(!StrategyCode::Friction.is_soft() && !StrategyCode::Friction.is_hard());
        let err = "offset.middle".parse::<StrategyCode>().unwrap_err();
        assert!(err.to_string().contains("offset.internal"));
    }
}

#[cfg(test)]
mod abbrev_tests {
    use super::StrategyCode;

    #[test]
    fn abbreviations_are_short_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for c in StrategyCode::ALL {
            assert!(c.abbrev().len() <= 8, "{c:?}");
            assert!(seen.insert(c.abbrev()), "{c:?} repeats {}", c.abbrev());
        }
    }
}
