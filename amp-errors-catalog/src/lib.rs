//! The catalog library of amp-errors: read, parse and validate a `catalog.toml`.
//!
//! Shared by the `amp_errors!` macro and command-line tools; every step is a
//! plain function, so tests call it without a compiler.
//!
//! ```
//! let text = r#"
//! [catalog]
//! name = "ApiError"
//! doc_base_url = "https://example.com/errors"
//! categories = ["Resource"]
//!
//! [codes.not_found]
//! status = 404
//! category = "Resource"
//! retryable = false
//! message = "Not found"
//! description = "The resource does not exist."
//! cause = "A wrong id."
//! resolution = ["Check the id"]
//! example = {}
//! "#;
//! let catalog = amp_errors_catalog::load_str(text).unwrap();
//! assert_eq!(catalog.codes[0].status.value, 404);
//! ```

pub mod diagnostic;
pub mod keys;
pub mod model;
pub mod parse;
pub mod read;
pub mod suggest;
pub mod template;
pub mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use model::{
    Catalog, ErrorCode, Example, Field, FieldType, Located, ObjectType, Retired, Retryability,
};
pub use template::{Segment, Template};

/// Parses and validates catalog `text`: the catalog, or every problem found, in file order.
pub fn load_str(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    let mut cx = Diagnostics::new();
    let Some(parsed) = parse::parse(text, &mut cx) else {
        return Err(cx.sorted());
    };
    validate::validate(&parsed, &mut cx);
    cx.into_result(parsed.catalog)
}

/// Reads, parses and validates the catalog file at `path`.
pub fn load(path: &std::path::Path) -> Result<Catalog, Vec<Diagnostic>> {
    let text = read::read(path).map_err(|d| vec![d])?;
    load_str(&text)
}
