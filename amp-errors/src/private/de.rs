//! `Deserialize` helpers: the tolerant, lossless reading every known code's
//! reader runs.
//!
//! An error object is taken whole, as its JSON text ([`read_error`]: serde_json
//! hands over the input's own text, borrowed where it can; other
//! deserializers' values are written out as JSON), and read member by member
//! from that text (`scan`): each value is there as written, so one that does
//! not fit its field is kept exactly as received. [`ErrorObject`] finds the
//! code (the members before it wait as borrowed text, on the stack), the code
//! picks the variant, and that variant's reader takes the members in order
//! through [`read_fields`], so each reader is a few lines of its own fields.
//!
//! Nothing but a body that is not an error object fails: a member the catalog
//! does not declare, a `null`, a value of the wrong type are kept as received
//! in the error's received record (`meta::Wire`), and written back by `Serialize`. A known
//! code that lacks a required field becomes the fallback ([`ErrorObject::finish`]).
//!
//! A received `message` that is the code's template rendered from the
//! received fields (what a server built from the same catalog sends) is not
//! stored: it waits, borrowed, until the error is built, and is compared with
//! the rendering then ([`ErrorObject::finish`], [`read_error`]). Only a
//! message that differs costs an allocation.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::Serialize;
use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, Error as _, MapAccess, Visitor,
};

use super::scan::{Cursor, Value};
use crate::meta::{Inline, Received, Slot, Wire};
use crate::raw::RawText;
use crate::{CatalogError, CodeInfo, ErrorMeta, Object, RawJson, UnknownError};

/// The error of reading an error object's members: serde_json's, whichever
/// deserializer the object came from (converted to its error at the end, by
/// [`read_error`]), so that each code's reader is compiled once.
pub type Error = serde_json::Error;

/// Why a body that is no error object fails.
pub const NOT_AN_ERROR: &str =
    "not an error object: expected a JSON object with a string `code` member";

/// Why a body with two `code` members fails: a proxy reading the first and a
/// backend reading the last must never see different codes.
pub const DUPLICATE_CODE: &str = "the error object has more than one `code` member";

/// A map key, borrowed from the input when the format allows it.
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A value read for a typed member: of its type, or kept as received.
pub enum Read<T> {
    /// Of the member's type.
    Typed(T),
    /// `null`, or a value of another type: kept as received.
    Kept(RawJson),
}

/// A scalar type a member is read into without failing on a value of
/// another type: read from the member's JSON text, so that a value that does
/// not fit is kept exactly as written.
pub trait Tolerant: Sized {
    /// The value of JSON text `text` (one well-formed JSON value): `Ok(None)`
    /// when it is not of this type, `Err` when it is but breaks a rule every
    /// member follows (a lone surrogate, a number out of range).
    fn from_text(text: &str) -> Result<Option<Self>, String>;

    /// [`from_text`](Self::from_text), told whether the text is a string
    /// written with escapes (the scan of the object knows).
    #[inline]
    fn from_scanned(text: &str, escaped: bool) -> Result<Option<Self>, String> {
        let _ = escaped;
        Self::from_text(text)
    }
}

impl Tolerant for String {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        String::from_scanned(text, text.contains('\\'))
    }

    #[inline]
    fn from_scanned(text: &str, escaped: bool) -> Result<Option<Self>, String> {
        let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
            return Ok(None);
        };
        if !escaped {
            // Well-formed JSON without escapes: the text is the value.
            return Ok(Some(inner.to_owned()));
        }
        serde_json::from_str(text)
            .map(Some)
            .map_err(|e| e.to_string())
    }
}

impl Tolerant for u64 {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        Ok(digits(text).or_else(|| text.parse().ok()))
    }
}

impl Tolerant for i64 {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        if let Some(value) = digits(text).filter(|_| text.len() < 19) {
            // Fewer than 19 digits: within `i64`.
            return Ok(Some(value as i64));
        }
        // `-0` would be written back as `0`: kept as written instead.
        Ok(text.parse().ok().filter(|_| text != "-0"))
    }
}

