//! The coder beside a case's hand coding: every action's description is machine-coded with
//! the committed model and compared with the analyst's code (accuracy, Cohen's kappa, the
//! disagreements), for the agreement block of `softbalance analyze` on any case.
//!
//! Honest by construction for the built-in cases: the committed model is trained without the
//! corpus items that report the same events as their actions (`case_event`, see
//! `corpus::training_set`) and never on the actions themselves. A case folder the corpus has
//! never heard of is unseen text anyway.

use crate::metrics::cohen_kappa;
use crate::{Coder, Item, ModelInfo};
use softbalance_core::case::{Action, ActorKind};
use softbalance_core::{Case, StrategyCode};

/// One action the coder coded differently from the hand coding.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub id: String,
    pub hand: StrategyCode,
    /// The coder's answer: a code, or `none` when it read no act in the description.
    pub machine: &'static str,
    pub confidence: f32,
    pub text: String,
}

/// The agreement of the coder with a case's hand coding.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseAgreement {
    pub items: usize,
    pub agreed: usize,
    pub accuracy: f64,
    pub kappa: f64,
    pub disagreements: Vec<Disagreement>,
    /// The model that coded (name, corpus version).
    pub model: ModelInfo,
}

/// The action's description as an analyst wrote it: English title and summary, or the
/// Chinese ones when the English are empty.
pub fn description(a: &Action) -> String {
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

/// Code every action of `case` with `coder` and compare with the hand codes; `None` for a
/// case without actions.
pub fn case_agreement(coder: &Coder, case: &Case) -> Option<CaseAgreement> {
    if case.actions.is_empty() {
        return None;
    }
    let mut pairs = Vec::with_capacity(case.actions.len());
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
        let answer = crate::eval::answer(&coded);
        pairs.push((Some(a.code), answer));
        if answer != Some(a.code) {
            disagreements.push(Disagreement {
                id: a.id.clone(),
                hand: a.code,
                machine: coded.answer(),
                confidence: coded.non_action.as_ref().map_or(coded.confidence, |n| n.confidence),
                text,
            });
        }
    }
    let items = pairs.len();
    let agreed = items - disagreements.len();
    Some(CaseAgreement {
        items,
        agreed,
        accuracy: agreed as f64 / items as f64,
        kappa: cohen_kappa(&pairs),
        disagreements,
        model: coder.model_info().clone(),
    })
}
