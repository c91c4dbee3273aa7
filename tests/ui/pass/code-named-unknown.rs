amp_errors::amp_errors!("tests/ui/pass/code-named-unknown.toml");

fn main() {
    // `unknown` is an ordinary code with an ordinary variant.
    let err = ApiError::unknown();
    assert!(matches!(err, ApiError::Unknown { .. }));
    assert_eq!(err.code(), "unknown");
    assert_eq!(err.known_code(), Some(ApiErrorCode::Unknown));
    assert_eq!(err.status_code(), 500);
    let parsed: ApiError = serde_json::from_str(r#"{"code":"unknown","message":"An unknown error occurred"}"#).unwrap();
    assert_eq!(parsed, err);

    // A code the catalog does not know still parses, into the fallback
    // variant, named `Other` by the catalog.
    let other: ApiError = serde_json::from_str(r#"{"code":"brand_new","message":"Something new","retry":3}"#).unwrap();
    assert!(matches!(other, ApiError::Other(_)));
    assert_eq!(other.code(), "brand_new");
    assert_eq!(other.known_code(), None);
    assert_eq!(other.message(), "Something new");
    assert_eq!(
        serde_json::to_value(&other).unwrap(),
        serde_json::json!({"code": "brand_new", "message": "Something new", "retry": 3})
    );
}