/// The value of a short run of decimal digits (at most 19, which cannot
/// overflow `u64`); `None` for anything else, which `str::parse` decides.
#[inline]
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 {
        return None;
    }
    let mut value = 0u64;
    for b in text.bytes() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u64::from(digit);
    }
    Some(value)
}

impl Tolerant for f64 {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            return Ok(None);
        }
        // Rust's parse rounds correctly, so what serializing writes (the
        // shortest spelling) reads back as the same number.
        match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(Some(number)),
            _ => Err(format!("the number {text} is out of range")),
        }
    }
}

impl Tolerant for bool {
    #[inline]
    fn from_text(text: &str) -> Result<Option<Self>, String> {
        Ok(match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }
}

/// A string enum's [`Tolerant::from_text`]: the string, through `from`
/// (its `from_wire`).
pub fn enum_from_text<T>(text: &str, from: fn(&str) -> T) -> Result<Option<T>, String> {
    Ok(String::from_text(text)?.map(|value| from(&value)))
}

/// An error object's JSON text and its code: what a generated type's
/// `Deserialize` dispatches on.
pub struct ErrorObject<'t> {
    /// The text the object is part of (all of it, through serde).
    text: &'t str,
    /// Where the object starts in `text`.
    start: usize,
    code: Cow<'t, str>,
    /// The members before `code`, read while looking for it; `None` when
    /// there were more than [`Before`] holds (they are read again then).
    before: Option<&'t [(&'t str, Value<'t>)]>,
    /// Where the `code` member starts in `text`.
    code_start: usize,
    /// Where the member after it starts.
    code_end: usize,
    /// A `message` read by [`read_fields`], written without escapes, that
    /// waits to be compared with the rendered template ([`ErrorObject::settle`]).
    pending_message: Cell<Option<&'t str>>,
    /// Where the object ends in `text` (past its closing brace), once a
    /// reading of its members reached it; 0 before.
    end: Cell<usize>,
}

/// Room for the members before `code`, so that they are read once, and
/// without allocating.
type Before<'t> = [(&'t str, Value<'t>); 8];

