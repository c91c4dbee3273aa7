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

/// The macro's pipeline on a catalog's text, as the benchmarks time it: parse
/// and validate (`load_str`), then generate (`expand`); `None` for a catalog
/// with problems. Reading the file and handing tokens to rustc are left out.
pub fn expand_text(text: &str) -> Option<proc_macro2::TokenStream> {
    let catalog = amp_errors_catalog::load_str(text).ok()?;
    Some(amp_errors_codegen::expand(&catalog))
}
