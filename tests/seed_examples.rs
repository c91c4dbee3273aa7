//! The AMP "Errors" page is the contract: its JSON examples, status table and
//! retry rules, checked against the `AmpError` generated from `catalog.toml`.

use amp_api_errors::{AmpError, AmpErrorCategory, AmpErrorCode};
use amp_errors::{CatalogError, ErrorResponse};
use serde_json::Value;

/// Every JSON example of the page, by code (`tests/seed/*.json`).
const SEED: &[(&str, &str)] = &[
    ("error_code", include_str!("seed/error_code.json")),
    ("forbidden", include_str!("seed/forbidden.json")),
    ("invalid_token", include_str!("seed/invalid_token.json")),
    ("invalid_request", include_str!("seed/invalid_request.json")),
    (
        "validation_error",
        include_str!("seed/validation_error.json"),
    ),
    (
        "invalid_parameter",
        include_str!("seed/invalid_parameter.json"),
    ),
    ("not_found", include_str!("seed/not_found.json")),
    ("already_exists", include_str!("seed/already_exists.json")),
    ("conflict", include_str!("seed/conflict.json")),
    (
        "rate_limit_exceeded",
        include_str!("seed/rate_limit_exceeded.json"),
    ),
    (
        "processing_failed",
        include_str!("seed/processing_failed.json"),
    ),
    ("provider_error", include_str!("seed/provider_error.json")),
    ("budget_exceeded", include_str!("seed/budget_exceeded.json")),
    ("internal_error", include_str!("seed/internal_error.json")),
    (
        "service_unavailable",
        include_str!("seed/service_unavailable.json"),
    ),
];

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

fn keys(body: &Value) -> Vec<String> {
    body["error"]
        .as_object()
        .expect("error object")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_seed_example_round_trips_exactly() {
    for (code, text) in SEED {
        let seed = json(text);
        let parsed: ErrorResponse<AmpError> =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(parsed.error.code(), *code);
        let again = serde_json::to_value(&parsed).expect("serializes");
        let expected = if *code == "error_code" {
            // The placeholder is no code of the catalog: kept whole, unchanged.
            seed.clone()
        } else {
            with_doc_url(&seed, code)
        };
        assert_eq!(again, expected, "{code}");
        assert_eq!(keys(&again), keys(&expected), "{code}: member order");
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
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        serde_json::to_string(&json(text)).unwrap()
    );
}

#[test]
fn every_catalog_example_is_the_seed_example() {
    for (code, text) in &SEED[1..] {
        let known: AmpErrorCode = code.parse().unwrap_or_else(|e| panic!("{e}"));
        let body = serde_json::to_string(&ErrorResponse::new(known.example())).unwrap();
        let expected = serde_json::to_string(&with_doc_url(&json(text), code)).unwrap();
        assert_eq!(body, expected, "{code}");
    }
    // The page shows no body for `unauthorized`; the catalog's example is its default message.
    let body = serde_json::to_value(AmpErrorCode::Unauthorized.example()).unwrap();
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
        let example = known.example();
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
        missing.to_string().contains("missing field `code`"),
        "{missing}"
    );
    let required =
        serde_json::from_str::<AmpError>(r#"{"code":"rate_limit_exceeded","message":"m"}"#)
            .unwrap_err();
    assert!(
        required.to_string().contains("missing field `retry_after`"),
        "{required}"
    );
    let typed =
        serde_json::from_str::<AmpError>(r#"{"code":"rate_limit_exceeded","retry_after":"soon"}"#)
            .unwrap_err();
    assert!(typed.to_string().contains("invalid type"), "{typed}");
}

#[test]
fn lenient_parsing_keeps_a_changed_known_code_whole() {
    // A newer server changed `retry_after` to a string: strict parsing fails,
    // lenient parsing keeps the error as the fallback variant.
    let body =
        br#"{"error":{"code":"rate_limit_exceeded","message":"slow down","retry_after":"45s"}}"#;
    assert!(serde_json::from_slice::<ErrorResponse<AmpError>>(body).is_err());
    let lenient = ErrorResponse::<AmpError>::from_slice_lenient(body).unwrap();
    assert_eq!(lenient.error.code(), "rate_limit_exceeded");
    assert_eq!(lenient.error.message(), "slow down");
    assert!(lenient.error.known_code().is_none());
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
