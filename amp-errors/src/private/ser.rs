//! `Serialize` helpers: the members every error object has, in wire order.
//!
//! An error built here writes `code`, `message`, `param`, its fields,
//! `doc_url`, `request_id`. A parsed error writes back the members it
//! arrived with, in their order, as received (`meta::Wire`): no
//! `message` or `doc_url` the server did not send, every member the catalog
//! does not declare, every value that did not fit its type. Fields set after
//! parsing come after the received members. A received message that was the
//! rendered template is not stored (`de`): it is rendered again, the same text.
//!
//! The generated code gives [`object`] one closure that writes a typed field
//! by index, so the order is decided here, once.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::meta::{Slot, Wire};
use crate::{CodeInfo, ErrorMeta};

/// Writes the error object of a known code. `message` is the rendered
/// template (used when there is no override), `present` how many typed fields
/// have a value, and `field(map, i)` writes typed field `i` when it has a
/// value, returning whether it did.
#[inline]
pub fn object<S, M, F>(
    serializer: S,
    info: &'static CodeInfo,
    message: &M,
    meta: &ErrorMeta,
    present: usize,
    mut field: F,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    M: Serialize + ?Sized,
    F: FnMut(&mut S::SerializeMap, usize) -> Result<bool, S::Error>,
{
    let wire = &meta.wire;
    if let Some(received) = &wire.received {
        let mut order = received.order.iter().map(Cow::Borrowed);
        return in_received_order(serializer, info, message, meta, &mut field, &mut order);
    }
    if !wire.inline.is_empty() {
        let n = info.fields.len();
        let mut order = wire
            .inline
            .ranks()
            .map(|rank| Cow::Owned(Slot::of_rank(rank, n)));
        return in_received_order(serializer, info, message, meta, &mut field, &mut order);
    }
    let received = wire.has(Wire::RECEIVED);
    // A parsed error writes the message it arrived with: stored, or the
    // rendered template when that is what it was.
    let rendered = !received || wire.has(Wire::MESSAGE);
    let len = 1
        + (rendered || meta.message.is_some()) as usize
        + meta.param.is_some() as usize
        + present
        + (!received || wire.has(Wire::DOC_URL)) as usize
        + meta.request_id.is_some() as usize;
    let mut map = serializer.serialize_map(Some(len))?;
    map.serialize_entry("code", info.code)?;
    match &meta.message {
        Some(text) => map.serialize_entry("message", text)?,
        // A parsed error without a message does not gain one.
        None if rendered => map.serialize_entry("message", message)?,
        None => {}
    }
    entry_if(&mut map, "param", meta.param.as_ref())?;
    for i in 0..info.fields.len() {
        // An error built here holds no placeholder: no check on its path.
        if !received || !placeholder(wire, info, i) {
            field(&mut map, i)?;
        }
    }
    if !received || wire.has(Wire::DOC_URL) {
        map.serialize_entry("doc_url", info.doc_url)?;
    }
    entry_if(&mut map, "request_id", meta.request_id.as_ref())?;
    map.end()
}

/// A code's writer of typed fields by index, behind a pointer: the writers
/// of received errors are compiled once per serializer, not once per code.
type FieldWriter<'f, S> = dyn FnMut(&mut <S as Serializer>::SerializeMap, usize) -> Result<bool, <S as Serializer>::Error>
    + 'f;

/// Writes a parsed error's members in the order they arrived, then those set since.
fn in_received_order<'a, S: Serializer, M: Serialize + ?Sized>(
    serializer: S,
    info: &'static CodeInfo,
    message: &M,
    meta: &ErrorMeta,
    field: &mut FieldWriter<'_, S>,
    order: &mut dyn Iterator<Item = Cow<'a, Slot>>,
) -> Result<S::Ok, S::Error> {
    let wire = &meta.wire;
    let mut map = serializer.serialize_map(None)?;
    let mut written = Written::default();
    for slot in order {
        match slot.as_ref() {
            Slot::Code => map.serialize_entry("code", info.code)?,
            Slot::Message => _ = written.message(&mut map, meta, message)?,
            Slot::Param => _ = written.param(&mut map, meta)?,
            Slot::RequestId => _ = written.request_id(&mut map, meta)?,
            Slot::DocUrl => map.serialize_entry("doc_url", info.doc_url)?,
            Slot::Field(i) => _ = written.field(&mut map, *i, field)?,
            Slot::Raw(key, raw) => {
                // A value set since replaces the one kept.
                let replaced = match key.as_str() {
                    "message" => written.message(&mut map, meta, message)?,
                    "param" => written.param(&mut map, meta)?,
                    "request_id" => written.request_id(&mut map, meta)?,
                    _ => match info.field_index(key) {
                        Some(i) if !placeholder(wire, info, i) => {
                            written.field(&mut map, i, field)?
                        }
                        _ => false,
                    },
                };
                if !replaced && !written.raw_shadowed(key, info) {
                    map.serialize_entry(key, raw)?;
                }
            }
        }
    }
    // Set after parsing.
    written.message(&mut map, meta, message)?;
    written.param(&mut map, meta)?;
    for (i, declared) in info.fields.iter().enumerate() {
        if !declared.required {
            written.field(&mut map, i, field)?;
        }
    }
    written.request_id(&mut map, meta)?;
    map.end()
}

