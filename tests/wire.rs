//! The client never loses an error: tolerant, lossless parsing of AMP's bodies
//! (issue "tolerant, lossless and safe wire handling").
//!
//! Every body here is a mutation of the seed's 429 example. The rules: a body
//! that is an error envelope always parses; what was received is written
//! back unchanged; a known code keeps its catalog facts even when its object
//! is incomplete.

use amp_api_errors::{AmpError, AmpErrorCategory, AmpErrorCode};
use amp_errors::{ErrorResponse, RawJson};

/// Parses a whole body.
fn parse(body: &str) -> ErrorResponse<AmpError> {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"))
}

/// Parses `body` and checks that serializing gives back exactly `body`
/// (compact JSON), and that parsing that again gives the same error.
fn round_trip(body: &str) -> ErrorResponse<AmpError> {
    let parsed = parse(body);
    let written = serde_json::to_string(&parsed).unwrap();
    assert_eq!(written, body, "written back differently");
    assert_eq!(parse(&written), parsed, "not idempotent");
    parsed
}

/// What `validate()` finds in `response`, as text (none: a failed test).
fn mismatches(response: &ErrorResponse<AmpError>) -> Vec<String> {
    let found = response.validate().expect_err("mismatches");
    found.iter().map(ToString::to_string).collect()
}

const SEED_429: &str = r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"limit":300,"current":312}}"#;

#[test]
fn the_seed_body_round_trips() {
    let response = round_trip(SEED_429);
    let AmpError::RateLimitExceeded {
        retry_after, limit, ..
    } = response.error
    else {
        panic!("{:?}", response.error)
    };
    assert_eq!((retry_after, limit), (45, Some(300)));
}

#[test]
fn a_wrong_typed_optional_field_is_none_and_kept() {
    let body = r#"{"error":{"code":"rate_limit_exceeded","message":"m","retry_after":45,"limit":"300","current":null}}"#;
    let response = round_trip(body);
    let error = &response.error;
    let AmpError::RateLimitExceeded {
        retry_after,
        limit,
        current,
        meta,
        ..
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*retry_after, *limit, *current), (45, None, None));
    assert_eq!(
        meta.received_member("limit").map(RawJson::get),
        Some(r#""300""#)
    );
    assert_eq!(
        meta.received_member("current").map(RawJson::get),
        Some("null")
    );
    assert_eq!(error.status_code(), 429);
    assert!(error.is_retryable());
}

#[test]
fn a_missing_or_invalid_required_field_gives_the_fallback_with_the_catalog_facts() {
    for body in [
        r#"{"error":{"code":"rate_limit_exceeded","message":"slow down","limit":300}}"#,
        r#"{"error":{"code":"rate_limit_exceeded","message":"slow down","retry_after":"45","limit":300}}"#,
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":null,"request_id":"req_1"}}"#,
    ] {
        let response = round_trip(body);
        let error = &response.error;
        assert!(matches!(error, AmpError::Unknown(_)), "{error:?}");
        assert_eq!(error.code(), "rate_limit_exceeded");
        assert_eq!(error.known_code(), Some(AmpErrorCode::RateLimitExceeded));
        assert_eq!(error.status_code(), 429, "{body}");
        assert_eq!(error.category(), Some(AmpErrorCategory::RateLimiting));
        assert!(error.is_retryable());
        assert_eq!(
            error.doc_url(),
            "https://docs.amp.dev/api/errors#rate_limit_exceeded"
        );
    }
}

#[test]
fn an_absent_message_is_rendered_but_never_invented_on_the_wire() {
    let body = r#"{"error":{"code":"rate_limit_exceeded","retry_after":45}}"#;
    let response = round_trip(body);
    assert_eq!(
        response.error.message(),
        "Rate limit exceeded. Retry after 45 seconds."
    );
    assert_eq!(
        response.error.to_string(),
        "Rate limit exceeded. Retry after 45 seconds."
    );
}

