//! `Display`, `Debug` and message rendering helpers.

pub use core::fmt::{Debug, DebugStruct, Display, Formatter, Result, Write};

use serde::ser::{Serialize, Serializer};

use crate::{ErrorMeta, REDACTED, UnknownError};

/// A message rendered straight into the output: no intermediate `String`.
pub struct Rendered<F>(pub F);

impl<F: Fn(&mut Formatter<'_>) -> Result> Display for Rendered<F> {
    #[inline]
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        (self.0)(f)
    }
}

impl<F: Fn(&mut Formatter<'_>) -> Result> Serialize for Rendered<F> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Renders a message into a `String` (for `message()` of templated codes).
pub fn render(write: impl Fn(&mut Formatter<'_>) -> Result) -> String {
    Rendered(write).to_string()
}

/// Writes a list or object placeholder as JSON text.
pub fn json_placeholder<T: Serialize + ?Sized>(f: &mut Formatter<'_>, value: &T) -> Result {
    match serde_json::to_string(value) {
        Ok(text) => f.write_str(&text),
        Err(_) => Err(core::fmt::Error),
    }
}

/// Writes the redaction marker in place of a sensitive placeholder.
#[inline]
pub fn redacted(f: &mut Formatter<'_>) -> Result {
    f.write_str(REDACTED)
}

/// What `Debug` shows for a sensitive field.
pub struct Redacted;

impl Debug for Redacted {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        f.write_str(REDACTED)
    }
}

/// `Display` of an error: the message; `{:#}` prefixes the code and appends
/// the request id, for logs.
pub fn display(
    f: &mut Formatter<'_>,
    code: &str,
    request_id: Option<&str>,
    message: impl FnOnce(&mut Formatter<'_>) -> Result,
) -> Result {
    if !f.alternate() {
        return message(f);
    }
    f.write_str(code)?;
    f.write_str(": ")?;
    message(f)?;
    if let Some(request_id) = request_id {
        f.write_str(" (request_id: ")?;
        f.write_str(request_id)?;
        f.write_str(")")?;
    }
    Ok(())
}

/// Starts the `Debug` of a known code's variant: its name and code, then the caller's fields.
#[inline]
pub fn debug_variant<'a, 'b>(
    f: &'a mut Formatter<'b>,
    variant: &str,
    code: &'static str,
) -> DebugStruct<'a, 'b> {
    let mut s = f.debug_struct(variant);
    s.field("code", &code);
    s
}

/// Ends the `Debug` of a known code's variant with its common members.
pub fn debug_meta(s: &mut DebugStruct<'_, '_>, meta: &ErrorMeta) -> Result {
    meta.debug_wire_members(s);
    s.finish()
}

/// `Debug` of the fallback variant.
pub fn debug_fallback(f: &mut Formatter<'_>, variant: &str, unknown: &UnknownError) -> Result {
    f.debug_tuple(variant).field(unknown).finish()
}
