//! Errors as axum responses (feature `axum`): a generated error type or an
//! [`ErrorResponse`] returned from a handler answers with its code's status,
//! the catalog's headers, its JSON envelope and `Content-Type:
//! application/json`. No newtype and no impl in user code: the macro emits
//! `IntoResponse` for the generated type when this feature is on.
//!
//! One layer does the rest, [`layer`]: request ids (a well-formed incoming
//! `X-Request-Id`, or a new one with the catalog's prefix, echoed in the
//! response header and written into every error body of the request), the
//! catalog's answers to what fails around a handler (the rejections of this
//! module's [`Json`], [`Query`] and [`Path`] extractors, axum's own plain
//! 404, 405, 413 and 415 answers, a panic: see [`failure`]), so that no
//! answer is plain text:
//!
//! ```ignore
//! use amp_errors::axum::Json;
//!
//! async fn create_mission(Json(new): Json<NewMission>) -> Result<Json<Mission>, AmpError> {
//!     Ok(Json(save(new)?))
//! }
//!
//! let app = Router::new()
//!     .route("/v1/missions", post(create_mission))
//!     .layer(amp_errors::axum::layer::<AmpError>());
//! ```
//!
//! Which code answers which failure is the catalog's `[http]` table (see
//! docs/catalog.md); an arbitrary error returned through `?` answers as
//! `internal_error` with [`HandlerError`].

mod extract;
pub mod failure;
mod internal;
mod layer;
mod request_id;

use std::sync::Arc;

use ::axum::body::Body;
use ::axum::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, StatusCode, header};

use crate::{CatalogError, ErrorResponse};

pub use extract::{Json, Path, Query};
pub use failure::{Failure, Violation};
pub use internal::{HandlerError, PanicHandler, catch_panic, internal_error};
pub use layer::{CatalogLayer, CatalogService, layer, request_ids};
pub use request_id::{
    MAX_REQUEST_ID_LEN, REQUEST_ID_HEADER, RequestId, is_valid_request_id, new_request_id,
};

/// How the layer rewrites an error's body with the request's id: the error,
/// kept by its response, serialized again with the id set (`None` when it
/// has one already).
#[derive(Clone)]
pub(crate) struct Rerender(Arc<RenderWithId>);

/// Serializes an error again with request id `id`.
type RenderWithId = dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync;

impl Rerender {
    fn new(render: impl Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static) -> Self {
        Rerender(Arc::new(render))
    }
}

/// The body written when an error cannot be serialized (never for the
/// generated types; a hand-written `CatalogError` could fail).
const UNSERIALIZABLE: &str =
    r#"{"error":{"code":"internal_error","message":"The error could not be written."}}"#;

/// A JSON response: `status`, `body`, `Content-Type: application/json`, and
/// how to write the body again with a request id.
fn json_response(status: StatusCode, body: Vec<u8>, rerender: Option<Rerender>) -> Response {
    let mut out = Response::new(Body::from(body));
    *out.status_mut() = status;
    out.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(rerender) = rerender {
        out.extensions_mut().insert(rerender);
    }
    out
}

/// The HTTP response of `response`: its error's status, the catalog's
/// headers, the envelope as JSON, `Content-Type: application/json`.
pub fn response<E: CatalogError>(response: &ErrorResponse<E>) -> Response {
    let status = StatusCode::from_u16(response.error.status_code())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let Ok(body) = response.to_vec() else {
        let body = UNSERIALIZABLE.as_bytes().to_vec();
        return json_response(StatusCode::INTERNAL_SERVER_ERROR, body, None);
    };
    // For the layer: the body again, with the request's id (members beside
    // `error` are not kept in this rewrite).
    let rerender = response.error.request_id().is_none().then(|| {
        let error = response.error.clone();
        Rerender::new(move |id: &str| {
            let mut error = error.clone();
            error.set_request_id(id.to_owned());
            ErrorResponse::new(error).to_vec().ok()
        })
    });
    let mut out = json_response(status, body, rerender);
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
