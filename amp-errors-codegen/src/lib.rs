//! The code generator of amp-errors: a validated [`Catalog`] in, the Rust items
//! of its error type out, as a [`proc_macro2::TokenStream`].
//!
//! A plain library, so that the macro, snapshot tests and benchmarks call it
//! directly. It maps the catalog's JSON types to Rust types; nothing else does.

mod docs;
mod expand;
mod names;
mod types;

pub use amp_errors_catalog::Catalog;
pub use expand::expand;
