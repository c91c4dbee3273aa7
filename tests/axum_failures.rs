//! Issue 12, server side: what fails around a handler comes out as the
//! catalog's code (its `[http]` table), in the seed's format, never as
//! axum's plain text: bodies that are not JSON or lack a member, members of
//! the wrong type, bad query and path parameters, unknown routes and
//! methods, bodies too large, panics. Over a real loopback socket, through
//! `amp_errors::axum::layer`.

use amp_api_errors::AmpError;
use amp_errors::axum::{Json, Path, Query};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use serde::Deserialize;
use tokio::net::TcpListener;

mod loopback;

use loopback::send;

mod shop {
    amp_errors::amp_errors!("tests/catalogs/shop.toml");
}

#[derive(Deserialize)]
struct NewMission {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    platforms: Vec<String>,
    #[allow(dead_code)]
    owner: Option<Owner>,
}

#[derive(Deserialize)]
struct Owner {
    #[allow(dead_code)]
    email: String,
}

async fn create(Json(_): Json<NewMission>) -> &'static str {
    "created"
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum State {
    Draft,
    Active,
}

#[derive(Deserialize)]
struct Filter {
    #[allow(dead_code)]
    status: State,
    #[allow(dead_code)]
    limit: Option<u32>,
}

async fn list(Query(_): Query<Filter>) -> &'static str {
    "listed"
}

async fn page(Path(n): Path<u32>) -> String {
    n.to_string()
}

async fn panics() -> &'static str {
    panic!("invariant broken: secret detail")
}

/// Axum's own extractor, whose rejection is plain text.
async fn plain(axum::Json(_): axum::Json<NewMission>) -> &'static str {
    "created"
}

fn routes() -> Router {
    Router::new()
        .route("/missions", post(create).layer(DefaultBodyLimit::max(64)))
        .route("/plain", post(plain))
        .route("/list", get(list))
        .route("/pages/{n}", get(page))
        .route("/panic", get(panics))
}

async fn serve(app: Router) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

const JSON: &str = "Content-Type: application/json\r\n";
const DOCS: &str = "https://docs.amp.dev/api/errors";

/// The body AMP's catalog answers with: `code`, `message`, the members in
/// `rest` (JSON text, each with a trailing comma), the doc link, the id.
fn amp(code: &str, message: &str, rest: &str, id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"{code}","message":"{message}",{rest}"doc_url":"{DOCS}#{code}","request_id":"{id}"}}}}"#
    )
}

#[tokio::test]
async fn body_failures_are_the_catalogs_codes() {
    let addr = serve(routes().layer(amp_errors::axum::layer::<AmpError>())).await;

    // A missing member: the seed's own invalid_request example.
    let a = send(addr, "POST", "/missions", JSON, r#"{"name":"Launch week"}"#).await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        amp(
            "invalid_request",
            "The 'platforms' field is required",
            r#""param":"platforms","#,
            a.id()
        )
    );
    // A nested member is named by its path.
    let a = send(
        addr,
        "POST",
        "/missions",
        JSON,
        r#"{"name":"L","platforms":[],"owner":{}}"#,
    )
    .await;
    assert_eq!(
        a.body,
        amp(
            "invalid_request",
            "The 'owner.email' field is required",
            r#""param":"owner.email","#,
            a.id()
        )
    );
    // A member of the wrong type: validation_error, listed in `details`,
    // without the Rust type's name.
    let a = send(
        addr,
        "POST",
        "/missions",
        JSON,
        r#"{"name":"L","platforms":[],"owner":3}"#,
    )
    .await;
    assert_eq!(a.status, 422);
    assert_eq!(
        a.body,
        amp(
            "validation_error",
            "Validation failed",
            r#""details":[{"field":"owner","message":"invalid type: integer `3`, expected an object"}],"#,
            a.id()
        )
    );
    // Not JSON, located.
    let a = send(addr, "POST", "/missions", JSON, r#"{"name": nope}"#).await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        amp(
            "invalid_request",
            "The request body is not valid JSON (line 1, column 11).",
            "",
            a.id()
        )
    );
    // Not declared as JSON.
    let a = send(
        addr,
        "POST",
        "/missions",
        "",
        r#"{"name":"L","platforms":[]}"#,
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        amp(
            "invalid_request",
            "The request body must be JSON, sent with Content-Type: application/json.",
            "",
            a.id()
        )
    );
    // Over the route's body limit (64 bytes).
    let big = format!(r#"{{"name":"{}","platforms":[]}}"#, "x".repeat(100));
    let a = send(addr, "POST", "/missions", JSON, &big).await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        amp(
            "invalid_request",
            "The request body is larger than this server accepts.",
            "",
            a.id()
        )
    );
    // And a body that is fine reaches the handler.
    let a = send(
        addr,
        "POST",
        "/missions",
        JSON,
        r#"{"name":"L","platforms":[]}"#,
    )
    .await;
    assert_eq!((a.status, a.body.as_str()), (200, "created"));
}

