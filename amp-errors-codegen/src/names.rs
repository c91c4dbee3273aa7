//! Rust names for catalog names: variants, fields, generated types.

use amp_errors_catalog::{Catalog, DEFAULT_FALLBACK};
use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords (2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// The field of every variant that holds the common members.
pub const META_FIELD: &str = "meta";

/// An identifier for `name`: raw (`r#type`) for keywords, `name_` where even that is not allowed.
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The Rust field name of a declared field (never the meta field's name).
pub fn field_ident(name: &str) -> Ident {
    if name == META_FIELD {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else {
        ident(name)
    }
}

/// The variant name of a code: UpperCamelCase.
pub fn variant_name(code: &str) -> String {
    let name = upper_camel_case(code);
    if NOT_RAW.contains(&name.as_str()) || KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `name` in UpperCamelCase, as heck writes it; a snake_case name (every
/// code of a valid catalog) without heck's general word splitting, which
/// costs a string a word.
fn upper_camel_case(name: &str) -> String {
    let snake = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !snake {
        return name.to_upper_camel_case();
    }
    let mut camel = String::with_capacity(name.len());
    for word in name.split('_') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            camel.push(first.to_ascii_uppercase());
            camel.push_str(chars.as_str());
        }
    }
    camel
}

/// The fallback variant's name: the catalog's choice, else `Unknown`. It never
/// depends on the codes (validation rejects a code that would take it), so a
/// code added later cannot rename the variant users match on.
pub fn fallback_name(catalog: &Catalog) -> String {
    match &catalog.fallback_variant {
        Some(chosen) => chosen.value.clone(),
        None => DEFAULT_FALLBACK.to_owned(),
    }
}

/// The variant of a string enum's value: UpperCamelCase, `V` before a digit.
pub fn enum_variant(value: &str) -> Ident {
    let name = variant_name(value);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        Ident::new(&format!("V{name}"), Span::call_site())
    } else {
        Ident::new(&name, Span::call_site())
    }
}

/// A type name prefixed with the catalog's name (`AmpError` + `Code`).
pub fn prefixed(catalog: &Catalog, suffix: &str) -> Ident {
    Ident::new(
        &format!("{}{suffix}", catalog.name.value),
        Span::call_site(),
    )
}

/// The variant name of a category (`Rate Limiting` -> `RateLimiting`).
pub fn category_variant(name: &str, index: usize) -> Ident {
    let ascii: String = name
        .to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if ascii.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Ident::new(&variant_name(&ascii), Span::call_site())
    } else {
        Ident::new(&format!("Category{index}"), Span::call_site())
    }
}

/// The methods and associated items the error enum has besides its
/// constructors: a code named like one gets a constructor named `new_<code>`.
/// `tests/generated_names.rs` holds this list to what the generator emits.
pub const GENERATED_METHODS: &[&str] = &[
    "CATALOG",
    "category",
    "code",
    "doc_url",
    "examples",
    "info",
    "is_retryable",
    "known_code",
    "message",
    "meta",
    "meta_mut",
    "param",
    "request_id",
    "response_headers",
    "status",
    "status_code",
    "unredacted_message",
    "validate",
    "with_message",
    "with_param",
    "with_request_id",
    "with_source",
];

/// A constructor name for a code (`not_found`), avoiding the generated methods' names.
pub fn constructor(code: &str) -> Ident {
    if GENERATED_METHODS.contains(&code) || code.starts_with("new_") {
        Ident::new(&format!("new_{code}"), Span::call_site())
    } else {
        ident(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("limit").to_string(), "limit");
        assert_eq!(field_ident("meta").to_string(), "meta_");
        assert_eq!(variant_name("rate_limit_exceeded"), "RateLimitExceeded");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(constructor("code").to_string(), "new_code");
    }

    #[test]
    fn snake_case_is_camel_cased_as_heck_does() {
        for name in [
            "rate_limit_exceeded",
            "rate_limit_exceeded_12",
            "v2_beta",
            "2fa_required",
            "a__b",
            "_leading",
            "trailing_",
            "x",
            "",
            "http2_error_3d",
            "Mixed_Case",
            "café_bar",
        ] {
            assert_eq!(
                upper_camel_case(name),
                name.to_upper_camel_case(),
                "{name:?}"
            );
        }
    }
}
