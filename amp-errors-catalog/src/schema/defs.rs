//! The schemas of a catalog's response body, shared by the JSON Schema
//! (`$defs`) and the OpenAPI components (`components.schemas`): only where
//! a reference points differs.
//!
//! What they accept, on purpose (the wire is tolerant where the catalog says
//! it may evolve, and strict where it makes a promise):
//!
//! - Every body is `{"error": {...}}`; members beside `error` are allowed.
//! - A known code's object must have `code` and `message`, every required
//!   field, and each member present must have its declared type, bounds and
//!   (for string enums) one of the values; `request_id` starts with the
//!   catalog's `request_id_prefix`. `null` is no value of any field (absent
//!   values are omitted, never `null`).
//! - Members a code does not declare are allowed everywhere (a newer server's
//!   members; the client keeps them), in named object types too.
//! - A code the catalog does not know matches the catch-all, which needs only a
//!   string `code` and `message`. Its `code` excludes the known codes, so a
//!   malformed known code fails instead of passing as unknown.

use crate::{Catalog, ErrorCode, Field, FieldType, ObjectType, Retryability};

use super::example;
use super::json::Json;

/// The JSON Schema dialect of both outputs.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The names of a catalog's schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// The envelope, `{"error": ...}`: `<Catalog>Response`.
    pub response: String,
    /// The error object, one of the codes or the catch-all: `<Catalog>`.
    pub union: String,
    /// The catch-all for unknown codes: `<Catalog><FallbackVariant>`.
    pub unknown: String,
    /// One per code, in catalog order: `<Catalog><CodeInUpperCamelCase>`.
    pub codes: Vec<String>,
    /// One per named type, in catalog order: `<Catalog><Type>`, as the Rust type.
    pub types: Vec<String>,
}

impl Names {
    /// The names of `catalog`'s schemas, or why two of them would be the same
    /// (a type named like a code's variant, `Response` or the fallback variant).
    pub fn new(catalog: &Catalog) -> Result<Names, String> {
        let prefix = &catalog.name.value;
        let fallback = catalog
            .fallback_variant
            .as_ref()
            .map_or(crate::DEFAULT_FALLBACK, |f| f.value.as_str());
        let names = Names {
            response: format!("{prefix}Response"),
            union: prefix.clone(),
            unknown: format!("{prefix}{fallback}"),
            codes: catalog
                .codes
                .iter()
                .map(|c| format!("{prefix}{}", upper_camel(&c.code.value)))
                .collect(),
            types: catalog
                .types
                .iter()
                .map(|t| format!("{prefix}{}", t.name.value))
                .collect(),
        };
        let mut all: Vec<&String> = [&names.response, &names.union, &names.unknown]
            .into_iter()
            .chain(&names.codes)
            .chain(&names.types)
            .collect();
        all.sort();
        match all.windows(2).find(|w| w[0] == w[1]) {
            Some(w) => Err(format!(
                "two schemas would be named `{}` (a type named like a code's variant, `Response` or the fallback variant); rename the type",
                w[0]
            )),
            None => Ok(names),
        }
    }

    /// The schema name of the named type `name`.
    pub fn of_type(&self, catalog: &Catalog, name: &str) -> Option<&str> {
        let index = catalog.types.iter().position(|t| t.name.value == name)?;
        Some(&self.types[index])
    }
}

/// `code` in UpperCamelCase, as its Rust variant is named (`rate_limit_exceeded` → `RateLimitExceeded`).
pub fn upper_camel(code: &str) -> String {
    code.split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The schemas of one catalog, with references under `base` (`#/$defs/`).
pub struct Defs<'a> {
    /// The catalog.
    pub catalog: &'a Catalog,
    /// Its schema names.
    pub names: &'a Names,
    /// What a reference starts with.
    pub base: &'static str,
}