#[test]
fn a_received_message_goes_back_as_received_whether_or_not_it_is_the_template() {
    // The template rendered from the fields (not stored: it is rendered
    // again), the server's own words, the template written with escapes (a
    // string goes back with JSON's own escapes), and repeats (the last
    // wins): each message is the one received, and goes back as that text.
    for (body, message) in [
        (SEED_429, "Rate limit exceeded. Retry after 45 seconds."),
        (
            r#"{"error":{"code":"rate_limit_exceeded","message":"Slow down: 45 s.","retry_after":45}}"#,
            "Slow down: 45 s.",
        ),
        (
            r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds\u002e","retry_after":45}}"#,
            "Rate limit exceeded. Retry after 45 seconds.",
        ),
        (
            r#"{"error":{"code":"rate_limit_exceeded","message":"first","retry_after":45,"message":"Rate limit exceeded. Retry after 45 seconds."}}"#,
            "Rate limit exceeded. Retry after 45 seconds.",
        ),
        (
            r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 45 seconds.","retry_after":45,"message":"second"}}"#,
            "second",
        ),
    ] {
        let parsed = parse(body);
        assert_eq!(parsed.error.unredacted_message(), message, "{body}");
        let written = serde_json::to_string(&parsed).unwrap();
        assert_eq!(parse(&written), parsed, "{body}");
        let sent: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(sent["error"]["message"], message, "{body}");
    }
    round_trip(SEED_429);
    round_trip(
        r#"{"error":{"code":"rate_limit_exceeded","message":"Slow down: 45 s.","retry_after":45}}"#,
    );
    // A message that was the template follows the fields set after parsing,
    // as the message of an error built here does; the server's own words do not.
    let mut response = parse(SEED_429);
    if let AmpError::RateLimitExceeded { retry_after, .. } = &mut response.error {
        *retry_after = 60;
    }
    assert_eq!(
        response.error.message(),
        "Rate limit exceeded. Retry after 60 seconds."
    );
    let mut response = parse(
        r#"{"error":{"code":"rate_limit_exceeded","message":"Slow down: 45 s.","retry_after":45}}"#,
    );
    if let AmpError::RateLimitExceeded { retry_after, .. } = &mut response.error {
        *retry_after = 60;
    }
    assert_eq!(response.error.message(), "Slow down: 45 s.");
}

#[test]
fn members_keep_their_order_and_unknown_members_their_text() {
    for body in [
        // `code` last, as some servers write it.
        r#"{"error":{"retry_after":45,"message":"m","code":"rate_limit_exceeded"}}"#,
        // A newer server's members, numbers as written.
        r#"{"error":{"code":"rate_limit_exceeded","window":"1m","retry_after":45,"big":1234567890123456789012345,"exp":1E2,"nested":{"z":1,"a":[1.50,{"y":null}]}}}"#,
        // Repeated members keep their first place.
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":45,"x":1,"request_id":"req_1"},"trace":{"b":2,"a":1}}"#,
        // Members beside `error`, before and after it.
        r#"{"status":429,"error":{"code":"rate_limit_exceeded","retry_after":45},"trace":"t"}"#,
        // A doc_url that is not the catalog's is kept as received.
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":45,"doc_url":"https://mirror.example/errors#rate_limit_exceeded"}}"#,
        // The catalog's own doc_url, and a message override.
        r#"{"error":{"code":"not_found","message":"Mission not found","resource_type":"mission","doc_url":"https://docs.amp.dev/api/errors#not_found"}}"#,
        // An unknown code, kept whole.
        r#"{"error":{"message":"new","code":"quota_frozen","until":1E3,"code_hint":{"b":1,"a":2}}}"#,
    ] {
        round_trip(body);
    }
}

#[test]
fn a_received_doc_url_is_the_errors_link() {
    let response = parse(
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":45,"doc_url":"https://mirror.example/e"}}"#,
    );
    assert_eq!(response.error.doc_url(), "https://mirror.example/e");
    let built = AmpError::rate_limit_exceeded(45);
    assert_eq!(
        built.doc_url(),
        "https://docs.amp.dev/api/errors#rate_limit_exceeded"
    );
}

#[test]
fn fields_set_after_parsing_are_written() {
    let mut response = parse(r#"{"error":{"retry_after":45,"code":"rate_limit_exceeded"}}"#);
    if let AmpError::RateLimitExceeded { limit, .. } = &mut response.error {
        *limit = Some(300);
    }
    let error = response.error.with_request_id("req_9");
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"retry_after":45,"code":"rate_limit_exceeded","limit":300,"request_id":"req_9"}"#
    );
}

