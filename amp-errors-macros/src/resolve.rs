//! Where the catalog file is.
//!
//! Paths are relative to the calling crate's `CARGO_MANIFEST_DIR`, like
//! typify's. `AMP_ERRORS_MANIFEST_DIR`, when set, replaces it: a harness that
//! compiles your sources from a crate of its own (trybuild does, from
//! `target/tests/trybuild/<crate>`, so its `CARGO_MANIFEST_DIR` is not yours)
//! sets it to your crate's directory before it builds (see `tests/ui.rs`).

use std::path::PathBuf;

/// The environment variable that overrides the base directory.
pub const OVERRIDE: &str = "AMP_ERRORS_MANIFEST_DIR";

/// The absolute path of `path`, or why it cannot be resolved.
pub fn resolve(path: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(path);
    if path.is_absolute() {
        return Ok(path);
    }
    let base = std::env::var_os(OVERRIDE)
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .ok_or_else(|| {
            format!("cannot resolve catalog path {}: CARGO_MANIFEST_DIR is not set (build with cargo, or set {OVERRIDE})", path.display())
        })?;
    Ok(PathBuf::from(base).join(path))
}
