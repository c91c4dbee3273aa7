//! # amp-errors
//!
//! Describe your HTTP API's errors once, in `catalog.toml`; `amp_errors!` turns
//! the file, at compile time, into the typed Rust error your server returns and
//! your client parses: the enum, serde impls for the exact JSON envelope, the
//! status mapping, doc links and retry hints.
//!
//! ```
//! amp_errors::amp_errors!("doc/example.toml");
//!
//! # fn main() -> Result<(), serde_json::Error> {
//! let err = AmpError::rate_limit_exceeded(45);
//! assert_eq!(err.status_code(), 429);
//! assert!(err.is_retryable());
//! let body = serde_json::to_string(&amp_errors::ErrorResponse::new(err))?;
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"doc_url":"https://docs.example.com/errors#rate_limit_exceeded"}}"#
//! );
//! # Ok(())
//! # }
//! ```
//!
//! The catalog schema is documented in `docs/catalog.md`; what the macro
//! generates is described on [`amp_errors!`].
//!
//! ## Cargo features
//! - `http` (default): `status()` returns [`http::StatusCode`](https://docs.rs/http).
//!   Without it, `status_code()` gives the same status as a `u16`.
//! - `axum`: generated error types and [`ErrorResponse`] are axum responses
//!   (`IntoResponse`): the code's status, the JSON envelope,
//!   `Content-Type: application/json` (see the `axum` module).
//! - `client`: the client side, independent of any HTTP library: a non-2xx
//!   response as a typed error, and the seed's retry strategy (see the
//!   `client` module).
//! - `reqwest`: `reqwest::Client`, a reqwest client that parses the
//!   catalog's errors and retries by the seed's strategy.
//! - `schemars`: `schemars::JsonSchema` for generated types and
//!   [`ErrorResponse`], from the catalog (the schema `amp-errors schema`
//!   writes), for OpenAPI documents built with schemars.

#![warn(missing_docs)]

#[cfg(feature = "axum")]
pub mod axum;
mod catalog_error;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "schemars")]
mod json_schema;
mod map;
mod meta;
mod object;
mod raw;
#[cfg(feature = "reqwest")]
pub mod reqwest;
mod response;
mod unknown;
mod validate;

mod private;
// `pub mod __private_{version}`: what generated code reaches (see build.rs).
include!(concat!(env!("OUT_DIR"), "/private.rs"));

pub use catalog_error::{
    CatalogError, CatalogInfo, CodeInfo, FieldInfo, HttpAnswer, HttpFailure, OutOfRange, Retryable,
    TypeInfo, UnknownCode,
};
pub use map::Map;
pub use meta::{ErrorMeta, REDACTED, Source};
pub use object::Object;
pub use raw::RawJson;
pub use response::ErrorResponse;
pub use unknown::UnknownError;
pub use validate::Mismatch;

/// Generates the error type of a catalog: `amp_errors!("catalog.toml");`
///
/// Call it at module level. The path is relative to the calling crate's
/// `CARGO_MANIFEST_DIR` (set `AMP_ERRORS_MANIFEST_DIR` to resolve it against
/// another directory, as test harnesses such as trybuild need). For a catalog
/// whose `catalog.name` is `AmpError`, it generates:
///
/// - `enum AmpError`: one struct variant per code (UpperCamelCase), holding
///   the code's typed fields and `meta: ErrorMeta` (message override, `param`,
///   `request_id`, source), plus a fallback variant holding an [`UnknownError`]
///   for codes the catalog does not know;
/// - `enum AmpErrorCode` (`ALL`, `as_str`, `FromStr`, `info`) and
///   `enum AmpErrorCategory`;
/// - one constructor per code taking its required fields, `with_*` setters for
///   the common fields, and accessors: `code()`, `status()`, `category()`,
///   `is_retryable()`, `doc_url()`, `message()`, `param()`, `request_id()`;
/// - `Display` (the message; `{:#}` adds the code and request id), `Debug`
///   (sensitive fields redacted), `std::error::Error`, `Clone`, `PartialEq`,
///   `Serialize` and `Deserialize` of the inner error object, and
///   [`CatalogError`];
/// - a struct per named object type, e.g. `AmpErrorFieldViolation`.
///
/// A bad catalog is a compile error naming `catalog.toml:line:col`.
pub use amp_errors_macros::amp_errors;

/// `schemars::JsonSchema` for a generated type; reached through
/// `__private::json_schema!` only.
#[cfg(feature = "schemars")]
#[doc(hidden)]
pub use amp_errors_macros::__json_schema_impl as __private_json_schema_impl;
