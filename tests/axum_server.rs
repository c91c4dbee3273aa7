//! Issue 12, server side (feature `axum`): a generated error type, or an
//! `ErrorResponse`, returned from an axum handler is the seed's response:
//! the code's status, `Content-Type: application/json`, the JSON envelope.
//! No newtype and no impl in user code. Tested over a real loopback socket.

use amp_api_errors::AmpError;
use amp_errors::ErrorResponse;
use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;

mod loopback;

mod shop {
    amp_errors::amp_errors!("tests/catalogs/shop.toml");
}
use shop::ShopError;

async fn rate_limited() -> Result<&'static str, AmpError> {
    Err(AmpError::rate_limit_exceeded(45).with_request_id("req_8f3a21c0d9e7"))
}

async fn not_found() -> ErrorResponse<AmpError> {
    ErrorResponse::new(
        AmpError::not_found()
            .with_resource_type("mission")
            .with_resource_id("msn_invalid_id")
            .with_message("Mission not found"),
    )
}

async fn fine() -> Result<&'static str, AmpError> {
    Ok("ok")
}

async fn unavailable() -> AmpError {
    AmpError::service_unavailable()
}

/// A string field that fills a header, holding CR/LF.
async fn injected() -> ShopError {
    ShopError::card_declined().with_decline_code("stolen\r\nSet-Cookie: session=evil")
}

async fn declined() -> ShopError {
    ShopError::card_declined().with_decline_code("insufficient_funds")
}

/// Serves the routes on an ephemeral loopback port; returns its address.
async fn serve() -> std::net::SocketAddr {
    serve_app(app()).await
}

/// Serves `app` on an ephemeral loopback port; returns its address.
async fn serve_app(app: Router) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// The test routes.
fn app() -> Router {
    Router::new()
        .route("/limited", get(rate_limited))
        .route("/missing", get(not_found))
        .route("/fine", get(fine))
        .route("/unavailable", get(unavailable))
        .route("/injected", get(injected))
        .route("/declined", get(declined))
}

/// One HTTP/1.1 GET: (status, headers in lowercase, body).
async fn get_raw(addr: std::net::SocketAddr, path: &str) -> (u16, Vec<(String, String)>, String) {
    get_with(addr, path, "").await
}

/// One HTTP/1.1 GET with extra header lines (each ending in CRLF).
async fn get_with(
    addr: std::net::SocketAddr,
    path: &str,
    extra: &str,
) -> (u16, Vec<(String, String)>, String) {
    let answer = loopback::send(addr, "GET", path, extra, "").await;
    (answer.status, answer.headers, answer.body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
}

#[tokio::test]
async fn a_generated_error_is_the_seeds_response() {
    let addr = serve().await;
    let (status, headers, body) = get_raw(addr, "/limited").await;
    assert_eq!(status, 429);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert_eq!(
        body,
        r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"doc_url":"https://docs.amp.dev/api/errors#rate_limit_exceeded","request_id":"req_8f3a21c0d9e7"}}"#
    );
    // What the client reads back is the error the handler returned.
    let parsed: ErrorResponse<AmpError> = serde_json::from_str(&body).unwrap();
    assert_eq!(
        parsed.error,
        AmpError::rate_limit_exceeded(45).with_request_id("req_8f3a21c0d9e7")
    );
    // The catalog's headers, from the fields: `limit` is absent, so no
    // X-RateLimit-Limit.
    assert_eq!(header(&headers, "retry-after"), Some("45"));
    assert_eq!(header(&headers, "x-ratelimit-limit"), None);
}

#[tokio::test]
async fn headers_come_from_the_fields_that_are_present() {
    let addr = serve().await;
    // service_unavailable's retry_after is optional and absent: no header.
    let (status, headers, _) = get_raw(addr, "/unavailable").await;
    assert_eq!(status, 503);
    assert_eq!(header(&headers, "retry-after"), None);
    let (status, headers, _) = get_raw(addr, "/declined").await;
    assert_eq!(status, 402);
    assert_eq!(
        header(&headers, "x-decline-code"),
        Some("insufficient_funds")
    );
}

