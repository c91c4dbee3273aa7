use std::borrow::Cow;
use std::fmt;

use crate::UnknownError;

/// How a code's retryability is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Retryable {
    /// Always retryable.
    Always,
    /// Never retryable.
    Never,
    /// Decided per instance by a boolean field; `default` when it is absent.
    Field {
        /// The boolean field's wire name.
        name: &'static str,
        /// Retryability when the field is absent.
        default: bool,
    },
}

/// Everything the catalog says about one code, as static data.
///
/// Non-exhaustive: later versions may say more about a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodeInfo {
    /// The wire code.
    pub code: &'static str,
    /// HTTP status.
    pub status: u16,
    /// Category name.
    pub category: &'static str,
    /// Retryability.
    pub retryable: Retryable,
    /// Default message template (`{field}` placeholders).
    pub message: &'static str,
    /// Documentation link: base URL + `#` + code.
    pub doc_url: &'static str,
    /// What the error means.
    pub description: &'static str,
    /// Why it happens.
    pub cause: &'static str,
    /// Steps that fix it.
    pub resolution: &'static [&'static str],
    /// Deprecation note, when deprecated.
    pub deprecated: Option<&'static str>,
    /// The code's typed fields, in wire order.
    pub fields: &'static [FieldInfo],
}

/// What the catalog says about one typed field of a code.
///
/// Non-exhaustive: later versions may say more about a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The wire name.
    pub name: &'static str,
    /// Whether every instance of the code carries it.
    pub required: bool,
    /// Whether `Debug` and `Display` redact its value.
    pub sensitive: bool,
    /// Its JSON type as the catalog writes it (`integer`, `list<FieldViolation>`).
    pub json_type: &'static str,
    /// Its smallest value, for a number.
    pub minimum: Option<i64>,
    /// Its largest value, for a number.
    pub maximum: Option<i64>,
}

/// What the catalog says about a named type (`[types.X]`).
///
/// Non-exhaustive: later versions may say more about a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TypeInfo {
    /// The type's name in the catalog.
    pub name: &'static str,
    /// The values of a string enum; `None` for an object type.
    pub values: Option<&'static [&'static str]>,
    /// The members of an object type.
    pub fields: &'static [FieldInfo],
}

impl CodeInfo {
    /// The index of typed field `name`.
    #[inline]
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.name == name)
    }

    /// Whether any of the code's fields is sensitive.
    pub fn has_sensitive_fields(&self) -> bool {
        self.fields.iter().any(|field| field.sensitive)
    }
}

/// Catalog-wide facts of a generated error type.
///
/// Non-exhaustive: later versions may say more about a catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogInfo {
    /// The generated type's name.
    pub name: &'static str,
    /// Base of every documentation link.
    pub doc_base_url: &'static str,
    /// Prefix of request ids, if any.
    pub request_id_prefix: Option<&'static str>,
    /// Category names in documentation order.
    pub categories: &'static [&'static str],
    /// Every code, in catalog order.
    pub codes: &'static [CodeInfo],
    /// Codes that were retired: they parse as unknown.
    pub retired: &'static [&'static str],
    /// The named types (objects and string enums) fields may have.
    pub types: &'static [TypeInfo],
    /// Which codes answer the failures the HTTP layer detects (`[http]`).
    pub http: &'static [HttpAnswer],
}

impl CatalogInfo {
    /// The documentation link of any code, known or not: base + `#` + code.
    pub fn doc_url(&self, code: &str) -> String {
        format!("{}#{code}", self.doc_base_url)
    }

    /// The entry of `code`, if the catalog knows it.
    pub fn code(&self, code: &str) -> Option<&'static CodeInfo> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// The `[http]` entry of `failure`, if the catalog names a code for it.
    pub fn http_entry(&self, failure: HttpFailure) -> Option<&'static HttpAnswer> {
        self.http.iter().find(|a| a.failure == failure)
    }

    /// The code that answers `failure` (`[http]`), if the catalog names one.
    pub fn http_answer(&self, failure: HttpFailure) -> Option<&'static CodeInfo> {
        self.code(self.http_entry(failure)?.code)
    }

    /// The named type called `name`.
    pub fn type_info(&self, name: &str) -> Option<&'static TypeInfo> {
        self.types.iter().find(|t| t.name == name)
    }
}

