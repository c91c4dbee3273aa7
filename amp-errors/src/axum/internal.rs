//! What answers a failure the client must not learn about: a panic, or an
//! arbitrary error returned by a handler.

use std::any::Any;
use std::marker::PhantomData;

use ::axum::response::{IntoResponse, Response};

use super::response;
use crate::{CatalogError, ErrorResponse, HttpFailure, UnknownError};

/// Catalog `E`'s answer to a failure it must not describe (a panic, an
/// arbitrary error): the code of its `[http] internal` entry (else its
/// `internal_error` code) with the catalog's message and nothing else: no
/// detail of the failure reaches the client, and no doc link either (the
/// request id is added by [`super::layer`]). A catalog without such a code
/// answers with the code `internal_error` alone, status 500.
pub fn internal_error<E: CatalogError>() -> E {
    let info = E::CATALOG
        .http_answer(HttpFailure::Internal)
        .or_else(|| E::CATALOG.code("internal_error"));
    let body = match info {
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

/// What answers a panic (the layer's handler type).
pub type PanicHandler = fn(Box<dyn Any + Send + 'static>) -> Response;

/// A layer that answers a panicking handler with [`internal_error`] (the
/// panic's message goes to the log, never to the client). [`super::layer`]
/// includes it; on its own: `.layer(amp_errors::axum::catch_panic::<AmpError>())`,
/// inside [`super::request_ids`] so that the body carries the request id.
pub fn catch_panic<E: CatalogError>() -> tower_http::catch_panic::CatchPanicLayer<PanicHandler> {
    tower_http::catch_panic::CatchPanicLayer::custom(panic_response::<E> as PanicHandler)
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
