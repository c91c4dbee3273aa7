//! What the commands share: reading a catalog, rendering its problems as
//! snippets, colours, and JSON output.

use std::path::Path;

use amp_errors_catalog::snippet::{self, Severity};
use amp_errors_catalog::{Catalog, Diagnostic};

use crate::Exit;
use serde::Serialize;

/// A catalog's text and the name it is shown by (its path as given, or a git
/// revision spec such as `main:catalog.toml`).
#[derive(Debug, Clone)]
pub struct Source {
    /// The name diagnostics give the file.
    pub name: String,
    /// The whole file.
    pub text: String,
}

impl Source {
    /// Reads the catalog file at `path`: its text, or why it cannot be read
    /// (missing, not a file, not UTF-8).
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let text = amp_errors_catalog::read::read(path)?;
        Ok(Source {
            name: path.display().to_string(),
            text,
        })
    }

    /// [`Source::read`], reporting a file that cannot be read on stderr
    /// ([`print_failure`]): `Err` is the exit status then, [`Exit::Failure`].
    pub fn open(path: &Path) -> Result<Source, Exit> {
        Source::read(path).map_err(|problem| {
            print_failure(&path.display().to_string(), &problem);
            Exit::Failure
        })
    }

    /// Parses and validates the catalog: the catalog, or every problem in file order.
    pub fn load(&self) -> Result<Catalog, Vec<Diagnostic>> {
        amp_errors_catalog::load_str(&self.text)
    }

    /// `problem` as an error snippet of this file.
    pub fn render(&self, problem: &Diagnostic, color: bool) -> String {
        snippet::render(&self.text, &self.name, problem, color)
    }

    /// `finding` as a snippet of this file with `severity` and `id`.
    pub fn render_as(
        &self,
        finding: &Diagnostic,
        severity: Severity,
        id: &str,
        color: bool,
    ) -> String {
        snippet::render_as(&self.text, &self.name, finding, severity, Some(id), color)
    }

    /// Every problem as a snippet, a blank line after each, then the summary
    /// line `error: could not check NAME: N problems`.
    pub fn render_problems(&self, problems: &[Diagnostic], color: bool) -> String {
        let mut out = String::new();
        for problem in problems {
            out.push_str(&self.render(problem, color));
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "{}: could not check {}: {}\n",
            paint("error", Paint::Error, color),
            self.name,
            plural(problems.len(), "problem", "problems")
        ));
        out
    }
}

/// Prints why a command could not run (exit status 2) on stderr: `error:
/// NAME:line:col: message` (the message alone for the file as a whole), and the help.
pub fn print_failure(name: &str, problem: &Diagnostic) {
    let mut text = match problem.location {
        Some(at) => format!("error: {name}:{at}: {}\n", problem.message),
        None => format!("error: {}\n", problem.message),
    };
    if let Some(help) = &problem.help {
        text.push_str(&format!("  help: {help}\n"));
    }
    err(&text);
}

/// Writes `text` to stdout. A closed pipe (`amp-errors … | head`) is not an
/// error of the command: what is left is dropped.
pub fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Writes `text` to stderr, ignoring a closed pipe.
pub fn err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// A problem or finding in JSON documents: where (1-based line and column,
/// `null` for the file as a whole), what, and the help.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemJson {
    /// Line, from 1.
    pub line: Option<usize>,
    /// Column, from 1, in characters.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is a suggestion.
    pub help: Option<String>,
}

impl From<&Diagnostic> for ProblemJson {
    fn from(problem: &Diagnostic) -> Self {
        ProblemJson {
            line: problem.location.map(|l| l.line),
            column: problem.location.map(|l| l.column),
            message: problem.message.clone(),
            help: problem.help.clone(),
        }
    }
}

/// Prints `document` on stdout as pretty JSON, members in declaration order.
pub fn print_json(document: &impl Serialize) {
    match serde_json::to_string_pretty(document) {
        Ok(text) => out(&format!("{text}\n")),
        // Documents are plain structs of strings, numbers and raw JSON: never.
        Err(error) => err(&format!("error: cannot write JSON: {error}\n")),
    }
}

/// A text style of the terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Headings and names: bold.
    Bold,
    /// Errors and breaking changes: bold bright red (rustc's `error`).
    Error,
    /// Warnings: bold yellow (rustc's `warning`).
    Warning,
    /// What is fine: bold bright green.
    Good,
    /// Secondary text (locations, ids): bright blue.
    Dim,
}

/// `text` in `style` when `color` is on, as is otherwise.
pub fn paint(text: &str, style: Paint, color: bool) -> String {
    if !color {
        return text.to_owned();
    }
    let code = match style {
        Paint::Bold => "1",
        Paint::Error => "1;91",
        Paint::Warning => "1;33",
        Paint::Good => "1;92",
        Paint::Dim => "94",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

/// `1 problem`, `3 problems`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` wrapped at `width` columns, each line starting with `indent`.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line = String::from(indent);
        for word in paragraph.split_whitespace() {
            let has_word = line.len() > indent.len();
            if has_word && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line = String::from(indent);
            }
            if line.len() > indent.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("one two three four", "  ", 12),
            "  one two\n  three four\n"
        );
        assert_eq!(wrap("", "  ", 12), "\n");
        assert_eq!(plural(1, "code", "codes"), "1 code");
        assert_eq!(paint("x", Paint::Bold, false), "x");
        assert_eq!(paint("x", Paint::Bold, true), "\u{1b}[1mx\u{1b}[0m");
    }
}
