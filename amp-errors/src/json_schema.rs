//! JSON Schema for generated types (feature `schemars`): every generated
//! error type implements `schemars::JsonSchema` with the schema `amp-errors
//! schema` writes for its catalog (one implementation of the schema, in
//! `amp-errors-catalog`), and [`ErrorResponse<E>`] with the envelope
//! around it. A server that builds its OpenAPI document with schemars (aide,
//! okapi, or `schemars::generate::SchemaSettings::openapi3()`) documents
//! its errors from the catalog: one schema per code, the named types, and a
//! catch-all for codes a newer server adds.
//!
//! Why schemars rather than utoipa: a schemars `Schema` is a JSON value
//! (draft 2020-12 by default), so the impl returns exactly the schemas the
//! CLI builds and tests, from the one implementation in
//! `amp-errors-catalog`; utoipa's schemas are its own typed object model,
//! which would need the same rules written a second time in its builders,
//! and would tie users to utoipa's OpenAPI tooling. Tools built on schemars
//! (aide for axum, okapi) place the schemas in their OpenAPI documents; the
//! references follow the generator's definitions path
//! (`#/components/schemas/…` for `SchemaSettings::openapi3()`).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use crate::ErrorResponse;

/// Where the embedded schemas' references point (the macro writes them so).
const EMBEDDED_BASE: &str = "#/$defs/";

/// The schema of the generated type whose schema is called `root`, from the
/// catalog's `schemas` (JSON text: name → schema, references under
/// `#/$defs/`): every other schema becomes one of `generator`'s
/// definitions, its references rewritten to the generator's definitions
/// path, and `root`'s own schema is returned (the generator files it under
/// `root`).
pub fn schema_of(generator: &mut SchemaGenerator, root: &str, schemas: &str) -> Schema {
    let Ok(Value::Object(schemas)) = serde_json::from_str::<Value>(schemas) else {
        return Schema::default();
    };
    let base = format!(
        "#{}/",
        generator.settings().definitions_path.trim_end_matches('/')
    );
    let mut own = None;
    for (name, mut schema) in schemas {
        rebase(&mut schema, &base);
        if name == root {
            own = Some(schema);
        } else {
            generator.definitions_mut().entry(name).or_insert(schema);
        }
    }
    own.and_then(|schema| Schema::try_from(schema).ok())
        .unwrap_or_default()
}

/// Rewrites every `$ref` under [`EMBEDDED_BASE`] in `value` to `base`.
fn rebase(value: &mut Value, base: &str) {
    match value {
        Value::Object(members) => {
            if let Some(Value::String(reference)) = members.get_mut("$ref")
                && let Some(name) = reference.strip_prefix(EMBEDDED_BASE)
            {
                *reference = format!("{base}{name}");
            }
            members.values_mut().for_each(|v| rebase(v, base));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rebase(v, base)),
        _ => {}
    }
}

impl<E: JsonSchema> JsonSchema for ErrorResponse<E> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Response", E::schema_name()))
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!("amp_errors::ErrorResponse<{}>", E::schema_id()))
    }

    /// `{"error": …}`, members beside `error` allowed (they are kept).
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let error = generator.subschema_for::<E>();
        let mut properties = Map::new();
        properties.insert("error".into(), error.to_value());
        let mut schema = Map::new();
        schema.insert("type".into(), "object".into());
        schema.insert(
            "description".into(),
            "An error response body: the error object under `error`.".into(),
        );
        schema.insert("required".into(), Value::Array(vec!["error".into()]));
        schema.insert("properties".into(), Value::Object(properties));
        Schema::from(schema)
    }
}
