amp_errors::amp_errors!("tests/ui/pass/empty-catalog.toml");

fn main() {
    assert_eq!(ApiErrorCode::ALL.len(), 0);
    assert!("not_found".parse::<ApiErrorCode>().is_err());

    // Every code is unknown, and parses into the fallback variant.
    let text = r#"{"code":"not_found","message":"Not found","request_id":"req_1"}"#;
    let err: ApiError = serde_json::from_str(text).unwrap();
    // The fallback is the only variant: this match needs no other arm.
    match &err {
        ApiError::Unknown(inner) => {
            assert_eq!(inner.code(), "not_found");
            assert_eq!(inner.message(), Some("Not found"));
            assert_eq!(inner.request_id(), Some("req_1"));
        }
    }
    assert_eq!(err.code(), "not_found");
    assert_eq!(err.known_code(), None);
    assert_eq!(err.request_id(), Some("req_1"));
    assert_eq!(serde_json::to_string(&err).unwrap(), text);
}
