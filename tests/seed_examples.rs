//! The AMP "Errors" page is the contract: its JSON examples, status table and
//! retry rules, checked against the `AmpError` generated from `catalog.toml`.

use amp_api_errors::{AmpError, AmpErrorCategory, AmpErrorCode};
use amp_errors::{CatalogError, ErrorResponse, Object};
use serde_json::Value;

mod seed;

use seed::{SEED, compact};

const DOC_BASE: &str = "https://docs.amp.dev/api/errors";

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// The seed body with the one addition the library makes: `doc_url`, placed
/// where the page's "Error Response Format" puts it (before `request_id`).
fn with_doc_url(seed: &Value, code: &str) -> Value {
    let mut out = serde_json::Map::new();
    let error = seed["error"].as_object().expect("error object");
    let url = Value::String(format!("{DOC_BASE}#{code}"));
    for (key, value) in error {
        if key == "request_id" {
            out.insert("doc_url".into(), url.clone());
        }
        out.insert(key.clone(), value.clone());
    }
    out.entry("doc_url").or_insert(url);
    serde_json::json!({ "error": out })
}

/// The member names of a body's error object, in order (`serde_json::Value`
/// sorts them; `Object` keeps them).
fn keys(body: &str) -> Vec<String> {
    let response: ErrorResponse<Object> = serde_json::from_str(body).expect("error object");
    response
        .error
        .iter()
        .map(|(key, _)| key.to_owned())
        .collect()
}

#[test]
fn every_seed_example_round_trips_exactly() {
    for (code, text) in SEED {
        let parsed: ErrorResponse<AmpError> =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(parsed.error.code(), *code);
        // What was received is written back: the same members, in the same
        // order, and no `doc_url` the page's bodies do not have.
        let again = serde_json::to_string(&parsed).expect("serializes");
        assert_eq!(again, compact(text), "{code}");
        // The library's writer (what the axum integration sends) too.
        let written = parsed.to_vec().expect("serializes");
        assert_eq!(String::from_utf8_lossy(&written), compact(text), "{code}");
    }
}

#[test]
fn the_placeholder_code_is_unknown_and_kept_whole() {
    let text = SEED[0].1;
    let parsed: ErrorResponse<AmpError> = serde_json::from_str(text).unwrap();
    let AmpError::Unknown(unknown) = &parsed.error else {
        panic!("error_code is not in the catalog: {:?}", parsed.error);
    };
    assert_eq!(unknown.code(), "error_code");
    assert_eq!(unknown.message(), Some("Human-readable error message"));
    assert_eq!(unknown.param(), Some("field_name"));
    assert_eq!(unknown.request_id(), Some("req_xxxxxxxxxxxx"));
    assert_eq!(
        parsed.error.doc_url(),
        "https://docs.amp.dev/api/errors#error_code"
    );
    assert_eq!(serde_json::to_string(&parsed).unwrap(), compact(text));
}

#[test]
fn every_catalog_example_is_the_seed_example() {
    for (code, text) in &SEED[1..] {
        let known: AmpErrorCode = code.parse().unwrap_or_else(|e| panic!("{e}"));
        // Built here, the error carries its doc link, where the page's "Error
        // Response Format" puts it: after the fields, before `request_id`.
        let body = serde_json::to_string(&ErrorResponse::new(known.example().unwrap())).unwrap();
        assert_eq!(json(&body), with_doc_url(&json(text), code), "{code}");
        let mut expected = keys(text);
        let at = expected.iter().position(|k| k == "request_id");
        expected.insert(at.unwrap_or(expected.len()), "doc_url".into());
        assert_eq!(keys(&body), expected, "{code}: member order");
    }
    // The page shows no body for `unauthorized`; the catalog's example is its default message.
    let body = serde_json::to_value(AmpErrorCode::Unauthorized.example().unwrap()).unwrap();
    assert_eq!(body["code"], "unauthorized");
    assert_eq!(
        body["doc_url"],
        "https://docs.amp.dev/api/errors#unauthorized"
    );
    assert_eq!(AmpError::examples().len(), 15);
}

