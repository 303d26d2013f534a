//! Machine coding of a case's actions by the text coder, compared with the hand coding
//! (Cohen's kappa and the list of disagreements) for the `analyze` report.

use softbalance_core::Case;
use softbalance_report::Agreement;

/// `None` while the text coder is not linked into this build.
pub fn machine_coding(_case: &Case) -> Option<Agreement> {
    None
}
