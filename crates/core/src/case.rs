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
    /// The evidence the engine reads: observations and the author's assessments.
    pub indicators: Vec<Indicator>,
    pub actions: Vec<Action>,
    /// Indicators with status `projected` (forecasts, stated goals): kept with the case, cited
    /// like the rest, and never among `indicators`, which are what the engine observes.
    pub projections: Vec<Indicator>,
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
    /// The answer of the study the case comes from, to print beside the engine's.
    pub reference: Option<Reference>,
}

/// A study's own answer for the case (`[reference]` in case.toml): each part optional.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub source: String,
    pub locator: String,
    pub threat: Option<crate::threat::ThreatLevel>,
    pub interests: Option<crate::interests::InterestLevel>,
    pub prediction: Option<crate::decision::Response>,
    pub observed: Option<crate::decision::Response>,
}

/// Every tunable number of the model, with the defaults of docs/methodology.md.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub threat_weights: ThreatWeights,
    pub threat_thresholds: ThreatThresholds,
    pub interest_weights: InterestWeights,
    /// Cooperation areas whose breadth counts toward common interests. They belong to the
    /// case: a case that lists none has none.
    pub areas: Vec<String>,
    pub interest_thresholds: InterestThresholds,
    pub method: Method,
    pub observed: ObservedRules,
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

/// The method's own constants (the `[method]` table of case.toml). Each is documented with
/// its reason in docs/methodology.md; the robustness check jitters them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Method {
    /// Weight of the level (against the trend) in aggregate power.
    pub power_level_weight: f64,
    /// Annual growth of the target at which the power-trend sub-score saturates.
    pub growth_reference: f64,
    /// Statements at one perception level that make that level half established.
    pub intent_saturation: f64,
    /// Programs at one development level that make that level half established.
    pub program_saturation: f64,
    /// Distance at which proximity falls to zero.
    pub proximity_horizon_km: f64,
    /// Target's share of paired capability at or above which it is "much stronger".
    pub much_stronger_share: f64,
    /// Growth of a trade series at which its trend sub-score reaches 1.
    pub trend_reference: f64,
    /// Dependence (flow over the balancer's total trade or GDP) that counts as full.
    pub dependence_reference: f64,
    /// Partner-rank cut-offs and the score of each step (rank <= cut).
    pub rank_cuts: [f64; 3],
    pub rank_scores: [f64; 4],
    /// Share of the threat weight that must rest on evidence for a prediction.
    pub min_coverage: f64,
}

/// Rules that turn the record of actions into an observed outcome (`[observed]` table).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ObservedRules {
    /// Fewest of the balancer's actions, and distinct years, for any observed outcome.
    pub min_actions: usize,
    pub min_years: usize,
    /// Balancing (soft + hard) share of all actions, by magnitude, below which the record is
    /// `none`: engagement with some friction, not balancing.
    pub min_balancing_share: f64,
    /// Hard share of balancing at or above which the record is `mixed`, and `hard`.
    pub mixed_hard_share: f64,
    pub hard_share: f64,
    /// Default magnitude of one action per code (index of `StrategyCode::ALL`).
    pub magnitude: [f64; 9],
    /// Corroborating features a target-specific action needs to pass the friction test, without
    /// and with an alternative explanation on record.
    pub friction_corroboration: usize,
    pub friction_corroboration_with_alternative: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RobustnessParams {
    pub draws: u32,
    pub seed: u64,
    pub weight_spread: f64,
    pub threshold_spread: f64,
    /// Each method constant multiplied by U(1 - s, 1 + s).
    pub method_spread: f64,
    /// Probability that a coded ordinal value (perception, program, standing) moves one step.
    pub ordinal_step: f64,
    /// Resample evidence units and actions with replacement (bootstrap) in every draw.
    pub bootstrap: bool,
}

impl Default for Method {
    fn default() -> Self {
        Method {
            power_level_weight: 0.7,
            growth_reference: 0.20,
            intent_saturation: 3.0,
            program_saturation: 3.0,
            proximity_horizon_km: 10_000.0,
            much_stronger_share: 2.0 / 3.0,
            trend_reference: 0.10,
            dependence_reference: 0.15,
            rank_cuts: [3.0, 10.0, 25.0],
            rank_scores: [1.0, 0.6, 0.3, 0.1],
            min_coverage: 0.6,
        }
    }
}

