use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::private::de::Key;

/// One JSON value kept exactly as it was received: members in their order,
/// numbers as written (`1E2` stays `1E2`, a 25-digit integer keeps its
/// digits), strings with their escapes.
///
/// This is how an error keeps what its catalog does not describe: the members
/// of an unknown code, a newer server's extra member, an optional field whose
/// value did not fit its type. Serializing writes the text back unchanged.
///
/// Reading one from serde_json's deserializers (bytes, `&str`, a reader, a
/// `serde_json::Value`) takes the input's own text; from other deserializers
/// (a buffered `#[serde(untagged)]` enum, another format) the value is
/// written out as compact JSON, member order kept. Either way the same limits
/// hold as for the rest of the body: nesting depth below
/// [`MAX_DEPTH`](Self::MAX_DEPTH), strings valid UTF-8, numbers finite.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Nesting of arrays and objects that a member may not reach: 127 levels
    /// pass, 128 fail, as with serde_json's own limit.
    pub const MAX_DEPTH: usize = 128;

    /// `null`.
    pub fn null() -> Self {
        RawJson::from_text("null".to_owned()).unwrap_or_else(|_| unreachable!())
    }

    /// The JSON text of `value`.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Self> {
        serde_json::to_string(value).and_then(RawJson::from_text)
    }

    /// Checks that `text` is one JSON value and keeps it as written.
    pub fn from_text(text: String) -> serde_json::Result<Self> {
        RawValue::from_string(text).map(RawJson)
    }

    /// Received text (from [`RawText`] or a member waiting before `code`)
    /// as a value, an error of deserializer `E` if it is not one JSON value.
    pub(crate) fn from_received<E: de::Error>(text: Cow<'_, str>) -> Result<Self, E> {
        RawJson::from_text(text.into_owned()).map_err(E::custom)
    }

    /// The JSON text, as received.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.get() == "null"
    }

    /// The value as `T`: `Err` when it does not fit.
    pub fn parse<'a, T: de::Deserialize<'a>>(&'a self) -> serde_json::Result<T> {
        serde_json::from_str(self.get())
    }

    /// The value as a string, when it is one.
    pub fn as_string(&self) -> Option<String> {
        if self.get().starts_with('"') {
            self.parse().ok()
        } else {
            None
        }
    }

    /// Checks the value the way a typed member is checked, so that one rule
    /// holds for every member: strings decode (no lone surrogate), numbers
    /// are finite, nesting stays below [`MAX_DEPTH`](Self::MAX_DEPTH).
    /// (Capturing the text only checks that it is well-formed JSON.)
    pub(crate) fn checked<E: de::Error>(self) -> Result<Self, E> {
        let mut de = serde_json::Deserializer::from_str(self.get());
        let mut sink = Vec::new();
        Transcode {
            out: &mut sink,
            depth: 0,
        }
        .deserialize(&mut de)
        .map_err(E::custom)?;
        Ok(self)
    }

    /// The value as a [`serde_json::Value`] (numbers and the member order of
    /// nested objects then follow serde_json's rules).
    pub fn to_value(&self) -> serde_json::Value {
        self.parse().unwrap_or_default()
    }
}

impl From<serde_json::Value> for RawJson {
    fn from(value: serde_json::Value) -> Self {
        RawJson::from_text(value.to_string()).unwrap_or_else(|_| RawJson::null())
    }
}

impl From<&str> for RawJson {
    /// The JSON string holding `text`.
    fn from(text: &str) -> Self {
        RawJson::from(serde_json::Value::from(text))
    }
}

impl PartialEq for RawJson {
    /// The same text (two spellings of one number are different values here:
    /// the point of this type is to keep the spelling).
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The name serde_json gives the newtype struct its deserializers answer with
/// the input's own text, and the struct its `RawValue` serializes as (the
/// protocol behind `RawValue`, stable through serde_json 1.x). Other
/// deserializers treat it as any newtype struct.
pub(crate) const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> de::Deserialize<'de> for RawJson {
    /// The value as written, checked like every member (see [`RawJson`]).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = RawText::deserialize(deserializer)?;
        RawJson::from_received::<D::Error>(text.0)?.checked()
    }
}

/// The JSON text of one value, borrowed from the input where serde_json
/// allows (a `&str` or byte slice), not yet checked beyond being well formed:
/// how members before `code` wait until the code says what they are.
pub(crate) struct RawText<'de>(pub(crate) Cow<'de, str>);

impl<'de> de::Deserialize<'de> for RawText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawVisitor)
    }
}

