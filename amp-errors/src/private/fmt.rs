//! `Display`, `Debug` and message rendering helpers.

pub use core::fmt::{Debug, DebugStruct, Display, Formatter, Result, Write};

use arrayvec::ArrayString;
use serde::ser::{Serialize, Serializer};

use crate::{CodeInfo, ErrorMeta, REDACTED, UnknownError};

/// A message being rendered: the pieces of a template appended as they
/// come, without the `fmt` machinery (a template is literal text, fields and
/// integers written with `itoa`). Up to [`Message::INLINE`] bytes live on the
/// stack (arrayvec's `ArrayString`), so rendering a message allocates
/// nothing; a longer one moves to the heap.
pub struct Message {
    inline: ArrayString<{ Message::INLINE }>,
    heap: String,
}

impl Message {
    /// The bytes a message keeps on the stack.
    pub const INLINE: usize = 192;

    /// An empty message.
    #[inline]
    #[must_use]
    pub fn new() -> Self {
        Message {
            inline: ArrayString::new(),
            heap: String::new(),
        }
    }

    /// Appends `text`.
    #[inline]
    pub fn push_str(&mut self, text: &str) {
        if !self.heap.is_empty() || self.inline.try_push_str(text).is_err() {
            self.spill(text);
        }
    }

    /// Appends what does not fit on the stack: the message moves to the heap.
    #[cold]
    fn spill(&mut self, text: &str) {
        if self.heap.is_empty() {
            self.heap
                .reserve(self.inline.len() + text.len() + Message::INLINE);
            self.heap.push_str(&self.inline);
            self.inline.clear();
        }
        self.heap.push_str(text);
    }

    /// Appends a field's value as a message shows it.
    #[inline]
    pub fn push<T: Piece + ?Sized>(&mut self, value: &T) {
        value.push_to(self);
    }

    /// Appends a list or object as JSON text.
    pub fn push_json<T: Serialize + ?Sized>(&mut self, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            self.push_str(&text);
        }
    }

    /// Appends the redaction marker, in place of a sensitive value.
    #[inline]
    pub fn push_redacted(&mut self) {
        self.push_str(REDACTED);
    }

    /// The message so far.
    #[inline]
    pub fn as_str(&self) -> &str {
        if self.heap.is_empty() {
            &self.inline
        } else {
            &self.heap
        }
    }

    /// The message as a `String`.
    pub fn into_string(self) -> String {
        if self.heap.is_empty() {
            self.inline.as_str().to_owned()
        } else {
            self.heap
        }
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

impl Write for Message {
    fn write_str(&mut self, text: &str) -> Result {
        self.push_str(text);
        Ok(())
    }
}

/// A value a template shows as itself.
pub trait Piece {
    /// Appends the value to `message`.
    fn push_to(&self, message: &mut Message);
}

impl Piece for str {
    #[inline]
    fn push_to(&self, message: &mut Message) {
        message.push_str(self);
    }
}

impl Piece for String {
    #[inline]
    fn push_to(&self, message: &mut Message) {
        message.push_str(self);
    }
}

impl Piece for bool {
    #[inline]
    fn push_to(&self, message: &mut Message) {
        message.push_str(if *self { "true" } else { "false" });
    }
}

impl Piece for u64 {
    #[inline]
    fn push_to(&self, message: &mut Message) {
        message.push_str(itoa::Buffer::new().format(*self));
    }
}

impl Piece for i64 {
    #[inline]
    fn push_to(&self, message: &mut Message) {
        message.push_str(itoa::Buffer::new().format(*self));
    }
}

impl Piece for f64 {
    fn push_to(&self, message: &mut Message) {
        let _ = write!(message, "{self}");
    }
}

/// An error's message, rendered by `render` when serialized: one string,
/// escaped once by the serializer.
pub struct Rendered<'a, E>(pub &'a E, pub fn(&E, &mut Message));

impl<E> Serialize for Rendered<'_, E> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        let mut message = Message::new();
        (self.1)(self.0, &mut message);
        serializer.serialize_str(message.as_str())
    }
}

/// Renders a message into a `String` (for `message()` of templated codes).
pub fn render(write: impl FnOnce(&mut Message)) -> String {
    let mut message = Message::new();
    write(&mut message);
    message.into_string()
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
    write: impl FnOnce(&mut Message),
) -> Result {
    let mut message = Message::new();
    write(&mut message);
    if !f.alternate() {
        return f.write_str(message.as_str());
    }
    f.write_str(code)?;
    f.write_str(": ")?;
    f.write_str(message.as_str())?;
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

/// `Debug` of a known code without typed fields: its variant's name and its
/// code (there for every known variant), then the common members.
pub fn debug_plain(
    f: &mut Formatter<'_>,
    variant: Option<(&str, &'static str)>,
    meta: &ErrorMeta,
) -> Result {
    let (name, code) = variant.unwrap_or(("Unknown", ""));
    debug_meta(&mut debug_variant(f, name, code), meta, false)
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
pub fn redacted_template(m: &mut Message, template: &str) {
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        m.push_str(&rest[..at]);
        let brace = &rest[at..at + 1];
        if rest[at + 1..].starts_with(brace) {
            m.push_str(brace);
            rest = &rest[at + 2..];
        } else if brace == "{" {
            m.push_redacted();
            rest = rest[at..].find('}').map_or("", |end| &rest[at + end + 1..]);
        } else {
            rest = &rest[at + 1..];
        }
    }
    m.push_str(rest);
}

/// The message of the fallback variant: the one received, else the code's
/// template with its placeholders redacted when the code is known. With
/// `redact`, a known code with sensitive fields always shows the redacted
/// template (the received text may quote their values).
pub fn fallback_message(
    m: &mut Message,
    unknown: &UnknownError,
    info: Option<&CodeInfo>,
    redact: bool,
) {
    match (unknown.message(), info) {
        (_, Some(info)) if redact && info.has_sensitive_fields() => {
            redacted_template(m, info.message)
        }
        (Some(message), _) => m.push_str(message),
        (None, Some(info)) => redacted_template(m, info.message),
        (None, None) => {}
    }
}
