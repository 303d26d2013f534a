//! The agreement block of the `analyze` report: the text coder's reading of a case's actions
//! beside the hand coding. The work is `softbalance_coder::agreement::case_agreement` (with
//! the committed model, trained without the corpus items about built-in cases' events); this
//! only converts its result to the report's type.

use softbalance_coder::agreement::case_agreement;
use softbalance_coder::Coder;
use softbalance_core::Case;
use softbalance_report::{Agreement, Disagreement};

pub fn machine_coding(case: &Case) -> Option<Agreement> {
    let ag = case_agreement(Coder::shared(), case)?;
    Some(Agreement {
        items: ag.items,
        agreed: ag.agreed,
        accuracy: ag.accuracy,
        kappa: ag.kappa,
        model: format!("{} ({})", ag.model.name, ag.model.corpus),
        disagreements: ag
            .disagreements
            .into_iter()
            .map(|d| Disagreement {
                id: d.id,
                hand: d.hand.as_str().to_string(),
                machine: d.machine.to_string(),
                confidence: f64::from(d.confidence),
                text: d.text,
            })
            .collect(),
    })
}
