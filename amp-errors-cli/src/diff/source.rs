//! Where a catalog version comes from: a path, or a git revision spec `REV:PATH`.

use std::path::Path;
use std::process::Command;

use amp_errors_catalog::Diagnostic;

use crate::common::Source;

/// Reads the catalog `spec` names: the file at that path when it exists, else
/// `REV:PATH` through `git show` in the current directory.
pub(super) fn read(spec: &str) -> Result<Source, Diagnostic> {
    let path = Path::new(spec);
    if path.exists() {
        return Source::read(path);
    }
    match spec.split_once(':') {
        Some((rev, file)) if !rev.is_empty() && !file.is_empty() => git_show(spec),
        _ => Source::read(path),
    }
}

/// The text of `spec` (`REV:PATH`) as `git show` prints it.
fn git_show(spec: &str) -> Result<Source, Diagnostic> {
    let output = Command::new("git")
        .args(["show", "--no-textconv", spec, "--"])
        .output()
        .map_err(|error| {
            Diagnostic::new(None, format!("cannot run git to read `{spec}`: {error}"))
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().next().unwrap_or("git show failed").trim();
        return Err(Diagnostic::new(
            None,
            format!("not a file, and git cannot read the revision `{spec}`: {reason}"),
        )
        .with_help("give a path, or REV:PATH with a revision and a path git knows, such as `main:catalog.toml`"));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| {
        Diagnostic::new(
            None,
            format!("`{spec}` is not valid UTF-8; save it as UTF-8"),
        )
    })?;
    Ok(Source {
        name: spec.to_owned(),
        text,
    })
}
