//! The one integration-test binary of the `softbalance` CLI: each module drives the real
//! binary on real or generated inputs.

mod harness;

mod analyze;
mod case_edits;
mod cases_2025;
mod case_inputs;
mod check;
#[cfg(feature = "events")]
mod events;
mod coder;
mod extract;
mod references;
mod serve;
