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
pub mod schema;
pub mod snippet;
pub mod suggest;
pub mod template;
pub mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use model::{
    Catalog, DEFAULT_FALLBACK, ErrorCode, Example, ExampleValue, Field, FieldType, HttpAnswer,
    HttpFailure, Located, ObjectType, Retired, Retryability,
};
pub use template::{Segment, Template};

/// Why a catalog was rejected: every problem, and what a code generator needs
/// to stand in for the types the catalog would have generated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejection {
    /// Every problem, in file order; never empty.
    pub problems: Vec<Diagnostic>,
    /// The catalog's type name (`catalog.name`), when the text is TOML and the
    /// name is an UpperCamelCase identifier: a code generator emits empty
    /// stand-ins named after it (`ApiError`, `ApiErrorCode`, `ApiErrorCategory`),
    /// so that code naming them reports no error beside the catalog's own.
    pub type_name: Option<String>,
}

/// Parses and validates catalog `text`: the validated catalog, or its
/// [`Rejection`]. The one entry point of the pipeline; the macro calls it.
pub fn checked_catalog(text: &str) -> Result<Catalog, Rejection> {
    let mut cx = Diagnostics::new();
    let Some(parsed) = parse::parse(text, &mut cx) else {
        return Err(Rejection {
            problems: cx.finish(),
            type_name: None,
        });
    };
    validate::validate(&parsed, &mut cx);
    let name = &parsed.catalog.name.value;
    let type_name = validate::is_upper_camel_case(name).then(|| name.clone());
    cx.into_result(parsed.catalog)
        .map_err(|problems| Rejection {
            problems,
            type_name,
        })
}

/// Parses and validates catalog `text`: the catalog, or every problem found, in file order.
pub fn load_str(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    checked_catalog(text).map_err(|rejection| rejection.problems)
}

/// Reads, parses and validates the catalog file at `path`.
pub fn load(path: &std::path::Path) -> Result<Catalog, Vec<Diagnostic>> {
    let text = read::read(path).map_err(|d| vec![d])?;
    load_str(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "[catalog]\nname = \"ApiError\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n\n[codes.x]\nstatus = 404\ncategory = \"A\"\nretryable = false\nmessage = \"m\"\ndescription = \"d\"\ncause = \"c\"\nresolution = []\nexample = {}\n";

    #[test]
    fn a_rejection_names_the_type_when_it_is_usable() {
        assert!(checked_catalog(VALID).is_ok());
        let bad_status = VALID.replace("404", "302");
        let rejection = checked_catalog(&bad_status).err();
        assert_eq!(
            rejection.and_then(|r| r.type_name).as_deref(),
            Some("ApiError")
        );
        let bad_name = bad_status.replace("ApiError", "api_error");
        let rejection = checked_catalog(&bad_name).err();
        assert_eq!(
            rejection.map(|r| (r.problems.len(), r.type_name)),
            Some((2, None))
        );
        let not_toml = VALID.replace("status = 404", "status = ");
        let rejection = checked_catalog(&not_toml).err();
        assert_eq!(rejection.and_then(|r| r.type_name), None);
    }
}
