//! Issue 13, the `schemars` feature: the generated type's `JsonSchema` is
//! the schema `amp-errors schema` writes for the catalog (no drift: the
//! committed docs/schema/errors.schema.json holds the same definitions),
//! and a real validator (the jsonschema crate) accepts every catalog example
//! and seed body through it, and rejects bodies that break the catalog.

#[allow(
    dead_code,
    reason = "the seed module is shared; this test needs its bodies only"
)]
mod seed;

use amp_api_errors::{AmpError, AmpErrorCode};
use amp_errors::ErrorResponse;
use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

/// The root schema of `ErrorResponse<AmpError>`, as schemars makes it.
fn body_schema() -> Value {
    schemars::schema_for!(ErrorResponse<AmpError>).to_value()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&body_schema()).expect("a valid JSON Schema")
}

#[test]
fn the_definitions_are_the_committed_schemas() {
    let schema = body_schema();
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string("docs/schema/errors.schema.json").expect("committed"),
    )
    .expect("JSON");
    let defs = schema["$defs"].as_object().expect("definitions");
    // Every per-code schema, the union, the catch-all and the named types.
    for name in [
        "AmpError",
        "AmpErrorUnknown",
        "AmpErrorRateLimitExceeded",
        "AmpErrorValidationError",
        "AmpErrorFieldViolation",
        "AmpErrorMissionState",
    ] {
        assert_eq!(defs[name], committed["$defs"][name], "{name}");
    }
    for code in AmpErrorCode::ALL {
        let name = format!("AmpError{code:?}");
        assert_eq!(defs[&name], committed["$defs"][&name], "{name}");
    }
    // The envelope references the error object.
    assert_eq!(
        schema["properties"]["error"],
        json!({"$ref": "#/$defs/AmpError"})
    );
    assert_eq!(schema["required"], json!(["error"]));
}

#[test]
fn every_example_and_seed_body_is_valid_and_broken_bodies_are_not() {
    let validator = validator();
    for code in AmpErrorCode::ALL {
        let Some(example) = code.example() else {
            continue;
        };
        let body = serde_json::to_value(ErrorResponse::new(example)).unwrap();
        assert!(validator.is_valid(&body), "{code}: {body}");
    }
    for (name, text) in seed::SEED {
        let body: Value = serde_json::from_str(text).unwrap();
        assert!(validator.is_valid(&body), "seed {name}: {body}");
    }
    let unknown = json!({"error": {"code": "quota_exhausted", "message": "m", "extra": [1]}});
    assert!(validator.is_valid(&unknown));
    for broken in [
        json!({"error": {"code": "rate_limit_exceeded", "message": "m"}}),
        json!({"error": {"code": "rate_limit_exceeded", "message": "m", "retry_after": -1}}),
        json!({"error": {"code": "rate_limit_exceeded", "message": "m", "retry_after": "45"}}),
        json!({"error": {"code": "validation_error", "message": "m", "details": [{"field": 3}]}}),
        json!({"errors": []}),
    ] {
        assert!(!validator.is_valid(&broken), "{broken}");
    }
}

#[test]
fn an_openapi_generator_gets_its_own_reference_paths() {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let reference = generator
        .subschema_for::<ErrorResponse<AmpError>>()
        .to_value();
    assert_eq!(
        reference,
        json!({"$ref": "#/components/schemas/AmpErrorResponse"})
    );
    let definitions = generator.definitions();
    let union = &definitions["AmpError"];
    assert!(
        union
            .to_string()
            .contains("#/components/schemas/AmpErrorRateLimitExceeded"),
        "{union}"
    );
    assert!(!union.to_string().contains("#/$defs/"), "{union}");
    assert!(definitions.contains_key("AmpErrorFieldViolation"));
}
