//! `amp-errors`: check, lint, explain, document, describe as a schema and
//! diff an amp-errors `catalog.toml`.

use std::process::ExitCode;

use amp_errors_cli::{check, diff, docs, explain, lint, schema};
use clap::{Parser, Subcommand};

/// One error catalog, every artefact.
#[derive(Parser)]
#[command(name = "amp-errors", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a catalog.
    Check(check::Args),
    /// Lint a catalog.
    Lint(lint::Args),
    /// Explain one code.
    Explain(explain::Args),
    /// Write the error reference.
    Docs(docs::Args),
    /// Write the JSON Schema or OpenAPI components.
    Schema(schema::Args),
    /// Report breaking changes between two catalog versions.
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
