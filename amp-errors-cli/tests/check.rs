//! `amp-errors check`, run as a binary: AMP's catalog is clean; bad catalogs
//! show every problem as a snippet, then a summary, and exit 1; an unreadable
//! file exits 2.

mod common;

use common::{fixtures, root, run};

#[test]
fn amps_catalog_is_clean() {
    let (code, stdout, stderr) = run(&root(), &["check", "catalog.toml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "catalog.toml: 15 codes, 6 categories, ok\n");
    assert_eq!(stderr, "");
}

#[test]
fn a_syntax_error_is_shown_where_it_is() {
    let (code, stdout, _) = run(&fixtures(), &["check", "syntax_error.toml"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("syntax_error", stdout);
}

#[test]
fn an_unknown_key_gets_a_did_you_mean() {
    let (code, stdout, _) = run(&fixtures(), &["check", "unknown_key.toml"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("did you mean `retryable`?"), "{stdout}");
    insta::assert_snapshot!("unknown_key", stdout);
}

#[test]
fn a_bad_status_is_underlined() {
    let (code, stdout, _) = run(&fixtures(), &["check", "bad_status.toml"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("7 | status = 302"), "{stdout}");
    assert!(stdout.contains("  |          ^^^\n"), "{stdout}");
    insta::assert_snapshot!("bad_status", stdout);
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let (code, stdout, _) = run(&fixtures(), &["check", "many_problems.toml"]);
    assert_eq!(code, 1);
    let lines: Vec<usize> = stdout
        .lines()
        .filter_map(|l| l.split("many_problems.toml:").nth(1))
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(lines, [8, 10, 13, 18, 20, 23]);
    assert!(stdout.ends_with("error: could not check many_problems.toml: 6 problems\n"));
    insta::assert_snapshot!("many_problems", stdout);
}

#[test]
fn json_lists_the_problems() {
    let (code, stdout, _) = run(
        &fixtures(),
        &["check", "unknown_key.toml", "--format", "json"],
    );
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(report["path"], "unknown_key.toml");
    assert_eq!(report["ok"], false);
    assert_eq!(report["codes"], serde_json::Value::Null);
    let problem = &report["problems"][0];
    assert_eq!(
        (&problem["line"], &problem["column"]),
        (&9.into(), &1.into())
    );
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown key `codes.not_found.retriable`")
    );
    assert!(
        problem["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `retryable`?")
    );

    let (code, stdout, _) = run(&root(), &["check", "catalog.toml", "--format", "json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(
        report,
        serde_json::json!({"path": "catalog.toml", "ok": true, "codes": 15, "categories": 6, "problems": []})
    );
}

#[test]
fn colours_follow_the_color_flag() {
    let (_, plain, _) = run(&fixtures(), &["check", "bad_status.toml"]);
    assert!(!plain.contains('\u{1b}'), "piped output is plain");
    let (_, never, _) = run(
        &fixtures(),
        &["check", "bad_status.toml", "--color", "never"],
    );
    assert_eq!(never, plain);
    let (code, colored, _) = run(
        &fixtures(),
        &["check", "bad_status.toml", "--color", "always"],
    );
    assert_eq!(code, 1);
    assert!(colored.contains("\u{1b}["), "{colored:?}");
}

#[test]
fn an_unreadable_file_exits_2() {
    let (code, stdout, stderr) = run(&fixtures(), &["check", "no_such_catalog.toml"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: catalog file not found at no_such_catalog.toml\n"
    );
    let (code, _, stderr) = run(&fixtures(), &["check", "not_utf8.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: not_utf8.toml:2:"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}

#[test]
fn help_explains_the_command_and_the_exit_codes() {
    let (code, stdout, _) = run(&root(), &["check", "--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Check a catalog as the amp_errors! macro does."),
        "{stdout}"
    );
    assert!(
        stdout.contains("Exit status: 0 when the catalog is valid, 1 when it has problems, 2"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&root(), &["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Exit status:\n  0  ok"), "{stdout}");
    let (code, _, stderr) = run(&root(), &["check"]);
    assert_eq!(code, 2, "a missing argument: {stderr}");
}
