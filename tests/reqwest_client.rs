//! Issue 12, client side over real HTTP (feature `reqwest`): a loopback axum
//! server answers with the catalog's errors; the client parses them and
//! retries only when it should, with the waits the seed prescribes. The
//! sleep and the jitter are injected: nothing here waits.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use amp_api_errors::{AmpError, AmpErrorCode};
use amp_errors::client::{HttpError, RetryBudget};
use amp_errors::reqwest::{Client, Error};
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;

/// How many requests each route has seen.
#[derive(Clone, Default)]
struct Hits(Arc<AtomicUsize>);

impl Hits {
    fn next(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst)
    }
}

/// 503 twice, then 200.
async fn flaky(State(hits): State<Hits>) -> Response {
    if hits.next() < 2 {
        AmpError::service_unavailable().into_response()
    } else {
        "ok".into_response()
    }
}

async fn limited() -> AmpError {
    AmpError::rate_limit_exceeded(45)
}

async fn forbidden() -> AmpError {
    AmpError::forbidden()
}

/// A proxy's HTML 502 once, then 200.
async fn proxy(State(hits): State<Hits>) -> Response {
    if hits.next() < 1 {
        (
            axum::http::StatusCode::BAD_GATEWAY,
            "<html><h1>502 Bad Gateway</h1></html>",
        )
            .into_response()
    } else {
        "ok".into_response()
    }
}

/// internal_error (retryable, but the server may have acted), counted.
async fn broken(State(hits): State<Hits>) -> AmpError {
    hits.next();
    AmpError::internal_error()
}

/// 429 once, then 201, counted.
async fn throttled_once(State(hits): State<Hits>) -> Response {
    if hits.next() < 1 {
        AmpError::rate_limit_exceeded(1).into_response()
    } else {
        (axum::http::StatusCode::CREATED, "created").into_response()
    }
}

async fn serve() -> String {
    serve_with(Hits::default()).await
}

async fn serve_with(hits: Hits) -> String {
    let app = Router::new()
        .route("/flaky", get(flaky))
        .route("/proxy", get(proxy))
        .route("/broken", axum::routing::post(broken).put(broken))
        .route("/throttled", axum::routing::post(throttled_once))
        .with_state(hits)
        .route("/limited", get(limited))
        .route("/forbidden", get(forbidden));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A client whose waits are recorded, not slept, with jitter 0.5.
fn client() -> (Client<AmpError>, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let client = Client::<AmpError>::new(reqwest::Client::new())
        .with_jitter(|| 0.5)
        .with_sleep(move |wait| {
            recorded.lock().unwrap().push(wait);
            Box::pin(async {})
        });
    (client, waits)
}

#[tokio::test]
async fn transient_errors_are_retried_with_the_seeds_backoff() {
    let base = serve().await;
    let (client, waits) = client();
    let response = client
        .send(|http| http.get(format!("{base}/flaky")))
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), "ok");
    // min(1 s * 2^attempt, 30 s), full jitter at 0.5.
    assert_eq!(
        *waits.lock().unwrap(),
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
    // Two retries spent 5 tokens each; the success earned one back.
    assert_eq!(client.budget_tokens(), 500 - 10 + 1);
}

#[tokio::test]
async fn the_servers_delay_is_honoured_then_the_error_is_typed() {
    let base = serve().await;
    let (client, waits) = client();
    let err = client
        .send(|http| http.get(format!("{base}/limited")))
        .await
        .unwrap_err();
    // 3 attempts: 2 waits of the server's 45 s (Retry-After), then the error.
    assert_eq!(*waits.lock().unwrap(), [Duration::from_secs(45); 2]);
    let Error::Http(err) = err else {
        panic!("{err}")
    };
    assert_eq!(err.status(), 429);
    assert_eq!(err.headers().retry_after.as_deref(), Some("45"));
    assert_eq!(
        err.error().and_then(AmpError::known_code),
        Some(AmpErrorCode::RateLimitExceeded)
    );
}