/// A failure that the HTTP layer detects around a handler, which a catalog
/// answers with one of its codes (its `[http]` table; see docs/catalog.md).
///
/// Non-exhaustive: later versions may detect more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HttpFailure {
    /// The body is not JSON, or cannot be read (`malformed_body`).
    MalformedBody,
    /// The body is not declared as JSON by its `Content-Type` (`unsupported_media_type`).
    UnsupportedMediaType,
    /// A required member of the body is missing (`missing_field`).
    MissingField,
    /// Members of the body have the wrong type or value (`invalid_field`).
    InvalidField,
    /// A path or query parameter has an invalid value (`invalid_parameter`).
    InvalidParameter,
    /// No route matches the path (`no_route`).
    NoRoute,
    /// The route exists, but not for this method (`method_not_allowed`).
    MethodNotAllowed,
    /// The body is larger than the server accepts (`body_too_large`).
    BodyTooLarge,
    /// A handler panicked, or failed with an error that is not the
    /// catalog's (`internal`).
    Internal,
}

impl HttpFailure {
    /// Its key in the catalog's `[http]` table.
    pub const fn key(self) -> &'static str {
        match self {
            HttpFailure::MalformedBody => "malformed_body",
            HttpFailure::UnsupportedMediaType => "unsupported_media_type",
            HttpFailure::MissingField => "missing_field",
            HttpFailure::InvalidField => "invalid_field",
            HttpFailure::InvalidParameter => "invalid_parameter",
            HttpFailure::NoRoute => "no_route",
            HttpFailure::MethodNotAllowed => "method_not_allowed",
            HttpFailure::BodyTooLarge => "body_too_large",
            HttpFailure::Internal => "internal",
        }
    }

    /// The HTTP status that names the failure itself (405 for
    /// `method_not_allowed`, …): what a catalog without an answer for it
    /// sends. The catalog's code decides the status otherwise.
    pub const fn status(self) -> u16 {
        match self {
            HttpFailure::MalformedBody
            | HttpFailure::MissingField
            | HttpFailure::InvalidParameter => 400,
            HttpFailure::UnsupportedMediaType => 415,
            HttpFailure::InvalidField => 422,
            HttpFailure::NoRoute => 404,
            HttpFailure::MethodNotAllowed => 405,
            HttpFailure::BodyTooLarge => 413,
            HttpFailure::Internal => 500,
        }
    }
}

/// One entry of a catalog's `[http]` table: the code that answers a failure.
///
/// Non-exhaustive: later versions may say more about an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpAnswer {
    /// The failure.
    pub failure: HttpFailure,
    /// The wire code that answers it.
    pub code: &'static str,
    /// The code's field that lists the rejected members of a body (a
    /// `list<T>` whose type `T` has the string fields `field` and
    /// `message`), as the catalog found it; `None` when it has none.
    pub violations: Option<&'static str>,
}

