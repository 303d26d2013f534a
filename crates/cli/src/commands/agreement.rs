//! Machine coding of a case's actions by the text coder, compared with the hand coding
//! (Cohen's kappa and the list of disagreements) for the `analyze` report.
//!
//! The coder used here is trained on the bundled corpus only, never on the built-in case's
//! actions, so the agreement it reports is on text the model has not seen.

use softbalance_coder::metrics::cohen_kappa;
use softbalance_coder::{corpus, Coder, Item};
use softbalance_core::case::ActorKind;
use softbalance_core::{Case, StrategyCode};
use softbalance_report::{Agreement, Disagreement};

/// The action's description as an analyst wrote it: English title and summary, or the
/// Chinese ones when the English are empty.
fn description(a: &softbalance_core::case::Action) -> String {
    let (title, summary) = if a.summary_en.is_empty() && a.title_en.is_empty() {
        (&a.title_zh, &a.summary_zh)
    } else {
        (&a.title_en, &a.summary_en)
    };
    match (title.is_empty(), summary.is_empty()) {
        (false, false) => format!("{title}: {summary}"),
        (false, true) => title.clone(),
        _ => summary.clone(),
    }
}

pub fn machine_coding(case: &Case) -> Option<Agreement> {
    if case.actions.is_empty() {
        return None;
    }
    let coder = Coder::train(&corpus::bundled().corpus);
    let mut pairs: Vec<(StrategyCode, StrategyCode)> = Vec::with_capacity(case.actions.len());
    let mut disagreements = Vec::new();
    for a in &case.actions {
        // The dyad: the balancer, and the action's target when it is a state or group (an
        // action aimed at a firm is still aimed at the case's target).
        let target = match case.actor(&a.target).map(|x| x.kind) {
            Some(ActorKind::State | ActorKind::Group) => a.target.clone(),
            _ => case.meta.target.clone(),
        };
        let text = description(a);
        let item = Item::new(a.id.clone(), text.clone()).with_dyad(&case.meta.balancer, &target);
        let coded = coder.code(&item);
        pairs.push((a.code, coded.label));
        if coded.label != a.code {
            disagreements.push(Disagreement {
                id: a.id.clone(),
                hand: a.code.as_str().to_string(),
                machine: coded.label.as_str().to_string(),
                confidence: f64::from(coded.confidence),
                text,
            });
        }
    }
    let items = pairs.len();
    let agreed = items - disagreements.len();
    Some(Agreement {
        items,
        agreed,
        accuracy: agreed as f64 / items as f64,
        kappa: cohen_kappa(&pairs),
        disagreements,
    })
}
