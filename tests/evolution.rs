//! Catalogs evolve: a client built against v1 must read a v2 server's errors.

mod v1 {
    amp_errors::amp_errors!("tests/catalogs/v1.toml");
}
mod v2 {
    amp_errors::amp_errors!("tests/catalogs/v2.toml");
}

use amp_errors::ErrorResponse;
use v1::V1Error;
use v2::{V2Error, V2ErrorCode};

#[test]
fn a_v2_error_read_by_a_v1_client_keeps_every_member() {
    let sent = ErrorResponse::new(
        V2ErrorCode::QuotaExceeded
            .example()
            .unwrap()
            .with_param("plan"),
    );
    let body = serde_json::to_string(&sent).unwrap();
    let read: ErrorResponse<V1Error> = serde_json::from_str(&body).unwrap();

    let V1Error::Unknown(unknown) = &read.error else {
        panic!("quota_exceeded is not in v1: {:?}", read.error);
    };
    assert_eq!(unknown.code(), "quota_exceeded");
    assert_eq!(unknown.message(), Some("Quota of 1000 requests exceeded."));
    assert_eq!(unknown.request_id(), Some("req_42"));
    assert_eq!(unknown.param(), Some("plan"));
    // Members are kept as their received text.
    let text = |name| unknown.field(name).map(amp_errors::RawJson::get);
    assert_eq!(text("limit"), Some("1000"));
    assert_eq!(text("plan"), Some(r#""free""#));
    assert_eq!(text("tags"), Some(r#"["a","b"]"#));
    assert_eq!(
        unknown.field("tags").unwrap().to_value(),
        serde_json::json!(["a", "b"])
    );
    assert_eq!(unknown.field("missing"), None);
    assert_eq!(
        read.error.doc_url(),
        "https://api.example/errors#quota_exceeded"
    );
    assert_eq!(read.error.request_id(), Some("req_42"));

    // Back on the wire: the same JSON, member for member.
    let again: serde_json::Value = serde_json::to_value(&read).unwrap();
    let original: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(again, original);
    assert_eq!(serde_json::to_string(&read).unwrap(), body);

    // And the v2 client reads the same body as its own variant.
    let typed: V2Error = serde_json::from_value(original["error"].clone()).unwrap();
    assert!(matches!(typed, V2Error::QuotaExceeded { limit: 1000, .. }));
}

#[test]
fn codes_both_versions_know_parse_the_same() {
    let body = serde_json::to_string(&V2Error::not_found()).unwrap();
    let read: V1Error = serde_json::from_str(&body).unwrap();
    assert!(matches!(read, V1Error::NotFound { .. }));
    assert_eq!(serde_json::to_string(&read).unwrap(), body);
}

#[test]
fn a_retired_code_on_the_wire_parses_as_unknown() {
    let body = r#"{"code":"old_quota","message":"Over quota","limit":10}"#;
    let read: V2Error = serde_json::from_str(body).unwrap();
    assert!(read.known_code().is_none(), "{read:?}");
    assert_eq!(read.code(), "old_quota");
    assert_eq!(serde_json::to_string(&read).unwrap(), body);
    assert_eq!(V2Error::CATALOG.retired, ["legacy_failure", "old_quota"]);
    assert!("old_quota".parse::<V2ErrorCode>().is_err());
}

#[test]
fn unknown_errors_show_code_and_message_in_logs() {
    let read: V1Error = serde_json::from_str(
        r#"{"code":"brand_new","message":"Something new","request_id":"req_9"}"#,
    )
    .unwrap();
    assert_eq!(read.to_string(), "Something new");
    assert_eq!(
        format!("{read:#}"),
        "brand_new: Something new (request_id: req_9)"
    );
    assert_eq!(read.status_code(), 500);
    assert!(!read.is_retryable());
    assert!(read.category().is_none());
}
