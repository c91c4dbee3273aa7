//! `amp-errors explain`, run as a binary: a code's docs as `rustc --explain`
//! shows them, a field-decided retryability, retired and unknown codes.

mod common;

use common::{fixtures, root, run};

#[test]
fn rate_limit_exceeded_is_explained_from_the_default_catalog() {
    let (code, stdout, stderr) = run(&root(), &["explain", "rate_limit_exceeded"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Status:     429 Too Many Requests\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Retryable:  yes, always\n"), "{stdout}");
    assert!(
        stdout.contains("  retry_after: integer, required, >= 0\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  Retry-After: the value of `retry_after`, when set\n"),
        "{stdout}"
    );
    // The message rendered from the example's fields, members in wire order.
    assert!(stdout.contains(
        "      \"message\": \"Rate limit exceeded. Retry after 45 seconds.\",\n      \"retry_after\": 45,\n      \"limit\": 300,\n      \"current\": 312,\n      \"doc_url\": \"https://docs.amp.dev/api/errors#rate_limit_exceeded\"\n"
    ), "{stdout}");
    insta::assert_snapshot!("rate_limit_exceeded", stdout);
}

#[test]
fn provider_error_is_retryable_by_its_field() {
    let (code, stdout, _) = run(
        &root(),
        &["explain", "provider_error", "--catalog", "catalog.toml"],
    );
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Retryable:  by its `retryable` field, default false"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  provider_error: string, optional, sensitive\n"),
        "{stdout}"
    );
    insta::assert_snapshot!("provider_error", stdout);
}

#[test]
fn json_describes_the_code() {
    let (code, stdout, _) = run(&root(), &["explain", "provider_error", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["code"], "provider_error");
    assert_eq!(doc["retired"], false);
    assert_eq!(
        (&doc["status"], &doc["reason"]),
        (&502.into(), &"Bad Gateway".into())
    );
    assert_eq!(
        doc["retryable"],
        serde_json::json!({"kind": "field", "value": null, "field": "retryable", "default": false})
    );
    assert_eq!(doc["fields"][1]["name"], "provider_error");
    assert_eq!(doc["fields"][1]["sensitive"], true);
    assert_eq!(doc["example"]["error"]["retryable"], true);
    // The example keeps the wire order of its members (as compact JSON text).
    assert!(stdout.contains(
        r#""example": {"error":{"code":"provider_error","message":"LLM provider returned an error","provider":"claude","provider_error":"rate_limited","retryable":true,"doc_url":"https://docs.amp.dev/api/errors#provider_error"}}"#
    ), "{stdout}");

    let (_, stdout, _) = run(&root(), &["explain", "conflict", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        doc["fields"][0]["values"],
        serde_json::json!(["draft", "active", "paused", "completed"])
    );
    assert_eq!(
        doc["example"]["error"]["message"],
        "Cannot delete active mission. Pause or complete it first."
    );
}

#[test]
fn an_unknown_code_suggests_the_closest() {
    let (code, stdout, stderr) = run(&root(), &["explain", "rate_limit_exceded"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: no code `rate_limit_exceded` in catalog.toml\n  = help: did you mean `rate_limit_exceeded`?\n"
    );
    let (code, stdout, _) = run(
        &root(),
        &["explain", "rate_limit_exceded", "--format", "json"],
    );
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        doc,
        serde_json::json!({"code": "rate_limit_exceded", "error": "unknown code", "suggestion": "rate_limit_exceeded"})
    );
    let (code, _, stderr) = run(&root(), &["explain", "zzz"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the catalog's codes are unauthorized, forbidden,"),
        "{stderr}"
    );
}

#[test]
fn a_retired_code_is_explained_as_retired() {
    let (code, stdout, _) = run(
        &fixtures(),
        &["explain", "old_quota", "--catalog", "retired.toml"],
    );
    assert_eq!(code, 0);
    insta::assert_snapshot!("retired", stdout);
    let (code, stdout, _) = run(
        &fixtures(),
        &[
            "explain",
            "legacy_failure",
            "--catalog",
            "retired.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        doc,
        serde_json::json!({"code": "legacy_failure", "retired": true, "note": null})
    );
}

#[test]
fn a_code_without_docs_or_example_still_explains() {
    let (code, stdout, _) = run(
        &fixtures(),
        &["explain", "quota_exceeded", "--catalog", "retired.toml"],
    );
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Fields\n  none: only the common members"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("Example\n  none in the catalog\n"),
        "{stdout}"
    );
}

#[test]
fn a_missing_or_invalid_catalog_exits_2() {
    let (code, _, stderr) = run(&fixtures(), &["explain", "not_found"]);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "error: catalog file not found at catalog.toml\n")
    );
    let (code, stdout, stderr) = run(
        &fixtures(),
        &["explain", "moved", "--catalog", "bad_status.toml"],
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("status 302 is not an error status"),
        "{stderr}"
    );
}

#[test]
fn colour_is_for_terminals_and_help_names_exit_codes() {
    let (_, plain, _) = run(&root(), &["explain", "not_found"]);
    assert!(!plain.contains('\u{1b}'));
    let (_, colored, _) = run(&root(), &["explain", "not_found", "--color", "always"]);
    assert!(colored.contains("\u{1b}[1mStatus:\u{1b}[0m"), "{colored:?}");
    let (code, stdout, _) = run(&root(), &["explain", "--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Exit status: 0 when the code is explained, 1 for an unknown code, 2"),
        "{stdout}"
    );
}
