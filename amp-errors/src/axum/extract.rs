//! Extractors whose rejections are the catalog's errors: [`Json`], [`Query`]
//! and [`Path`] read what axum's extractors of the same names read, and
//! reject with a [`Failure`] that names the member or parameter at fault,
//! which [`super::layer`] answers with the catalog's code. No rejection
//! text names a Rust type.

use ::axum::extract::rejection::PathRejection;
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::request::Parts;
use http::{HeaderMap, StatusCode, header};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::failure::{BODY_TOO_LARGE, Failure, NOT_JSON_TYPE, Violation};
use crate::HttpFailure;

/// A JSON request body (and response): axum's `Json`, with the catalog's
/// rejections: [`HttpFailure::UnsupportedMediaType`] without a JSON
/// `Content-Type`, [`HttpFailure::BodyTooLarge`] over axum's body limit,
/// [`HttpFailure::MalformedBody`] for text that is not JSON (with its line
/// and column), [`HttpFailure::MissingField`] naming a missing member
/// (`param`), and [`HttpFailure::InvalidField`] listing the member of the
/// wrong type or value by its path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Failure> {
        if !is_json(request.headers()) {
            return Err(Failure::new(HttpFailure::UnsupportedMediaType).with_message(NOT_JSON_TYPE));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Failure::new(HttpFailure::BodyTooLarge).with_message(BODY_TOO_LARGE)
                } else {
                    Failure::new(HttpFailure::MalformedBody)
                        .with_message("The request body could not be read.")
                }
            })?;
        body(&bytes).map(Json)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(error) => {
                tracing::error!(%error, "a response body could not be serialized; answered internal_error");
                Failure::new(HttpFailure::Internal).into_response()
            }
        }
    }
}

/// Whether `headers` declare a JSON body: `application/json`, or an
/// `application/…+json` type, parameters allowed.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json")
            || subtype.len() > 5 && subtype[subtype.len() - 5..].eq_ignore_ascii_case("+json"))
}

/// The body `bytes` as a `T`, or the failure that names what is wrong.
fn body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Failure> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            member_failure(&path, &inner)
        } else {
            not_json(&inner)
        }
    })?;
    de.end().map_err(|error| not_json(&error))?;
    Ok(value)
}

/// A body that is not JSON, located.
fn not_json(error: &serde_json::Error) -> Failure {
    Failure::new(HttpFailure::MalformedBody).with_message(format!(
        "The request body is not valid JSON (line {}, column {}).",
        error.line(),
        error.column()
    ))
}

/// A body member at `path` that is missing, or of the wrong type or value.
fn member_failure(path: &str, error: &serde_json::Error) -> Failure {
    let text = error.to_string();
    let text = text.rfind(" at line ").map_or(&*text, |at| &text[..at]);
    if let Some(name) = missing_field(text) {
        let member = if path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return Failure::new(HttpFailure::MissingField)
            .with_message(format!("The '{member}' field is required"))
            .with_param(member);
    }
    if path == "." {
        return Failure::new(HttpFailure::MalformedBody)
            .with_message("The request body must be a JSON object.");
    }
    Failure::new(HttpFailure::InvalidField).with_violation(Violation::new(path, public(text)))
}

/// The member named by serde's "missing field `name`".
fn missing_field(text: &str) -> Option<&str> {
    text.strip_prefix("missing field `")?.strip_suffix('`')
}

/// serde's message without the Rust type names it may hold ("expected
/// struct Address" becomes "expected an object").
fn public(text: &str) -> String {
    const NAMED: [(&str, &str); 4] = [
        ("expected struct ", "expected an object"),
        ("expected tuple struct ", "expected an array"),
        ("expected unit struct ", "expected null"),
        ("expected enum ", "expected one of the allowed values"),
    ];
    for (prefix, replacement) in NAMED {
        if let Some(at) = text.find(prefix) {
            let rest = &text[at + prefix.len()..];
            let name_end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            return format!("{}{replacement}{}", &text[..at], &rest[name_end..]);
        }
    }
    text.to_owned()
}

/// A query string: axum's `Query`, with the catalog's rejection:
/// [`HttpFailure::InvalidParameter`] naming the parameter (`param`) that is
/// missing or has a value of the wrong type or outside its allowed set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Failure> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(Query)
            .map_err(|error| {
                let text = error.inner().to_string();
                match missing_field(&text) {
                    Some(name) => Failure::new(HttpFailure::InvalidParameter)
                        .with_message(format!("The '{name}' parameter is required"))
                        .with_param(name),
                    None => {
                        let name = error.path().to_string();
                        Failure::new(HttpFailure::InvalidParameter)
                            .with_message(format!(
                                "Invalid value for parameter '{name}': {}",
                                public(&text)
                            ))
                            .with_param(name)
                    }
                }
            })
    }
}

/// Path parameters: axum's `Path`, with the catalog's rejection:
/// [`HttpFailure::InvalidParameter`] naming the parameter (`param`) whose
/// value does not parse. A route whose parameters do not fit the type (a
/// server bug) answers [`HttpFailure::Internal`], logged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        use ::axum::extract::path::ErrorKind;
        let rejection = match ::axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(::axum::extract::Path(value)) => return Ok(Path(value)),
            Err(rejection) => rejection,
        };
        // A tuple or a single value names no key: take the route's name of
        // the parameter at fault.
        let names = ::axum::extract::RawPathParams::from_request_parts(parts, state)
            .await
            .map(|params| params.iter().map(|(k, _)| k.to_owned()).collect::<Vec<_>>())
            .unwrap_or_default();
        let key = match &rejection {
            PathRejection::FailedToDeserializePathParams(error) => match error.kind() {
                ErrorKind::ParseErrorAtKey { key, .. }
                | ErrorKind::InvalidUtf8InPathParam { key }
                | ErrorKind::DeserializeError { key, .. } => Some(Some(key.clone())),
                ErrorKind::ParseErrorAtIndex { index, .. } => Some(names.get(*index).cloned()),
                ErrorKind::ParseError { .. } => {
                    Some(names.first().filter(|_| names.len() == 1).cloned())
                }
                _ => None,
            },
            _ => None,
        };
        match key {
            Some(Some(key)) => Err(Failure::new(HttpFailure::InvalidParameter)
                .with_message(format!("Invalid value for path parameter '{key}'"))
                .with_param(key)),
            Some(None) => Err(Failure::new(HttpFailure::InvalidParameter)
                .with_message("Invalid value for a path parameter")),
            None => {
                tracing::error!(%rejection, "the route's path parameters do not fit the extractor; answered internal_error");
                Err(Failure::new(HttpFailure::Internal))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/problem+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(!with("application/+json"));
        assert!(!is_json(&HeaderMap::new()));
    }

    #[test]
    fn rust_type_names_stay_out_of_messages() {
        assert_eq!(
            public("invalid type: integer `3`, expected struct Address"),
            "invalid type: integer `3`, expected an object"
        );
        assert_eq!(
            public("invalid type: string \"x\", expected u32"),
            "invalid type: string \"x\", expected u32"
        );
    }
}
