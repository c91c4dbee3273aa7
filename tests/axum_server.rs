//! Issue 12, server side (feature `axum`): a generated error type, or an
//! `ErrorResponse`, returned from an axum handler is the seed's response:
//! the code's status, `Content-Type: application/json`, the JSON envelope.
//! No newtype and no impl in user code. Tested over a real loopback socket.

use amp_api_errors::AmpError;
use amp_errors::ErrorResponse;
use axum::Router;
use axum::routing::get;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

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
    let app = Router::new()
        .route("/limited", get(rate_limited))
        .route("/missing", get(not_found))
        .route("/fine", get(fine))
        .route("/unavailable", get(unavailable))
        .route("/injected", get(injected))
        .route("/declined", get(declined));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// One HTTP/1.1 GET: (status, headers in lowercase, body).
async fn get_raw(addr: std::net::SocketAddr, path: &str) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(": "))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
        .collect();
    (status, headers, body.to_owned())
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
