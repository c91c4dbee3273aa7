//! `Display`, `Debug` and message rendering helpers.

pub use core::fmt::{Debug, DebugStruct, Display, Formatter, Result, Write};

use serde::ser::{Serialize, Serializer};

use crate::{CodeInfo, ErrorMeta, REDACTED, UnknownError};

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

/// Ends the `Debug` of a known code's variant with its common members;
/// `sensitive`: the code has sensitive fields, so a received message (which
/// may quote them) is redacted.
pub fn debug_meta(s: &mut DebugStruct<'_, '_>, meta: &ErrorMeta, sensitive: bool) -> Result {
    meta.debug_wire_members(s, sensitive && meta.is_received());
    s.finish()
}

/// `Debug` of the fallback variant: code, message, request id and the names
/// of the other members. The message is redacted when the code is a known one
/// with sensitive fields.
pub fn debug_fallback(
    f: &mut Formatter<'_>,
    variant: &str,
    unknown: &UnknownError,
    info: Option<&CodeInfo>,
) -> Result {
    if info.is_some_and(CodeInfo::has_sensitive_fields) {
        f.debug_tuple(variant).field(&unknown.redacted()).finish()
    } else {
        f.debug_tuple(variant).field(unknown).finish()
    }
}

/// Whether the message of an error may be shown as is by `Display`: not
/// when it was received for a code with sensitive fields (the server's text
/// may quote their values).
#[inline]
pub fn message_shown(meta: Option<&ErrorMeta>, info: Option<&CodeInfo>) -> bool {
    !(meta.is_none_or(ErrorMeta::is_received) && info.is_some_and(CodeInfo::has_sensitive_fields))
}

/// Writes `template` with every placeholder redacted: the message of an
/// error whose fields are not at hand.
pub fn redacted_template(f: &mut Formatter<'_>, template: &str) -> Result {
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        f.write_str(&rest[..at])?;
        let brace = &rest[at..at + 1];
        if rest[at + 1..].starts_with(brace) {
            f.write_str(brace)?;
            rest = &rest[at + 2..];
        } else if brace == "{" {
            f.write_str(REDACTED)?;
            rest = rest[at..].find('}').map_or("", |end| &rest[at + end + 1..]);
        } else {
            rest = &rest[at + 1..];
        }
    }
    f.write_str(rest)
}

/// The message of the fallback variant: the one received, else the code's
/// template with its placeholders redacted when the code is known. With
/// `redact`, a known code with sensitive fields always shows the redacted
/// template (the received text may quote their values).
pub fn fallback_message(
    f: &mut Formatter<'_>,
    unknown: &UnknownError,
    info: Option<&CodeInfo>,
    redact: bool,
) -> Result {
    match (unknown.message(), info) {
        (_, Some(info)) if redact && info.has_sensitive_fields() => {
            redacted_template(f, info.message)
        }
        (Some(message), _) => f.write_str(message),
        (None, Some(info)) => redacted_template(f, info.message),
        (None, None) => Ok(()),
    }
}
