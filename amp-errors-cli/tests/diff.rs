//! `amp-errors diff`, run as a binary: one pair of catalogs per rule, each
//! change judged breaking or compatible with the exit status to match
//! (`diff/code_rules.rs`, `diff/field_rules.rs`); the text report and the
//! JSON shape; and versions read from git revisions.

#[path = "diff/cases.rs"]
mod cases;
#[path = "diff/code_rules.rs"]
mod code_rules;
#[path = "diff/field_rules.rs"]
mod field_rules;

use std::process::Command;

mod common;

use cases::{base, edit};
use common::{fixtures, run};
use serde_json::Value;

#[test]
fn the_text_report_lists_kind_rule_subject_values_and_location() {
    let (code, stdout, _) = run(&fixtures(), &["diff", "diff_old.toml", "diff_new.toml"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("breaking[status-changed]: rate_limited: status changed: 429 -> 503\n  --> diff_new.toml:"), "{stdout}");
    insta::assert_snapshot!("diff_text", stdout);
    let (code, stdout, _) = run(&fixtures(), &["diff", "diff_old.toml", "diff_old.toml"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "diff_old.toml -> diff_old.toml: no changes\n")
    );
}

#[test]
fn the_json_report_has_a_stable_shape() {
    let (code, stdout, _) = run(
        &fixtures(),
        &["diff", "diff_old.toml", "diff_new.toml", "--format", "json"],
    );
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("one JSON document");
    let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["breaking", "changes", "compatible", "new", "old"]);
    assert_eq!(
        (&report["old"], &report["new"]),
        (&"diff_old.toml".into(), &"diff_new.toml".into())
    );
    for change in report["changes"].as_array().unwrap() {
        let mut keys: Vec<&String> = change.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "code", "column", "field", "kind", "line", "message", "new", "old", "rule", "type"
            ]
        );
        assert!(change["kind"] == "breaking" || change["kind"] == "compatible");
    }
    insta::assert_snapshot!("diff_json", stdout);
}

#[test]
fn versions_come_from_git_revisions() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(dir.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    std::fs::write(dir.path().join("catalog.toml"), base()).expect("written");
    git(&["add", "catalog.toml"]);
    git(&["commit", "-q", "-m", "first"]);
    std::fs::write(
        dir.path().join("catalog.toml"),
        edit(&base(), "status = 409", "status = 422"),
    )
    .expect("written");
    git(&["commit", "-q", "-am", "second"]);
    std::fs::write(dir.path().join("catalog.toml"), base()).expect("written");

    let (code, stdout, stderr) = run(
        dir.path(),
        &["diff", "HEAD~1:catalog.toml", "main:catalog.toml"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("breaking[status-changed]: out_of_stock: status changed: 409 -> 422\n  --> main:catalog.toml:17:10\n"), "{stdout}");
    assert!(stdout.ends_with("error: HEAD~1:catalog.toml -> main:catalog.toml: 1 breaking change, 0 compatible changes\n"), "{stdout}");
    // The working tree's file against the last commit: a path on disk.
    let (code, stdout, _) = run(dir.path(), &["diff", "main:catalog.toml", "catalog.toml"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("status changed: 422 -> 409"), "{stdout}");
    let (code, stdout, stderr) = run(dir.path(), &["diff", "nope:catalog.toml", "catalog.toml"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr
            .starts_with("error: not a file, and git cannot read the revision `nope:catalog.toml`"),
        "{stderr}"
    );
}

#[test]
fn catalogs_that_cannot_be_read_or_checked_exit_2() {
    let (code, stdout, stderr) = run(&fixtures(), &["diff", "diff_old.toml", "missing.toml"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, "", "error: catalog file not found at missing.toml\n")
    );
    let (code, _, stderr) = run(&fixtures(), &["diff", "bad_status.toml", "diff_old.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("status 302 is not an error status"),
        "{stderr}"
    );
    let (code, stdout, _) = run(&fixtures(), &["diff", "--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Exit status: 0 without breaking changes, 1 with any, 2"),
        "{stdout}"
    );
}