#[tokio::test]
async fn parameter_route_and_method_failures_are_the_catalogs_codes() {
    let addr = serve(routes().layer(amp_errors::axum::layer::<AmpError>())).await;

    let a = send(addr, "GET", "/list?status=archived", "", "").await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        amp(
            "invalid_parameter",
            "Invalid value for parameter 'status': unknown variant `archived`, expected `draft` or `active`",
            r#""param":"status","#,
            a.id()
        )
    );
    let a = send(addr, "GET", "/list?status=draft&limit=-1", "", "").await;
    assert_eq!(a.status, 400);
    assert!(a.body.contains(r#""param":"limit""#), "{}", a.body);
    let a = send(addr, "GET", "/list", "", "").await;
    assert_eq!(
        a.body,
        amp(
            "invalid_parameter",
            "The 'status' parameter is required",
            r#""param":"status","#,
            a.id()
        )
    );
    assert_eq!(
        send(addr, "GET", "/list?status=active", "", "").await.body,
        "listed"
    );

    let a = send(addr, "GET", "/pages/two", "", "").await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        amp(
            "invalid_parameter",
            "Invalid value for path parameter 'n'",
            r#""param":"n","#,
            a.id()
        )
    );

    // No such route: the catalog's not_found, with its catalog message.
    let a = send(addr, "GET", "/nowhere", "", "").await;
    assert_eq!(a.status, 404);
    assert_eq!(a.body, amp("not_found", "Resource not found", "", a.id()));

    // A method the path does not take: AMP answers invalid_request (400),
    // and keeps axum's `Allow`.
    let a = send(addr, "DELETE", "/list", "", "").await;
    assert_eq!(a.status, 400);
    assert_eq!(a.header("allow"), Some("GET,HEAD"));
    assert_eq!(
        a.body,
        amp(
            "invalid_request",
            "Method DELETE is not allowed on this path",
            "",
            a.id()
        )
    );
}

#[tokio::test]
async fn axums_own_plain_rejections_are_answered_too() {
    let addr = serve(routes().layer(amp_errors::axum::layer::<AmpError>())).await;
    // axum's Json: 415, 400 and 422 in plain text, which name Rust types.
    for (extra, body, code) in [
        ("", "{}", "invalid_request"),
        (JSON, "{", "invalid_request"),
        (JSON, r#"{"name":"L"}"#, "validation_error"),
    ] {
        let a = send(addr, "POST", "/plain", extra, body).await;
        assert_eq!(
            a.header("content-type"),
            Some("application/json"),
            "{body}: {}",
            a.body
        );
        assert!(
            a.body.contains(&format!(r#""code":"{code}""#)),
            "{}",
            a.body
        );
        assert!(!a.body.contains("NewMission"), "{}", a.body);
        assert!(a.body.contains(a.id()), "{}", a.body);
    }
}

#[tokio::test]
async fn a_panic_under_the_layer_is_internal_error_with_the_id_only() {
    let addr = serve(routes().layer(amp_errors::axum::layer::<AmpError>())).await;
    let a = send(addr, "GET", "/panic", "X-Request-Id: req_mine\r\n", "").await;
    assert_eq!(a.status, 500);
    assert_eq!(a.id(), "req_mine");
    assert_eq!(
        a.body,
        r#"{"error":{"code":"internal_error","message":"An unexpected error occurred. Please try again.","request_id":"req_mine"}}"#
    );
}

#[tokio::test]
async fn a_catalog_without_http_answers_with_the_failures_own_status_and_key() {
    let addr = serve(routes().layer(amp_errors::axum::layer::<shop::ShopError>())).await;
    let a = send(addr, "DELETE", "/list", "", "").await;
    assert_eq!(a.status, 405);
    assert_eq!(
        a.body,
        format!(
            r#"{{"error":{{"code":"method_not_allowed","message":"Method DELETE is not allowed on this path","request_id":"{}"}}}}"#,
            a.id()
        )
    );
    let a = send(addr, "POST", "/missions", JSON, r#"{"name":"L"}"#).await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        format!(
            r#"{{"error":{{"code":"missing_field","message":"The 'platforms' field is required","param":"platforms","request_id":"{}"}}}}"#,
            a.id()
        )
    );
    let a = send(addr, "GET", "/nowhere", "", "").await;
    assert_eq!(a.status, 404);
    assert!(
        a.body.starts_with(r#"{"error":{"code":"no_route","#),
        "{}",
        a.body
    );
}

/// The catalog crate's `[http]` keys and the runtime's `HttpFailure` are two
/// lists (neither crate depends on the other); the generated code maps one to
/// the other by variant name. They must agree, name for name and key for key.
#[test]
fn the_catalogs_http_failures_are_the_runtimes() {
    use amp_errors::HttpFailure as Runtime;
    use amp_errors_catalog::HttpFailure as Catalog;
    let runtime = [
        Runtime::MalformedBody,
        Runtime::UnsupportedMediaType,
        Runtime::MissingField,
        Runtime::InvalidField,
        Runtime::InvalidParameter,
        Runtime::NoRoute,
        Runtime::MethodNotAllowed,
        Runtime::BodyTooLarge,
        Runtime::Internal,
    ];
    assert_eq!(runtime.len(), Catalog::ALL.len());
    for (catalog, runtime) in Catalog::ALL.into_iter().zip(runtime) {
        assert_eq!(format!("{catalog:?}"), format!("{runtime:?}"));
        assert_eq!(catalog.key(), runtime.key());
        assert_eq!(Catalog::from_key(runtime.key()), Some(catalog));
    }
}
