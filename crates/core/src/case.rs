//! The in-memory case: who balances whom in which domain, the model's parameters, and the
//! cited evidence (sources, actors, indicators, actions). Built by `softbalance-case` from a
//! folder; built directly by tests. No I/O and no file-format concerns here.

use crate::date::PartialDate;
use crate::strategy::StrategyCode;

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub meta: CaseMeta,
    pub params: Params,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub indicators: Vec<Indicator>,
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseMeta {
    pub id: String,
    pub title_en: String,
    pub title_zh: String,
    pub balancer: String,
    pub target: String,
    pub domain: String,
    pub domain_zh: String,
    /// First and last year, inclusive.
    pub period: (i32, i32),
}

/// Every tunable number of the model, with the defaults of docs/methodology.md.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub threat_weights: ThreatWeights,
    pub threat_thresholds: ThreatThresholds,
    pub interest_weights: InterestWeights,
    /// Cooperation areas whose breadth counts toward common interests.
    pub areas: Vec<String>,
    pub interest_thresholds: InterestThresholds,
    pub robustness: RobustnessParams,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThreatWeights {
    pub aggregate_power: f64,
    pub offensive_capability: f64,
    pub proximity: f64,
    pub intentions: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThreatThresholds {
    pub latent: f64,
    pub limited: f64,
    pub severe: f64,
    /// Below this perceived-intent score there is no threat, whatever the capabilities (Walt).
    pub intent_floor: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InterestWeights {
    pub economic: f64,
    pub cooperation: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InterestThresholds {
    pub present: f64,
    pub strong: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RobustnessParams {
    pub draws: u32,
    pub seed: u64,
    pub weight_spread: f64,
    pub threshold_spread: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            threat_weights: ThreatWeights {
                aggregate_power: 0.35,
                offensive_capability: 0.25,
                proximity: 0.0,
                intentions: 0.40,
            },
            threat_thresholds: ThreatThresholds {
                latent: 0.30,
                limited: 0.45,
                severe: 0.80,
                intent_floor: 0.15,
            },
            interest_weights: InterestWeights { economic: 0.6, cooperation: 0.4 },
            areas: ["nuclear", "nonproliferation", "counterterrorism", "climate", "law_enforcement"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            interest_thresholds: InterestThresholds { present: 0.40, strong: 0.70 },
            robustness: RobustnessParams {
                draws: 5000,
                seed: 20220712,
                weight_spread: 0.5,
                threshold_spread: 0.05,
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub author: String,
    pub title: String,
    pub title_zh: String,
    pub publisher: String,
    pub date: Option<PartialDate>,
    pub url: String,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKind {
    State,
    Agency,
    Igo,
    Firm,
    Group,
    Person,
    Other,
}

impl ActorKind {
    pub const NAMES: [&'static str; 7] = ["state", "agency", "igo", "firm", "group", "person", "other"];
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "state" => ActorKind::State,
            "agency" => ActorKind::Agency,
            "igo" => ActorKind::Igo,
            "firm" => ActorKind::Firm,
            "group" => ActorKind::Group,
            "person" => ActorKind::Person,
            "other" => ActorKind::Other,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name_en: String,
    pub name_zh: String,
    /// The state an agency, firm or person belongs to.
    pub country: Option<String>,
}

/// The part of the model an indicator is evidence for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    AggregatePower,
    OffensiveCapability,
    Proximity,
    Intentions,
    Interests,
}

impl Component {
    pub const ALL: [Component; 5] = [
        Component::AggregatePower,
        Component::OffensiveCapability,
        Component::Proximity,
        Component::Intentions,
        Component::Interests,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Component::AggregatePower => "aggregate_power",
            Component::OffensiveCapability => "offensive_capability",
            Component::Proximity => "proximity",
            Component::Intentions => "intentions",
            Component::Interests => "interests",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Component::AggregatePower => "綜合實力",
            Component::OffensiveCapability => "進攻實力",
            Component::Proximity => "地緣鄰近性",
            Component::Intentions => "侵略意圖",
            Component::Interests => "共同利益",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Component::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}

/// How an indicator's value is read (docs/case-format.md, "Kinds").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorKind {
    Capability,
    Rank,
    Standing,
    Growth,
    Program,
    Perception,
    Distance,
    Series,
    Share,
    Cooperation,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 10] = [
        IndicatorKind::Capability,
        IndicatorKind::Rank,
        IndicatorKind::Standing,
        IndicatorKind::Growth,
        IndicatorKind::Program,
        IndicatorKind::Perception,
        IndicatorKind::Distance,
        IndicatorKind::Series,
        IndicatorKind::Share,
        IndicatorKind::Cooperation,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorKind::Capability => "capability",
            IndicatorKind::Rank => "rank",
            IndicatorKind::Standing => "standing",
            IndicatorKind::Growth => "growth",
            IndicatorKind::Program => "program",
            IndicatorKind::Perception => "perception",
            IndicatorKind::Distance => "distance",
            IndicatorKind::Series => "series",
            IndicatorKind::Share => "share",
            IndicatorKind::Cooperation => "cooperation",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        IndicatorKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The kinds a component accepts, and the value range each kind allows.
    pub fn allowed_for(component: Component) -> &'static [IndicatorKind] {
        use IndicatorKind::*;
        match component {
            Component::AggregatePower => &[Capability, Rank, Standing, Growth],
            Component::OffensiveCapability => &[Program],
            Component::Proximity => &[Distance],
            Component::Intentions => &[Perception],
            Component::Interests => &[Series, Rank, Share, Cooperation],
        }
    }

    /// `Err` names the allowed range when a value is outside it.
    pub fn check_value(self, v: f64) -> Result<(), &'static str> {
        let ok = v.is_finite()
            && match self {
                IndicatorKind::Capability | IndicatorKind::Growth | IndicatorKind::Series => v >= 0.0,
                IndicatorKind::Rank => v >= 1.0,
                IndicatorKind::Standing => (-2.0..=2.0).contains(&v) && v.fract() == 0.0,
                IndicatorKind::Program => (1.0..=3.0).contains(&v) && v.fract() == 0.0,
                IndicatorKind::Perception => (-1.0..=2.0).contains(&v) && v.fract() == 0.0,
                IndicatorKind::Distance => v >= 0.0,
                IndicatorKind::Share => (0.0..=1.0).contains(&v),
                IndicatorKind::Cooperation => v == 0.0 || v == 1.0,
            };
        if ok {
            return Ok(());
        }
        Err(match self {
            IndicatorKind::Capability | IndicatorKind::Growth | IndicatorKind::Series => {
                "a non-negative number"
            }
            IndicatorKind::Rank => "a rank of 1 or more",
            IndicatorKind::Standing => "an integer from -2 (far behind) to 2 (far ahead)",
            IndicatorKind::Program => "1 (research or doctrine), 2 (development) or 3 (fielded)",
            IndicatorKind::Perception => "an integer from -1 (benign) to 2 (hostile intent)",
            IndicatorKind::Distance => "a distance in km, 0 or more",
            IndicatorKind::Share => "a fraction from 0 to 1",
            IndicatorKind::Cooperation => "1 (continues) or 0 (suspended)",
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub component: Component,
    pub kind: IndicatorKind,
    pub metric: String,
    pub actor: String,
    pub date: PartialDate,
    pub value: f64,
    pub unit: String,
    pub label_en: String,
    pub label_zh: String,
    pub sources: Vec<String>,
    pub locator: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub id: String,
    pub date: PartialDate,
    pub actor: String,
    pub target: String,
    pub code: StrategyCode,
    pub title_en: String,
    pub title_zh: String,
    pub summary_en: String,
    pub summary_zh: String,
    pub partners: Vec<String>,
    pub section: String,
    pub sources: Vec<String>,
    pub locator: String,
}

impl Case {
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// The indicators of one component and kind, in file order.
    pub fn indicators_of(&self, component: Component, kind: IndicatorKind) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(move |i| i.component == component && i.kind == kind)
    }
    /// True when `id` is `state` itself or an actor whose `country` is `state`.
    pub fn belongs_to(&self, id: &str, state: &str) -> bool {
        id == state || self.actor(id).and_then(|a| a.country.as_deref()) == Some(state)
    }
}
