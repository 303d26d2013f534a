//! softbalance-coder (being built).
