//! Rules of the object types under `[types]`.

use super::fields::check_fields_of;
use std::collections::HashMap;

use super::names::{identifier_key, is_upper_camel_case};
use crate::diagnostic::Diagnostics;
use crate::model::{Catalog, DEFAULT_FALLBACK, FieldType, Located};

/// Suffixes of the types generated beside the error enum (`ApiErrorCode`, `ApiErrorCategory`).
const GENERATED_SUFFIXES: [&str; 2] = ["Code", "Category"];

/// A type's name becomes a generated type's name: it must be UpperCamelCase,
/// and must not make `<Catalog>Code` or `<Catalog>Category`, which the
/// generator already emits.
pub(super) fn check_type_names(cx: &mut Diagnostics, catalog: &Catalog) {
    for ty in &catalog.types {
        let name = &ty.name;
        if !is_upper_camel_case(&name.value) {
            cx.error(
                Some(name.location),
                format!(
                    "type name `{}` is not UpperCamelCase; expected a name such as `FieldViolation`",
                    name.value
                ),
            );
        } else if GENERATED_SUFFIXES.contains(&name.value.as_str()) {
            cx.error(
                Some(name.location),
                format!(
                    "type name `{0}` would generate `{1}{0}`, the name of the generated {2} enum; choose another name",
                    name.value,
                    catalog.name.value,
                    name.value.to_lowercase()
                ),
            );
        }
    }
}

/// The members of every object type follow the rules of fields.
pub(super) fn check_type_fields(cx: &mut Diagnostics, catalog: &Catalog) {
    for ty in &catalog.types {
        check_fields_of(
            cx,
            catalog,
            &ty.fields,
            &format!("types.{}", ty.name.value),
            false,
        );
    }
}

/// A string enum's values become variants of a generated enum, beside the
/// variant for values it does not know (`Unknown`): there must be values,
/// each non-empty, none repeated, none taking that name.
pub(super) fn check_enum_values(cx: &mut Diagnostics, catalog: &Catalog) {
    for ty in &catalog.types {
        let Some(values) = &ty.values else {
            continue;
        };
        let owner = format!("types.{}.enum", ty.name.value);
        if values.is_empty() {
            cx.error(
                Some(ty.name.location),
                format!("`{owner}` is empty; list the values the string may take"),
            );
        }
        let mut seen: HashMap<String, &Located<String>> = HashMap::new();
        for value in values {
            let key = identifier_key(&value.value);
            if key.is_empty() {
                cx.error(
                    Some(value.location),
                    format!("`{owner}` has a value without letters or digits, which cannot name a variant"),
                );
            } else if key == identifier_key(DEFAULT_FALLBACK) {
                cx.error(
                    Some(value.location),
                    format!(
                        "`{owner}` has the value `{}`, whose variant would be `{DEFAULT_FALLBACK}`, the variant for values the enum does not know; rename the value",
                        value.value
                    ),
                );
            } else if let Some(first) = seen.insert(key, value) {
                cx.error(
                    Some(value.location),
                    format!(
                        "`{owner}` has `{}`, the same variant as `{}` (line {}) once case and punctuation are ignored",
                        value.value, first.value, first.location.line
                    ),
                );
            }
        }
    }
}

/// A type that holds itself directly has no finite size (and no finite JSON
/// example); through a list it is fine.
pub(super) fn check_types_not_recursive(cx: &mut Diagnostics, catalog: &Catalog) {
    for ty in &catalog.types {
        let itself = FieldType::Named(ty.name.value.clone());
        for field in ty.fields.iter().filter(|f| f.ty.value == itself) {
            cx.error(
                Some(field.ty.location),
                format!(
                    "type `{}` contains itself; a recursive member must be a list (`list<{}>`)",
                    ty.name.value, ty.name.value
                ),
            );
        }
    }
}
