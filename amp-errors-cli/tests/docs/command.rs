//! The `amp-errors docs` command: formats, `-o`, `--check`, exit statuses, help.

use std::path::Path;
use std::process::Command;

use super::{catalog_at, root};
use amp_errors_cli::docs;
use amp_errors_cli::schema::example;
use serde_json::Value;

fn amp_errors(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amp-errors"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

#[test]
fn the_json_format_has_the_same_content() {
    let catalog = catalog_at("catalog.toml");
    let out = amp_errors(&["docs", "catalog.toml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["catalog"], "AmpError");
    let categories: Vec<&str> = doc["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = catalog
        .categories
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(categories, expected);
    let codes: Vec<&Value> = doc["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["codes"].as_array().unwrap())
        .collect();
    assert_eq!(codes.len(), catalog.codes.len());
    for code in &catalog.codes {
        let entry = codes
            .iter()
            .find(|c| c["code"] == code.code.value.as_str())
            .unwrap();
        let example: Value =
            serde_json::from_str(&example::envelope(&catalog, code).unwrap().compact()).unwrap();
        assert_eq!(entry["example"], example);
        assert_eq!(entry["status"], code.status.value);
        assert_eq!(entry["anchor"], code.code.value.as_str());
    }
    assert_eq!(doc["retry"]["max_attempts"], 3);
    assert_eq!(doc["retry"]["delays"][1]["wait_ms"], 2000);
    let retry_after = doc["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["header"] == "Retry-After")
        .unwrap();
    assert_eq!(retry_after["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn the_command_writes_checks_and_refuses() {
    let catalog = catalog_at("catalog.toml");
    let out = amp_errors(&["docs", "catalog.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        docs::markdown(&catalog)
    );

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docs-command");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("errors.html");
    let file_arg = file.to_str().unwrap();
    let out = amp_errors(&["docs", "catalog.toml", "--html", "-o", file_arg]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        docs::html(&catalog)
    );
    let check = amp_errors(&["docs", "catalog.toml", "--html", "-o", file_arg, "--check"]);
    assert_eq!(check.status.code(), Some(0));
    let check = amp_errors(&["docs", "catalog.toml", "-o", file_arg, "--check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the Markdown is not the HTML page"
    );
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert!(
        stderr.contains(&format!("amp-errors docs catalog.toml -o {file_arg}")),
        "{stderr}"
    );

    let both = amp_errors(&["docs", "catalog.toml", "--html", "--format", "json"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(
        String::from_utf8(both.stdout)
            .unwrap()
            .contains("choose one")
    );
    let no_output = amp_errors(&["docs", "catalog.toml", "--check"]);
    assert_eq!(no_output.status.code(), Some(2), "--check needs -o");

    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[catalog]\nname = \"ApiError\"\n").unwrap();
    let out = amp_errors(&["docs", bad.to_str().unwrap(), "--color", "never"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("doc_base_url"), "{stderr}");
    assert!(stderr.contains("nothing written"), "{stderr}");
}

#[test]
fn the_help_explains_the_command() {
    let help = amp_errors(&["docs", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    for needle in [
        "--html",
        "self-contained HTML page",
        "doc_url",
        "--format json",
        "--check",
        "Exit status",
    ] {
        assert!(
            help.contains(needle),
            "`docs --help` lacks {needle:?}:\n{help}"
        );
    }
}
