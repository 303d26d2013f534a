//! softbalance-events (being built).
