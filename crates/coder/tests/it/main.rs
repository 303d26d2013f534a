//! The coder crate's one integration-test binary. Each module is a family of tiny,
//! data-driven cases with one `check` helper (STYLE.md §10).

mod actors;
mod coder;
mod codebook;
mod corpus;
mod metrics;
mod model;
mod non_action;
mod sentences;
mod text;
mod words;
