//! Wording shared by the renderers for the parts of an analysis that the engine returns as
//! data: sensitivity effects, margins, the friction test and the timeline.

use crate::fmt::pct;
use softbalance_core::friction::{Assessment, Rule};
use softbalance_core::sensitivity::{Change, Effect};
use softbalance_core::Response;

/// "drop indicator I006", "move threat.weights.intentions 0.40 → 0.62".
pub fn change(c: &Change) -> String {
    match c {
        Change::DropIndicator(id) => format!("drop indicator {id}"),
        Change::DropAction(id) => format!("drop action {id}"),
        Change::DropSource { id, indicators, actions } => {
            format!("drop source {id} ({indicators} indicators, {actions} actions cite only it)")
        }
        Change::MoveParam { key, from, to: Some(to) } => format!("move {key} {} → {}", num(*from), num(*to)),
        Change::MoveParam { key, from, to: None } => format!("move {key} from {} anywhere in its range", num(*from)),
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}").trim_end_matches('0').to_string()
    }
}

/// What the change does: "prediction soft → hard", "observed soft → mixed", or "no flip".
pub fn effect(e: &Effect, predicted: Response, observed: Response) -> String {
    let mut parts = Vec::new();
    if let Some(r) = e.prediction_to {
        parts.push(format!("prediction {} → {}", predicted.as_str(), r.as_str()));
    }
    if let Some(r) = e.observed_to {
        parts.push(format!("observed {} → {}", observed.as_str(), r.as_str()));
    }
    if parts.is_empty() {
        "no flip".into()
    } else {
        parts.join("; ")
    }
}

/// The top of the sensitivity table: every flip among the first `n`, and a count of the rest.
pub fn top(effects: &[Effect], n: usize) -> (Vec<&Effect>, usize) {
    let flips = effects.iter().filter(|e| e.flips()).count();
    (effects.iter().take(n.max(flips.min(n))).collect(), flips)
}

/// The friction rule in one phrase.
pub fn friction_rule(a: &Assessment) -> String {
    let base = match a.rule {
        Rule::NoFeatures => "no features recorded",
        Rule::Concession => "seeks a negotiable concession",
        Rule::JointWork => "joint work with the target",
        Rule::NeutralWithAlternative => "country-neutral, with an alternative explanation on record",
        Rule::NeutralOnly => "country-neutral, nothing ties it to the target",
        Rule::TargetedAndCorroborated => "aimed at the target and corroborated",
        Rule::TargetedUncorroborated => "aimed at the target but too little corroboration",
        Rule::Undetermined => "the record cannot tell whether it is aimed at the target",
    };
    if a.corroboration.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({})", a.corroboration.join(", "))
    }
}

/// `soft 62%, hard 3%, …` for a share map.
pub fn shares(m: &std::collections::BTreeMap<String, f64>) -> String {
    m.iter().filter(|(_, v)| **v > 0.0).map(|(k, v)| format!("{k} {}", pct(*v))).collect::<Vec<_>>().join(", ")
}
