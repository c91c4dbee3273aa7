//! `amp-errors lint CATALOG`: what a documented catalog has beyond what the
//! macro requires, as rustc's tidy demands of its own error registry. The
//! macro accepts a catalog without docs; the linter says what is missing.
//!
//! Every finding names its rule, a stable kebab-case id:
//!
//! | Rule | A finding when |
//! |---|---|
//! | `missing-description` | a code has no (or an empty) `description` |
//! | `missing-cause` | a code has no (or an empty) `cause` |
//! | `missing-resolution` | a code has no `resolution` steps, or an empty step |
//! | `missing-example` | a code has no `example` table |
//! | `missing-type-description` | a `[types]` entry has no `description` |
//! | `missing-field-description` | a field of a code, or a member of an object type, has no `description` |
//! | `placeholder-not-field` | a message template names `{param}`: validation allows it, but it is the common member, not a field of the code, and renders as nothing when absent |
//! | `optional-placeholder` | a message template names an optional field, which renders as nothing when absent (validation already rejects a placeholder that names no declared field) |
//! | `duplicate-message` | two codes have the same message template: a reader of the message alone cannot tell them apart |
//! | `deprecated-without-replacement` | a deprecation note names no other existing code to use instead (in backticks or plainly) |
//!
//! A catalog that does not check is not linted: its problems are shown as
//! `amp-errors check` shows them.
//!
//! Exit status: 0 when lint clean, 1 with findings (or when the catalog does
//! not check), 2 when the file cannot be read.
//!
//! # `--format json`
//!
//! One document on stdout (exit 0 or 1; nothing on stdout for exit 2):
//!
//! ```json
//! {
//!   "path": "catalog.toml",
//!   "ok": false,
//!   "problems": [],
//!   "findings": [
//!     { "rule": "missing-example", "code": "not_found", "type": null, "field": null,
//!       "line": 12, "column": 8, "message": "code `not_found` has no example", "help": "…" }
//!   ]
//! }
//! ```
//!
//! `problems` are the catalog's errors when it does not check (in the shape
//! of `amp-errors check --format json`; `findings` is then empty). Each
//! finding names the code, or the named type (`type`), and the field or
//! member when the rule is about one; `line`, `column` and `help` may be `null`.

mod rules;

use std::path::PathBuf;

use amp_errors_catalog::Diagnostic;
use amp_errors_catalog::snippet::Severity;
use serde::Serialize;

use crate::common::{Paint, ProblemJson, Source, out, paint, plural, print_json};
use crate::{Color, Exit, Format};

/// The long help of `amp-errors lint`.
pub const ABOUT: &str = "\
Lint a catalog: what a documented catalog has beyond what the macro requires.

Rules (stable ids): missing-description, missing-cause, missing-resolution \
and missing-example (every code documents its meaning, cause, resolution \
steps and an example); missing-type-description and missing-field-description \
(every named type, code field and type member is described); \
placeholder-not-field and optional-placeholder (a message template names only \
fields every instance has); duplicate-message (no two codes share a message \
template); deprecated-without-replacement (a deprecation note names the code \
to use instead).

Each finding is shown as a warning with its rule, the code and the TOML line. \
A catalog that does not check is not linted; its problems are shown instead.

Exit status: 0 when lint clean, 1 with findings or problems, 2 when the file \
cannot be read.";

/// Arguments of `amp-errors lint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalog file to lint.
    pub catalog: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
}

/// One lint finding: the rule, what it is about, and the problem at its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule's stable id, such as `missing-example`.
    pub rule: &'static str,
    /// The code the finding is about.
    pub code: Option<String>,
    /// The named type the finding is about.
    pub ty: Option<String>,
    /// The field (or type member) the finding is about.
    pub field: Option<String>,
    /// Where, what and how to fix it.
    pub diagnostic: Diagnostic,
}

/// A finding in the `--format json` document.
#[derive(Debug, Serialize)]
struct FindingJson {
    rule: &'static str,
    code: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    field: Option<String>,
    #[serde(flatten)]
    problem: ProblemJson,
}

/// The `--format json` document.
#[derive(Debug, Serialize)]
struct Report {
    path: String,
    ok: bool,
    problems: Vec<ProblemJson>,
    findings: Vec<FindingJson>,
}

/// Runs `amp-errors lint`.
pub fn run(args: &Args) -> Exit {
    let source = match Source::open(&args.catalog) {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    let color = args.format == Format::Text && args.color.enabled();
    let (problems, findings) = match source.load() {
        Ok(catalog) => (Vec::new(), rules::lint(&source.text, &catalog)),
        Err(problems) => (problems, Vec::new()),
    };
    match args.format {
        Format::Json => print_json(&Report {
            path: source.name.clone(),
            ok: problems.is_empty() && findings.is_empty(),
            problems: problems.iter().map(ProblemJson::from).collect(),
            findings: findings
                .iter()
                .map(|f| FindingJson {
                    rule: f.rule,
                    code: f.code.clone(),
                    ty: f.ty.clone(),
                    field: f.field.clone(),
                    problem: ProblemJson::from(&f.diagnostic),
                })
                .collect(),
        }),
        Format::Text if !problems.is_empty() => {
            out(&source.render_problems(&problems, color));
        }
        Format::Text => out(&render_findings(&source, &findings, color)),
    }
    if problems.is_empty() && findings.is_empty() {
        Exit::Ok
    } else {
        Exit::Problems
    }
}

/// The text report: every finding as a warning snippet, then a summary line.
fn render_findings(source: &Source, findings: &[Finding], color: bool) -> String {
    let mut out = String::new();
    for finding in findings {
        out.push_str(&source.render_as(
            &finding.diagnostic,
            Severity::Warning,
            finding.rule,
            color,
        ));
        out.push_str("\n\n");
    }
    if findings.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            source.name,
            paint("lint clean", Paint::Good, color)
        ));
    } else {
        out.push_str(&format!(
            "{}: {}: {}\n",
            paint("warning", Paint::Warning, color),
            source.name,
            plural(findings.len(), "lint finding", "lint findings")
        ));
    }
    out
}