#[test]
fn status_category_and_retryability_of_all_fifteen_codes() {
    use AmpErrorCategory::*;
    use http::StatusCode as S;
    // (code, status, category, retryable) — retryable per the page's isRetryable();
    // provider_error follows its instance's `retryable` field (true in the example).
    let table: [(&str, S, AmpErrorCategory, bool); 15] = [
        ("unauthorized", S::UNAUTHORIZED, Authentication, false),
        ("forbidden", S::FORBIDDEN, Authentication, false),
        ("invalid_token", S::UNAUTHORIZED, Authentication, false),
        ("invalid_request", S::BAD_REQUEST, Request, false),
        ("validation_error", S::UNPROCESSABLE_ENTITY, Request, false),
        ("invalid_parameter", S::BAD_REQUEST, Request, false),
        ("not_found", S::NOT_FOUND, Resource, false),
        ("already_exists", S::CONFLICT, Resource, false),
        ("conflict", S::CONFLICT, Resource, false),
        (
            "rate_limit_exceeded",
            S::TOO_MANY_REQUESTS,
            RateLimiting,
            true,
        ),
        (
            "processing_failed",
            S::INTERNAL_SERVER_ERROR,
            Processing,
            false,
        ),
        ("provider_error", S::BAD_GATEWAY, Processing, true),
        ("budget_exceeded", S::PAYMENT_REQUIRED, Processing, false),
        ("internal_error", S::INTERNAL_SERVER_ERROR, Server, true),
        ("service_unavailable", S::SERVICE_UNAVAILABLE, Server, true),
    ];
    let codes: Vec<&str> = AmpErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        codes,
        table.map(|row| row.0),
        "catalog order is the page's order"
    );
    for (code, status, category, retryable) in table {
        let known = AmpErrorCode::from_wire(code).unwrap();
        let example = known.example().unwrap();
        assert_eq!(example.status(), status, "{code}");
        assert_eq!(known.status(), status, "{code}");
        assert_eq!(example.category(), Some(category), "{code}");
        assert_eq!(example.is_retryable(), retryable, "{code}");
        assert_eq!(CatalogError::is_retryable(&example), retryable, "{code}");
        assert_eq!(example.doc_url(), format!("{DOC_BASE}#{code}"), "{code}");
        assert_eq!(known.info().code, code);
    }
    assert_eq!(RateLimiting.as_str(), "Rate Limiting");
}