/// Whether typed field `i` holds a placeholder: a required field that a
/// parsed error did not receive (it is then the fallback's stand-in, being
/// written out to build the fallback).
fn placeholder(wire: &Wire, info: &CodeInfo, i: usize) -> bool {
    if !wire.has(Wire::RECEIVED) || !info.fields[i].required {
        return false;
    }
    if i < 64 {
        return wire.seen & (1 << i) == 0;
    }
    !wire.received.as_ref().is_some_and(|received| {
        received
            .order
            .iter()
            .any(|slot| matches!(slot, Slot::Field(j) if *j == i))
    })
}

/// Writes the error object of a known code without typed fields.
#[inline]
pub fn plain<S: Serializer>(
    serializer: S,
    info: &'static CodeInfo,
    meta: &ErrorMeta,
) -> Result<S::Ok, S::Error> {
    object(serializer, info, info.message, meta, 0, |_, _| Ok(false))
}

/// [`plain`] for the one arm that the codes without typed fields share:
/// `info` is the code's entry, there for every known variant (an error
/// without one cannot be written as a known code, and says so).
#[inline]
pub fn plain_known<S: Serializer>(
    serializer: S,
    info: Option<&'static CodeInfo>,
    meta: &ErrorMeta,
) -> Result<S::Ok, S::Error> {
    match info {
        Some(info) => plain(serializer, info, meta),
        None => Err(serde::ser::Error::custom(
            "a known variant without a catalog entry",
        )),
    }
}

/// What a received error's members wrote already, so that none is written twice.
#[derive(Default)]
struct Written {
    message: bool,
    param: bool,
    request_id: bool,
    /// The typed fields written, by index (the first 64; the rest in `more`).
    fields: u64,
    more: Vec<usize>,
}

impl Written {
    /// Writes the message: the one stored, else the rendered template when
    /// the error arrived with a message that was it.
    fn message<M: SerializeMap, T: Serialize + ?Sized>(
        &mut self,
        map: &mut M,
        meta: &ErrorMeta,
        rendered: &T,
    ) -> Result<bool, M::Error> {
        match &meta.message {
            Some(text) => once(map, &mut self.message, "message", Some(text)),
            None if meta.wire.has(Wire::MESSAGE) => {
                once(map, &mut self.message, "message", Some(rendered))
            }
            None => Ok(self.message),
        }
    }

    fn param<M: SerializeMap>(&mut self, map: &mut M, meta: &ErrorMeta) -> Result<bool, M::Error> {
        once(map, &mut self.param, "param", meta.param.as_ref())
    }

    fn request_id<M: SerializeMap>(
        &mut self,
        map: &mut M,
        meta: &ErrorMeta,
    ) -> Result<bool, M::Error> {
        once(
            map,
            &mut self.request_id,
            "request_id",
            meta.request_id.as_ref(),
        )
    }

    fn field<M: SerializeMap, F>(
        &mut self,
        map: &mut M,
        i: usize,
        field: &mut F,
    ) -> Result<bool, M::Error>
    where
        F: FnMut(&mut M, usize) -> Result<bool, M::Error> + ?Sized,
    {
        if self.has_field(i) {
            return Ok(true);
        }
        let wrote = field(map, i)?;
        if wrote {
            match 1u64.checked_shl(i as u32) {
                Some(bit) if i < 64 => self.fields |= bit,
                _ => self.more.push(i),
            }
        }
        Ok(wrote)
    }

    /// Whether a kept value of `key` repeats a member written already.
    fn raw_shadowed(&self, key: &str, info: &CodeInfo) -> bool {
        match key {
            "message" => self.message,
            "param" => self.param,
            "request_id" => self.request_id,
            _ => info.field_index(key).is_some_and(|i| self.has_field(i)),
        }
    }

    /// Whether typed field `i` was written.
    fn has_field(&self, i: usize) -> bool {
        if i < 64 {
            self.fields & (1 << i) != 0
        } else {
            self.more.contains(&i)
        }
    }
}

/// Writes `value` under `key` unless written already; whether it is written now or was.
fn once<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    done: &mut bool,
    key: &'static str,
    value: Option<&T>,
) -> Result<bool, M::Error> {
    if *done {
        return Ok(true);
    }
    match value {
        Some(value) => {
            map.serialize_entry(key, value)?;
            *done = true;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Writes a required member: `Ok(true)`.
#[inline]
pub fn entry<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: &T,
) -> Result<bool, M::Error> {
    map.serialize_entry(key, value).map(|()| true)
}

/// Writes a member only when it is present; whether it did.
#[inline]
pub fn entry_if<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: Option<&T>,
) -> Result<bool, M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value).map(|()| true),
        None => Ok(false),
    }
}

/// 1 when an optional member is present: the length hint of [`object`].
#[inline]
pub fn count<T>(value: &Option<T>) -> usize {
    value.is_some() as usize
}
