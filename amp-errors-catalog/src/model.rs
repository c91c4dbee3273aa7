//! The catalog model: what a `catalog.toml` says, in the language of JSON.
//!
//! Nothing here is Rust-specific: field types are JSON types, names are wire
//! names. Mapping to Rust (or TypeScript, Python, Go) is a code generator's job.

use std::fmt;

use crate::diagnostic::Location;
use crate::template::Template;

mod http;

pub use http::{HttpAnswer, HttpFailure};

/// A value together with where the catalog says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where the key or value stands in the catalog.
    pub location: Location,
}

impl<T> Located<T> {
    /// Wraps `value` found at `location`.
    pub fn new(value: T, location: Location) -> Self {
        Located { value, location }
    }
}

/// A whole error catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Name of the generated error type (`AmpError`).
    pub name: Located<String>,
    /// Base of every code's documentation link; a code's link is `base#code`.
    pub doc_base_url: String,
    /// Prefix that request ids start with (`req_`), if the API has one.
    pub request_id_prefix: Option<String>,
    /// The categories codes are grouped in, in documentation order.
    pub categories: Vec<Located<String>>,
    /// Whether the generated enum is `#[non_exhaustive]` (default `true`).
    pub non_exhaustive: bool,
    /// Name chosen for the variant that holds codes this catalog does not know.
    pub fallback_variant: Option<Located<String>>,
    /// Codes that were used once and must never be reused.
    pub retired: Vec<Retired>,
    /// Named types (objects and string enums), usable as field types.
    pub types: Vec<ObjectType>,
    /// The error codes, in catalog order.
    pub codes: Vec<ErrorCode>,
    /// Which codes answer the failures the HTTP layer detects (`[http]`), in
    /// catalog order.
    pub http: Vec<HttpAnswer>,
}

impl Catalog {
    /// The documentation link of `code`: `doc_base_url#code`.
    pub fn doc_url(&self, code: &str) -> String {
        format!("{}#{code}", self.doc_base_url)
    }

    /// The documentation link of `code`: its own `doc_url`, else `doc_base_url#code`.
    pub fn code_doc_url(&self, code: &ErrorCode) -> String {
        match &code.doc_url {
            Some(url) => url.value.clone(),
            None => self.doc_url(&code.code.value),
        }
    }

    /// The named type called `name` (an object or a string enum).
    pub fn object_type(&self, name: &str) -> Option<&ObjectType> {
        self.types.iter().find(|t| t.name.value == name)
    }

    /// The values of the string enum type called `name`.
    pub fn enum_values(&self, name: &str) -> Option<&[Located<String>]> {
        self.object_type(name)?.values.as_deref()
    }
}

/// A code that is no longer in use: it parses as unknown and may not be reused.
#[derive(Debug, Clone, PartialEq)]
pub struct Retired {
    /// The retired wire code.
    pub code: Located<String>,
    /// Why it was retired, or what replaces it.
    pub note: Option<String>,
}

/// A named type (`[types.FieldViolation]`): a JSON object with typed
/// members, or, with `enum`, a string taking one of a set of values.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectType {
    /// The type's name, as field types refer to it.
    pub name: Located<String>,
    /// Documentation.
    pub description: String,
    /// Its members, in order (none for a string enum).
    pub fields: Vec<Field>,
    /// The values of a string enum type (`enum = ["draft", "active"]`).
    pub values: Option<Vec<Located<String>>>,
}

impl ObjectType {
    /// Whether the type is a string enum.
    pub fn is_enum(&self) -> bool {
        self.values.is_some()
    }
}

/// One error code (`[codes.rate_limit_exceeded]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// The wire code, snake_case.
    pub code: Located<String>,
    /// HTTP status, 400..=599.
    pub status: Located<u16>,
    /// Category name, one of [`Catalog::categories`]; `None` only in a catalog with problems.
    pub category: Option<Located<String>>,
    /// Whether a client may retry.
    pub retryable: Retryability,
    /// Default message template.
    pub message: Located<Template>,
    /// What the error means.
    pub description: String,
    /// Why it happens.
    pub cause: String,
    /// Steps that fix it.
    pub resolution: Vec<String>,
    /// Deprecation note, when the code is deprecated.
    pub deprecated: Option<String>,
    /// The code's own documentation link, in place of `doc_base_url#code`.
    pub doc_url: Option<Located<String>>,
    /// Response headers filled from the code's fields: (header name, field
    /// name), in catalog order (`Retry-After = "retry_after"`).
    pub headers: Vec<(Located<String>, Located<String>)>,
    /// Extra typed fields, in wire order.
    pub fields: Vec<Field>,
    /// The example instance, if the catalog gives one.
    pub example: Option<Example>,
}

impl ErrorCode {
    /// The declared field called `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name.value == name)
    }
}

/// Whether an error may be retried.
#[derive(Debug, Clone, PartialEq)]
pub enum Retryability {
    /// Always (`retryable = true`) or never (`retryable = false`).
    Fixed(bool),
    /// Decided per instance by a boolean field; `default` applies when it is absent.
    Field {
        /// The boolean field.
        name: Located<String>,
        /// Value used when the (optional) field is absent.
        default: bool,
    },
}

/// A typed field of an error code or object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The wire name.
    pub name: Located<String>,
    /// The JSON type.
    pub ty: Located<FieldType>,
    /// Whether every instance carries it.
    pub required: bool,
    /// Documentation.
    pub description: String,
    /// Sent on the wire, but redacted from `Debug`, `Display` and logs.
    pub sensitive: bool,
    /// Smallest value of an integer or number field (JSON Schema's `minimum`).
    pub minimum: Option<Located<i64>>,
    /// Largest value of an integer or number field (JSON Schema's `maximum`).
    pub maximum: Option<Located<i64>>,
}

