//! A code's catalog example as the JSON the generated type writes.
//!
//! The same rules as the generated `Serialize` (see `docs/catalog.md`, "The
//! JSON wire format"): `code`, `message` (the example's override, else the
//! template rendered with the example's values), `param`, the declared fields
//! present in the example in declaration order, `doc_url`, `request_id`.
//! Values take their field's type: a `number` given as a TOML integer is a
//! float (`12.0`), a named object type writes its declared members in
//! declaration order, everything else keeps the order the catalog wrote.
//! `tests/docs.rs` holds this to the generated type's own output.

use crate::{Catalog, ErrorCode, Example, ExampleValue, FieldType};

use super::json::Json;

/// The example of `code` as a whole response body, `{"error": {...}}`; `None`
/// when the catalog gives the code no example.
pub fn envelope(catalog: &Catalog, code: &ErrorCode) -> Option<Json> {
    let example = code.example.as_ref()?;
    Some(Json::object().with("error", error_object(catalog, code, example)))
}

/// `example` of `code` as the inner error object.
pub fn error_object(catalog: &Catalog, code: &ErrorCode, example: &Example) -> Json {
    let mut out = Json::object()
        .with("code", code.code.value.as_str())
        .with("message", message(catalog, code, example))
        .with_opt("param", example.param.as_deref());
    for field in &code.fields {
        if let Some(value) = example.value(&field.name.value) {
            out.insert(&field.name.value, typed(catalog, &field.ty.value, value));
        }
    }
    out.with("doc_url", catalog.code_doc_url(code))
        .with_opt("request_id", example.request_id.as_ref().map(|r| &r.value))
}

/// The example's wire `message`: its override, else the code's template with
/// the example's values (strings bare, other scalars as Rust displays them,
/// lists and objects as compact JSON; an absent optional value as nothing).
pub fn message(catalog: &Catalog, code: &ErrorCode, example: &Example) -> String {
    if let Some(message) = &example.message {
        return message.clone();
    }
    code.message.value.render(|name| {
        if name == "param" && code.field(name).is_none() {
            return example.param.clone();
        }
        let field = code.field(name)?;
        let value = typed(catalog, &field.ty.value, example.value(name)?);
        Some(placeholder(&value))
    })
}

/// How a template shows a value: a string bare, an integer or boolean as
/// written, a float as Rust's `Display` shows an `f64` (`12.5`, `45`), and
/// arrays and objects as compact JSON.
fn placeholder(value: &Json) -> String {
    match value {
        Json::Str(s) => s.clone(),
        Json::Int(n) => n.to_string(),
        Json::Float(f) => f.to_string(),
        Json::Bool(b) => b.to_string(),
        other => other.compact(),
    }
}

/// `value` as JSON of type `ty`, the way the generated Rust value serializes.
pub fn typed(catalog: &Catalog, ty: &FieldType, value: &ExampleValue) -> Json {
    match (ty, value) {
        (FieldType::Number, ExampleValue::Integer(n)) => Json::Float(*n as f64),
        (FieldType::List(item), ExampleValue::Array(items)) => {
            Json::Array(items.iter().map(|v| typed(catalog, item, v)).collect())
        }
        (FieldType::Map(item), ExampleValue::Table(entries)) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), typed(catalog, item, v)))
                .collect(),
        ),
        (FieldType::Named(name), ExampleValue::Table(_)) => match catalog.object_type(name) {
            Some(object) if !object.is_enum() => {
                let mut out = Json::object();
                for member in &object.fields {
                    if let Some(v) = value.get(&member.name.value) {
                        out.insert(&member.name.value, typed(catalog, &member.ty.value, v));
                    }
                }
                out
            }
            _ => untyped(value),
        },
        _ => untyped(value),
    }
}

/// `value` as written in the catalog.
pub fn untyped(value: &ExampleValue) -> Json {
    match value {
        ExampleValue::Boolean(b) => Json::Bool(*b),
        ExampleValue::Integer(n) => Json::Int(*n),
        ExampleValue::Float(f) => Json::Float(*f),
        ExampleValue::String(s) => Json::Str(s.clone()),
        ExampleValue::Array(items) => Json::Array(items.iter().map(untyped).collect()),
        ExampleValue::Table(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), untyped(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = r#"
[catalog]
name = "ApiError"
doc_base_url = "https://e.test/errors"
categories = ["A"]

[types.Pair]
fields = { b = { type = "integer", required = true }, a = { type = "string" } }

[codes.x]
status = 400
category = "A"
retryable = false
message = "{n} at {p} in {pairs} by {param}"
[codes.x.fields]
n = { type = "number", required = true }
p = { type = "Pair" }
pairs = { type = "list<Pair>" }
[codes.x.example]
pairs = [{ a = "s", b = 1 }]
n = 3
param = "q"
"#;

    #[test]
    fn fields_in_declaration_order_with_their_types() {
        let catalog = crate::load_str(CATALOG).unwrap();
        let body = envelope(&catalog, &catalog.codes[0]).unwrap();
        assert_eq!(
            body.compact(),
            r#"{"error":{"code":"x","message":"3 at  in [{\"b\":1,\"a\":\"s\"}] by q","param":"q","n":3.0,"pairs":[{"b":1,"a":"s"}],"doc_url":"https://e.test/errors#x"}}"#
        );
    }
}
