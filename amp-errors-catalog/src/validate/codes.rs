//! Rules of the error codes under `[codes]`.

use std::collections::HashMap;

use super::fields::check_fields_of;
use super::is_unknown;
use super::names::{identifier_key, is_snake_case};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Catalog, ErrorCode, FieldType, Located, Retryability};
use crate::parse::WrittenStatus;
use crate::suggest;

/// A code is a wire name and becomes a variant: non-empty snake_case that
/// starts with a letter, and no two codes the same identifier once cased.
pub(super) fn check_code_names(cx: &mut Diagnostics, catalog: &Catalog) {
    let mut names: HashMap<String, &ErrorCode> = HashMap::new();
    for code in &catalog.codes {
        let name = &code.code.value;
        let at = Some(code.code.location);
        if name.is_empty() {
            cx.error(
                at,
                "a code cannot be empty; expected a snake_case code such as `not_found`",
            );
        } else if name.starts_with(|c: char| c.is_ascii_digit()) {
            cx.error(
                at,
                format!("code `{name}` starts with a digit; expected a snake_case code that starts with a letter"),
            );
        } else if !is_snake_case(name) {
            cx.error(
                at,
                format!("code `{name}` is not snake_case; expected lowercase words joined by `_`, such as `not_found`"),
            );
        } else if let Some(first) = names.insert(identifier_key(name), code) {
            cx.error(
                at,
                format!(
                    "code `{name}` is the same name as `{}` (line {}) once case and underscores are ignored, as generated identifiers may ignore them; rename one",
                    first.code.value, first.code.location.line,
                ),
            );
        }
    }
}

/// Clients that still know a retired code would misread a new error that reuses it.
pub(super) fn check_retired_not_reused(cx: &mut Diagnostics, catalog: &Catalog) {
    for code in &catalog.codes {
        let name = &code.code.value;
        if let Some(retired) = catalog.retired.iter().find(|r| &r.code.value == name) {
            cx.error(
                Some(code.code.location),
                format!(
                    "code `{name}` was retired (catalog.retired, line {}); a retired code is never reused, choose a new code",
                    retired.code.location.line
                ),
            );
        }
    }
}

/// A catalog describes errors: a status outside 400..=599 (a success, a
/// redirect, or no HTTP status at all) is a mistake, named as written.
pub(super) fn check_statuses_are_errors(cx: &mut Diagnostics, statuses: &[Located<WrittenStatus>]) {
    for status in statuses {
        let is_error = status
            .value
            .number
            .and_then(|n| u16::try_from(n).ok())
            .is_some_and(|n| (400..=599).contains(&n));
        if !is_error {
            cx.error(
                Some(status.location),
                format!(
                    "status {} is not an error status; expected an integer in 400..=599",
                    status.value.spelling
                ),
            );
        }
    }
}

/// A code's category must be one the catalog lists, or the category enum has
/// no variant for it. With no categories, `catalog.categories` is missing or
/// empty: one problem, reported elsewhere; not one more per code.
pub(super) fn check_categories_known(cx: &mut Diagnostics, catalog: &Catalog) {
    let categories: Vec<&str> = catalog
        .categories
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    if categories.is_empty() {
        return;
    }
    for category in catalog.codes.iter().filter_map(|c| c.category.as_ref()) {
        if categories.contains(&category.value.as_str()) {
            continue;
        }
        let diagnostic = Diagnostic::new(
            Some(category.location),
            format!(
                "unknown category `{}`; expected one of the catalog's categories: {}",
                category.value,
                categories.join(", ")
            ),
        );
        cx.push(suggest::with_closest(
            diagnostic,
            &category.value,
            &categories,
        ));
    }
}

/// The fields of every code follow the rules of fields.
pub(super) fn check_code_fields(cx: &mut Diagnostics, catalog: &Catalog) {
    for code in &catalog.codes {
        check_fields_of(
            cx,
            catalog,
            &code.fields,
            &format!("codes.{}", code.code.value),
            true,
        );
    }
}

