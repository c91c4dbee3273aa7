//! Member order is kept without serde_json's `preserve_order` feature, which
//! this crate's build does not have (CI checks it with `cargo tree`).

use amp_errors::ErrorResponse;
use amp_errors_consumer::ApiError;

#[test]
fn object_fields_keep_their_member_order() {
    let body = r#"{"error":{"code":"provider_error","message":"The provider failed.","details":{"zeta":1,"alpha":2,"mid":3},"doc_url":"https://example.com/errors#provider_error"}}"#;
    let parsed: ErrorResponse<ApiError> = serde_json::from_str(body).unwrap();
    assert_eq!(serde_json::to_string(&parsed).unwrap(), body);
}

#[test]
fn unknown_errors_keep_their_member_order() {
    let body = r#"{"error":{"zeta":true,"code":"quota_exceeded","message":"Over quota.","alpha":1}}"#;
    let parsed: ErrorResponse<ApiError> = serde_json::from_str(body).unwrap();
    assert_eq!(parsed.error.code(), "quota_exceeded");
    assert_eq!(serde_json::to_string(&parsed).unwrap(), body);
}

#[test]
fn serde_json_here_really_sorts_its_maps() {
    // The premise of this crate: without `preserve_order`, a plain map sorts.
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(r#"{"zeta":1,"alpha":2}"#).unwrap();
    assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"alpha":2,"zeta":1}"#);
}
