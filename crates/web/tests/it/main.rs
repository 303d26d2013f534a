//! The dashboard integration tests.