/// `retryable = { field = "x" }` reads a boolean field of the code: it must
/// exist and be a boolean.
pub(super) fn check_retryable_fields(cx: &mut Diagnostics, catalog: &Catalog) {
    for code in &catalog.codes {
        let Retryability::Field { name, .. } = &code.retryable else {
            continue;
        };
        match code.field(&name.value) {
            None => cx.error(
                Some(name.location),
                format!(
                    "`retryable.field` names `{}`, which `codes.{}` does not declare; expected a boolean field of the code",
                    name.value, code.code.value
                ),
            ),
            Some(field) if field.ty.value != FieldType::Boolean && !is_unknown(&field.ty.value) => {
                cx.error(
                    Some(name.location),
                    format!(
                        "`retryable.field` names `{}`, a field of type {}; expected a field of type boolean",
                        name.value, field.ty.value
                    ),
                )
            }
            Some(_) => {}
        }
    }
}

/// A template is rendered from an instance: it may name the code's fields
/// and `param` (an absent optional one renders as nothing), and nothing else.
pub(super) fn check_template_placeholders(cx: &mut Diagnostics, catalog: &Catalog) {
    for code in &catalog.codes {
        for placeholder in code.message.value.fields() {
            if placeholder != "param" && code.field(placeholder).is_none() {
                cx.push(undeclared_placeholder(code, placeholder));
            }
        }
    }
}

/// The problem of a template that names `{placeholder}`, which `code` does not declare.
fn undeclared_placeholder(code: &ErrorCode, placeholder: &str) -> Diagnostic {
    let declared: Vec<&str> = code.fields.iter().map(|f| f.name.value.as_str()).collect();
    let diagnostic = Diagnostic::new(
        Some(code.message.location),
        format!(
            "message template of `{}` names `{{{placeholder}}}`, which is not a declared field of the code",
            code.code.value
        ),
    );
    match suggest::closest(placeholder, &declared) {
        Some(best) => diagnostic.with_help(suggest::did_you_mean(&format!("{{{best}}}"))),
        None => diagnostic.with_help(format!(
            "declare it under [codes.{}.fields] with `required = true`",
            code.code.value
        )),
    }
}

/// A header is filled from one of the code's scalar fields, and must be a
/// header name this crate does not write itself. A sensitive field may not
/// fill one: proxies and access logs record headers.
pub(super) fn check_headers(cx: &mut Diagnostics, catalog: &Catalog) {
    for code in &catalog.codes {
        for (header, field_name) in &code.headers {
            let name = &header.value;
            let token =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !token {
                cx.error(
                    Some(header.location),
                    format!("`{name}` is not a header name; expected letters, digits and `-`, such as `Retry-After`"),
                );
            } else if name.eq_ignore_ascii_case("content-type") {
                cx.error(
                    Some(header.location),
                    "`Content-Type` is written by amp-errors (application/json); leave it out",
                );
            }
            match code.field(&field_name.value) {
                None => cx.error(
                    Some(field_name.location),
                    format!(
                        "header `{name}` of `{}` is filled from `{}`, which the code does not declare",
                        code.code.value, field_name.value
                    ),
                ),
                Some(field) if field.sensitive => cx.error(
                    Some(field_name.location),
                    format!(
                        "header `{name}` is filled from the sensitive field `{}`; proxies and access logs record headers",
                        field_name.value
                    ),
                ),
                Some(field)
                    if !matches!(
                        field.ty.value,
                        FieldType::String | FieldType::Integer | FieldType::Number | FieldType::Boolean
                    ) && !is_unknown(&field.ty.value) =>
                {
                    cx.error(
                        Some(field_name.location),
                        format!(
                            "header `{name}` is filled from `{}`, a {}; a header takes a string, integer, number or boolean",
                            field_name.value, field.ty.value
                        ),
                    )
                }
                Some(_) => {}
            }
        }
    }
}
