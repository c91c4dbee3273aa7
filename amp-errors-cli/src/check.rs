//! `amp-errors check CATALOG`: the problems the `amp_errors!` macro would
//! report for a catalog, each shown as rustc shows a compile error: the title,
//! `--> path:line:col`, the TOML line with the offending token underlined and
//! the help as a footer ([`amp_errors_catalog::snippet`]). Every problem, in
//! file order, then a summary line.
//!
//! Exit status: 0 when the catalog is valid, 1 when it has problems, 2 when
//! the file cannot be read (missing, not UTF-8; the reason on stderr).
//!
//! # `--format json`
//!
//! One document on stdout (exit 0 or 1; nothing on stdout for exit 2):
//!
//! ```json
//! {
//!   "path": "catalog.toml",
//!   "ok": false,
//!   "codes": null,
//!   "categories": null,
//!   "problems": [
//!     { "line": 9, "column": 1, "message": "unknown key `codes.x.retriable`", "help": "did you mean `retryable`?" }
//!   ]
//! }
//! ```
//!
//! `codes` and `categories` are the counts of a valid catalog (`null` with
//! problems); `problems` is empty when `ok`; `line`, `column` and `help` may
//! be `null`.

use std::path::PathBuf;

use serde::Serialize;

use crate::common::{Paint, ProblemJson, Source, out, paint, plural, print_json};
use crate::{Color, Exit, Format};

/// The long help of `amp-errors check`.
pub const ABOUT: &str = "\
Check a catalog as the amp_errors! macro does.

Reports every problem the macro would reject the catalog for (TOML syntax, \
unknown keys with a \"did you mean\", missing or ill-typed values, statuses \
outside 400..=599, unknown categories, template placeholders, examples that \
do not match their fields, ...), in file order, each with the offending \
TOML line underlined and a help, then a summary line.

Exit status: 0 when the catalog is valid, 1 when it has problems, 2 when the \
file cannot be read.";

/// Arguments of `amp-errors check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalog file to check.
    pub catalog: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
}

/// The `--format json` document.
#[derive(Debug, Serialize)]
struct Report {
    path: String,
    ok: bool,
    codes: Option<usize>,
    categories: Option<usize>,
    problems: Vec<ProblemJson>,
}

/// Runs `amp-errors check`.
pub fn run(args: &Args) -> Exit {
    let source = match Source::open(&args.catalog) {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    let color = args.format == Format::Text && args.color.enabled();
    let result = source.load();
    match args.format {
        Format::Json => print_json(&Report {
            path: source.name.clone(),
            ok: result.is_ok(),
            codes: result.as_ref().ok().map(|c| c.codes.len()),
            categories: result.as_ref().ok().map(|c| c.categories.len()),
            problems: result
                .as_ref()
                .err()
                .map(|problems| problems.iter().map(ProblemJson::from).collect())
                .unwrap_or_default(),
        }),
        Format::Text => match &result {
            Ok(catalog) => out(&format!(
                "{}: {}, {}, {}\n",
                source.name,
                plural(catalog.codes.len(), "code", "codes"),
                plural(catalog.categories.len(), "category", "categories"),
                paint("ok", Paint::Good, color)
            )),
            Err(problems) => out(&source.render_problems(problems, color)),
        },
    }
    if result.is_ok() {
        Exit::Ok
    } else {
        Exit::Problems
    }
}
