//! Errors as axum responses (feature `axum`): a generated error type or an
//! [`ErrorResponse`] returned from a handler answers with its code's status,
//! the catalog's headers, its JSON envelope and `Content-Type:
//! application/json`. No newtype and no impl in user code: the macro emits
//! `IntoResponse` for the generated type when this feature is on.
//!
//! Request ids: [`request_ids`] is the middleware that gives every request
//! an id (a well-formed incoming `X-Request-Id`, or a new one with the
//! catalog's prefix), echoes it in the response header, and writes it into
//! the body of every error of that request:
//!
//! ```ignore
//! let app = Router::new()
//!     .route("/missions", post(create_mission))
//!     .layer(axum::middleware::from_fn(amp_errors::axum::request_ids::<AmpError>));
//! ```

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use ::axum::body::Body;
use ::axum::extract::Request;
use ::axum::middleware::Next;
use ::axum::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, StatusCode, header};

use crate::{CatalogError, ErrorResponse, UnknownError};

/// The header request ids travel in.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The longest incoming request id taken as is.
pub const MAX_REQUEST_ID_LEN: usize = 64;

/// The id of the request being handled, in the request's extensions (set by
/// [`request_ids`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// Whether an incoming request id is taken as is: 1 to
/// [`MAX_REQUEST_ID_LEN`] characters among ASCII letters, digits, `-`, `_`
/// and `.` (nothing a log line or a header could be confused by).
pub fn is_valid_request_id(id: &str) -> bool {
    (1..=MAX_REQUEST_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new request id: `prefix` and 12 characters of `[a-z0-9]` from the
/// operating system's CSPRNG.
pub fn new_request_id(prefix: &str) -> String {
    const ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 12];
    // The OS generator does not fail on supported platforms; if it did, the
    // id would still be unique enough for logs, but not unguessable.
    let _ = getrandom::fill(&mut bytes);
    let mut id = String::with_capacity(prefix.len() + 12);
    id.push_str(prefix);
    // 256 is not a multiple of 36: reject the top bytes to stay uniform.
    for byte in bytes {
        let mut b = byte;
        while b >= 252 {
            let mut one = [0u8; 1];
            let _ = getrandom::fill(&mut one);
            b = one[0];
        }
        id.push(ALPHABET[usize::from(b % 36)] as char);
    }
    id
}

/// The middleware that gives every request an id, echoes it as the
/// `X-Request-Id` response header, and writes it into the body of an error
/// of that request that has none. A well-formed incoming `X-Request-Id`
/// ([`is_valid_request_id`]) is kept; otherwise a new one is made with `E`'s
/// catalog prefix (`req_` when the catalog sets none). Handlers read it as
/// the [`RequestId`] extension.
pub async fn request_ids<E: CatalogError>(mut request: Request, next: Next) -> Response {
    let incoming = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_valid_request_id(id))
        .map(str::to_owned);
    let id =
        incoming.unwrap_or_else(|| new_request_id(E::CATALOG.request_id_prefix.unwrap_or("req_")));
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Some(rerender) = response.extensions_mut().remove::<Rerender>()
        && let Some(body) = (rerender.0)(&id)
    {
        *response.body_mut() = Body::from(body);
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// How [`request_ids`] rewrites an error's body with the request's id: the
/// error, kept by its response, serialized again with the id set (`None`
/// when it has one already).
#[derive(Clone)]
struct Rerender(Arc<RenderWithId>);

/// Serializes an error again with request id `id`.
type RenderWithId = dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync;

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
    out.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    // For `request_ids`: the body again, with the request's id (members
    // beside `error` are not kept in this rewrite).
    if response.error.request_id().is_none() {
        let error = response.error.clone();
        out.extensions_mut()
            .insert(Rerender(Arc::new(move |id: &str| {
                let mut error = error.clone();
                error.set_request_id(id.to_owned());
                serde_json::to_vec(&ErrorResponse::new(error)).ok()
            })));
    }
    let headers = out.headers_mut();
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

/// Catalog `E`'s answer to a failure it must not describe (a panic, an
/// arbitrary error): its `internal_error` code with the catalog's message and
/// nothing else (no detail of the failure reaches the client; the request
/// id is added by [`request_ids`]). A catalog without that code answers with
/// the code alone, status 500.
pub fn internal_error<E: CatalogError>() -> E {
    let body = match E::CATALOG.code("internal_error") {
        Some(info) => serde_json::json!({ "code": info.code, "message": info.message }),
        None => serde_json::json!({ "code": "internal_error" }),
    };
    serde_json::from_value(body)
        .unwrap_or_else(|_| E::from_unknown(UnknownError::new("internal_error")))
}

/// A handler's error: catalog error `E`, or any other error, which answers
/// as [`internal_error`] while its text and sources go to the log
/// (`tracing`, at error level), never to the client. `?` converts both:
///
/// ```ignore
/// async fn report() -> Result<Json<Report>, HandlerError<AmpError>> {
///     let text = tokio::fs::read_to_string("report.json").await?; // io::Error: 500
///     if text.is_empty() {
///         Err(AmpError::not_found())?; // 404, as the catalog says
///     }
///     Ok(Json(serde_json::from_str(&text)?))
/// }
/// ```
pub struct HandlerError<E> {
    error: Box<dyn std::error::Error + Send + Sync>,
    catalog: PhantomData<fn() -> E>,
}

impl<E, X: Into<Box<dyn std::error::Error + Send + Sync>>> From<X> for HandlerError<E> {
    fn from(error: X) -> Self {
        HandlerError {
            error: error.into(),
            catalog: PhantomData,
        }
    }
}

impl<E> std::fmt::Debug for HandlerError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("HandlerError").field(&self.error).finish()
    }
}