impl Defs<'_> {
    /// `{"$ref": base + name}`.
    pub fn reference(&self, name: &str) -> Json {
        Json::object().with("$ref", format!("{}{name}", self.base))
    }

    /// Every schema, named, in order: the envelope, the union, each code, the
    /// catch-all, each named type. `union` is the union's schema (the OpenAPI
    /// one adds a discriminator).
    pub fn all(&self, union: Json) -> Vec<(String, Json)> {
        let names = self.names;
        let mut out = vec![
            (
                names.response.clone(),
                self.envelope(self.reference(&names.union)),
            ),
            (names.union.clone(), union),
        ];
        for (code, name) in self.catalog.codes.iter().zip(&names.codes) {
            out.push((name.clone(), self.code(code)));
        }
        out.push((names.unknown.clone(), self.unknown()));
        for (ty, name) in self.catalog.types.iter().zip(&names.types) {
            out.push((name.clone(), self.named_type(ty)));
        }
        out
    }

    /// The envelope around an error object of schema `error`.
    pub fn envelope(&self, error: Json) -> Json {
        Json::object()
            .with(
                "title",
                format!("{} response body", self.catalog.name.value),
            )
            .with(
                "description",
                "Every error response body: the error object under `error`.",
            )
            .with("type", "object")
            .with("required", Json::strings(["error"]))
            .with("properties", Json::object().with("error", error))
    }

    /// The union: one of the codes' schemas, or the catch-all.
    pub fn union(&self) -> Json {
        let names = self.names;
        let branches: Vec<Json> = names
            .codes
            .iter()
            .chain([&names.unknown])
            .map(|name| self.reference(name))
            .collect();
        Json::object()
            .with("title", self.catalog.name.value.as_str())
            .with(
                "description",
                "An error object: one of the catalog's codes, or a code it does not know.",
            )
            .with("oneOf", branches)
    }

    /// The schema of one code's error object.
    pub fn code(&self, code: &ErrorCode) -> Json {
        let mut required = vec!["code", "message"];
        required.extend(
            code.fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.value.as_str()),
        );
        let mut properties = Json::object()
            .with(
                "code",
                Json::object().with("const", code.code.value.as_str()),
            )
            .with("message", self.message(Some(code)))
            .with("param", param());
        for field in &code.fields {
            properties.insert(&field.name.value, self.field(field));
        }
        let properties = properties
            .with("doc_url", doc_url(Some(&self.catalog.code_doc_url(code))))
            .with("request_id", self.request_id());
        let examples = code
            .example
            .as_ref()
            .map(|e| vec![example::error_object(self.catalog, code, e)]);
        Json::object()
            .with("title", code.code.value.as_str())
            .with_opt("description", non_empty(&code.description))
            .with("type", "object")
            .with("required", Json::strings(required))
            .with("properties", properties)
            .with_opt("deprecated", code.deprecated.as_ref().map(|_| true))
            .with_opt("examples", examples)
            .with("x-status", code.status.value)
            .with_opt(
                "x-category",
                code.category.as_ref().map(|c| c.value.as_str()),
            )
            .with("x-retryable", retryable(&code.retryable))
    }

    /// The catch-all: any code the catalog does not know.
    pub fn unknown(&self) -> Json {
        let known: Vec<&str> = self
            .catalog
            .codes
            .iter()
            .map(|c| c.code.value.as_str())
            .collect();
        let mut code = Json::object().with("type", "string");
        if !known.is_empty() {
            code.insert("not", Json::object().with("enum", Json::strings(known)));
        }
        let properties = Json::object()
            .with("code", code)
            .with("message", self.message(None))
            .with("param", param())
            .with("doc_url", doc_url(None))
            .with("request_id", self.request_id());
        Json::object()
            .with("title", "Unknown code")
            .with(
                "description",
                "A code this catalog does not list: a newer server's, or a retired one. Clients keep it whole and treat it as any other error; its other members are free.",
            )
            .with("type", "object")
            .with("required", Json::strings(["code", "message"]))
            .with("properties", properties)
    }

    /// The schema of a named type: a string enum or an object.
    pub fn named_type(&self, ty: &ObjectType) -> Json {
        let head = Json::object()
            .with("title", ty.name.value.as_str())
            .with_opt("description", non_empty(&ty.description));
        if let Some(values) = &ty.values {
            return head
                .with("type", "string")
                .with("enum", Json::strings(values.iter().map(|v| &v.value)));
        }
        let required: Vec<&str> = ty
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.value.as_str())
            .collect();
        let mut properties = Json::object();
        for field in &ty.fields {
            properties.insert(&field.name.value, self.field(field));
        }
        head.with("type", "object")
            .with("required", Json::strings(required))
            .with("properties", properties)
    }

    /// The schema of a field: its type's, with bounds and description.
    pub fn field(&self, field: &Field) -> Json {
        let mut schema = self.field_type(&field.ty.value);
        if matches!(field.ty.value, FieldType::Integer | FieldType::Number) {
            schema = schema
                .with_opt("minimum", field.minimum.as_ref().map(|m| m.value))
                .with_opt("maximum", field.maximum.as_ref().map(|m| m.value));
        }
        schema = schema.with_opt("description", non_empty(&field.description));
        if field.sensitive {
            schema.insert("x-sensitive", true);
        }
        schema
    }

    /// The schema of a type expression.
    pub fn field_type(&self, ty: &FieldType) -> Json {
        let of = |t: &str| Json::object().with("type", t);
        match ty {
            FieldType::String => of("string"),
            FieldType::Integer => of("integer"),
            FieldType::Number => of("number"),
            FieldType::Boolean => of("boolean"),
            FieldType::Object => of("object"),
            FieldType::List(item) => of("array").with("items", self.field_type(item)),
            FieldType::Map(item) => {
                of("object").with("additionalProperties", self.field_type(item))
            }
            FieldType::Named(name) => match self.names.of_type(self.catalog, name) {
                Some(schema) => self.reference(schema),
                // A validated catalog names only declared types.
                None => Json::object(),
            },
        }
    }

    /// `message`: a string; a known code's default template as description.
    fn message(&self, code: Option<&ErrorCode>) -> Json {
        let description = match code {
            Some(code) => format!(
                "Human-readable description; by default rendered from the template `{}`",
                code.message.value.source
            ),
            None => "Human-readable description.".to_owned(),
        };
        Json::object()
            .with("type", "string")
            .with("description", description)
    }

    /// `request_id`: a string, starting with the catalog's prefix when it has one.
    fn request_id(&self) -> Json {
        let prefix = self.catalog.request_id_prefix.as_deref();
        Json::object()
            .with("type", "string")
            .with_opt("pattern", prefix.map(|p| format!("^{}", regex_escape(p))))
            .with("description", "Unique request id, for support.")
    }
}

fn param() -> Json {
    Json::object().with("type", "string").with(
        "description",
        "The request parameter that caused the error.",
    )
}

fn doc_url(link: Option<&str>) -> Json {
    let description = match link {
        Some(link) => format!("Link to this error's documentation: {link}."),
        None => "Link to this error's documentation.".to_owned(),
    };
    Json::object()
        .with("type", "string")
        .with("format", "uri")
        .with("description", description)
}

/// The retryability rule as an annotation: `true`, `false` or `{field, default}`.
fn retryable(rule: &Retryability) -> Json {
    match rule {
        Retryability::Fixed(fixed) => Json::Bool(*fixed),
        Retryability::Field { name, default } => Json::object()
            .with("field", name.value.as_str())
            .with("default", *default),
    }
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// `text` with the characters ECMA-262 regular expressions treat specially escaped.
pub fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names() {
        assert_eq!(upper_camel("rate_limit_exceeded"), "RateLimitExceeded");
        assert_eq!(upper_camel("http2_error"), "Http2Error");
        assert_eq!(regex_escape("req.1-"), r"req\.1-");
    }
}
