//! `Serialize` helpers: the members every error object has, in wire order.
//!
//! A known code writes `code`, `message`, `param`, its fields, `doc_url`,
//! `request_id`: [`begin`] writes the first three, the generated code the
//! fields, [`end`] the last two.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::ErrorMeta;

/// Opens the error object and writes `code`, `message` (the override, else
/// `message`) and `param`; `fields` is how many typed members follow.
#[inline]
pub fn begin<S: Serializer, M: Serialize + ?Sized>(
    serializer: S,
    code: &'static str,
    message: &M,
    meta: &ErrorMeta,
    fields: usize,
) -> Result<S::SerializeMap, S::Error> {
    let len = 3 + fields + meta.param.is_some() as usize + meta.request_id.is_some() as usize;
    let mut map = serializer.serialize_map(Some(len))?;
    map.serialize_entry("code", code)?;
    match &meta.message {
        Some(text) => map.serialize_entry("message", text)?,
        None => map.serialize_entry("message", message)?,
    }
    entry_if(&mut map, "param", meta.param.as_ref())?;
    Ok(map)
}

/// Writes `doc_url` and `request_id`, and closes the object.
#[inline]
pub fn end<M: SerializeMap>(
    mut map: M,
    doc_url: &'static str,
    meta: &ErrorMeta,
) -> Result<M::Ok, M::Error> {
    map.serialize_entry("doc_url", doc_url)?;
    entry_if(&mut map, "request_id", meta.request_id.as_ref())?;
    map.end()
}

/// A known code without typed fields: the whole object.
#[inline]
pub fn fieldless<S: Serializer>(
    serializer: S,
    code: &'static str,
    message: &'static str,
    doc_url: &'static str,
    meta: &ErrorMeta,
) -> Result<S::Ok, S::Error> {
    let map = begin(serializer, code, message, meta, 0)?;
    end(map, doc_url, meta)
}

/// Writes a member only when it is present.
#[inline]
pub fn entry_if<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: Option<&T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// 1 when an optional member is present: the length hint of [`begin`].
#[inline]
pub fn count<T>(value: &Option<T>) -> usize {
    value.is_some() as usize
}
