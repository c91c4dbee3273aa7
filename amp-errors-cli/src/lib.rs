//! The `amp-errors` command-line tool, over the same catalog library
//! (`amp-errors-catalog`) the `amp_errors!` macro uses: one implementation of
//! reading, parsing and validating.
//!
//! Every command is a module with its clap arguments (`Args`) and a `run`
//! function that prints its report and returns the [`Exit`] status.

pub mod check;
pub mod diff;
pub mod docs;
pub mod explain;
pub mod lint;
pub mod schema;

/// How a command ended; the process exits with this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the catalog is fine, or the command produced its output.
    Ok = 0,
    /// 1: the command found problems (catalog errors, lint findings,
    /// breaking changes).
    Problems = 1,
    /// 2: the command could not run (bad arguments, a file that cannot be
    /// read, a git revision that does not exist).
    Failure = 2,
}

/// The output format every command takes (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: text, coloured on a terminal.
    #[default]
    Text,
    /// For machines: one JSON document on stdout.
    Json,
}
