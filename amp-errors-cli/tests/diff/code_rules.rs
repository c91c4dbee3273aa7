//! The rules of codes: removed, renamed, retired, added, reused; status,
//! category, retryability, templates, deprecation, links and headers; and
//! the `[http]` answers.

use serde_json::{Value, json};

use super::cases::{
    CARD_DECLINED, GONE_SOON, OUT_OF_STOCK, SETTINGS, TYPES, assert_change, base, diff, edit,
};
#[test]
fn codes_removed_renamed_retired_added() {
    let removed = [SETTINGS, TYPES, OUT_OF_STOCK, GONE_SOON].concat();
    let change = assert_change(&removed, "code-removed", "breaking", 1);
    assert_eq!(
        (&change["code"], &change["line"]),
        (&"card_declined".into(), &Value::Null)
    );

    let renamed =
        edit(&base(), "card_declined", "card_refused").replace("card_declined", "card_refused");
    let change = assert_change(&renamed, "code-renamed", "breaking", 1);
    assert_eq!(
        (&change["old"], &change["new"]),
        (&"card_declined".into(), &"card_refused".into())
    );
    assert!(change["line"].is_number());

    let retired = [SETTINGS, TYPES, OUT_OF_STOCK, CARD_DECLINED]
        .concat()
        .replace(
            "{ code = \"old_code\", note = \"gone\" }",
            "{ code = \"old_code\", note = \"gone\" }, \"gone_soon\"",
        );
    let change = assert_change(&retired, "code-retired", "compatible", 0);
    assert_eq!(change["message"], "code retired after its deprecation");
    assert_eq!(
        (&change["line"], &change["column"]),
        (&6.into(), &50.into())
    );

    let undeprecated = [SETTINGS, TYPES, OUT_OF_STOCK, GONE_SOON].concat().replace(
        "{ code = \"old_code\", note = \"gone\" }",
        "{ code = \"old_code\", note = \"gone\" }, \"card_declined\"",
    );
    let change = assert_change(&undeprecated, "code-retired", "compatible", 0);
    assert_eq!(
        change["message"],
        "code retired without being deprecated first: Rust code matching it stops compiling"
    );
    let reserved = edit(
        &base(),
        "note = \"gone\" }",
        "note = \"gone\" }, \"never_used\"",
    );
    let change = assert_change(&reserved, "code-retired", "compatible", 0);
    assert_eq!(change["code"], "never_used");

    let added = base()
        + "\n[codes.new_code]\nstatus = 400\ncategory = \"Order\"\nretryable = false\nmessage = \"New.\"\n";
    let change = assert_change(&added, "code-added", "compatible", 0);
    assert_eq!(change["new"], "status 400, category Order");
    let exhaustive = |text: &str| {
        edit(
            text,
            "categories = ",
            "non_exhaustive = false\ncategories = ",
        )
    };
    let (code, report) = diff(&exhaustive(&base()), &exhaustive(&added));
    assert_eq!(code, 1);
    assert_eq!(report["changes"][0]["rule"], "code-added");
    assert_eq!(report["changes"][0]["kind"], "breaking");
}

#[test]
fn retired_codes_stay_retired() {
    let reused = edit(
        &base(),
        "retired = [{ code = \"old_code\", note = \"gone\" }]\n",
        "",
    ) + "\n[codes.old_code]\nstatus = 400\ncategory = \"Order\"\nretryable = false\nmessage = \"Back.\"\n";
    let change = assert_change(&reused, "retired-code-reused", "breaking", 1);
    assert_eq!(change["code"], "old_code");
    let withdrawn = edit(
        &base(),
        "retired = [{ code = \"old_code\", note = \"gone\" }]\n",
        "",
    );
    assert_change(&withdrawn, "retirement-withdrawn", "breaking", 1);
}

