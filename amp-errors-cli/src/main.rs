//! `amp-errors`: check, lint, explain, document, describe as a schema and
//! diff an amp-errors `catalog.toml`.

use std::process::ExitCode;

use amp_errors_cli::{check, diff, docs, explain, lint, schema};
use clap::{Parser, Subcommand};

/// The exit statuses, shown after the top-level help.
const EXIT_CODES: &str = "\
Exit status:
  0  ok: the catalog is valid, lint clean, no breaking change, or the output was written
  1  problems: catalog errors, lint findings, an unknown code, breaking changes
  2  could not run: bad arguments, a file or git revision that cannot be read";

/// One error catalog, every artefact.
#[derive(Parser)]
#[command(name = "amp-errors", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a catalog.
    #[command(long_about = check::ABOUT)]
    Check(check::Args),
    /// Lint a catalog.
    #[command(long_about = lint::ABOUT)]
    Lint(lint::Args),
    /// Explain one code.
    #[command(long_about = explain::ABOUT)]
    Explain(explain::Args),
    /// Write the error reference.
    Docs(docs::Args),
    /// Write the JSON Schema or OpenAPI components.
    Schema(schema::Args),
    /// Report breaking changes between two catalog versions.
    #[command(long_about = diff::ABOUT)]
    Diff(diff::Args),
}

fn main() -> ExitCode {
    let exit = match Cli::parse().command {
        Command::Check(args) => check::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Docs(args) => docs::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    ExitCode::from(exit as u8)
}
