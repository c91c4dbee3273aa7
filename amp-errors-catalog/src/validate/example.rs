//! Rules of the examples: each is an instance of its code, checked against
//! the code's fields and their types, as a client would receive it.

use super::is_unknown;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::{Catalog, ErrorCode, Example, ExampleValue as Json, Field, FieldType};
use crate::suggest;

/// Examples are documentation and test data: one that its own code would
/// reject (a required field missing, an undeclared field, a value of the
/// wrong type, a request id without the catalog's prefix) misleads.
pub(super) fn check_examples(cx: &mut Diagnostics, catalog: &Catalog) {
    for code in &catalog.codes {
        if let Some(example) = &code.example {
            check_example(cx, catalog, code, example);
        }
    }
}

/// Checks the example of one code.
fn check_example(cx: &mut Diagnostics, catalog: &Catalog, code: &ErrorCode, example: &Example) {
    let owner = format!("codes.{}.example", code.code.value);
    for field in &code.fields {
        if field.required
            && !is_unknown(&field.ty.value)
            && example.value(&field.name.value).is_none()
        {
            cx.error(
                Some(example.location),
                format!(
                    "`{owner}` is missing the required field `{}` ({})",
                    field.name.value, field.ty.value
                ),
            );
        }
    }
    for (key, value) in &example.fields {
        match code.field(&key.value) {
            Some(field) => {
                let path = format!("{owner}.{}", key.value);
                check_value(cx, catalog, &field.ty.value, value, key.location, &path);
                check_in_bounds(cx, field, value, key.location, &path);
            }
            None => cx.push(undeclared_example_field(
                code,
                &owner,
                &key.value,
                key.location,
            )),
        }
    }
    if let (Some(prefix), Some(request_id)) = (&catalog.request_id_prefix, &example.request_id)
        && !request_id.value.starts_with(prefix.as_str())
    {
        cx.error(
            Some(request_id.location),
            format!(
                "`{owner}.request_id` `{}` does not start with the catalog's request_id_prefix `{prefix}`",
                request_id.value
            ),
        );
    }
}

/// The problem of an example that sets `key`, which `code` does not declare.
fn undeclared_example_field(code: &ErrorCode, owner: &str, key: &str, at: Location) -> Diagnostic {
    let declared: Vec<&str> = code.fields.iter().map(|f| f.name.value.as_str()).collect();
    let listed = if declared.is_empty() {
        "none".to_owned()
    } else {
        declared.join(", ")
    };
    let diagnostic = Diagnostic::new(
        Some(at),
        format!(
            "`{owner}` sets `{key}`, which `codes.{}` does not declare; declared fields: {listed}",
            code.code.value,
        ),
    );
    suggest::with_closest(diagnostic, key, &declared)
}

/// Checks that example `value`, at `path`, has JSON type `ty`.
fn check_value(
    cx: &mut Diagnostics,
    catalog: &Catalog,
    ty: &FieldType,
    value: &Json,
    at: Location,
    path: &str,
) {
    if is_unknown(ty)
        || ty
            .named()
            .is_some_and(|name| catalog.object_type(name).is_none())
    {
        // The type is not known (already reported): nothing to check against.
        return;
    }
    let fits = match (ty, value) {
        (FieldType::String, Json::String(_))
        | (FieldType::Boolean, Json::Boolean(_))
        | (FieldType::Object, Json::Table(_))
        | (FieldType::Integer, Json::Integer(_))
        | (FieldType::Number, Json::Integer(_) | Json::Float(_)) => true,
        (FieldType::List(item), Json::Array(items)) => {
            for (i, element) in items.iter().enumerate() {
                check_value(cx, catalog, item, element, at, &format!("{path}[{i}]"));
            }
            true
        }
        (FieldType::Map(item), Json::Table(members)) => {
            for (key, member) in members {
                check_value(cx, catalog, item, member, at, &format!("{path}.{key}"));
            }
            true
        }
        (FieldType::Named(name), Json::String(text)) if catalog.enum_values(name).is_some() => {
            check_enum_value(cx, catalog, name, text, at, path);
            true
        }
        (FieldType::Named(name), Json::Table(members)) if catalog.enum_values(name).is_none() => {
            check_object(cx, catalog, name, members, at, path);
            true
        }
        _ => false,
    };
    if !fits {
        cx.error(
            Some(at),
            format!(
                "`{path}` is {}, but the field's type is {ty}",
                json_kind(value)
            ),
        );
    }
}

/// Checks the members of example object `members`, at `path`, against the object type `name`.
fn check_object(
    cx: &mut Diagnostics,
    catalog: &Catalog,
    name: &str,
    members: &[(String, Json)],
    at: Location,
    path: &str,
) {
    let Some(object) = catalog.object_type(name) else {
        return;
    };
    for field in &object.fields {
        if field.required && !members.iter().any(|(k, _)| k == &field.name.value) {
            cx.error(
                Some(at),
                format!(
                    "`{path}` is missing the required member `{}` of type `{name}`",
                    field.name.value
                ),
            );
        }
    }
    for (key, member) in members {
        match object.fields.iter().find(|f| &f.name.value == key) {
            Some(field) => {
                let path = format!("{path}.{key}");
                check_value(cx, catalog, &field.ty.value, member, at, &path);
                check_in_bounds(cx, field, member, at, &path);
            }
            None => cx.error(
                Some(at),
                format!("`{path}` sets `{key}`, which type `{name}` does not declare"),
            ),
        }
    }
}

/// An example value of a field with bounds must lie within them.
fn check_in_bounds(cx: &mut Diagnostics, field: &Field, value: &Json, at: Location, path: &str) {
    let number = match value {
        Json::Integer(n) => *n as f64,
        Json::Float(n) => *n,
        _ => return,
    };
    if let Some(min) = &field.minimum
        && number < min.value as f64
    {
        cx.error(
            Some(at),
            format!(
                "`{path}` is {}, below the field's minimum {}",
                value.to_json(),
                min.value
            ),
        );
    }
    if let Some(max) = &field.maximum
        && number > max.value as f64
    {
        cx.error(
            Some(at),
            format!(
                "`{path}` is {}, above the field's maximum {}",
                value.to_json(),
                max.value
            ),
        );
    }
}

/// An example value of a string enum type must be one of its values.
fn check_enum_value(
    cx: &mut Diagnostics,
    catalog: &Catalog,
    name: &str,
    text: &str,
    at: Location,
    path: &str,
) {
    let values: Vec<&str> = catalog
        .enum_values(name)
        .unwrap_or_default()
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    if values.contains(&text) {
        return;
    }
    let diagnostic = Diagnostic::new(
        Some(at),
        format!(
            "`{path}` is `{text}`, which is not a value of `{name}`; values: {}",
            values.join(", ")
        ),
    );
    cx.push(suggest::with_closest(diagnostic, text, &values));
}

/// How messages name example `value`: "the number 3", "an array".
fn json_kind(value: &Json) -> String {
    match value {
        Json::Boolean(b) => format!("the boolean {b}"),
        Json::Integer(_) | Json::Float(_) => format!("the number {}", value.to_json()),
        Json::String(s) => format!("the string {s:?}"),
        Json::Array(_) => "an array".into(),
        Json::Table(_) => "a table".into(),
    }
}
