//! The `amp-errors` command-line tool, over the same catalog library
//! (`amp-errors-catalog`) the `amp_errors!` macro uses: one implementation of
//! reading, parsing and validating.
//!
//! Every command is a module with its clap arguments (`Args`) and a `run`
//! function that prints its report and returns the [`Exit`] status. What the
//! commands share (reading a catalog, rendering its problems, colours, JSON
//! output) is in [`common`].

pub mod check;
pub mod common;
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

/// When text output is coloured (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Color {
    /// Coloured when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always coloured, even when piped.
    Always,
    /// Never coloured.
    Never,
}

impl Color {
    /// Whether output to stdout is coloured.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
