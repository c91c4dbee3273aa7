//! Bodies that break the catalog's rules are rejected; the tolerant parts of
//! the wire (unknown codes, undeclared members) are accepted.

use amp_errors_catalog::Catalog;
use amp_errors_cli::schema::{self, example};
use serde_json::{Value, json};

use super::{amp_catalog, assert_invalid, assert_valid, component, parse, root, validator};

/// The catalog's example of `code`, as a whole body.
fn example_of(catalog: &Catalog, code: &str) -> Value {
    let code = catalog.codes.iter().find(|c| c.code.value == code).unwrap();
    parse(&example::envelope(catalog, code).unwrap().compact())
}

/// `body` with member `key` of its error object set to `value`.
fn set(body: &Value, key: &str, value: Value) -> Value {
    let mut body = body.clone();
    body["error"][key] = value;
    body
}

/// `body` without member `key` of its error object.
fn without(body: &Value, key: &str) -> Value {
    let mut body = body.clone();
    body["error"].as_object_mut().unwrap().remove(key);
    body
}

/// AMP bodies the schemas reject: the catalog's promises, broken.
fn rejected(catalog: &Catalog) -> Vec<(&'static str, Value)> {
    let rate = example_of(catalog, "rate_limit_exceeded");
    let conflict = example_of(catalog, "conflict");
    let validation = example_of(catalog, "validation_error");
    let provider = example_of(catalog, "provider_error");
    vec![
        (
            "a known code without its required field",
            without(&rate, "retry_after"),
        ),
        (
            "a wrong-typed field",
            set(&rate, "retry_after", json!("45")),
        ),
        (
            "an out-of-range retry_after",
            set(&rate, "retry_after", json!(-1)),
        ),
        ("a fractional integer", set(&rate, "limit", json!(1.5))),
        (
            "a state the catalog does not list",
            set(&conflict, "current_state", json!("archived")),
        ),
        (
            "a list item that is not a state",
            set(&conflict, "allowed_states", json!(["draft", 3])),
        ),
        (
            "a violation without its message",
            set(&validation, "details", json!([{"field": "name"}])),
        ),
        (
            "details that are not a list",
            set(
                &validation,
                "details",
                json!({"field": "f", "message": "m"}),
            ),
        ),
        (
            "an optional field sent as null",
            set(&provider, "retryable", Value::Null),
        ),
        ("no message", without(&rate, "message")),
        (
            "a request id without the catalog's prefix",
            set(&rate, "request_id", json!("abc")),
        ),
        (
            "an unknown code without a message",
            json!({"error": {"code": "quota_exceeded"}}),
        ),
        (
            "a code that is not a string",
            json!({"error": {"code": 429, "message": "m"}}),
        ),
        ("no error envelope", rate["error"].clone()),
        (
            "an error that is not an object",
            json!({"error": "rate_limit_exceeded"}),
        ),
    ]
}

/// AMP bodies the schemas accept: what the tolerant wire allows.
fn accepted(catalog: &Catalog) -> Vec<(&'static str, Value)> {
    let rate = example_of(catalog, "rate_limit_exceeded");
    let validation = example_of(catalog, "validation_error");
    let mut beside = rate.clone();
    beside["trace"] = json!({"id": 1});
    let unknown = json!({"error": {
        "code": "quota_exceeded", "message": "Quota exceeded", "quota": 5,
        "window": {"unit": "day"}, "doc_url": "https://docs.amp.dev/api/errors#quota_exceeded"
    }});
    let violation = json!([{"field": "f", "message": "m", "code": "too_short"}]);
    vec![
        ("an unknown code with extra members", unknown),
        (
            "a known code with an undeclared member",
            set(&rate, "window", json!("1m")),
        ),
        ("members beside error", beside),
        (
            "an integer written with a zero fraction",
            set(&rate, "retry_after", json!(45.0)),
        ),
        (
            "a violation's undeclared member",
            set(&validation, "details", violation),
        ),
        (
            "optional fields left out",
            json!({"error": {"code": "conflict", "message": "m"}}),
        ),
    ]
}

#[test]
fn bodies_that_break_the_catalog_are_rejected_and_tolerated_ones_accepted() {
    let catalog = amp_catalog();
    let schema = parse(&schema::json_schema(&catalog).unwrap());
    let openapi = parse(&schema::openapi(&catalog).unwrap());
    let validators = [
        validator(&schema),
        validator(&component(&openapi, "AmpErrorResponse")),
    ];
    for validator in &validators {
        for (what, body) in rejected(&catalog) {
            assert_invalid(validator, &body, what);
        }
        for (what, body) in accepted(&catalog) {
            assert_valid(validator, &body, what);
        }
    }
}

#[test]
fn another_catalog_maps_lists_objects_bounds_and_retired_codes() {
    let text = std::fs::read_to_string(root().join("tests/catalogs/shop.toml"))
        .unwrap()
        .replace(
            "non_exhaustive = false",
            "non_exhaustive = false\nretired = [\"coupon_expired\"]",
        );
    let catalog = amp_errors_catalog::load_str(&text).unwrap();
    let v = validator(&parse(&schema::json_schema(&catalog).unwrap()));
    let stock = example_of(&catalog, "out_of_stock");
    let card = example_of(&catalog, "card_declined");
    assert_valid(&v, &stock, "out_of_stock's example");
    assert_valid(&v, &card, "card_declined's example");
    for (what, body) in [
        (
            "a map value of the wrong type",
            set(&stock, "warehouses", json!({"lyon": "two"})),
        ),
        (
            "a line without its sku",
            set(&stock, "lines", json!([{"quantity": 1}])),
        ),
        (
            "an attempt below its minimum",
            set(&card, "attempt", json!(0)),
        ),
        (
            "an attempt above its maximum",
            set(&card, "attempt", json!(6)),
        ),
        (
            "metadata that is not an object",
            set(&card, "metadata", json!([1])),
        ),
        (
            "an amount that is not a number",
            set(&card, "amount", json!("12.5")),
        ),
    ] {
        assert_invalid(&v, &body, what);
    }
    for (what, body) in [
        ("an attempt at its maximum", set(&card, "attempt", json!(5))),
        (
            "a retired code, as unknown",
            json!({"error": {"code": "coupon_expired", "message": "gone"}}),
        ),
        // No request id prefix in this catalog: any request id.
        (
            "any request id",
            set(&card, "request_id", json!("anything")),
        ),
    ] {
        assert_valid(&v, &body, what);
    }
}

#[test]
fn a_type_named_like_a_generated_schema_is_reported() {
    let text = "[catalog]\nname = \"ApiError\"\ndoc_base_url = \"https://e.test/errors\"\ncategories = [\"A\"]\n\n[types.NotFound]\nenum = [\"a\"]\n\n[codes.not_found]\nstatus = 404\ncategory = \"A\"\nretryable = false\nmessage = \"m\"\n";
    let catalog = amp_errors_catalog::load_str(text).unwrap();
    let error = schema::json_schema(&catalog).unwrap_err();
    assert!(error.contains("`ApiErrorNotFound`"), "{error}");
    assert!(schema::openapi(&catalog).is_err());
}
