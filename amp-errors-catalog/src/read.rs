//! Reading a catalog file.

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Reads the catalog at `path` as UTF-8 text.
pub fn read(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|error| {
        let message = if error.kind() == std::io::ErrorKind::NotFound {
            format!("catalog file not found at {}", path.display())
        } else {
            format!("cannot read catalog file {}: {error}", path.display())
        };
        Diagnostic::new(None, message)
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
        let location = crate::diagnostic::LineIndex::new(&before).location(before.len());
        Diagnostic::new(
            Some(location),
            format!("catalog file is not valid UTF-8 (invalid byte at offset {offset}); save it as UTF-8"),
        )
    })
}