impl<'t> ErrorObject<'t> {
    /// Finds the code of the object at byte `start` of `text`; fails unless
    /// it is an object whose first `code` member is a string. The members
    /// before it are put in `before`.
    fn new(text: &'t str, start: usize, before: &'t mut Before<'t>) -> Result<Self, Error> {
        let not_an_error = || Error::custom(NOT_AN_ERROR);
        let mut cursor = Cursor::at(text, start).ok_or_else(not_an_error)?;
        let mut kept = Some(0);
        while let Some(name) = cursor.name()? {
            let value = cursor.value()?;
            if name.name != "code" {
                kept = match (kept, name.name) {
                    (Some(n), Cow::Borrowed(name)) if n < before.len() => {
                        before[n] = (name, value);
                        Some(n + 1)
                    }
                    _ => None,
                };
                continue;
            }
            let code = if value.escaped {
                String::from_scanned(value.text, true)
                    .ok()
                    .flatten()
                    .map(Cow::Owned)
            } else {
                // Without escapes, the text between the quotes is the code.
                (value
                    .text
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"')))
                .map(Cow::Borrowed)
            };
            return Ok(ErrorObject {
                text,
                start,
                code: code.ok_or_else(not_an_error)?,
                before: kept.map(|n| &before[..n]),
                code_start: name.start,
                code_end: cursor.position(),
                pending_message: Cell::new(None),
                end: Cell::new(0),
            });
        }
        Err(not_an_error())
    }

    /// The code.
    #[inline]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Settles a message that waited ([`ErrorObject::pending_message`]) into
    /// `error`, now built: not stored when it is the template rendered from
    /// the error's fields (serializing renders it again, the same text),
    /// stored as received otherwise.
    fn settle<E: CatalogError>(&self, error: &mut E) {
        let Some(text) = self.pending_message.take() else {
            return;
        };
        let mut rendered = super::fmt::Message::new();
        error.write_template(&mut rendered);
        if rendered.as_str() != text
            && let Some(meta) = error.meta_mut()
        {
            meta.message = Some(Cow::Owned(text.to_owned()));
        }
    }

    /// The error a code's reader built, or, when it lacks a required field
    /// (`complete` is false), the fallback holding every member it arrived
    /// with (see [`fallback`]); the message that waited is settled first.
    /// (`complete` comes first: it is computed before `error` takes the fields.)
    #[inline]
    pub fn finish<E>(&self, complete: bool, mut error: E) -> Result<E, Error>
    where
        E: CatalogError + Serialize,
    {
        self.settle(&mut error);
        if complete {
            // Returned from here: one move of the error fewer than passing it on.
            return Ok(error);
        }
        fallback(error)
    }

    /// Whether `code` is the first member.
    fn code_first(&self) -> bool {
        self.before.is_some_and(<[_]>::is_empty)
    }

    /// Calls `each` with every member but `code`, in order, with its name
    /// and its value (read already, or at the cursor); and with `None`
    /// where `code` was, unless it was first. A second `code` fails.
    #[inline]
    fn for_each(
        &self,
        mut each: impl FnMut(Option<(&str, Source<'_, 't>)>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut cursor = match self.before {
            Some(before) => {
                for (name, value) in before {
                    each(Some((name, Source::Read(*value))))?;
                }
                if !before.is_empty() {
                    each(None)?;
                }
                Cursor::resume(self.text, self.code_end)
            }
            None => Cursor::at(self.text, self.start).ok_or_else(|| Error::custom(NOT_AN_ERROR))?,
        };
        while let Some(name) = cursor.name()? {
            if name.name != "code" {
                each(Some((&name.name, Source::Cursor(&mut cursor))))?;
            } else if name.start == self.code_start {
                cursor.value()?;
                each(None)?;
            } else {
                return Err(Error::custom(DUPLICATE_CODE));
            }
        }
        self.end.set(cursor.position());
        Ok(())
    }
}

/// Where a member's value is: read already, or at a cursor.
enum Source<'a, 't> {
    Read(Value<'t>),
    Cursor(&'a mut Cursor<'t>),
}

impl<'t> Source<'_, 't> {
    /// The value.
    #[inline]
    fn value(&mut self) -> Result<Value<'t>, Error> {
        match self {
            Source::Read(value) => Ok(*value),
            Source::Cursor(cursor) => cursor.value(),
        }
    }

    /// Whether the value is the string `expected`, written without escapes
    /// (then read; else left for [`value`](Self::value)).
    #[inline]
    fn value_is(&mut self, expected: &str) -> Result<bool, Error> {
        match self {
            Source::Read(value) => Ok(value.is(expected)),
            Source::Cursor(cursor) => cursor.value_is(expected),
        }
    }
}

/// Reads an error object: takes its text from `deserializer` and hands it,
/// with its code, to `read` (the generated dispatch on the code); then
/// settles the message that waited (see [`ErrorObject::finish`]).
#[inline]
pub fn read_error<'de, D, T>(
    deserializer: D,
    read: impl FnOnce(&ErrorObject<'_>) -> Result<T, Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: CatalogError,
{
    let text = RawText::deserialize(deserializer)?;
    match read_error_text(&text.0, 0, read) {
        Ok((error, _)) => Ok(error),
        Err(error) => Err(D::Error::custom(error)),
    }
}

/// [`read_error`] of the error object at byte `start` of `text` (what
/// generated types' `CatalogError::read_text` calls, for
/// [`ErrorResponse::from_slice`](crate::ErrorResponse::from_slice)): the
/// error, and where the object ends in `text` (0 when no reading went
/// through all its members).
#[inline]
pub fn read_error_text<T>(
    text: &str,
    start: usize,
    read: impl FnOnce(&ErrorObject<'_>) -> Result<T, Error>,
) -> Result<(T, usize), Error>
where
    T: CatalogError,
{
    read_object_text(text, start, |object| {
        // Settled in place: the error is not moved out of the result and back.
        let mut read = read(object);
        if let Ok(error) = &mut read {
            object.settle(error);
        }
        read
    })
}

/// Takes an error object's text from `deserializer` and hands it, with its
/// code, to `read`.
#[inline]
pub fn read_object<'de, D, T>(
    deserializer: D,
    read: impl FnOnce(&ErrorObject<'_>) -> Result<T, Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = RawText::deserialize(deserializer)?;
    match read_object_text(&text.0, 0, read) {
        Ok((value, _)) => Ok(value),
        Err(error) => Err(D::Error::custom(error)),
    }
}

/// Hands the error object at byte `start` of `text`, with its code, to
/// `read`; returns what it read and where the object ends (see
/// [`read_error_text`]).
#[inline]
fn read_object_text<T>(
    text: &str,
    start: usize,
    read: impl FnOnce(&ErrorObject<'_>) -> Result<T, Error>,
) -> Result<(T, usize), Error> {
    let mut before = Before::default();
    let object = ErrorObject::new(text, start, &mut before)?;
    let value = read(&object)?;
    Ok((value, object.end.get()))
}

/// An error response read from its text, in one pass: the error (through
/// `E::read_text`, where the envelope's cursor is), the members beside it
/// and how many of them come before it. The same reading and the same checks
/// as serde's path through `ErrorResponse`'s `Deserialize`: JSON's grammar
/// (checked by the scan), one `error` object, every other member kept under
/// the limits every member follows.
pub(crate) fn read_envelope<E: CatalogError>(text: &str) -> Result<(E, Object, usize), Error> {
    let mut cursor = Cursor::new(text).ok_or_else(|| Error::custom(NOT_AN_ENVELOPE))?;
    let (mut error, mut others, mut error_at) = (None, Object::new(), 0);
    while let Some(name) = cursor.name()? {
        if name.name == "error" {
            if error.is_some() {
                return Err(Error::custom(DUPLICATE_ERROR));
            }
            let (read, end) = E::read_text(text, cursor.position())?;
            match end {
                // No reading went through all its members (and so checked
                // them): the scan does.
                0 => _ = cursor.value()?,
                end => cursor.skip_to(end)?,
            }
            error = Some(read);
            error_at = others.len();
        } else {
            let value = RawJson::from_received::<Error>(Cow::Borrowed(cursor.value()?.text))?;
            others.insert(name.name.into_owned(), value.checked::<Error>()?);
        }
    }
    cursor.end()?;
    let error = error.ok_or_else(|| Error::custom(NOT_AN_ENVELOPE))?;
    Ok((error, others, error_at))
}

/// Why a body that is not an error envelope fails.
pub const NOT_AN_ENVELOPE: &str =
    "not an error response: expected a JSON object with an `error` member";

/// Why a body with two `error` members fails.
pub const DUPLICATE_ERROR: &str = "the error response has more than one `error` member";

/// The value of one member, for a reader to take into a field: its JSON text.
pub struct Member<'t> {
    text: &'t str,
    /// Whether the text is a string written with escapes.
    escaped: bool,
}

impl<'t> From<Value<'t>> for Member<'t> {
    #[inline]
    fn from(value: Value<'t>) -> Self {
        Member {
            text: value.text,
            escaped: value.escaped,
        }
    }
}

impl Member<'_> {
    /// Reads a scalar field into `slot`; a value of another type is kept as
    /// written, and leaves the slot empty (a repeated member: the last wins).
    #[inline]
    pub fn read<T: Tolerant>(&self, slot: &mut Option<T>) -> Result<Read<()>, Error> {
        match T::from_scanned(self.text, self.escaped).map_err(Error::custom)? {
            Some(value) => {
                *slot = Some(value);
                Ok(Read::Typed(()))
            }
            None => {
                *slot = None;
                self.keep()
            }
        }
    }

    /// Reads a numeric field with bounds into `slot`; a value outside them is
    /// kept as received, like one of another type.
    pub fn read_in<T>(
        &self,
        slot: &mut Option<T>,
        minimum: Option<T>,
        maximum: Option<T>,
    ) -> Result<Read<()>, Error>
    where
        T: Tolerant + PartialOrd + Serialize,
    {
        let read = self.read(slot)?;
        if let Some(value) = slot.as_ref()
            && (minimum.is_some_and(|m| *value < m) || maximum.is_some_and(|m| *value > m))
        {
            let raw = RawJson::from_serialize(value)?;
            *slot = None;
            return Ok(Read::Kept(raw));
        }
        Ok(read)
    }

    /// Reads a compound field (a list, an object) into `slot`: the value is
    /// kept as received first, then converted; one that does not convert is kept.
    pub fn read_json<T: DeserializeOwned>(&self, slot: &mut Option<T>) -> Result<Read<()>, Error> {
        let raw = self.take_raw()?;
        match raw.parse::<Option<T>>() {
            Ok(Some(value)) => {
                *slot = Some(value);
                Ok(Read::Typed(()))
            }
            _ => {
                *slot = None;
                Ok(Read::Kept(raw))
            }
        }
    }

    /// Keeps the value as received.
    #[inline]
    pub fn keep(&self) -> Result<Read<()>, Error> {
        self.take_raw().map(Read::Kept)
    }

    /// Takes the value as received.
    /// (Checked when kept, by `Recorder::keep`.)
    fn take_raw(&self) -> Result<RawJson, Error> {
        RawJson::from_received(Cow::Borrowed(self.text))
    }
}

/// Builds the [`ErrorMeta`] of a parsed error and records where each member
/// arrived, allocating only when a member must be kept as received.
struct Recorder<'t> {
    info: &'static CodeInfo,
    meta: ErrorMeta,
    /// How the order is recorded so far.
    mode: Mode,
    /// The `message` read, when it waits to be compared with the template.
    pending_message: Option<&'t str>,
}

