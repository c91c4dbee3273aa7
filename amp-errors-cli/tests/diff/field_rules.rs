//! The rules of fields and type members, named types, enum values and
//! catalog-wide settings.

use serde_json::Value;

use super::cases::{assert_change, base, diff, edit};
#[test]
fn fields_removed_added_retyped_and_required() {
    let secret = "secret = { type = \"string\", description = \"A token.\" }";
    let change = assert_change(
        &edit(&base(), &format!("{secret}\n"), ""),
        "field-removed",
        "breaking",
        1,
    );
    assert_eq!(
        (&change["code"], &change["field"]),
        (&"out_of_stock".into(), &"secret".into())
    );
    let optional = format!("{secret}\nnote = {{ type = \"string\", description = \"A note.\" }}");
    assert_change(
        &edit(&base(), secret, &optional),
        "field-added",
        "compatible",
        0,
    );
    let required = format!(
        "{secret}\nnote = {{ type = \"string\", required = true, description = \"A note.\" }}"
    );
    assert_change(
        &edit(&base(), secret, &required),
        "required-field-added",
        "breaking",
        1,
    );
    let retyped = edit(
        &base(),
        secret,
        "secret = { type = \"integer\", description = \"A token.\" }",
    );
    let change = assert_change(&retyped, "field-type-changed", "breaking", 1);
    assert_eq!(
        (&change["old"], &change["new"]),
        (&"string".into(), &"integer".into())
    );
    let made_required = edit(
        &base(),
        secret,
        "secret = { type = \"string\", required = true, description = \"A token.\" }",
    );
    assert_change(&made_required, "field-made-required", "breaking", 1);
    let made_optional = edit(
        &base(),
        "sku = { type = \"string\", required = true,",
        "sku = { type = \"string\",",
    );
    assert_change(&made_optional, "field-made-optional", "breaking", 1);
    let sensitive = edit(
        &base(),
        secret,
        "secret = { type = \"string\", sensitive = true, description = \"A token.\" }",
    );
    assert_change(&sensitive, "field-sensitivity-changed", "compatible", 0);
}

#[test]
fn bounds_narrowed_widened_and_signed() {
    let change = assert_change(
        &edit(&base(), "maximum = 3600", "maximum = 60"),
        "bounds-narrowed",
        "breaking",
        1,
    );
    assert_eq!(
        (&change["old"], &change["new"]),
        (&"0..=3600".into(), &"0..=60".into())
    );
    assert_change(
        &edit(&base(), "maximum = 3600", "maximum = 7200"),
        "bounds-widened",
        "compatible",
        0,
    );
    assert_change(
        &edit(&base(), "minimum = 0, maximum = 3600", "maximum = 3600"),
        "field-made-signed",
        "breaking",
        1,
    );
    let member = assert_change(
        &edit(&base(), "maximum = 100000", "maximum = 100"),
        "bounds-narrowed",
        "breaking",
        1,
    );
    assert_eq!(
        (&member["type"], &member["field"], &member["code"]),
        (&"Money".into(), &"amount".into(), &Value::Null)
    );
}

#[test]
fn named_types_and_enum_values() {
    let shipped = "enum = [\"open\", \"paid\", \"shipped\"]";
    let change = assert_change(
        &edit(&base(), shipped, "enum = [\"open\", \"paid\"]"),
        "enum-value-removed",
        "breaking",
        1,
    );
    assert_eq!(
        (&change["type"], &change["old"]),
        (&"State".into(), &"shipped".into())
    );
    let added = edit(
        &base(),
        shipped,
        "enum = [\"open\", \"paid\", \"shipped\", \"cancelled\"]",
    );
    assert_change(&added, "enum-value-added", "compatible", 0);
    let extra = base() + "\n[types.Extra]\ndescription = \"More.\"\nenum = [\"a\"]\n";
    assert_change(&extra, "type-added", "compatible", 0);
    let (_, report) = diff(&extra, &base());
    assert!(
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["rule"] == "type-removed" && c["kind"] == "breaking")
    );
    let object = edit(
        &base(),
        shipped,
        "fields = { name = { type = \"string\", description = \"The name.\" } }",
    );
    assert_change(&object, "type-kind-changed", "breaking", 1);
    let member = edit(
        &base(),
        "description = \"Cents.\" }",
        "description = \"Cents.\" }, currency = { type = \"string\", required = true, description = \"ISO code.\" }",
    );
    let change = assert_change(&member, "required-field-added", "breaking", 1);
    assert_eq!(change["type"], "Money");
}

#[test]
fn catalog_settings() {
    let categories = "categories = [\"Order\", \"Payment\"]";
    let more = edit(
        &base(),
        categories,
        "categories = [\"Order\", \"Payment\", \"Shipping\"]",
    );
    assert_change(&more, "category-added", "breaking", 1);
    let (_, report) = diff(&more, &base());
    assert!(
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["rule"] == "category-removed" && c["old"] == "Shipping")
    );
    assert_change(
        &edit(&base(), "name = \"ShopError\"", "name = \"StoreError\""),
        "catalog-name-changed",
        "breaking",
        1,
    );
    let fallback = edit(
        &base(),
        categories,
        &format!("fallback_variant = \"Other\"\n{categories}"),
    );
    let change = assert_change(&fallback, "fallback-variant-changed", "breaking", 1);
    assert_eq!(
        (&change["old"], &change["new"]),
        (&"Unknown".into(), &"Other".into())
    );
    let exhaustive = edit(
        &base(),
        categories,
        &format!("non_exhaustive = false\n{categories}"),
    );
    assert_change(&exhaustive, "made-exhaustive", "compatible", 0);
    let (code, report) = diff(&exhaustive, &base());
    assert_eq!(
        (code, &report["changes"][0]["rule"]),
        (1, &"made-non-exhaustive".into())
    );
    assert_change(
        &edit(
            &base(),
            "https://shop.example/errors",
            "https://shop.example/docs/errors",
        ),
        "doc-base-url-changed",
        "compatible",
        0,
    );
    assert_change(
        &edit(
            &base(),
            "request_id_prefix = \"req_\"",
            "request_id_prefix = \"rq-\"",
        ),
        "request-id-prefix-changed",
        "compatible",
        0,
    );
}