#[test]
fn provider_error_retryability_follows_its_field() {
    let retry = |body: &str| {
        serde_json::from_str::<AmpError>(body)
            .unwrap()
            .is_retryable()
    };
    assert!(retry(
        r#"{"code":"provider_error","message":"m","retryable":true}"#
    ));
    assert!(!retry(
        r#"{"code":"provider_error","message":"m","retryable":false}"#
    ));
    assert!(
        !retry(r#"{"code":"provider_error","message":"m"}"#),
        "absent: the catalog's default"
    );
}

#[test]
fn code_position_does_not_matter() {
    let code_last = r#"{"message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"limit":300,"current":312,"code":"rate_limit_exceeded"}"#;
    let code_first = r#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"limit":300,"current":312}"#;
    let a: AmpError = serde_json::from_str(code_last).unwrap();
    let b: AmpError = serde_json::from_str(code_first).unwrap();
    assert_eq!(a, b);
    assert!(matches!(
        a,
        AmpError::RateLimitExceeded {
            retry_after: 45,
            limit: Some(300),
            current: Some(312),
            ..
        }
    ));
    // An unknown code that comes last keeps the members in their order.
    let unknown = r#"{"message":"m","extra":[1,2],"code":"brand_new","request_id":"req_1"}"#;
    let parsed: AmpError = serde_json::from_str(unknown).unwrap();
    assert_eq!(serde_json::to_string(&parsed).unwrap(), unknown);
}

#[test]
fn bodies_that_are_not_errors_fail_with_a_clear_message() {
    let missing = serde_json::from_str::<AmpError>(r#"{"message":"no code"}"#).unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("not an error object: expected a JSON object with a string `code` member"),
        "{missing}"
    );
    // A known code missing a required field, or with one of the wrong type,
    // is still an error: the fallback, which knows its code (tests/wire.rs).
    for body in [
        r#"{"code":"rate_limit_exceeded","message":"m"}"#,
        r#"{"code":"rate_limit_exceeded","retry_after":"soon"}"#,
    ] {
        let parsed: AmpError = serde_json::from_str(body).unwrap();
        assert!(matches!(parsed, AmpError::Unknown(_)), "{parsed:?}");
        assert_eq!(parsed.status_code(), 429);
    }
}

#[test]
fn a_changed_known_code_is_kept_whole_with_its_catalog_facts() {
    // A newer server changed `retry_after` to a string: the error is the
    // fallback variant, every member kept, and still a retryable 429.
    let body =
        br#"{"error":{"code":"rate_limit_exceeded","message":"slow down","retry_after":"45s"}}"#;
    let parsed = serde_json::from_slice::<ErrorResponse<AmpError>>(body).unwrap();
    assert_eq!(
        ErrorResponse::<AmpError>::from_slice_lenient(body).unwrap(),
        parsed
    );
    assert!(matches!(parsed.error, AmpError::Unknown(_)));
    assert_eq!(parsed.error.code(), "rate_limit_exceeded");
    assert_eq!(parsed.error.message(), "slow down");
    assert_eq!(
        parsed.error.known_code(),
        Some(AmpErrorCode::RateLimitExceeded)
    );
    assert!(parsed.error.is_retryable());
    assert_eq!(serde_json::to_vec(&parsed).unwrap(), body);
}

#[test]
fn constructors_make_the_common_case_one_line() {
    let err = AmpError::rate_limit_exceeded(45).with_request_id("req_abc");
    assert_eq!(
        err.message(),
        "Rate limit exceeded. Retry after 45 seconds."
    );
    assert_eq!(
        err.to_string(),
        "Rate limit exceeded. Retry after 45 seconds."
    );
    assert_eq!(
        format!("{err:#}"),
        "rate_limit_exceeded: Rate limit exceeded. Retry after 45 seconds. (request_id: req_abc)"
    );
    assert_eq!(
        serde_json::to_string(&err).unwrap(),
        r#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"doc_url":"https://docs.amp.dev/api/errors#rate_limit_exceeded","request_id":"req_abc"}"#
    );
    let err = AmpError::not_found().with_message("Mission not found");
    assert_eq!(err.to_string(), "Mission not found");
    assert_eq!(err.status(), http::StatusCode::NOT_FOUND);
    let invalid = AmpError::invalid_request().with_param("platforms");
    assert_eq!(invalid.param(), Some("platforms"));
}

#[test]
fn the_source_is_kept_for_logs_and_never_serialized() {
    let io = std::io::Error::other("disk on fire");
    let err = AmpError::internal_error().with_source(io);
    let source = std::error::Error::source(&err).expect("source");
    assert_eq!(source.to_string(), "disk on fire");
    let json = serde_json::to_string(&err).unwrap();
    assert!(!json.contains("disk on fire"), "{json}");
    assert!(!err.to_string().contains("disk on fire"));
    assert!(!format!("{err:?}").contains("disk on fire"));
}

#[test]
fn generic_code_works_through_the_trait() {
    fn summary<E: CatalogError>(err: &E) -> String {
        format!(
            "{} {} {} {}",
            err.status_code(),
            err.code(),
            err.is_retryable(),
            err.doc_url()
        )
    }
    assert_eq!(
        summary(&AmpError::service_unavailable()),
        "503 service_unavailable true https://docs.amp.dev/api/errors#service_unavailable"
    );
    assert_eq!(AmpError::CATALOG.codes.len(), 15);
    assert_eq!(AmpError::CATALOG.request_id_prefix, Some("req_"));
}