/// How a [`Recorder`] keeps the received order.
#[derive(PartialEq)]
enum Mode {
    /// The order is this crate's so far; `last` is the rank of the last member.
    Canonical { last: usize },
    /// In `Wire::inline`: typed members only.
    Inline,
    /// In `Wire::received`.
    Boxed,
}

impl<'t> Recorder<'t> {
    fn new(info: &'static CodeInfo, code_first: bool) -> Self {
        let mut meta = ErrorMeta::default();
        meta.wire.flags = Wire::RECEIVED;
        let mode = if info.fields.len() > 60 {
            let order = if code_first {
                vec![Slot::Code]
            } else {
                Vec::new()
            };
            meta.wire.received = Some(Box::new(Received { order }));
            Mode::Boxed
        } else if code_first {
            Mode::Canonical { last: 0 }
        } else {
            Mode::Inline
        };
        Recorder {
            info,
            meta,
            mode,
            pending_message: None,
        }
    }

    /// Whether a typed member of `slot`'s kind was placed already.
    fn seen(&self, slot: &Slot) -> bool {
        let wire = &self.meta.wire;
        match slot {
            Slot::Code => true,
            Slot::Message => wire.has(Wire::MESSAGE),
            Slot::Param => self.meta.param.is_some(),
            Slot::Field(i) if *i < 64 => wire.seen & (1 << i) != 0,
            Slot::Field(i) => wire.received.as_ref().is_some_and(|received| {
                received
                    .order
                    .iter()
                    .any(|s| matches!(s, Slot::Field(j) if j == i))
            }),
            Slot::DocUrl => wire.has(Wire::DOC_URL),
            Slot::RequestId => self.meta.request_id.is_some(),
            Slot::Raw(..) => false,
        }
    }