#[test]
fn only_a_body_that_is_no_error_envelope_fails() {
    let cases = [
        ("[]", "expected a JSON object with an `error` member"),
        (
            r#"{"data":1}"#,
            "expected a JSON object with an `error` member",
        ),
        (
            r#"{"error":{"message":"m"}}"#,
            "expected a JSON object with a string `code` member",
        ),
        (
            r#"{"error":{"code":7}}"#,
            "expected a JSON object with a string `code` member",
        ),
        (r#"{"error":"boom"}"#, "with a string `code` member"),
    ];
    for (body, expected) in cases {
        let error = serde_json::from_str::<ErrorResponse<AmpError>>(body).unwrap_err();
        assert!(error.to_string().contains(expected), "{body}: {error}");
        let error = ErrorResponse::<AmpError>::from_str(body).unwrap_err();
        assert!(error.to_string().contains(expected), "{body}: {error}");
    }
}

/// `ErrorResponse::from_slice` reads a body in one pass, without serde: the
/// same value as `serde_json::from_slice`, and the same bodies rejected, on
/// the edges of JSON's grammar and of the envelope (the property tests and
/// the fuzz check compare the two on every input they make).
#[test]
fn from_slice_reads_every_body_as_serde_does() {
    let accepted = [
        SEED_429,
        " \n{ \"error\" : { \"code\" : \"not_found\" , \"x\" : [ 1 , { } ] } } \r\n",
        r#"{"trace":"t","error":{"code":"not_found"},"status":404}"#,
        r#"{"error":{"x":{"}":"]","a":[{"b":"\"}"}]},"code":"brand_new"},"t":[]}"#,
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":1,"x":-0.5e-3}}"#,
        r#"{"err\u006fr":{"c\u006fde":"not_found","message":"\u00e9\n"}}"#,
    ];
    for body in accepted {
        let ours =
            ErrorResponse::<AmpError>::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(ours, parse(body), "{body}");
        assert_eq!(body.parse::<ErrorResponse<AmpError>>().ok(), Some(ours));
    }
    let rejected = [
        r#"{"error":{"code":"not_found"}} x"#,
        r#"{"error":{"code":"not_found"}}{}"#,
        r#"{"error":{"code":"not_found",}}"#,
        r#"{"error":{"code":"not_found"},}"#,
        r#"{"error":{"code":"not_found","x":[1,]}}"#,
        r#"{"error":{"code":"not_found","x":01}}"#,
        r#"{"error":{"code":"not_found","x":1.}}"#,
        r#"{"error":{"code":"not_found","x":tru}}"#,
        r#"{"error":{"code":"not_found","x":"a\qb"}}"#,
        r#"{"error":{"code":"not_found","x":"\u12"}}"#,
        "{\"error\":{\"code\":\"not_found\",\"x\":\"a\tb\"}}",
        r#"{"error":{"code":"not_found","x":{"a" 1}}}"#,
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":1,"x":[}}"#,
        r#"{"error":{"code":"not_found"},"error":{"code":"not_found"}}"#,
        r#"{"error":{"code":"not_found"}"#,
        "\u{feff}{\"error\":{\"code\":\"not_found\"}}",
    ];
    // Where a body stops being JSON is said by its byte.
    for (body, at) in [
        (r#"{"error":{"code":"not_found","x":01}}"#, 34),
        (r#"{"error":{"code":"not_found",}}"#, 29),
        (r#"{"error":{"code":"not_found"}} x"#, 31),
        (r#"{"trace":[1,],"error":{"code":"not_found"}}"#, 12),
    ] {
        let error = ErrorResponse::<AmpError>::from_str(body).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("malformed JSON at byte {at}"),
            "{body}"
        );
    }
    for body in rejected {
        assert!(
            serde_json::from_str::<ErrorResponse<AmpError>>(body).is_err(),
            "serde: {body}"
        );
        assert!(
            ErrorResponse::<AmpError>::from_str(body).is_err(),
            "from_slice: {body}"
        );
    }
}

#[test]
fn duplicate_codes_are_rejected_by_every_entry_point() {
    for body in [
        r#"{"error":{"code":"not_found","code":"rate_limit_exceeded","retry_after":1}}"#,
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":1,"code":"not_found"}}"#,
        r#"{"error":{"code":"brand_new","code":"not_found"}}"#,
    ] {
        let from_str = serde_json::from_str::<ErrorResponse<AmpError>>(body).unwrap_err();
        assert!(
            from_str.to_string().contains("more than one `code`"),
            "{from_str}"
        );
        // The same rejection (serde_json counts the position a little
        // differently when it reads from an `io::Read`).
        let reason =
            |e: serde_json::Error| e.to_string().split(" at line").next().map(str::to_owned);
        let from_reader =
            serde_json::from_reader::<_, ErrorResponse<AmpError>>(body.as_bytes()).unwrap_err();
        let from_slice =
            serde_json::from_slice::<ErrorResponse<AmpError>>(body.as_bytes()).unwrap_err();
        assert_eq!(reason(from_reader), reason(from_slice));
        let ours = ErrorResponse::<AmpError>::from_slice(body.as_bytes()).unwrap_err();
        assert_eq!(
            ours.to_string(),
            "the error object has more than one `code` member"
        );
    }
}

#[test]
fn a_serde_json_value_parses_like_its_text() {
    let value: serde_json::Value = serde_json::from_str(SEED_429).unwrap();
    let from_value: ErrorResponse<AmpError> = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(from_value, parse(SEED_429));
    let from_ref = <ErrorResponse<AmpError> as serde::Deserialize>::deserialize(&value).unwrap();
    assert_eq!(from_ref, from_value);
}

#[test]
fn the_fallback_debug_shows_names_not_values() {
    let response = parse(
        r#"{"error":{"code":"brand_new","message":"m","secret":"hunter2","request_id":"req_1"}}"#,
    );
    let debug = format!("{:?}", response.error);
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("\"secret\""), "{debug}");
    assert!(
        debug.contains("req_1") && debug.contains("brand_new"),
        "{debug}"
    );
}

#[test]
fn limits_are_the_same_for_kept_and_typed_members() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    for member in [deep.as_str(), "1e400", "\"\\ud800\""] {
        for code in ["rate_limit_exceeded", "brand_new"] {
            let body = format!(r#"{{"error":{{"code":"{code}","retry_after":1,"x":{member}}}}}"#);
            assert!(
                serde_json::from_str::<ErrorResponse<AmpError>>(&body).is_err(),
                "{body} was accepted"
            );
            assert!(
                ErrorResponse::<AmpError>::from_str(&body).is_err(),
                "{body}"
            );
        }
    }
    for code in ["rate_limit_exceeded", "brand_new"] {
        let mut body =
            format!(r#"{{"error":{{"code":"{code}","retry_after":1,"x":"ab"}}}}"#).into_bytes();
        let at = body.iter().position(|&b| b == b'a').unwrap();
        body[at] = 0xff;
        assert!(serde_json::from_slice::<ErrorResponse<AmpError>>(&body).is_err());
        assert!(ErrorResponse::<AmpError>::from_slice(&body).is_err());
    }
}

#[test]
fn validate_lists_every_mismatch_by_json_path() {
    let body = r#"{"error":{"code":"rate_limit_exceeded","message":"m","retry_after":"45","limit":-3,"current":null,"window":"1m","request_id":"abc"}}"#;
    let found = mismatches(&parse(body));
    assert_eq!(
        found,
        [
            r#"error.retry_after: expected an integer >= 0, found the string "45""#,
            "error.limit: expected an integer >= 0, found the number -3",
            "error.current: expected an integer >= 0, found null",
            "error.window: not a field of `rate_limit_exceeded`",
            "error.request_id: `abc` does not start with `req_`",
        ]
    );
    // The seed's bodies and every catalog example are valid.
    assert_eq!(parse(SEED_429).validate(), Ok(()));
    for example in AmpError::examples() {
        assert_eq!(example.validate(), Ok(()), "{example:?}");
    }
}

#[test]
fn validate_names_nested_members_and_missing_ones() {
    let body = r#"{"error":{"code":"validation_error","details":[{"field":"name"},{"field":1,"message":"m","hint":"h"}]}}"#;
    let found = mismatches(&parse(body));
    assert_eq!(
        found,
        [
            "error.message: missing: every error has a message",
            "error.details[0].message: missing: the member is required",
            "error.details[1].field: expected a string, found the number 1",
            "error.details[1].hint: not a member of `FieldViolation`",
        ]
    );
    let conflict = r#"{"error":{"code":"conflict","message":"m","current_state":"archived"}}"#;
    let found = parse(conflict).validate().unwrap_err();
    assert_eq!(
        found[0].to_string(),
        r#"error.current_state: expected one of draft, active, paused, completed, found the string "archived""#
    );
    // ...while parsing keeps the new state.
    let AmpError::Conflict { current_state, .. } = parse(conflict).error else {
        panic!()
    };
    assert_eq!(
        current_state,
        Some(amp_api_errors::AmpErrorMissionState::Unknown(
            "archived".into()
        ))
    );
}

#[test]
fn retry_after_is_a_duration_away() {
    let response = parse(SEED_429);
    if let AmpError::RateLimitExceeded { retry_after, .. } = response.error {
        assert_eq!(
            std::time::Duration::from_secs(retry_after),
            std::time::Duration::from_secs(45)
        );
    }
}

/// The README's client example, as written there.
#[test]
fn the_readme_client_example_holds() {
    let body = br#"{"error":{"code":"rate_limit_exceeded","message":"Slow down.","retry_after":45,"limit":"300","window":"1m"}}"#;
    let response: ErrorResponse<AmpError> = serde_json::from_slice(body).unwrap();
    assert!(matches!(
        response.error,
        AmpError::RateLimitExceeded {
            retry_after: 45,
            limit: None,
            ..
        }
    ));
    assert_eq!(serde_json::to_vec(&response).unwrap(), body);
    assert_eq!(
        mismatches(&response),
        [
            r#"error.limit: expected an integer >= 0, found the string "300""#,
            "error.window: not a field of `rate_limit_exceeded`"
        ]
    );
}

#[test]
fn debug_names_what_was_kept_but_not_its_value() {
    let response = parse(
        r#"{"error":{"code":"rate_limit_exceeded","retry_after":45,"limit":"secret-ish","window":"1m"}}"#,
    );
    let debug = format!("{:?}", response.error);
    assert!(
        debug.contains(r#"kept_members: ["limit", "window"]"#),
        "{debug}"
    );
    assert!(!debug.contains("secret-ish"), "{debug}");
}

/// A `CatalogError` written by hand (not generated) over the fallback type:
/// `ErrorResponse::from_slice` reads it through the trait's default
/// `read_text`, which goes through `Deserialize`.
mod hand_written {
    use std::borrow::Cow;
    use std::fmt;

    use amp_api_errors::{AmpError, AmpErrorCode};
    use amp_errors::{CatalogError, CatalogInfo, CodeInfo, ErrorResponse, UnknownError};

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(transparent)]
    struct Plain(UnknownError);

    impl fmt::Display for Plain {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0.code())
        }
    }

    impl std::error::Error for Plain {}

    impl CatalogError for Plain {
        type Code = AmpErrorCode;
        const CATALOG: &'static CatalogInfo = AmpError::CATALOG;
        fn code(&self) -> &str {
            self.0.code()
        }
        fn known_code(&self) -> Option<AmpErrorCode> {
            None
        }
        fn info(&self) -> Option<&'static CodeInfo> {
            None
        }
        fn status_code(&self) -> u16 {
            500
        }
        fn is_retryable(&self) -> bool {
            false
        }
        fn doc_url(&self) -> Cow<'_, str> {
            Cow::Borrowed(self.0.doc_url().unwrap_or_default())
        }
        fn message(&self) -> Cow<'_, str> {
            Cow::Borrowed(self.0.message().unwrap_or_default())
        }
        fn param(&self) -> Option<&str> {
            self.0.param()
        }
        fn request_id(&self) -> Option<&str> {
            self.0.request_id()
        }
        fn from_unknown(unknown: UnknownError) -> Self {
            Plain(unknown)
        }
    }

    #[test]
    fn from_slice_reads_a_hand_written_catalog_error_through_deserialize() {
        for body in [
            r#"{"error":{"code":"x","message":"m","n":[1,{"a":2}]}}"#,
            r#" {"before":1, "error" : {"code":"x"} , "after":[true]} "#,
        ] {
            let ours = ErrorResponse::<Plain>::from_str(body).unwrap_or_else(|e| panic!("{e}"));
            let serde: ErrorResponse<Plain> = serde_json::from_str(body).unwrap();
            assert_eq!(ours, serde, "{body}");
        }
        for body in [
            r#"{"error":{"code":"x"} x}"#,
            r#"{"error":{"code":"x"},}"#,
            r#"{"error":{"code":"x",}}"#,
            r#"{"error":{"message":"m"}}"#,
        ] {
            assert!(ErrorResponse::<Plain>::from_str(body).is_err(), "{body}");
            assert!(
                serde_json::from_str::<ErrorResponse<Plain>>(body).is_err(),
                "{body}"
            );
        }
    }
}