#[tokio::test]
async fn a_field_cannot_inject_a_header() {
    let addr = serve().await;
    let (status, headers, body) = get_raw(addr, "/injected").await;
    assert_eq!(status, 402);
    // The value with CR/LF is not written as a header at all...
    assert_eq!(header(&headers, "x-decline-code"), None);
    assert_eq!(header(&headers, "set-cookie"), None);
    // ...and stays in the JSON body, escaped.
    assert!(
        body.contains(r#""decline_code":"stolen\r\nSet-Cookie: session=evil""#),
        "{body}"
    );
}

#[tokio::test]
async fn an_error_response_is_the_seeds_response_too() {
    let addr = serve().await;
    let (status, headers, body) = get_raw(addr, "/missing").await;
    assert_eq!(status, 404);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert_eq!(
        body,
        r#"{"error":{"code":"not_found","message":"Mission not found","resource_type":"mission","resource_id":"msn_invalid_id","doc_url":"https://docs.amp.dev/api/errors#not_found"}}"#
    );
    let (status, _, body) = get_raw(addr, "/fine").await;
    assert_eq!((status, body.as_str()), (200, "ok"));
}

/// The id a handler sees, as the error it returns has none of its own.
async fn whoami(axum::Extension(id): axum::Extension<amp_errors::axum::RequestId>) -> AmpError {
    assert!(id.0.starts_with("req_") || id.0 == "client.id-7");
    AmpError::internal_error()
}

#[tokio::test]
async fn every_error_of_a_request_carries_its_id() {
    let app = app()
        .route("/whoami", get(whoami))
        .layer(axum::middleware::from_fn(
            amp_errors::axum::request_ids::<AmpError>,
        ));
    let addr = serve_app(app).await;
    let body_id = |body: &str| {
        let parsed: ErrorResponse<AmpError> = serde_json::from_str(body).unwrap();
        parsed.error.request_id().map(str::to_owned)
    };

    // None sent: one is made with the catalog's prefix, `req_` + 12 characters.
    let (status, headers, body) = get_raw(addr, "/unavailable").await;
    assert_eq!(status, 503);
    let id = header(&headers, "x-request-id").unwrap().to_owned();
    assert!(id.starts_with("req_") && id.len() == 16, "{id}");
    assert_eq!(body_id(&body).as_deref(), Some(id.as_str()));

    // A well-formed one is kept, in the header and the body.
    let (_, headers, body) = get_with(addr, "/whoami", "X-Request-Id: client.id-7\r\n").await;
    assert_eq!(header(&headers, "x-request-id"), Some("client.id-7"));
    assert_eq!(body_id(&body).as_deref(), Some("client.id-7"));

    // A malformed or overlong one is replaced.
    for sent in ["has space", &"x".repeat(65)] {
        let (_, headers, body) =
            get_with(addr, "/unavailable", &format!("X-Request-Id: {sent}\r\n")).await;
        let id = header(&headers, "x-request-id").unwrap();
        assert!(id.starts_with("req_") && id.len() == 16, "{sent}: {id}");
        assert_eq!(body_id(&body).as_deref(), Some(id));
    }

    // Two requests, two ids.
    let (_, first, _) = get_raw(addr, "/unavailable").await;
    let (_, second, _) = get_raw(addr, "/unavailable").await;
    assert_ne!(
        header(&first, "x-request-id"),
        header(&second, "x-request-id")
    );

    // An error that has its own id keeps it in the body.
    let (_, _, body) = get_raw(addr, "/limited").await;
    assert_eq!(body_id(&body).as_deref(), Some("req_8f3a21c0d9e7"));

    // A success gets the header too.
    let (status, headers, _) = get_raw(addr, "/fine").await;
    assert_eq!(status, 200);
    assert!(header(&headers, "x-request-id").is_some());
}

async fn io_failure() -> Result<&'static str, amp_errors::axum::HandlerError<AmpError>> {
    let source = std::io::Error::other("disk on fire: /var/secret/path");
    Err(source)?
}

async fn catalog_failure() -> Result<&'static str, amp_errors::axum::HandlerError<AmpError>> {
    Err(AmpError::forbidden())?
}

async fn panics() -> &'static str {
    panic!("invariant broken: secret detail")
}

#[tokio::test]
async fn failures_answer_internal_error_without_their_detail() {
    let app = Router::new()
        .route("/io", get(io_failure))
        .route("/catalog", get(catalog_failure))
        .route("/panic", get(panics))
        .layer(amp_errors::axum::catch_panic::<AmpError>())
        .layer(axum::middleware::from_fn(
            amp_errors::axum::request_ids::<AmpError>,
        ));
    let addr = serve_app(app).await;
    for path in ["/io", "/panic"] {
        let (status, headers, body) = get_raw(addr, path).await;
        assert_eq!(status, 500, "{path}");
        let id = header(&headers, "x-request-id").unwrap();
        // The message and the request id, nothing of the failure.
        assert_eq!(
            body,
            format!(
                r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred. Please try again.","request_id":"{id}"}}}}"#
            ),
            "{path}"
        );
        assert!(!body.contains("secret"));
    }
    // A catalog error through `?` answers as itself.
    let (status, _, body) = get_raw(addr, "/catalog").await;
    assert_eq!(status, 403);
    assert!(body.contains(r#""code":"forbidden""#), "{body}");
}
