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
    let err = mini::MiniErrorCode::Invalid.example().unwrap();
    let debug = format!("{err:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("value: [REDACTED]"), "{debug}");
    assert!(
        serde_json::to_string(&err)
            .unwrap()
            .contains(r#""value":"hunter2""#)
    );
}

#[test]
fn a_received_message_of_a_sensitive_code_stays_out_of_logs() {
    let body =
        r#"{"code":"invalid","message":"Invalid hunter2.","field":"hunter2","request_id":"req_7"}"#;
    let err: MiniError = serde_json::from_str(body).unwrap();
    assert_eq!(err.to_string(), "Invalid [REDACTED].");
    assert_eq!(
        format!("{err:#}"),
        "invalid: Invalid [REDACTED]. (request_id: req_7)"
    );
    assert_eq!(err.message(), "Invalid [REDACTED].");
    let debug = format!("{err:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    // The server's text is there for whoever asks for it by a name that warns,
    // and goes back on the wire unchanged.
    assert_eq!(err.unredacted_message(), "Invalid hunter2.");
    assert_eq!(serde_json::to_string(&err).unwrap(), body);
}

#[test]
fn a_sensitive_code_missing_a_required_field_is_redacted_in_the_fallback() {
    // `field` is required: without it the error is the fallback, whose
    // message may still quote the value.
    let body = r#"{"code":"invalid","message":"Invalid hunter2.","request_id":"req_7"}"#;
    let err: MiniError = serde_json::from_str(body).unwrap();
    assert!(matches!(err, MiniError::Unknown(_)), "{err:?}");
    assert_eq!(err.to_string(), "Invalid [REDACTED].");
    let debug = format!("{err:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert_eq!(err.status_code(), 422);
    assert_eq!(serde_json::to_string(&err).unwrap(), body);
}
