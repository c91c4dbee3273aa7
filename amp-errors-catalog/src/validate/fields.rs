//! Rules of the fields of codes and object types.

use std::collections::HashMap;

use super::is_unknown;
use super::names::{identifier_key, is_snake_case};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{COMMON_FIELDS, Catalog, Field, FieldType};
use crate::suggest;

/// Checks the fields of one code or object type, named `owner` in messages:
/// - a field's name becomes a Rust field and a wire name: snake_case;
/// - a code's field must not take the name of a common field every error carries;
/// - no two fields may become the same identifier once cased;
/// - a named type must be declared under `[types]`.
pub(super) fn check_fields_of(
    cx: &mut Diagnostics,
    catalog: &Catalog,
    fields: &[Field],
    owner: &str,
    of_code: bool,
) {
    let mut seen: HashMap<String, &Field> = HashMap::new();
    for field in fields {
        check_field_name(cx, field, owner, of_code);
        let name = &field.name.value;
        if let Some(first) = seen.insert(identifier_key(name), field) {
            cx.error(
                Some(field.name.location),
                format!(
                    "field `{name}` in `{owner}` is the same name as `{}` (line {}) once case and underscores are ignored, as generated identifiers may ignore them; rename one",
                    first.name.value, first.name.location.line
                ),
            );
        }
        check_field_type_declared(cx, catalog, field);
        check_bounds(cx, field, owner);
    }
}

/// `minimum` and `maximum` bound numbers (JSON Schema's words): on another
/// type they would mean nothing, and a minimum above the maximum admits no value.
fn check_bounds(cx: &mut Diagnostics, field: &Field, owner: &str) {
    let name = &field.name.value;
    let numeric = matches!(field.ty.value, FieldType::Integer | FieldType::Number);
    for bound in [&field.minimum, &field.maximum].into_iter().flatten() {
        if !numeric && !is_unknown(&field.ty.value) {
            cx.error(
                Some(bound.location),
                format!(
                    "field `{name}` in `{owner}` has a bound, but its type is {}; `minimum` and `maximum` apply to integer and number fields",
                    field.ty.value
                ),
            );
        }
    }
    if let (Some(min), Some(max)) = (&field.minimum, &field.maximum)
        && min.value > max.value
    {
        cx.error(
            Some(max.location),
            format!(
                "field `{name}` in `{owner}` has `maximum = {}` below `minimum = {}`; no value would fit",
                max.value, min.value
            ),
        );
    }
}

/// The shape of one field's name.
fn check_field_name(cx: &mut Diagnostics, field: &Field, owner: &str, of_code: bool) {
    let name = &field.name.value;
    if !is_snake_case(name) {
        cx.error(
            Some(field.name.location),
            format!(
                "field name `{name}` in `{owner}` is not snake_case; expected lowercase words joined by `_`"
            ),
        );
    } else if of_code && COMMON_FIELDS.contains(&name.as_str()) {
        cx.error(
            Some(field.name.location),
            format!(
                "field `{name}` in `{owner}` clashes with the common field `{name}` that every error carries; rename it"
            ),
        );
    }
}

/// A field of a named type whose name no `[types]` table declares.
fn check_field_type_declared(cx: &mut Diagnostics, catalog: &Catalog, field: &Field) {
    let Some(type_name) = field.ty.value.named() else {
        return;
    };
    if is_unknown(&field.ty.value) || catalog.object_type(type_name).is_some() {
        return;
    }
    // `String` is as likely a miscased built-in as a misspelled type.
    let known: Vec<&str> = catalog
        .types
        .iter()
        .map(|t| t.name.value.as_str())
        .chain(suggest::BUILTIN_TYPES.iter().copied())
        .collect();
    let diagnostic = Diagnostic::new(
        Some(field.ty.location),
        format!(
            "unknown field type `{type_name}`; expected string, integer, number, boolean, object, list<T>, map<T>, or a type declared under [types]"
        ),
    );
    cx.push(suggest::with_closest(diagnostic, type_name, &known));
}