#[test]
fn status_category_and_retryability_changes_break() {
    let change = assert_change(
        &edit(&base(), "status = 409", "status = 422"),
        "status-changed",
        "breaking",
        1,
    );
    assert_eq!(
        change,
        json!({
            "kind": "breaking", "rule": "status-changed", "code": "out_of_stock", "type": null,
            "field": null, "old": "409", "new": "422", "message": "status changed",
            "line": 17, "column": 10,
        })
    );
    let recategorized = edit(
        &base(),
        "status = 409\ncategory = \"Order\"",
        "status = 409\ncategory = \"Payment\"",
    );
    assert_change(&recategorized, "category-changed", "breaking", 1);
    let always = edit(
        &base(),
        "status = 409\ncategory = \"Order\"\nretryable = false",
        "status = 409\ncategory = \"Order\"\nretryable = true",
    );
    let change = assert_change(&always, "retryability-changed", "breaking", 1);
    assert_eq!(
        (&change["old"], &change["new"]),
        (&"false".into(), &"true".into())
    );
    let default = edit(&base(), "default = false", "default = true");
    let change = assert_change(&default, "retryability-changed", "breaking", 1);
    assert_eq!(change["new"], "by field `retry`, default true");
}

#[test]
fn templates_deprecation_and_links() {
    let dropped = edit(&base(), "Item {sku} is out of stock.", "Out of stock.");
    let change = assert_change(&dropped, "placeholder-dropped", "breaking", 1);
    assert_eq!(
        change["message"],
        "placeholder `{sku}` dropped from the message template"
    );
    let reworded = edit(
        &base(),
        "Item {sku} is out of stock.",
        "Item {sku} is sold out.",
    );
    assert_change(&reworded, "message-changed", "compatible", 0);
    let deprecated = edit(
        &base(),
        "message = \"Item",
        "deprecated = \"use `gone_soon` instead\"\nmessage = \"Item",
    );
    let change = assert_change(&deprecated, "code-deprecated", "compatible", 0);
    assert_eq!(change["new"], "use `gone_soon` instead");
    let undeprecated = edit(&base(), "deprecated = \"use `out_of_stock` instead\"\n", "");
    assert_change(&undeprecated, "code-undeprecated", "compatible", 0);
    let linked = edit(
        &base(),
        "message = \"Item",
        "doc_url = \"https://elsewhere.example/oos\"\nmessage = \"Item",
    );
    let change = assert_change(&linked, "doc-url-changed", "compatible", 0);
    assert_eq!(change["new"], "https://elsewhere.example/oos");
}

#[test]
fn response_headers() {
    assert_change(
        &edit(&base(), "Retry-After = \"wait\"\n", ""),
        "header-removed",
        "breaking",
        1,
    );
    assert_change(
        &edit(&base(), "Retry-After = \"wait\"", "Retry-After = \"sku\""),
        "header-field-changed",
        "breaking",
        1,
    );
    assert_change(
        &edit(
            &base(),
            "Retry-After = \"wait\"",
            "Retry-After = \"wait\"\nX-Item = \"sku\"",
        ),
        "header-added",
        "compatible",
        0,
    );
}

#[test]
fn http_answers() {
    let old = format!(
        "{}\n[http]\nno_route = \"gone_soon\"\nmalformed_body = \"gone_soon\"\n",
        base()
    );
    let new = format!(
        "{}\n[http]\nno_route = \"card_declined\"\nbody_too_large = \"gone_soon\"\n",
        base()
    );
    let (code, report) = diff(&old, &new);
    assert_eq!(code, 1, "{report:#}");
    let changes = report["changes"].as_array().expect("changes");
    let found: Vec<(&str, &str, &str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap_or_default(),
                c["kind"].as_str().unwrap_or_default(),
                c["old"].as_str().unwrap_or("-"),
                c["new"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("http-answer-removed", "breaking", "gone_soon", "-"),
            (
                "http-answer-changed",
                "breaking",
                "gone_soon",
                "card_declined"
            ),
            ("http-answer-added", "compatible", "-", "gone_soon"),
        ]
    );
}
