//! The layer of a catalog's API: request ids, the catalog's answers to the
//! failures around handlers, and panics answered as `internal_error`.

use std::convert::Infallible;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::axum::body::Body;
use ::axum::extract::Request;
use ::axum::middleware::Next;
use ::axum::response::Response;
use bytes::Bytes;
use http::{HeaderValue, Method, header};
use tower_http::catch_panic::CatchPanic;
use tower_layer::Layer;
use tower_service::Service;

use super::failure::{Failure, plain_failure};
use super::internal::PanicHandler;
use super::request_id::{REQUEST_ID_HEADER, RequestId, request_id_of};
use super::{Rerender, catch_panic};
use crate::CatalogError;

/// The layer of an API whose errors come from catalog `E`:
/// `.layer(amp_errors::axum::layer::<AmpError>())`, the outermost layer
/// (or inside only layers that do not answer requests themselves). For every
/// request it
/// - gives the request an id: a well-formed incoming `X-Request-Id`
///   ([`super::is_valid_request_id`]) or a new one with `E`'s prefix
///   (`req_` when the catalog sets none), as the [`RequestId`] extension;
///   echoes it as the `X-Request-Id` response header, and writes it into the
///   body of an error of that request that has none;
/// - answers a [`Failure`] (the rejection of this module's extractors) with
///   the code `E`'s `[http]` table names, and so axum's own plain answers:
///   the router's empty 404 and 405 (the `Allow` header is kept), and the
///   plain-text 400, 413, 415 and 422 of axum's extractors (their text is not
///   sent: it names Rust types);
/// - answers a panic with [`super::internal_error`] (the panic's message
///   goes to the log, never to the client).
pub fn layer<E: CatalogError>() -> CatalogLayer<E> {
    CatalogLayer {
        catalog: PhantomData,
    }
}

/// The layer [`layer`] returns.
pub struct CatalogLayer<E> {
    catalog: PhantomData<fn() -> E>,
}

impl<E> Clone for CatalogLayer<E> {
    fn clone(&self) -> Self {
        CatalogLayer {
            catalog: PhantomData,
        }
    }
}

impl<E> std::fmt::Debug for CatalogLayer<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CatalogLayer")
    }
}

impl<S, E: CatalogError> Layer<S> for CatalogLayer<E> {
    type Service = CatalogService<CatchPanic<S, PanicHandler>, E>;

    fn layer(&self, inner: S) -> Self::Service {
        CatalogService {
            inner: catch_panic::<E>().layer(inner),
            catalog: PhantomData,
        }
    }
}

/// The service of [`CatalogLayer`].
pub struct CatalogService<S, E> {
    inner: S,
    catalog: PhantomData<fn() -> E>,
}

impl<S: Clone, E> Clone for CatalogService<S, E> {
    fn clone(&self) -> Self {
        CatalogService {
            inner: self.inner.clone(),
            catalog: PhantomData,
        }
    }
}

impl<S, E> std::fmt::Debug for CatalogService<S, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CatalogService")
    }
}

/// The future of [`CatalogService`].
type Answer = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl<S, B, E> Service<Request> for CatalogService<S, E>
where
    S: Service<Request, Response = http::Response<B>, Error = Infallible>,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    E: CatalogError,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Answer {
        let (id, method) = start::<E>(&mut request);
        let answer = self.inner.call(request);
        Box::pin(async move {
            let response = answer.await?.map(Body::new);
            Ok(finish::<E>(response, &id, &method))
        })
    }
}

/// The request-id part of [`layer`] as a middleware function, for a stack
/// that places [`super::catch_panic`] itself:
/// `.layer(axum::middleware::from_fn(amp_errors::axum::request_ids::<AmpError>))`.
/// It answers failures as [`layer`] does.
pub async fn request_ids<E: CatalogError>(mut request: Request, next: Next) -> Response {
    let (id, method) = start::<E>(&mut request);
    let response = next.run(request).await;
    finish::<E>(response, &id, &method)
}

/// The request's id (set as its [`RequestId`] extension) and method.
fn start<E: CatalogError>(request: &mut Request) -> (String, Method) {
    let prefix = E::CATALOG.request_id_prefix.unwrap_or("req_");
    let id = request_id_of(request.headers(), prefix);
    request.extensions_mut().insert(RequestId(id.clone()));
    (id, request.method().clone())
}

/// The response of a request with id `id` and method `method`: failures
/// answered with catalog `E`'s codes, the id in the error body and header.
fn finish<E: CatalogError>(mut response: Response, id: &str, method: &Method) -> Response {
    let failure = response
        .extensions_mut()
        .remove::<Failure>()
        .or_else(|| plain_failure(&response, method));
    if let Some(failure) = failure {
        let allow = response.headers().get(header::ALLOW).cloned();
        response = failure.response_for::<E>();
        if let Some(allow) = allow {
            response.headers_mut().insert(header::ALLOW, allow);
        }
    }
    if let Some(rerender) = response.extensions_mut().remove::<Rerender>()
        && let Some(body) = (rerender.0)(id)
    {
        *response.body_mut() = Body::from(body);
    }
    if let Ok(value) = HeaderValue::from_str(id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}
