//! Sensitive fields travel on the wire but never reach logs: `Debug` and
//! `Display` (the rendered message included) show a redaction marker.

mod mini {
    amp_errors::amp_errors!("tests/catalogs/snapshot.toml");
}

use mini::MiniError;
use proptest::prelude::*;

fn invalid(field: &str) -> MiniError {
    MiniError::invalid(field).with_request_id("req_7")
}

#[test]
fn the_marker_stands_in_for_the_value() {
    let err = invalid("hunter2");
    assert_eq!(err.to_string(), "Invalid [REDACTED].");
    assert_eq!(
        format!("{err:#}"),
        "invalid: Invalid [REDACTED]. (request_id: req_7)"
    );
    let debug = format!("{err:?}");
    assert!(debug.contains("field: [REDACTED]"), "{debug}");
    assert!(debug.contains("request_id: \"req_7\""), "{debug}");
    assert!(debug.contains("code: \"invalid\""), "{debug}");
    // The wire and `message()` carry the value: the client may need it.
    assert_eq!(err.message(), "Invalid hunter2.");
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["field"], "hunter2");
    assert_eq!(json["message"], "Invalid hunter2.");
}

proptest! {
    #[test]
    fn logs_never_hold_a_sensitive_value(secret in any::<String>(), other in any::<String>()) {
        let err = invalid(&secret);
        // What logs see does not depend on the value at all...
        prop_assert_eq!(format!("{err:?}"), format!("{:?}", invalid(&other)));
        prop_assert_eq!(err.to_string(), invalid(&other).to_string());
        prop_assert_eq!(format!("{err:#}"), format!("{:#}", invalid(&other)));
        // ...while the JSON carries it exactly.
        let json = serde_json::to_value(&err).unwrap();
        prop_assert_eq!(json["field"].as_str(), Some(secret.as_str()));
        let back: MiniError = serde_json::from_value(json).unwrap();
        prop_assert_eq!(back, err);
    }
}

#[test]
#[allow(deprecated)]
fn a_deprecated_code_still_round_trips() {
    let err = MiniError::unavailable();
    let body = serde_json::to_string(&err).unwrap();
    assert_eq!(
        body,
        r#"{"code":"unavailable","message":"Try again later.","doc_url":"https://mini.example/errors#unavailable"}"#
    );
    let back: MiniError = serde_json::from_str(&body).unwrap();
    assert!(matches!(back, MiniError::Unavailable { .. }));
    assert_eq!(
        mini::MiniErrorCode::Unavailable.info().deprecated,
        Some("use `invalid` instead")
    );
}

#[test]
fn sensitive_members_of_named_types_are_redacted_too() {
    let err = mini::MiniErrorCode::Invalid.example();
    let debug = format!("{err:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("value: [REDACTED]"), "{debug}");
    assert!(
        serde_json::to_string(&err)
            .unwrap()
            .contains(r#""value":"hunter2""#)
    );
}
