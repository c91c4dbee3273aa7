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

/// Serves the routes on an ephemeral loopback port; returns its address.
async fn serve() -> std::net::SocketAddr {
    let app = Router::new()
        .route("/limited", get(rate_limited))
        .route("/missing", get(not_found))
        .route("/fine", get(fine));
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
