//! Rules of the object types under `[types]`.

use super::fields::check_fields_of;
use super::names::is_upper_camel_case;
use crate::diagnostic::Diagnostics;
use crate::model::{Catalog, FieldType};

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
