amp_errors::amp_errors!("tests/ui/pass/code-named-other.toml");

fn main() {
    let err = ApiError::other();
    assert!(matches!(err, ApiError::Other { .. }));
    assert_eq!(err.code(), "other");
    assert_eq!(err.known_code(), Some(ApiErrorCode::Other));
    let parsed: ApiError = serde_json::from_str(r#"{"code":"other","message":"Bad"}"#).unwrap();
    assert!(matches!(parsed, ApiError::Other { .. }));
    assert_eq!(parsed.message(), "Bad");

    // Any code the catalog does not know goes to the fallback variant.
    let unknown: ApiError = serde_json::from_str(r#"{"code":"others","message":"New"}"#).unwrap();
    let ApiError::Unknown(inner) = &unknown else {
        panic!("not the fallback variant: {unknown:?}");
    };
    assert_eq!(inner.code(), "others");
    assert_eq!(inner.message(), Some("New"));
    assert_eq!(unknown.known_code(), None);
}
