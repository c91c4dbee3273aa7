//! Failures the HTTP layer detects (a body that is not JSON, a bad query
//! parameter, no such route, …) and how a catalog answers them: with the
//! code its `[http]` table names for each (see docs/catalog.md).
//!
//! There is no per-instance status: a code has one status, the catalog's,
//! because clients match on status and code together and the docs, schemas
//! and breaking-change check rely on it. A catalog that wants 405, 413 or 415
//! on the wire declares codes with those statuses and names them in
//! `[http]`; one that names a 400 code (AMP's `invalid_request`) answers
//! with 400. A failure the catalog names no code for is answered with the
//! failure's own status and its key as the code (`{"code":
//! "method_not_allowed"}`, 405): still the envelope, never plain text.

use ::axum::response::{IntoResponse, Response};
use http::{Method, StatusCode, header};
use serde_json::{Map, Value};

use super::{Rerender, json_response, response};
use crate::{CatalogError, ErrorResponse, HttpFailure};

/// A failure the HTTP layer detected, before a catalog answers it: the
/// rejection of [`super::Json`], [`super::Query`] and [`super::Path`].
///
/// As a response it carries itself in the response's extensions, and
/// [`super::layer`] replaces it with the catalog's error; without that layer
/// the client gets the failure's own status and key as the code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Failure {
    /// What failed.
    pub kind: HttpFailure,
    /// The message for the client; `None` sends the code's catalog message.
    pub message: Option<String>,
    /// The request parameter or body member at fault.
    pub param: Option<String>,
    /// For [`HttpFailure::InvalidField`]: each member of the body that was
    /// wrong, and why.
    pub violations: Vec<Violation>,
}

/// One member of a request body that was wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// The member's path in the body (`name`, `items[2].price`).
    pub field: String,
    /// Why it was rejected.
    pub message: String,
}

impl Violation {
    /// Member `field` was rejected because of `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Violation {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl Failure {
    /// A failure of `kind`, with the catalog's message.
    pub fn new(kind: HttpFailure) -> Self {
        Failure {
            kind,
            message: None,
            param: None,
            violations: Vec::new(),
        }
    }

    /// Sets the message for the client.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the parameter or member at fault.
    pub fn with_param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// Adds a rejected body member.
    pub fn with_violation(mut self, violation: Violation) -> Self {
        self.violations.push(violation);
        self
    }

    /// Catalog `E`'s error for this failure: the code `[http]` names, built
    /// as an error of this server (with its doc link), holding the message
    /// (else the code's rendered template), `param`, and the violations in
    /// the code's violation list field. `None` when the catalog names no
    /// code for it.
    pub fn to_error<E: CatalogError>(&self) -> Option<E> {
        if self.kind == HttpFailure::Internal {
            return Some(super::internal_error::<E>());
        }
        let answer = E::CATALOG.http_entry(self.kind)?;
        let info = E::CATALOG.code(answer.code)?;
        let mut members = Map::new();
        members.insert("code".into(), info.code.into());
        if let Some(message) = &self.message {
            members.insert("message".into(), message.as_str().into());
        }
        if let Some(param) = &self.param {
            members.insert("param".into(), param.as_str().into());
        }
        if let Some(field) = answer.violations {
            let list = self
                .violations
                .iter()
                .map(|v| serde_json::json!({ "field": v.field, "message": v.message }));
            members.insert(field.into(), Value::Array(list.collect()));
        }
        let mut error: E = serde_json::from_value(Value::Object(members)).ok()?;
        if let Some(meta) = error.meta_mut() {
            meta.forget_received();
        }
        Some(error)
    }

    /// The response of a catalog that names no code for this failure: its
    /// own status, and its key as the code.
    fn unanswered(&self) -> Response {
        let mut members = Map::new();
        members.insert("code".into(), self.kind.key().into());
        if let Some(message) = &self.message {
            members.insert("message".into(), message.as_str().into());
        }
        if let Some(param) = &self.param {
            members.insert("param".into(), param.as_str().into());
        }
        let status = StatusCode::from_u16(self.kind.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let body = |members: &Map<String, Value>| {
            serde_json::to_vec(&serde_json::json!({ "error": members })).unwrap_or_default()
        };
        let first = body(&members);
        let rerender = Rerender::new(move |id: &str| {
            let mut members = members.clone();
            members.insert("request_id".into(), id.into());
            Some(body(&members))
        });
        json_response(status, first, Some(rerender))
    }

    /// The response of catalog `E` for this failure.
    pub fn response_for<E: CatalogError>(&self) -> Response {
        match self.to_error::<E>() {
            Some(error) => response(&ErrorResponse::new(error)),
            None => self.unanswered(),
        }
    }
}

impl IntoResponse for Failure {
    /// The failure's own status and key, with the failure in the
    /// extensions for [`super::layer`] to answer with the catalog's code.
    fn into_response(self) -> Response {
        let mut out = self.unanswered();
        out.extensions_mut().insert(self);
        out
    }
}

/// The failure an answer of axum itself stands for: the router's empty 404
/// (no route) and 405 (no such method), and the plain-text rejections of
/// axum's own extractors (400, 413, 415, 422). Anything with a body of
/// another type, or another status, is left as it is.
pub(super) fn plain_failure(response: &Response, method: &Method) -> Option<Failure> {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let plain = content_type.is_none_or(|t| t.starts_with("text/plain"));
    if !plain {
        return None;
    }
    let failure = match response.status().as_u16() {
        404 => Failure::new(HttpFailure::NoRoute),
        405 => Failure::new(HttpFailure::MethodNotAllowed)
            .with_message(format!("Method {method} is not allowed on this path")),
        413 => Failure::new(HttpFailure::BodyTooLarge).with_message(BODY_TOO_LARGE),
        415 => Failure::new(HttpFailure::UnsupportedMediaType).with_message(NOT_JSON_TYPE),
        400 => Failure::new(HttpFailure::MalformedBody),
        422 => Failure::new(HttpFailure::InvalidField),
        _ => return None,
    };
    Some(failure)
}

/// The message of [`HttpFailure::BodyTooLarge`].
pub(super) const BODY_TOO_LARGE: &str = "The request body is larger than this server accepts.";

/// The message of [`HttpFailure::UnsupportedMediaType`].
pub(super) const NOT_JSON_TYPE: &str =
    "The request body must be JSON, sent with Content-Type: application/json.";