    /// Starts recording the order, when it was this crate's so far: the
    /// members so far, in this crate's order, are the start of it.
    fn start(&mut self) {
        let n = self.info.fields.len();
        if let Mode::Canonical { .. } = self.mode {
            self.mode = Mode::Inline;
            let so_far = [Slot::Code, Slot::Message, Slot::Param]
                .into_iter()
                .chain((0..n).map(Slot::Field))
                .chain([Slot::DocUrl, Slot::RequestId]);
            for slot in so_far {
                if self.seen(&slot) && !self.meta.wire.inline.push(slot.rank(n).unwrap_or(0)) {
                    // Too long for the inline order (never with ranks < 256
                    // and 15 slots: a code of over 60 fields records boxed).
                    self.box_order();
                    break;
                }
            }
        }
    }

    /// Appends `slot` to the recorded order.
    fn record(&mut self, slot: Slot) {
        let n = self.info.fields.len();
        self.start();
        if self.mode == Mode::Inline
            && let Some(rank) = slot.rank(n)
            && self.meta.wire.inline.push(rank)
        {
            return;
        }
        self.box_order().push(slot);
    }

    /// The order as slots, moved out of the inline ranks if needed.
    fn box_order(&mut self) -> &mut Vec<Slot> {
        let n = self.info.fields.len();
        let wire = &mut self.meta.wire;
        if self.mode != Mode::Boxed {
            let order = wire
                .inline
                .ranks()
                .map(|rank| Slot::of_rank(rank, n))
                .collect();
            wire.inline = Inline::default();
            wire.received = Some(Box::new(Received { order }));
            self.mode = Mode::Boxed;
        }
        &mut wire.received.get_or_insert_with(Box::default).order
    }