impl Default for ObservedRules {
    fn default() -> Self {
        let mut magnitude = [1.0; 9];
        magnitude[StrategyCode::ObstructActive.index()] = 1.5;
        magnitude[StrategyCode::HardInternal.index()] = 2.0;
        magnitude[StrategyCode::HardExternal.index()] = 3.0;
        ObservedRules {
            min_actions: 5,
            min_years: 2,
            min_balancing_share: 0.4,
            mixed_hard_share: 1.0 / 3.0,
            hard_share: 2.0 / 3.0,
            magnitude,
            friction_corroboration: 1,
            friction_corroboration_with_alternative: 2,
        }
    }
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
            areas: Vec::new(),
            interest_thresholds: InterestThresholds { present: 0.40, strong: 0.70 },
            method: Method::default(),
            observed: ObservedRules::default(),
            robustness: RobustnessParams {
                draws: 5000,
                seed: 20220712,
                weight_spread: 0.5,
                threshold_spread: 0.05,
                method_spread: 0.2,
                ordinal_step: 0.1,
                bootstrap: true,
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
    /// Other addresses of the same source (e.g. the bibliography's where it differs from the
    /// footnote's), in file order; `url` is the one to follow.
    pub url_alt: Vec<String>,
    pub note: String,
}

/// How a row's date was obtained (`date_basis`); its precision is that of the date itself
/// (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). `None` on a row means the case does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateBasis {
    /// The date of the event itself, or the date a value refers to.
    Event,
    /// The publication date of the source, standing in for an event it does not date.
    Publication,
    /// Worked out by the analyst (from a fiscal year, a neighbouring event); the row says how.
    Inferred,
}

impl DateBasis {
    pub const ALL: [DateBasis; 3] = [DateBasis::Event, DateBasis::Publication, DateBasis::Inferred];
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Event => "event",
            DateBasis::Publication => "publication",
            DateBasis::Inferred => "inferred",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        DateBasis::ALL.into_iter().find(|b| b.as_str() == s.trim())
    }
}

/// Whether an indicator is an observation (`status`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum IndicatorStatus {
    /// Measured or stated at its date: evidence (the default).
    #[default]
    Observed,
    /// A forecast, or a goal an actor sets itself: kept with the case, never an observation.
    Projected,
    /// The study's author's own assessment (counted, and shown as the author's).
    Assessment,
}

impl IndicatorStatus {
    pub const ALL: [IndicatorStatus; 3] = [IndicatorStatus::Observed, IndicatorStatus::Projected, IndicatorStatus::Assessment];
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorStatus::Observed => "observed",
            IndicatorStatus::Projected => "projected",
            IndicatorStatus::Assessment => "assessment",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        IndicatorStatus::ALL.into_iter().find(|b| b.as_str() == s.trim())
    }
    /// False for projections: they are not evidence of what is.
    pub fn is_observation(self) -> bool {
        self != IndicatorStatus::Projected
    }
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
    Dependence,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 11] = [
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
        IndicatorKind::Dependence,
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
            IndicatorKind::Dependence => "dependence",
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
            Component::Interests => &[Series, Rank, Share, Cooperation, Dependence],
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
                IndicatorKind::Share | IndicatorKind::Dependence => (0.0..=1.0).contains(&v),
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
            IndicatorKind::Dependence => "a fraction from 0 to 1 (the flow over the balancer's total trade or GDP)",
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
    /// How the date was obtained; `None` when the case does not say.
    pub date_basis: Option<DateBasis>,
    /// Observation (default), projection or the author's assessment.
    pub status: IndicatorStatus,
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
    /// How much the action weighs (1 = an ordinary action of its code); `None` takes the
    /// default of its code from `ObservedRules::magnitude`.
    pub magnitude: Option<f64>,
    /// The friction-test features transcribed for this action, when the case has them.
    pub friction: Option<crate::friction::Features>,
    /// How the date was obtained; `None` when the case does not say.
    pub date_basis: Option<DateBasis>,
}

