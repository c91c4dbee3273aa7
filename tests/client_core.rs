//! Issue 12, client side, the part independent of any HTTP library (feature
//! `client`): a non-2xx response as a typed error, and the seed's retry
//! strategy with full jitter, the server's delay and a budget. Time and
//! randomness are injected: every wait is checked without sleeping.

use std::time::{Duration, SystemTime};

use amp_api_errors::{AmpError, AmpErrorCode};
use amp_errors::client::{HttpError, RetryBudget, RetryPolicy};

fn error(status: u16, headers: &[(&str, &str)], body: &str) -> HttpError<AmpError> {
    HttpError::from_response(status, headers.iter().copied(), body.as_bytes())
}

const LIMITED: &str = r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"limit":300,"current":312}}"#;

/// A fixed point in time (2026-11-25 10:00:00 UTC).
fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_860_000)
}

#[test]
fn an_envelope_is_typed_with_the_real_status_and_headers() {
    let err = error(
        429,
        &[
            ("Retry-After", "45"),
            ("x-request-id", "req_1"),
            ("X-RateLimit-Limit", "300"),
        ],
        LIMITED,
    );
    assert_eq!(err.status(), 429);
    assert_eq!(err.headers().request_id.as_deref(), Some("req_1"));
    assert_eq!(err.headers().rate_limit_limit.as_deref(), Some("300"));
    assert_eq!(
        err.error().and_then(AmpError::known_code),
        Some(AmpErrorCode::RateLimitExceeded)
    );
    assert!(err.is_retryable());
    assert_eq!(
        err.to_string(),
        "HTTP 429: rate_limit_exceeded: Rate limit exceeded. Retry after 45 seconds."
    );
    // An unknown code keeps the response's real status.
    let unknown = error(
        418,
        &[],
        r#"{"error":{"code":"teapot","message":"short and stout"}}"#,
    );
    assert_eq!(unknown.status(), 418);
    assert!(!unknown.is_retryable());
}

#[test]
fn a_body_that_is_no_envelope_is_classified_by_status() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let err = error(502, &[], html);
    assert!(matches!(err, HttpError::NotAnEnvelope { .. }));
    assert!(err.is_retryable());
    assert_eq!(
        err.to_string(),
        format!("HTTP 502, not an error envelope: {html:?}")
    );
    for (status, retryable) in [
        (429, true),
        (503, true),
        (504, true),
        (500, false),
        (404, false),
    ] {
        assert_eq!(error(status, &[], "").is_retryable(), retryable, "{status}");
    }
    // Only the start of a long body is kept, and a body over the limit is not parsed.
    let long = format!(
        "{LIMITED}{}",
        " ".repeat(amp_errors::client::MAX_ERROR_BODY)
    );
    let HttpError::NotAnEnvelope { body_start, .. } = error(429, &[], &long) else {
        panic!("an oversized body is not parsed");
    };
    assert_eq!(body_start.len(), amp_errors::client::BODY_START);
}

#[test]
fn retry_after_is_read_as_seconds_or_an_http_date() {
    let seconds = error(503, &[("Retry-After", "30")], "");
    assert_eq!(seconds.server_delay(now()), Some(Duration::from_secs(30)));
    let date = httpdate::fmt_http_date(now() + Duration::from_secs(120));
    let dated = error(503, &[("retry-after", &date)], "");
    assert_eq!(dated.server_delay(now()), Some(Duration::from_secs(120)));
    let past = error(503, &[("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")], "");
    assert_eq!(past.server_delay(now()), Some(Duration::ZERO));
    // No header: the body's retry_after (the catalog's Retry-After field).
    assert_eq!(
        error(429, &[], LIMITED).server_delay(now()),
        Some(Duration::from_secs(45))
    );
    assert_eq!(
        error(503, &[("Retry-After", "soon")], "").server_delay(now()),
        None
    );
}

#[test]
fn the_seeds_strategy_with_full_jitter() {
    let policy = RetryPolicy::default();
    // min(1000 ms * 2^attempt, 30 s)
    assert_eq!(policy.backoff(0), Duration::from_secs(1));
    assert_eq!(policy.backoff(1), Duration::from_secs(2));
    assert_eq!(policy.backoff(4), Duration::from_secs(16));
    assert_eq!(policy.backoff(5), Duration::from_secs(30));
    assert_eq!(policy.backoff(60), Duration::from_secs(30));

    let unavailable = error(
        503,
        &[],
        r#"{"error":{"code":"service_unavailable","message":"m"}}"#,
    );
    let mut half = || 0.5;
    // Up to 3 attempts: 2 retries, waiting half the backoff with this jitter.
    assert_eq!(
        policy.delay(&unavailable, 0, now(), &mut half),
        Some(Duration::from_millis(500))
    );
    assert_eq!(
        policy.delay(&unavailable, 1, now(), &mut half),
        Some(Duration::from_secs(1))
    );
    assert_eq!(policy.delay(&unavailable, 2, now(), &mut half), None);
    // Full jitter: anywhere in [0, backoff).
    let mut zero = || 0.0;
    assert_eq!(
        policy.delay(&unavailable, 1, now(), &mut zero),
        Some(Duration::ZERO)
    );
    // Not retryable: never.
    let forbidden = error(403, &[], r#"{"error":{"code":"forbidden","message":"m"}}"#);
    assert_eq!(policy.delay(&forbidden, 0, now(), &mut half), None);
}

#[test]
fn the_servers_delay_is_honoured_and_clamped() {
    let policy = RetryPolicy::default();
    let mut half = || 0.5;
    // The server's 45 s beats the jittered backoff.
    assert_eq!(
        policy.delay(&error(429, &[], LIMITED), 0, now(), &mut half),
        Some(Duration::from_secs(45))
    );
    // "Retry in an hour" is more than the client waits: no retry.
    let hour = error(429, &[("Retry-After", "3600")], LIMITED);
    assert_eq!(policy.delay(&hour, 0, now(), &mut half), None);
}

#[test]
fn the_budget_stops_retries_in_an_outage() {
    let mut budget = RetryBudget::new(12);
    assert!(budget.try_spend());
    assert!(budget.try_spend());
    assert!(!budget.try_spend(), "2 tokens left, a retry costs 5");
    assert_eq!(budget.tokens(), 2);
    for _ in 0..20 {
        budget.refund();
    }
    assert_eq!(budget.tokens(), 12, "refunds stop at the capacity");
    assert_eq!(RetryBudget::default().tokens(), 500);
}
