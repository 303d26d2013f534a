//! softbalance-gazetteer (being built).