/// A code string that the catalog does not know (the `FromStr` error of code enums).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// What every generated error type offers, for code that does not know the concrete type:
/// middleware, clients, test helpers.
///
/// Generated types also have these as inherent methods, so calling them needs no import.
pub trait CatalogError:
    std::error::Error + serde::Serialize + serde::de::DeserializeOwned + Clone + Send + Sync + 'static
{
    /// The generated fieldless code enum.
    type Code: Copy + Eq + std::hash::Hash + fmt::Debug + fmt::Display + 'static;

    /// The catalog this type was generated from.
    const CATALOG: &'static CatalogInfo;

    /// The wire code (also for codes the catalog does not know).
    fn code(&self) -> &str;

    /// Every way the error differs from its catalog entry, by JSON path
    /// (`error.retry_after: expected an integer >= 0, found the string "45"`):
    /// the strict check for servers and tests, where parsing is tolerant.
    fn validate(&self) -> Result<(), Vec<crate::Mismatch>> {
        let object = serde_json::to_string(self)
            .and_then(|text| serde_json::from_str::<crate::Object>(&text))
            .unwrap_or_default();
        let found = crate::validate::check_error(Self::CATALOG, &object, "error");
        if found.is_empty() { Ok(()) } else { Err(found) }
    }

    /// The common members, to change; `None` for a code the catalog does
    /// not know.
    fn meta_mut(&mut self) -> Option<&mut crate::ErrorMeta> {
        None
    }

    /// Writes the code's template with the error's fields filled in, nothing
    /// redacted (for generated code: a parsed message equal to it is not
    /// stored). Writes nothing by default.
    #[doc(hidden)]
    fn write_template(&self, message: &mut crate::private::fmt::Message) {
        let _ = message;
    }

    /// Reads the error object at byte `start` of `text` (a body): the error,
    /// and where the object ends in `text` (0 if unknown). What
    /// [`ErrorResponse::from_slice`](crate::ErrorResponse::from_slice) calls
    /// with the `error` member, the same reading as `Deserialize` without
    /// serde's detour. Generated types call their reader directly; the
    /// default goes through `Deserialize`.
    #[doc(hidden)]
    fn read_text(text: &str, start: usize) -> Result<(Self, usize), serde_json::Error> {
        let rest = text.get(start..).unwrap_or_default();
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Self>();
        match stream.next() {
            Some(Ok(error)) => Ok((error, start + stream.byte_offset())),
            Some(Err(error)) => Err(error),
            None => Err(serde::de::Error::custom("expected an error object")),
        }
    }

    /// Sets `request_id` (no effect on a code the catalog does not know): how
    /// middleware puts a request's id into its error bodies.
    fn set_request_id(&mut self, request_id: String) {
        let _ = request_id;
    }

    /// The response headers the catalog fills from the error's fields
    /// (`Retry-After` from `retry_after`, say).
    fn response_headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The code as the generated enum; `None` for the fallback variant.
    fn known_code(&self) -> Option<Self::Code>;

    /// The catalog entry of the code; `None` for the fallback variant.
    fn info(&self) -> Option<&'static CodeInfo>;

    /// The HTTP status as a number (500 for codes the catalog does not know).
    fn status_code(&self) -> u16;

    /// The HTTP status.
    #[cfg(feature = "http")]
    fn status(&self) -> http::StatusCode {
        crate::private::status(self.status_code())
    }

    /// The category name; `None` for codes the catalog does not know.
    fn category_name(&self) -> Option<&'static str> {
        self.info().map(|i| i.category)
    }

    /// Whether a client may retry the request that caused it.
    fn is_retryable(&self) -> bool;

    /// The documentation link.
    fn doc_url(&self) -> Cow<'_, str>;

    /// The message: the override, or the rendered template.
    fn message(&self) -> Cow<'_, str>;

    /// The `param` common field.
    fn param(&self) -> Option<&str>;

    /// The `request_id` common field.
    fn request_id(&self) -> Option<&str>;

    /// Wraps an error whose code this type does not know.
    fn from_unknown(unknown: UnknownError) -> Self;
}

/// A value outside a field's `minimum`/`maximum`, refused by a constructor or setter.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OutOfRange {
    /// The field's wire name.
    pub field: &'static str,
    /// The refused value, as JSON.
    pub value: String,
    /// The field's minimum, if any.
    pub minimum: Option<String>,
    /// The field's maximum, if any.
    pub maximum: Option<String>,
}

impl OutOfRange {
    /// Checks `value` of field `field` against its bounds.
    #[doc(hidden)]
    pub fn check<T: PartialOrd + Copy + fmt::Display>(
        field: &'static str,
        value: T,
        minimum: Option<T>,
        maximum: Option<T>,
    ) -> Result<T, OutOfRange> {
        let below = minimum.is_some_and(|m| value < m);
        let above = maximum.is_some_and(|m| value > m);
        if below || above {
            Err(OutOfRange {
                field,
                value: value.to_string(),
                minimum: minimum.map(|m| m.to_string()),
                maximum: maximum.map(|m| m.to_string()),
            })
        } else {
            Ok(value)
        }
    }
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is {}, ", self.field, self.value)?;
        match (&self.minimum, &self.maximum) {
            (Some(min), Some(max)) => write!(f, "outside {min}..={max}"),
            (Some(min), None) => write!(f, "below the minimum {min}"),
            (None, Some(max)) => write!(f, "above the maximum {max}"),
            (None, None) => f.write_str("out of range"),
        }
    }
}

impl std::error::Error for OutOfRange {}
