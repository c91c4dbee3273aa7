//! What `docs` and `schema` share: loading the catalog (or reporting why it
//! cannot be used) and writing a generated file (or checking that the
//! committed one is up to date).

use std::path::Path;

use amp_errors_catalog::Catalog;
use serde::Serialize;

use crate::common::{self, ProblemJson, Source};
use crate::schema::json::Json;
use crate::{Color, Exit, Format};

/// The `--format json` document of a catalog that cannot be used.
#[derive(Debug, Serialize)]
struct Unusable {
    path: String,
    ok: bool,
    problems: Vec<ProblemJson>,
}

/// Reads, parses and validates the catalog at `path`. On failure, prints
/// why (each problem as `check` shows it, on stderr; or with `--format json`
/// `{"path", "ok": false, "problems": [...]}` on stdout) and returns
/// [`Exit::Failure`]: nothing can be generated from an unusable catalog.
pub fn load(command: &str, path: &Path, format: Format, color: Color) -> Result<Catalog, Exit> {
    let shown = path.display().to_string();
    let failed = |problems: Vec<ProblemJson>, text: String| {
        match format {
            Format::Text => common::err(&text),
            Format::Json => common::print_json(&Unusable {
                path: shown.clone(),
                ok: false,
                problems,
            }),
        }
        Exit::Failure
    };
    let source = match Source::read(path) {
        Ok(source) => source,
        Err(problem) => {
            let text = format!("error: {}\n", problem.render(&shown));
            return Err(failed(vec![ProblemJson::from(&problem)], text));
        }
    };
    source.load().map_err(|problems| {
        let color = format == Format::Text && color.enabled();
        let mut text = String::new();
        for problem in &problems {
            text.push_str(&source.render(problem, color));
            text.push_str("\n\n");
        }
        text.push_str(&format!(
            "error: amp-errors {command}: {shown} is not a valid catalog ({}); nothing written\n",
            common::plural(problems.len(), "problem", "problems")
        ));
        failed(problems.iter().map(ProblemJson::from).collect(), text)
    })
}

/// Prints a usage problem the argument parser cannot express and returns
/// [`Exit::Failure`].
pub fn usage_error(command: &str, message: &str, format: Format) -> Exit {
    match format {
        Format::Text => common::err(&format!("error: amp-errors {command}: {message}\n")),
        Format::Json => common::out(
            &(Json::object()
                .with("ok", false)
                .with("error", message)
                .pretty()
                + "\n"),
        ),
    }
    Exit::Failure
}

/// Where and how to write a generated text.
pub struct Target<'a> {
    /// The command, for messages (`docs`).
    pub command: &'a str,
    /// `-o FILE`; standard output when `None`.
    pub output: Option<&'a Path>,
    /// `--check`: compare with `output` instead of writing it.
    pub check: bool,
    /// The report format.
    pub format: Format,
    /// The command line that regenerates `output`, for the `--check` message.
    pub regenerate: String,
}

/// Writes `text` to the target: the file, or standard output. With
/// `--check`, writes nothing and returns [`Exit::Problems`] when the file
/// is missing or differs, saying how to regenerate it.
pub fn emit(text: &str, target: &Target<'_>) -> Exit {
    let Some(path) = target.output else {
        common::out(text);
        return Exit::Ok;
    };
    if target.check {
        let up_to_date = std::fs::read(path).is_ok_and(|current| current == text.as_bytes());
        report_check(path, up_to_date, target);
        return if up_to_date { Exit::Ok } else { Exit::Problems };
    }
    match std::fs::write(path, text) {
        Ok(()) => Exit::Ok,
        Err(error) => usage_error(
            target.command,
            &format!("cannot write {}: {error}", path.display()),
            target.format,
        ),
    }
}

fn report_check(path: &Path, up_to_date: bool, target: &Target<'_>) {
    let shown = path.display();
    match target.format {
        Format::Text if up_to_date => common::err(&format!("{shown} is up to date\n")),
        Format::Text => common::err(&format!(
            "{shown} is out of date: it is not what `amp-errors {}` writes from the catalog.\nRegenerate it with:\n    {}\n",
            target.command, target.regenerate
        )),
        Format::Json => common::out(
            &(Json::object()
                .with("file", shown.to_string())
                .with("ok", up_to_date)
                .with("regenerate", target.regenerate.as_str())
                .pretty()
                + "\n"),
        ),
    }
}

/// A path for a shell command line: as is when it needs no quoting, else
/// single-quoted.
pub fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