#[tokio::test]
async fn a_request_that_is_not_idempotent_is_retried_only_when_not_processed() {
    // A POST answered 500: the server may have created it; not sent again.
    let hits = Hits::default();
    let base = serve_with(hits.clone()).await;
    let (post, waits) = client();
    let err = post
        .send(|http| http.post(format!("{base}/broken")).body("{}"))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http(e) if e.status() == 500 && e.is_retryable()));
    assert_eq!(hits.0.load(Ordering::SeqCst), 1);
    assert!(waits.lock().unwrap().is_empty());

    // The same POST with an idempotency key, and a PUT: retried, 3 attempts.
    for build in [
        (|http: &reqwest::Client, url: &str| http.post(url).header("Idempotency-Key", "k1"))
            as fn(&reqwest::Client, &str) -> reqwest::RequestBuilder,
        |http, url| http.put(url),
    ] {
        let hits = Hits::default();
        let base = serve_with(hits.clone()).await;
        let (keyed, waits) = client();
        let url = format!("{base}/broken");
        keyed.send(|http| build(http, &url)).await.unwrap_err();
        assert_eq!(hits.0.load(Ordering::SeqCst), 3);
        assert_eq!(waits.lock().unwrap().len(), 2);
    }

    // A POST throttled (429): the server did not act on it, so it is sent again.
    let hits = Hits::default();
    let base = serve_with(hits.clone()).await;
    let (throttled, waits) = client();
    let response = throttled
        .send(|http| http.post(format!("{base}/throttled")).body("{}"))
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(hits.0.load(Ordering::SeqCst), 2);
    assert_eq!(*waits.lock().unwrap(), [Duration::from_secs(1)]);
}

#[tokio::test]
async fn without_a_response_only_what_is_safe_is_retried() {
    // Nothing listens: the request never left, so even a POST is sent again.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let (refused, waits) = client();
    let err = refused
        .send(|http| http.post(format!("http://{port}/missions")).body("{}"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err}");
    assert_eq!(
        *waits.lock().unwrap(),
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
    assert_eq!(refused.budget_tokens(), 500 - 2 * 5);
}

/// A server that accepts connections and never answers.
async fn silent() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    format!("http://{addr}")
}

#[tokio::test(start_paused = true)]
async fn a_timeout_is_retried_for_an_idempotent_request_only() {
    // tokio's clock is paused: the timeouts fire without waiting.
    let base = silent().await;
    let timing_out = || {
        let waits = Arc::new(Mutex::new(Vec::new()));
        let recorded = waits.clone();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let client = Client::<AmpError>::new(http)
            .with_jitter(|| 0.5)
            .with_sleep(move |wait| {
                recorded.lock().unwrap().push(wait);
                Box::pin(async {})
            });
        (client, waits)
    };
    let (get, waits) = timing_out();
    let err = get
        .send(|http| http.get(format!("{base}/slow")))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(e) if e.is_timeout()),
        "{err}"
    );
    assert_eq!(waits.lock().unwrap().len(), 2);
    assert_eq!(get.budget_tokens(), 500 - 2 * 10);

    let (post, waits) = timing_out();
    let err = post
        .send(|http| http.post(format!("{base}/slow")))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(e) if e.is_timeout()),
        "{err}"
    );
    assert!(waits.lock().unwrap().is_empty());
    assert_eq!(post.budget_tokens(), 500);
}

#[tokio::test]
async fn what_is_not_retryable_is_not_retried() {
    let base = serve().await;
    let (client, waits) = client();
    let err = client
        .send(|http| http.get(format!("{base}/forbidden")))
        .await
        .unwrap_err();
    assert!(waits.lock().unwrap().is_empty());
    assert_eq!(
        err.to_string(),
        "HTTP 403: forbidden: API key does not have the required scope for this operation."
    );
}

#[tokio::test]
async fn a_proxys_html_is_classified_by_its_status() {
    let base = serve().await;
    let (client, waits) = client();
    let response = client
        .send(|http| http.get(format!("{base}/proxy")))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(*waits.lock().unwrap(), [Duration::from_millis(500)]);
}

#[tokio::test]
async fn an_empty_budget_stops_retrying() {
    let base = serve().await;
    let (client, waits) = client();
    let client = client.with_budget(RetryBudget::new(5));
    let err = client
        .send(|http| http.get(format!("{base}/flaky")))
        .await
        .unwrap_err();
    // One retry paid for, then the budget is empty: the second 503 is returned.
    assert_eq!(waits.lock().unwrap().len(), 1);
    assert!(matches!(
        err,
        Error::Http(HttpError::Api { status: 503, .. })
    ));
}
