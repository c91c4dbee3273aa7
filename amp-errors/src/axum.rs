//! Errors as axum responses (feature `axum`): a generated error type or an
//! [`ErrorResponse`] returned from a handler answers with its code's status,
//! its JSON envelope and `Content-Type: application/json`. No newtype and no
//! impl in user code: the macro emits `IntoResponse` for the generated type
//! when this feature is on.

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, StatusCode, header};

use crate::{CatalogError, ErrorResponse};

/// The body written when an error cannot be serialized (never for the
/// generated types; a hand-written `CatalogError` could fail).
const UNSERIALIZABLE: &str =
    r#"{"error":{"code":"internal_error","message":"The error could not be written."}}"#;

/// The HTTP response of `response`: its error's status, the envelope as
/// JSON, `Content-Type: application/json`.
pub fn response<E: CatalogError>(response: &ErrorResponse<E>) -> Response {
    let status = StatusCode::from_u16(response.error.status_code())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (status, body) = match serde_json::to_vec(response) {
        Ok(body) => (status, body),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            UNSERIALIZABLE.as_bytes().to_vec(),
        ),
    };
    let mut out = Response::new(Body::from(body));
    *out.status_mut() = status;
    let headers = out.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    // The catalog's headers (`Retry-After`, …). A value that is no valid
    // header value (a string field holding CR or LF, say) is left out rather
    // than written: no header injection from a field.
    for (name, value) in response.error.response_headers() {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.insert(name, value);
        }
    }
    out
}

impl<E: CatalogError> IntoResponse for ErrorResponse<E> {
    fn into_response(self) -> Response {
        response(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownError;

    #[test]
    fn unserializable_is_an_error_envelope() {
        let parsed: ErrorResponse<UnknownError> = serde_json::from_str(UNSERIALIZABLE).unwrap();
        assert_eq!(parsed.error.code(), "internal_error");
    }
}