    /// The wire name of a typed slot.
    fn key_of(&self, slot: &Slot) -> &'static str {
        match slot {
            Slot::Code => "code",
            Slot::Message => "message",
            Slot::Param => "param",
            Slot::DocUrl => "doc_url",
            Slot::RequestId => "request_id",
            Slot::Field(i) => self.info.fields[*i].name,
            Slot::Raw(..) => "",
        }
    }

    /// The typed slot of member `key`, if it has one.
    fn typed_slot(&self, key: &str) -> Option<Slot> {
        Some(match key {
            "message" => Slot::Message,
            "param" => Slot::Param,
            "doc_url" => Slot::DocUrl,
            "request_id" => Slot::RequestId,
            _ => Slot::Field(self.info.field_index(key)?),
        })
    }

    /// Marks `slot` placed (or, with `placed` false, no longer).
    fn mark(&mut self, slot: &Slot, placed: bool) {
        let wire = &mut self.meta.wire;
        let (flags, bits) = match slot {
            Slot::Message => (Wire::MESSAGE, 0),
            Slot::DocUrl => (Wire::DOC_URL, 0),
            Slot::Field(i) if *i < 64 => (0, 1u64 << i),
            _ => (0, 0),
        };
        if placed {
            wire.flags |= flags;
            wire.seen |= bits;
        } else {
            wire.flags &= !flags;
            wire.seen &= !bits;
        }
    }

    /// Places a typed member. A repeat keeps the first place, where the
    /// caller stores the last value, even when the first was kept as received.
    #[inline]
    fn place(&mut self, slot: &Slot) {
        let rank = slot.rank(self.info.fields.len()).unwrap_or(usize::MAX);
        match self.mode {
            // The common case: members in this crate's order. A rank above
            // the last one's was not seen before.
            Mode::Canonical { last } if rank > last => self.mode = Mode::Canonical { last: rank },
            // Another order of typed members (`code` last, say), while it
            // fits inline.
            Mode::Inline if !self.seen(slot) && self.meta.wire.inline.push(rank) => {}
            _ => return self.place_out_of_order(slot, rank),
        }
        self.mark(slot, true);
    }

    /// [`Recorder::place`] for a member out of this crate's order, a repeat,
    /// or one whose earlier occurrence was kept as received. (Not inlined:
    /// the common case stays small.)
    #[inline(never)]
    fn place_out_of_order(&mut self, slot: &Slot, rank: usize) {
        if self.seen(slot) {
            return;
        }
        let kept_first = match (&self.mode, &self.meta.wire.received) {
            (Mode::Boxed, Some(received)) => {
                let key = self.key_of(slot);
                received
                    .order
                    .iter()
                    .position(|s| matches!(s, Slot::Raw(k, _) if k == key))
            }
            _ => None,
        };
        match (kept_first, &self.mode) {
            (Some(at), _) => self.box_order()[at] = slot.clone(),
            (None, Mode::Canonical { last }) if rank > *last => {
                self.mode = Mode::Canonical { last: rank }
            }
            _ => self.record(slot.clone()),
        }
        self.mark(slot, true);
    }

    /// Keeps member `key` as received, in its place. A repeat keeps the first
    /// place and the last value, even when the first was typed.
    fn keep(&mut self, key: &str, value: RawJson) -> Result<(), Error> {
        let value = value.checked()?;
        self.start();
        if let Some(typed) = self.typed_slot(key)
            && self.seen(&typed)
        {
            // The typed value read first gives way (the caller emptied a
            // field's slot; the common members are emptied here).
            match typed {
                Slot::Message => {
                    self.meta.message = None;
                    self.pending_message = None;
                }
                Slot::Param => self.meta.param = None,
                Slot::RequestId => self.meta.request_id = None,
                _ => {}
            }
            self.mark(&typed, false);
            let order = self.box_order();
            if let Some(at) = order.iter().position(|s| same_typed(s, &typed)) {
                order[at] = Slot::Raw(key.to_owned(), value);
                return Ok(());
            }
        }
        let order = self.box_order();
        for slot in order.iter_mut() {
            if let Slot::Raw(k, v) = slot
                && k == key
            {
                *v = value;
                return Ok(());
            }
        }
        order.push(Slot::Raw(key.to_owned(), value));
        Ok(())
    }

    /// Reads a common string member into the meta with `set`.
    fn common(
        &mut self,
        member: &Member<'_>,
        slot: Slot,
        set: impl FnOnce(&mut ErrorMeta, String),
    ) -> Result<Read<()>, Error> {
        let mut value = None;
        let read = member.read::<String>(&mut value)?;
        if let Some(value) = value {
            self.place(&slot);
            set(&mut self.meta, value);
        }
        Ok(read)
    }

    /// Reads `message`. Text written without escapes waits, borrowed, to be
    /// compared with the rendered template once the error is built
    /// ([`ErrorObject::settle`]); other text is stored. The last one wins.
    fn message(&mut self, member: &Member<'t>) -> Result<Read<()>, Error> {
        let unescaped = (!member.escaped)
            .then(|| member.text.strip_prefix('"')?.strip_suffix('"'))
            .flatten();
        if let Some(text) = unescaped {
            self.place(&Slot::Message);
            self.meta.message = None;
            self.pending_message = Some(text);
            return Ok(Read::Typed(()));
        }
        self.pending_message = None;
        self.common(member, Slot::Message, |meta, message| {
            meta.message = Some(Cow::Owned(message))
        })
    }

    /// Takes one member (any but `code`).
    ///
    /// `field` is behind a pointer: this is compiled once, not once per code.
    fn member(
        &mut self,
        key: &str,
        mut value: Source<'_, 't>,
        field: &mut FieldReader<'_>,
    ) -> Result<(), Error> {
        // The catalog's own link is written back from the catalog; any other
        // value is kept as received. Compared as written, without allocating.
        let read = if key == "doc_url" && value.value_is(self.info.doc_url)? {
            self.place(&Slot::DocUrl);
            Read::Typed(())
        } else {
            let member = Member::from(value.value()?);
            match key {
                "message" => self.message(&member)?,
                "param" => {
                    self.common(&member, Slot::Param, |meta, param| meta.param = Some(param))?
                }
                "request_id" => self.common(&member, Slot::RequestId, |meta, id| {
                    meta.request_id = Some(id)
                })?,
                "doc_url" => member.keep()?,
                _ => match self.info.field_index(key) {
                    Some(index) => {
                        let read = field(index, &member)?;
                        if let Read::Typed(()) = read {
                            self.place(&Slot::Field(index));
                        }
                        read
                    }
                    None => member.keep()?,
                },
            }
        };
        if let Read::Kept(raw) = read {
            self.keep(key, raw)?;
        }
        Ok(())
    }
}

