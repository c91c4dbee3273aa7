//! AMP's API errors, generated from `catalog.toml` by `amp_errors!`.
//!
//! This crate is what an API team writes: one macro call. Its tests (`tests/`)
//! are the acceptance tests of amp-errors against the AMP "Errors" page.

amp_errors::amp_errors!("catalog.toml");
