//! `amp-errors docs`: the error reference of a catalog, in the structure of
//! the AMP "Errors" page: the HTTP statuses, the error response format, every
//! code under its category (status, retryability, description, fields,
//! example, cause, resolution, headers), the named types, the response
//! headers and the retry guidance.
//!
//! Markdown by default (`docs/errors.md` is AMP's, kept up to date by a
//! test), one self-contained HTML page with `--html` (each code's section has
//! the id its `doc_url` points at), or the same content as one JSON document
//! with `--format json`.

use std::path::PathBuf;

use amp_errors_catalog::Catalog;

use crate::{Color, Exit, Format};

pub mod anchors;
pub mod envelope;
pub mod html;
pub mod inline;
pub mod json;
pub mod markdown;
pub mod output;
pub mod reference;
pub mod retry;
pub mod status;

use output::{Target, shell_word};
use reference::Reference;

/// Examples and exit statuses (a macro, so that `concat!` can join it).
macro_rules! docs_examples {
    () => {
        "Examples:
  amp-errors docs catalog.toml -o docs/errors.md
  amp-errors docs catalog.toml --html -o errors.html
  amp-errors docs catalog.toml -o docs/errors.md --check

Exit status: 0 written (or up to date with --check); 1 with --check, the file is \
out of date; 2 the catalog cannot be read or is invalid (its problems are printed), \
or the arguments are wrong."
    };
}

/// `-h`'s text after the options: examples and exit statuses.
const AFTER_HELP: &str = docs_examples!();

/// `--help`'s text after the options: what the command does in full (the
/// one-line summary is the subcommand's doc in `main.rs`), then the examples.
const AFTER_LONG_HELP: &str = concat!(
    "Write the error reference of a catalog.

The page follows the AMP \"Errors\" page: the HTTP status codes the catalog \
uses, the error response format, every code under its category (status, \
retryability, description, fields, JSON example, cause, resolution), the named \
types, the response headers and the retry guidance.

Markdown by default. With --html, one self-contained HTML page (inline CSS, no \
external resources) in which every code's section has the id its doc_url \
points at, so the links in error bodies land on it. With --format json, the \
same content as one JSON document (not combinable with --html).",
    "\n\n",
    docs_examples!()
);

/// Arguments of `amp-errors docs`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP, after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    /// The catalog file (catalog.toml).
    #[arg(value_name = "CATALOG")]
    pub catalog: PathBuf,
    /// Write one self-contained HTML page instead of Markdown.
    #[arg(long)]
    pub html: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write nothing; exit 1 when FILE (-o) differs from what would be written.
    #[arg(long, requires = "output")]
    pub check: bool,
    /// When to colour the catalog's problems.
    #[arg(long, value_enum, default_value_t)]
    pub color: Color,
    /// text: the page (Markdown, or HTML with --html); json: the same content as JSON.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs `amp-errors docs`.
pub fn run(args: &Args) -> Exit {
    if args.html && args.format == Format::Json {
        return output::usage_error(
            "docs",
            "--html and --format json are two different outputs; choose one",
            args.format,
        );
    }
    let catalog = match output::load("docs", &args.catalog, args.format, args.color) {
        Ok(catalog) => catalog,
        Err(exit) => return exit,
    };
    let text = match (args.format, args.html) {
        (Format::Json, _) => json(&catalog),
        (Format::Text, true) => html(&catalog),
        (Format::Text, false) => markdown(&catalog),
    };
    let mut regenerate = format!("amp-errors docs {}", shell_word(&args.catalog));
    if args.html {
        regenerate.push_str(" --html");
    }
    if args.format == Format::Json {
        regenerate.push_str(" --format json");
    }
    if let Some(path) = &args.output {
        regenerate.push_str(&format!(" -o {}", shell_word(path)));
    }
    output::emit(
        &text,
        &Target {
            command: "docs",
            output: args.output.as_deref(),
            check: args.check,
            format: args.format,
            regenerate,
        },
    )
}

/// The reference of `catalog` as Markdown.
pub fn markdown(catalog: &Catalog) -> String {
    markdown::render(&Reference::new(catalog))
}

/// The reference of `catalog` as one self-contained HTML page.
pub fn html(catalog: &Catalog) -> String {
    html::render(&Reference::new(catalog))
}

/// The reference of `catalog` as one JSON document (indented, with a final newline).
pub fn json(catalog: &Catalog) -> String {
    json::render(&Reference::new(catalog)).pretty() + "\n"
}