/// Whether two slots are the same typed member.
fn same_typed(a: &Slot, b: &Slot) -> bool {
    match (a, b) {
        (Slot::Field(i), Slot::Field(j)) => i == j,
        (Slot::Raw(..), _) | (_, Slot::Raw(..)) => false,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// A code's reader of typed fields by index.
type FieldReader<'f> = dyn FnMut(usize, &Member<'_>) -> Result<Read<()>, Error> + 'f;

/// Reads the members of a known code's object: `field` reads the typed
/// field of the index it is given; the common members go to the returned
/// [`ErrorMeta`], with every other member, kept as received.
#[inline]
pub fn read_fields<F>(
    object: &ErrorObject<'_>,
    info: &'static CodeInfo,
    mut field: F,
) -> Result<ErrorMeta, Error>
where
    F: FnMut(usize, &Member<'_>) -> Result<Read<()>, Error>,
{
    read_members(object, info, &mut field)
}

/// [`read_fields`], compiled once.
fn read_members(
    object: &ErrorObject<'_>,
    info: &'static CodeInfo,
    field: &mut FieldReader<'_>,
) -> Result<ErrorMeta, Error> {
    let mut recorder = Recorder::new(info, object.code_first());
    object.for_each(|member| match member {
        Some((name, value)) => recorder.member(name, value, field),
        None => {
            recorder.record(Slot::Code);
            Ok(())
        }
    })?;
    object.pending_message.set(recorder.pending_message);
    Ok(recorder.meta)
}

/// Reads the members of a code without typed fields.
#[inline]
pub fn read_meta(object: &ErrorObject<'_>, info: &'static CodeInfo) -> Result<ErrorMeta, Error> {
    read_members(object, info, &mut |_, member| member.keep())
}

/// The fallback holding every member of an error that lacks a required
/// field. The missing fields hold placeholders that were never received, so
/// `Serialize` leaves them out.
#[cold]
fn fallback<E>(error: E) -> Result<E, Error>
where
    E: CatalogError + Serialize,
{
    let text = serde_json::to_string(&error)?;
    let object: Object = serde_json::from_str(&text)?;
    let unknown = UnknownError::from_object(object).map_err(|_| Error::custom(NOT_AN_ERROR))?;
    Ok(E::from_unknown(unknown))
}

/// Builds the fallback for a code the catalog does not know, keeping every member in order.
pub fn read_unknown(object: &ErrorObject<'_>) -> Result<UnknownError, Error> {
    let mut members = Object::new();
    if object.code_first() {
        members.insert("code", object.code());
    }
    object.for_each(|member| {
        match member {
            Some((name, mut value)) => {
                let raw = RawJson::from_received::<Error>(Cow::Borrowed(value.value()?.text))?;
                members.insert(name, raw.checked::<Error>()?);
            }
            None => _ = members.insert("code", object.code()),
        }
        Ok(())
    })?;
    UnknownError::from_object(members).map_err(|_| Error::custom(NOT_AN_ERROR))
}

/// A required member of a named object type, or the error naming it.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Keeps a member a named object type does not declare, as written.
pub fn other_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: Key<'de>,
    others: &mut Object,
) -> Result<(), A::Error> {
    let value = map.next_value::<RawJson>()?;
    others.insert(key.0.into_owned(), value);
    Ok(())
}
