//! Rules of the `[catalog]` settings.

use std::collections::HashMap;

use super::names::{identifier_key, is_upper_camel_case, same_identifier};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::keys::FALLBACK_VARIANT as FALLBACK_KEY;
use crate::model::DEFAULT_FALLBACK;
use crate::model::{Catalog, Located};

/// The catalog's name becomes the error type's name, so it must be a Rust type
/// name; `Self` is singled out because it looks like one and is a keyword.
pub(super) fn check_catalog_name(cx: &mut Diagnostics, catalog: &Catalog) {
    let name = &catalog.name;
    if name.value == "Self" {
        cx.error(
            Some(name.location),
            "`catalog.name` `Self` is a Rust keyword; expected another UpperCamelCase type name, such as `ApiError`",
        );
    } else if !name.value.is_empty() && !is_upper_camel_case(&name.value) {
        cx.error(
            Some(name.location),
            format!(
                "`catalog.name` `{}` is not a type name; expected UpperCamelCase such as `ApiError`",
                name.value
            ),
        );
    }
}

/// Categories become variants of the generated category enum: each needs a
/// letter to start with, and no two may become the same identifier.
pub(super) fn check_categories_distinct(cx: &mut Diagnostics, catalog: &Catalog) {
    let mut seen: HashMap<String, &Located<String>> = HashMap::new();
    for category in &catalog.categories {
        if category.value.trim().is_empty() || identifier_key(&category.value).is_empty() {
            cx.error(
                Some(category.location),
                "a category name needs at least one letter or digit",
            );
            continue;
        }
        if category.value.starts_with(|c: char| c.is_ascii_digit()) {
            cx.error(
                Some(category.location),
                format!(
                    "category `{}` starts with a digit; expected a name that starts with a letter",
                    category.value
                ),
            );
        }
        if let Some(first) = seen.insert(identifier_key(&category.value), category) {
            cx.error(
                Some(category.location),
                format!(
                    "category `{}` is the same name as `{}` at line {}",
                    category.value, first.value, first.location.line
                ),
            );
        }
    }
}

/// Codes are checked against the categories only when there are some
/// ([`super::codes::check_categories_known`]); an empty list while codes use
/// categories is one problem, reported here at the list, not once per code.
pub(super) fn check_categories_listed(
    cx: &mut Diagnostics,
    catalog: &Catalog,
    categories_at: Option<Location>,
) {
    let Some(location) = categories_at else {
        return;
    };
    if !catalog.categories.is_empty() {
        return;
    }
    let mut used: Vec<&str> = Vec::new();
    for category in catalog.codes.iter().filter_map(|c| c.category.as_ref()) {
        if !used.contains(&category.value.as_str()) {
            used.push(&category.value);
        }
    }
    if used.is_empty() {
        return;
    }
    let quoted: Vec<String> = used.iter().map(|c| format!("\"{c}\"")).collect();
    cx.error(
        Some(location),
        format!(
            "`catalog.categories` is empty, but the codes use categories: {}; list them here",
            quoted.join(", ")
        ),
    );
}

/// The fallback variant sits beside the codes' variants: it must be a variant
/// name, and not the one a code already generates. Its name is fixed
/// (`Unknown` unless the catalog sets another), so that a code added later can
/// never silently rename the variant users already match on.
pub(super) fn check_fallback_variant(cx: &mut Diagnostics, catalog: &Catalog) {
    let Some(fallback) = &catalog.fallback_variant else {
        let taken = catalog
            .codes
            .iter()
            .find(|c| same_identifier(&c.code.value, DEFAULT_FALLBACK));
        if let Some(code) = taken {
            cx.push(
                Diagnostic::new(
                    Some(code.code.location),
                    format!(
                        "code `{}` would generate the variant `{DEFAULT_FALLBACK}`, the name of the variant that holds codes the catalog does not know",
                        code.code.value
                    ),
                )
                .with_help(format!(
                    "name the fallback variant otherwise in [catalog]: `{FALLBACK_KEY} = \"Other\"`"
                )),
            );
        }
        return;
    };
    if !is_upper_camel_case(&fallback.value) {
        cx.error(
            Some(fallback.location),
            format!(
                "`catalog.fallback_variant` `{}` is not a variant name; expected UpperCamelCase",
                fallback.value
            ),
        );
    } else if let Some(code) = catalog
        .codes
        .iter()
        .find(|c| same_identifier(&c.code.value, &fallback.value))
    {
        cx.error(
            Some(fallback.location),
            format!(
                "`catalog.fallback_variant` `{}` is the name of code `{}` (line {}); choose another",
                fallback.value, code.code.value, code.code.location.line
            ),
        );
    }
}

/// A code retired twice is a copy-and-paste slip, and makes the list lie
/// about how many codes were retired.
pub(super) fn check_retired_once(cx: &mut Diagnostics, catalog: &Catalog) {
    let mut retired: HashMap<&str, &Located<String>> = HashMap::new();
    for entry in &catalog.retired {
        if let Some(first) = retired.insert(&entry.code.value, &entry.code) {
            cx.error(
                Some(entry.code.location),
                format!(
                    "code `{}` is retired twice (first at line {})",
                    entry.code.value, first.location.line
                ),
            );
        }
    }
}
