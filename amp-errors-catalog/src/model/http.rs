//! The `[http]` table: the failures the HTTP layer detects around a handler,
//! and the code that answers each.

use super::Located;

/// A failure that the HTTP layer detects around a handler (a body that is not
/// JSON, no such route, a panic, …), which the catalog answers with one of
/// its codes: the keys of `[http]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpFailure {
    /// The body is not JSON, or cannot be read (`malformed_body`).
    MalformedBody,
    /// The body is not declared as JSON (`Content-Type`) (`unsupported_media_type`).
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
    /// A handler panicked or failed with an error that is not the
    /// catalog's (`internal`).
    Internal,
}

impl HttpFailure {
    /// Every failure, in documentation order.
    pub const ALL: [HttpFailure; 9] = [
        HttpFailure::MalformedBody,
        HttpFailure::UnsupportedMediaType,
        HttpFailure::MissingField,
        HttpFailure::InvalidField,
        HttpFailure::InvalidParameter,
        HttpFailure::NoRoute,
        HttpFailure::MethodNotAllowed,
        HttpFailure::BodyTooLarge,
        HttpFailure::Internal,
    ];

    /// Its key in `[http]`.
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

    /// The failure whose key is `key`.
    pub fn from_key(key: &str) -> Option<HttpFailure> {
        HttpFailure::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether the failure is the server's (answered with a 5xx code), not
    /// the request's (a 4xx code).
    pub const fn is_server_error(self) -> bool {
        matches!(self, HttpFailure::Internal)
    }
}

/// One entry of `[http]`: the code that answers a failure.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpAnswer {
    /// The failure (the key).
    pub failure: Located<HttpFailure>,
    /// The code that answers it (the value).
    pub code: Located<String>,
}