impl Case {
    /// A case with no evidence but the two states: the starting point of tests and scaffolds.
    pub fn empty(balancer: &str, target: &str, period: (i32, i32)) -> Case {
        let state = |id: &str| Actor { id: id.into(), kind: ActorKind::State, name_en: id.into(), name_zh: String::new(), country: None };
        Case {
            meta: CaseMeta {
                id: "case".into(),
                title_en: format!("{balancer} toward {target}"),
                title_zh: String::new(),
                balancer: balancer.into(),
                target: target.into(),
                domain: "domain".into(),
                domain_zh: String::new(),
                period,
                reference: None,
            },
            params: Params::default(),
            sources: vec![Source {
                id: "S".into(),
                author: String::new(),
                title: "source".into(),
                title_zh: String::new(),
                publisher: String::new(),
                date: None,
                url: String::new(),
                url_alt: vec![],
                note: String::new(),
            }],
            actors: vec![state(balancer), state(target)],
            indicators: vec![],
            actions: vec![],
            projections: vec![],
        }
    }

    /// Add an indicator citing source `S` (tests and examples).
    pub fn with_indicator(mut self, id: &str, component: Component, kind: IndicatorKind, metric: &str, actor: &str, year: i32, value: f64) -> Case {
        self.indicators.push(Indicator {
            id: id.into(),
            component,
            kind,
            metric: metric.into(),
            actor: actor.into(),
            date: PartialDate::year(year),
            value,
            unit: String::new(),
            label_en: id.into(),
            label_zh: String::new(),
            sources: vec!["S".into()],
            locator: String::new(),
            date_basis: None,
            status: IndicatorStatus::Observed,
        });
        self
    }

    /// Add an action by the balancer toward the target, citing source `S`.
    pub fn with_action(mut self, id: &str, year: i32, code: StrategyCode) -> Case {
        let (actor, target) = (self.meta.balancer.clone(), self.meta.target.clone());
        self.actions.push(Action {
            id: id.into(),
            date: PartialDate::year(year),
            actor,
            target,
            code,
            title_en: id.into(),
            title_zh: String::new(),
            summary_en: id.into(),
            summary_zh: String::new(),
            partners: vec![],
            section: String::new(),
            sources: vec!["S".into()],
            locator: String::new(),
            magnitude: None,
            friction: None,
            date_basis: None,
        });
        self
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// The indicators of one component and kind that are observations, in file order: a
    /// `projected` row is not evidence of what is, even in a case built in code that left it
    /// among `indicators` (the loader keeps projections in `projections`).
    pub fn indicators_of(&self, component: Component, kind: IndicatorKind) -> impl Iterator<Item = &Indicator> {
        self.indicators
            .iter()
            .filter(move |i| i.component == component && i.kind == kind && i.status.is_observation())
    }
    /// The magnitude an action counts with.
    pub fn magnitude(&self, a: &Action) -> f64 {
        a.magnitude.unwrap_or(self.params.observed.magnitude[a.code.index()])
    }
    /// True when `id` is `state` itself or an actor whose `country` is `state`.
    pub fn belongs_to(&self, id: &str, state: &str) -> bool {
        id == state || self.actor(id).and_then(|a| a.country.as_deref()) == Some(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_of_skips_projections_and_keeps_assessments() {
        let mut case = Case::empty("A", "B", (2000, 2010))
            .with_indicator("seen", Component::AggregatePower, IndicatorKind::Growth, "m", "B", 2001, 1.0)
            .with_indicator("forecast", Component::AggregatePower, IndicatorKind::Growth, "m", "B", 2009, 9.0)
            .with_indicator("author", Component::AggregatePower, IndicatorKind::Growth, "m", "B", 2005, 3.0);
        case.indicators[1].status = IndicatorStatus::Projected;
        case.indicators[2].status = IndicatorStatus::Assessment;
        let ids: Vec<&str> = case.indicators_of(Component::AggregatePower, IndicatorKind::Growth).map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["seen", "author"]);
    }

    #[test]
    fn vocabularies_round_trip_and_refuse_other_words() {
        for b in DateBasis::ALL {
            assert_eq!(DateBasis::parse(b.as_str()), Some(b));
        }
        for s in IndicatorStatus::ALL {
            assert_eq!(IndicatorStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(DateBasis::parse("Event"), None);
        assert_eq!(IndicatorStatus::parse("forecast"), None);
        assert_eq!(IndicatorStatus::default(), IndicatorStatus::Observed);
    }
}