impl Field {
    /// Whether the field's values are integers that cannot be negative.
    pub fn is_unsigned(&self) -> bool {
        self.ty.value == FieldType::Integer && self.minimum.as_ref().is_some_and(|m| m.value >= 0)
    }
}

/// A field's JSON type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A JSON string.
    String,
    /// A JSON number without fraction (64-bit signed).
    Integer,
    /// Any JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A free-form JSON object.
    Object,
    /// A JSON array of one item type (`list<string>`).
    List(Box<FieldType>),
    /// A JSON object with string keys and values of one type (`map<integer>`).
    Map(Box<FieldType>),
    /// A named object type declared under `[types]`.
    Named(String),
}

impl FieldType {
    /// Parses a type expression: `string`, `integer`, `number`, `boolean`,
    /// `object`, `list<T>`, `map<T>`, or a type name.
    pub fn parse(text: &str) -> Result<FieldType, String> {
        let text = text.trim();
        match text {
            "string" => Ok(FieldType::String),
            "integer" => Ok(FieldType::Integer),
            "number" => Ok(FieldType::Number),
            "boolean" => Ok(FieldType::Boolean),
            "object" => Ok(FieldType::Object),
            _ => {
                if let Some(inner) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
                    return FieldType::parse(inner).map(|t| FieldType::List(Box::new(t)));
                }
                if let Some(inner) = text.strip_prefix("map<").and_then(|t| t.strip_suffix('>')) {
                    return FieldType::parse(inner).map(|t| FieldType::Map(Box::new(t)));
                }
                let is_name = text.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && text.chars().all(|c| c.is_ascii_alphanumeric());
                if is_name {
                    Ok(FieldType::Named(text.to_owned()))
                } else {
                    Err(format!(
                        "unknown field type `{text}`; expected string, integer, number, boolean, object, list<T>, map<T>, or the UpperCamelCase name of a [types] table"
                    ))
                }
            }
        }
    }

    /// The type names this type refers to.
    pub fn named(&self) -> Option<&str> {
        match self {
            FieldType::Named(name) => Some(name),
            FieldType::List(inner) | FieldType::Map(inner) => inner.named(),
            _ => None,
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldType::String => f.write_str("string"),
            FieldType::Integer => f.write_str("integer"),
            FieldType::Number => f.write_str("number"),
            FieldType::Boolean => f.write_str("boolean"),
            FieldType::Object => f.write_str("object"),
            FieldType::List(inner) => write!(f, "list<{inner}>"),
            FieldType::Map(inner) => write!(f, "map<{inner}>"),
            FieldType::Named(name) => f.write_str(name),
        }
    }
}

/// The example instance of a code, keyed by wire names.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Where the example table starts.
    pub location: Location,
    /// Message override, when the example's message is not the rendered template.
    pub message: Option<String>,
    /// The `param` common field.
    pub param: Option<String>,
    /// The `request_id` common field.
    pub request_id: Option<Located<String>>,
    /// Values of declared fields, in the example's order.
    pub fields: Vec<(Located<String>, ExampleValue)>,
}

impl Example {
    /// The example's value of field `name`.
    pub fn value(&self, name: &str) -> Option<&ExampleValue> {
        self.fields
            .iter()
            .find(|(k, _)| k.value == name)
            .map(|(_, v)| v)
    }
}

/// A value in an example: what TOML wrote that JSON can carry, with tables
/// keeping their members in the order written (docs and generated examples
/// show them as the catalog's author wrote them).
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleValue {
    /// `true` or `false`.
    Boolean(bool),
    /// A TOML integer.
    Integer(i64),
    /// A finite TOML float.
    Float(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<ExampleValue>),
    /// A table, members in the order written.
    Table(Vec<(String, ExampleValue)>),
}

impl ExampleValue {
    /// Member `name` of a table; `None` for other values or a missing member.
    pub fn get(&self, name: &str) -> Option<&ExampleValue> {
        match self {
            ExampleValue::Table(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as JSON text, members in the order written.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            ExampleValue::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
            ExampleValue::Integer(i) => out.push_str(&i.to_string()),
            ExampleValue::Float(f) => out.push_str(&json_float(*f)),
            ExampleValue::String(s) => out.push_str(&json_string(s)),
            ExampleValue::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            ExampleValue::Table(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&json_string(key));
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string literal (serde_json's escaping).
fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// Finite `f` as a JSON number (serde_json's shortest form); `null` otherwise.
fn json_float(f: f64) -> String {
    serde_json::Number::from_f64(f).map_or_else(|| "null".to_owned(), |n| n.to_string())
}

/// The fallback variant's name when the catalog does not choose one.
pub const DEFAULT_FALLBACK: &str = "Unknown";

/// Wire names every error carries; declared fields may not use them.
pub const COMMON_FIELDS: [&str; 5] = ["code", "message", "param", "doc_url", "request_id"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_expressions() {
        assert_eq!(FieldType::parse("string"), Ok(FieldType::String));
        assert_eq!(
            FieldType::parse("list<list<FieldViolation>>"),
            Ok(FieldType::List(Box::new(FieldType::List(Box::new(
                FieldType::Named("FieldViolation".into())
            )))))
        );
        assert!(FieldType::parse("str").is_err());
        assert!(FieldType::parse("list<>").is_err());
        assert_eq!(
            FieldType::parse("list<integer>").map(|t| t.to_string()),
            Ok("list<integer>".to_owned())
        );
    }
}
