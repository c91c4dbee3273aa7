//! `amp-errors lint`, run as a binary: AMP's catalog lints clean; a catalog
//! that breaks every rule gets a finding per rule, with its id, code and
//! location.

mod common;

use common::{fixtures, root, run};

/// Every rule, as documented.
const RULES: [&str; 10] = [
    "missing-description",
    "missing-cause",
    "missing-resolution",
    "missing-example",
    "missing-type-description",
    "missing-field-description",
    "placeholder-not-field",
    "optional-placeholder",
    "duplicate-message",
    "deprecated-without-replacement",
];

#[test]
fn amps_catalog_lints_clean() {
    let (code, stdout, stderr) = run(&root(), &["lint", "catalog.toml"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "catalog.toml: lint clean\n", "")
    );
    let (code, stdout, _) = run(&root(), &["lint", "catalog.toml", "--format", "json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        report,
        serde_json::json!({"path": "catalog.toml", "ok": true, "problems": [], "findings": []})
    );
}

#[test]
fn every_rule_finds_its_violation() {
    let (code, stdout, _) = run(&fixtures(), &["lint", "lint_everything.toml"]);
    assert_eq!(code, 1);
    for rule in RULES {
        assert!(
            stdout.contains(&format!("warning[{rule}]: ")),
            "{rule} missing:\n{stdout}"
        );
    }
    assert!(
        stdout.ends_with("warning: lint_everything.toml: 12 lint findings\n"),
        "{stdout}"
    );
    insta::assert_snapshot!("lint_everything", stdout);
}

#[test]
fn json_names_rule_code_field_and_location() {
    let (code, stdout, _) = run(
        &fixtures(),
        &["lint", "lint_everything.toml", "--format", "json"],
    );
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(report["ok"], false);
    let findings = report["findings"].as_array().expect("findings");
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in RULES {
        assert!(rules.contains(&rule), "{rule} missing: {rules:?}");
    }
    let deprecated = findings
        .iter()
        .find(|f| f["rule"] == "deprecated-without-replacement")
        .expect("a deprecation finding");
    assert_eq!(
        deprecated,
        &serde_json::json!({
            "rule": "deprecated-without-replacement",
            "code": "card_declined",
            "type": null,
            "field": null,
            "line": 29,
            "column": 1,
            "message": "deprecation note of `card_declined` names no other code of the catalog to use instead",
            "help": "name the code to use instead in the note, such as \"use `new_code` instead\"",
        })
    );
    let member = findings
        .iter()
        .find(|f| f["rule"] == "missing-field-description" && f["type"] == "Money")
        .expect("a type member finding");
    assert_eq!(
        (&member["field"], &member["line"], &member["column"]),
        (&"amount".into(), &8.into(), &12.into())
    );
    let placeholder = findings
        .iter()
        .find(|f| f["rule"] == "optional-placeholder")
        .expect("an optional placeholder finding");
    assert_eq!(
        (&placeholder["code"], &placeholder["field"]),
        (&"out_of_stock".into(), &"sku".into())
    );
    // `payment_failed` names `card_declined` in its note: no finding.
    assert!(!findings.iter().any(|f| f["rule"] == "deprecated-without-replacement" && f["code"] == "payment_failed"));
}

#[test]
fn a_catalog_that_does_not_check_is_not_linted() {
    let (code, stdout, _) = run(&fixtures(), &["lint", "bad_status.toml"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("error: status 302 is not an error status"),
        "{stdout}"
    );
    assert!(!stdout.contains("warning["), "{stdout}");
    let (code, stdout, _) = run(
        &fixtures(),
        &["lint", "bad_status.toml", "--format", "json"],
    );
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(report["problems"][0]["line"], 7);
    assert_eq!(report["findings"], serde_json::json!([]));
    let (code, _, stderr) = run(&fixtures(), &["lint", "missing.toml"]);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "error: catalog file not found at missing.toml\n")
    );
}

#[test]
fn help_lists_the_rules_and_exit_codes() {
    let (code, stdout, _) = run(&root(), &["lint", "--help"]);
    assert_eq!(code, 0);
    for rule in RULES {
        assert!(stdout.contains(rule), "{rule} not in --help:\n{stdout}");
    }
    assert!(
        stdout.contains("Exit status: 0 when lint clean, 1 with findings or problems, 2"),
        "{stdout}"
    );
}
