//! The `amp-errors schema` command: output, `-o`, `--check`, exit statuses, help.

use std::path::Path;
use std::process::Command;

use super::{amp_catalog, parse, root};
use amp_errors_cli::schema;

fn amp_errors(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amp-errors"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_prints_writes_and_checks() {
    let catalog = amp_catalog();
    let printed = amp_errors(&["schema", "catalog.toml"]);
    assert_eq!(printed.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(printed.stdout).unwrap(),
        schema::json_schema(&catalog).unwrap()
    );
    let printed = amp_errors(&["schema", "catalog.toml", "--openapi", "--format", "json"]);
    assert_eq!(printed.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(printed.stdout).unwrap(),
        schema::openapi(&catalog).unwrap()
    );

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-command");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("errors.schema.json");
    let file_arg = file.to_str().unwrap();
    let written = amp_errors(&["schema", "catalog.toml", "-o", file_arg]);
    assert_eq!(written.status.code(), Some(0));
    assert!(written.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        schema::json_schema(&catalog).unwrap()
    );
    let check = amp_errors(&["schema", "catalog.toml", "-o", file_arg, "--check"]);
    assert_eq!(check.status.code(), Some(0));

    std::fs::write(&file, "{}").unwrap();
    let check = amp_errors(&["schema", "catalog.toml", "-o", file_arg, "--check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "an out-of-date file is a problem"
    );
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert!(stderr.contains("out of date"), "{stderr}");
    assert!(
        stderr.contains(&format!("amp-errors schema catalog.toml -o {file_arg}")),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{}",
        "--check writes nothing"
    );
    let check = amp_errors(&[
        "schema",
        "catalog.toml",
        "-o",
        file_arg,
        "--check",
        "--format",
        "json",
    ]);
    assert_eq!(check.status.code(), Some(1));
    let report = parse(&String::from_utf8(check.stdout).unwrap());
    assert_eq!(report["ok"], false);
}

#[test]
fn an_unusable_catalog_exits_2_with_its_problems() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-bad");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("catalog.toml");
    std::fs::write(&bad, "[catalog]\nname = \"ApiError\"\ndoc_base_url = \"u\"\ncategories = [\"A\"]\n\n[codes.x]\nstatus = 302\ncategory = \"A\"\nretryable = false\nmessage = \"m\"\n").unwrap();
    let bad_arg = bad.to_str().unwrap();
    let out = amp_errors(&["schema", bad_arg, "--color", "never"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("status 302 is not an error status"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{bad_arg}:7:10")), "{stderr}");

    let out = amp_errors(&["schema", bad_arg, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let report = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"][0]["line"], 7);

    let missing = amp_errors(&["schema", "no/such/catalog.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8(missing.stderr)
            .unwrap()
            .contains("not found")
    );
    let usage = amp_errors(&["schema"]);
    assert_eq!(usage.status.code(), Some(2), "a missing argument");
}

#[test]
fn the_help_explains_the_command() {
    let help = amp_errors(&["schema", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8(help.stdout).unwrap();
    for needle in [
        "JSON Schema (draft 2020-12)",
        "--openapi",
        "discriminator",
        "catch-all",
        "--check",
        "Exit status",
    ] {
        assert!(
            help.contains(needle),
            "`schema --help` lacks {needle:?}:\n{help}"
        );
    }
}
