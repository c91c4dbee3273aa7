//! Benchmarks of amp-errors against what a team would write by hand.
//!
//! - [`synth`] grows catalogs of any size from AMP's own.
//! - [`handwritten`] writes the hand-written thiserror + serde equivalent of a catalog.
//! - [`scratch`] writes the workspace of generated crates the runner builds and times.
//!
//! The `amp-bench` binary runs everything and prints the table of ratios that
//! `BENCHMARKS.md` shows; `benches/expand.rs` times the macro's expansion.

pub mod handwritten;
pub mod scratch;
pub mod synth;