/// Takes serde_json's raw text, or writes out what another deserializer gives.
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText<'de>, A::Error> {
        // serde_json's answer: one entry, the token and the raw text.
        let mut out = Vec::new();
        match map.next_key::<Key<'de>>()? {
            Some(key) if key.as_str() == RAW_VALUE_TOKEN => {
                let text: Key<'de> = map.next_value()?;
                return Ok(RawText(text.0));
            }
            // A real object from a deserializer that visits newtype structs
            // as their content: write it out, starting with this first key.
            Some(key) => {
                out.push(b'{');
                write_entry(&mut out, key.as_str(), &mut map, 1)?;
                write_entries(&mut out, &mut map, 1, false)?;
                out.push(b'}');
            }
            None => out.extend_from_slice(b"{}"),
        }
        finish(out)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<RawText<'de>, D::Error> {
        let mut out = Vec::new();
        Transcode {
            out: &mut out,
            depth: 0,
        }
        .deserialize(d)?;
        finish(out)
    }

    // Deserializers that answer the newtype struct with its content directly.
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawText<'de>, E> {
        scalar(&v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawText<'de>, E> {
        scalar(&v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawText<'de>, E> {
        scalar(&v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawText<'de>, E> {
        finite(v)?;
        scalar(&v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText<'de>, E> {
        scalar(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawText<'de>, E> {
        Ok(RawText(Cow::Borrowed("null")))
    }
    fn visit_none<E: de::Error>(self) -> Result<RawText<'de>, E> {
        Ok(RawText(Cow::Borrowed("null")))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawText<'de>, D::Error> {
        self.visit_newtype_struct(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawText<'de>, A::Error> {
        let mut out = Vec::new();
        Transcode {
            out: &mut out,
            depth: 0,
        }
        .visit_seq(seq)?;
        finish(out)
    }
}

fn scalar<'de, T: Serialize + ?Sized, E: de::Error>(value: &T) -> Result<RawText<'de>, E> {
    serde_json::to_string(value)
        .map(|text| RawText(Cow::Owned(text)))
        .map_err(E::custom)
}

fn finish<'de, E: de::Error>(out: Vec<u8>) -> Result<RawText<'de>, E> {
    String::from_utf8(out)
        .map(|text| RawText(Cow::Owned(text)))
        .map_err(E::custom)
}

fn finite<E: de::Error>(v: f64) -> Result<(), E> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(E::custom("a number out of JSON's range"))
    }
}

/// Writes `"key":value`, the value from `map` at nesting `depth`.
fn write_entry<'de, A: MapAccess<'de>>(
    out: &mut Vec<u8>,
    key: &str,
    map: &mut A,
    depth: usize,
) -> Result<(), A::Error> {
    write_str(out, key);
    out.push(b':');
    map.next_value_seed(Transcode { out, depth })
}

/// Writes the entries `map` has left, comma-separated (`first`: none written yet).
fn write_entries<'de, A: MapAccess<'de>>(
    out: &mut Vec<u8>,
    map: &mut A,
    depth: usize,
    mut first: bool,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if !first {
            out.push(b',');
        }
        first = false;
        write_entry(out, key.as_str(), map, depth)?;
    }
    Ok(())
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Writes the value a deserializer holds as compact JSON text.
struct Transcode<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
}

impl Transcode<'_> {
    fn nested<E: de::Error>(&mut self) -> Result<Transcode<'_>, E> {
        if self.depth >= RawJson::MAX_DEPTH {
            return Err(E::custom("nesting deeper than 128 levels"));
        }
        Ok(Transcode {
            out: self.out,
            depth: self.depth + 1,
        })
    }

    fn scalar<T: Serialize + ?Sized, E: de::Error>(self, v: &T) -> Result<(), E> {
        serde_json::to_writer(&mut *self.out, v).map_err(E::custom)
    }
}

impl<'de> DeserializeSeed<'de> for Transcode<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Transcode<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<(), E> {
        self.scalar(&v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        finite(v)?;
        self.scalar(&v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.scalar(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.out.push(b'[');
        let mut first = true;
        loop {
            let start = self.out.len();
            if !first {
                self.out.push(b',');
            }
            if seq.next_element_seed(self.nested()?)?.is_none() {
                self.out.truncate(start);
                break;
            }
            first = false;
        }
        self.out.push(b']');
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let depth = self.nested::<A::Error>()?.depth;
        self.out.push(b'{');
        write_entries(self.out, &mut map, depth, true)?;
        self.out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_as_written() -> serde_json::Result<()> {
        let body = r#"[1E2, 1234567890123456789012345, {"b": "\u00e9", "a": null}]"#;
        let raw: RawJson = serde_json::from_str(body)?;
        assert_eq!(raw.get(), body);
        assert_eq!(serde_json::to_string(&raw)?, body);
        let from_reader: RawJson = serde_json::from_reader(body.as_bytes())?;
        assert_eq!(from_reader, raw);
        Ok(())
    }

    #[test]
    fn other_deserializers_are_written_out_in_order() -> serde_json::Result<()> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Either {
            Raw(RawJson),
        }
        let Either::Raw(raw) = serde_json::from_str(r#"{"b": [1, 2.5, "x"], "a": {}}"#)?;
        assert_eq!(raw.get(), r#"{"b":[1,2.5,"x"],"a":{}}"#);
        Ok(())
    }
}