impl<E: CatalogError> IntoResponse for HandlerError<E> {
    fn into_response(self) -> Response {
        match self.error.downcast::<E>() {
            Ok(error) => response(&ErrorResponse::new(*error)),
            Err(other) => {
                let mut chain = other.to_string();
                let mut source = other.source();
                while let Some(cause) = source {
                    chain.push_str(": ");
                    chain.push_str(&cause.to_string());
                    source = cause.source();
                }
                tracing::error!(error = %chain, "handler failed; answered internal_error");
                response(&ErrorResponse::new(internal_error::<E>()))
            }
        }
    }
}

/// A layer that answers a panicking handler with [`internal_error`] (the
/// panic's message goes to the log, never to the client):
/// `.layer(amp_errors::axum::catch_panic::<AmpError>())`, inside
/// [`request_ids`] so that the body carries the request id.
pub fn catch_panic<E: CatalogError>()
-> tower_http::catch_panic::CatchPanicLayer<fn(Box<dyn Any + Send + 'static>) -> Response> {
    tower_http::catch_panic::CatchPanicLayer::custom(panic_response::<E> as fn(_) -> _)
}

fn panic_response<E: CatalogError>(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %message, "handler panicked; answered internal_error");
    response(&ErrorResponse::new(internal_error::<E>()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownError;

    #[test]
    fn request_ids_are_checked_and_made_with_the_prefix() {
        assert!(is_valid_request_id("req_8f3a21c0d9e7"));
        assert!(is_valid_request_id("a.b-c_D"));
        for bad in ["", "has space", "crlf\r\nX: y", "é", &"x".repeat(65)] {
            assert!(!is_valid_request_id(bad), "{bad:?}");
        }
        let id = new_request_id("req_");
        assert_eq!(id.len(), 16);
        assert!(id.starts_with("req_") && is_valid_request_id(&id), "{id}");
        assert_ne!(new_request_id("req_"), new_request_id("req_"));
    }

    #[test]
    fn unserializable_is_an_error_envelope() {
        let parsed: ErrorResponse<UnknownError> = serde_json::from_str(UNSERIALIZABLE).unwrap();
        assert_eq!(parsed.error.code(), "internal_error");
    }
}
