//! `Deserialize` helpers: the one loop every known code's reader runs.
//!
//! serde_json hands members over in the order they arrive, and `code` need
//! not come first: members before it are buffered as [`Value`]s
//! ([`read_until_code`]), the code picks the variant, and that variant's
//! reader takes the buffered members and then the live ones through
//! [`read_fields`], so each reader is a few lines of its own fields.

use std::borrow::Cow;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::{ErrorMeta, Object, UnknownError};

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
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

/// Members read before `code`, kept in order until the code says what they are.
pub type Pending<'de> = Vec<(Cow<'de, str>, Value)>;

/// Reads members until `code`; returns the code, or `None` at the end of the object.
pub fn read_until_code<'de, A: MapAccess<'de>>(
    map: &mut A,
    pending: &mut Pending<'de>,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if key.as_str() == "code" {
            return Ok(Some(map.next_value::<Key<'de>>()?.0));
        }
        let value = map.next_value::<Value>()?;
        pending.push((key.0, value));
    }
    Ok(None)
}

/// The value of one member, for a reader to take into a field.
pub enum Member<'a, A> {
    /// A member after `code`: read straight from the input.
    Live(&'a mut A),
    /// A member before `code`, buffered.
    Buffered(Value),
    /// Taken already.
    Taken,
}

impl<A> Member<'_, A> {
    /// Reads the member into `slot` (`null` is `None`); always `Ok(true)`: taken.
    #[inline]
    pub fn read<'de, T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<bool, A::Error>
    where
        A: MapAccess<'de>,
    {
        *slot = match std::mem::replace(self, Member::Taken) {
            Member::Live(map) => map.next_value()?,
            Member::Buffered(value) => {
                Option::<T>::deserialize(value).map_err(de::Error::custom)?
            }
            Member::Taken => None,
        };
        Ok(true)
    }
}

/// Reads the rest of a known code's object: `field` is offered every member
/// and returns whether it took it (one of the code's typed fields); the
/// common members go to the returned [`ErrorMeta`], others are skipped.
#[inline]
pub fn read_fields<'de, A, F>(
    mut map: A,
    pending: Pending<'de>,
    mut field: F,
) -> Result<ErrorMeta, A::Error>
where
    A: MapAccess<'de>,
    F: FnMut(&str, &mut Member<'_, A>) -> Result<bool, A::Error>,
{
    let mut meta = ErrorMeta::default();
    for (key, value) in pending {
        let mut member = Member::Buffered(value);
        if !field(&key, &mut member)?
            && let Member::Buffered(value) = member
        {
            buffered_meta::<A::Error>(&mut meta, &key, value)?;
        }
    }
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let mut member = Member::Live(&mut map);
        if !field(key.as_str(), &mut member)? {
            live_meta(&mut meta, key.as_str(), &mut map)?;
        }
    }
    Ok(meta)
}

/// Reads the rest of a code without typed fields.
#[inline]
pub fn read_meta<'de, A: MapAccess<'de>>(
    map: A,
    pending: Pending<'de>,
) -> Result<ErrorMeta, A::Error> {
    read_fields(map, pending, |_, _| Ok(false))
}

/// A required field's value, or the error naming it.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Converts a buffered member to its type.
#[inline]
fn from_value<T: de::DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// Takes a buffered member if it is a common one; ignores members the code does not declare.
fn buffered_meta<E: de::Error>(meta: &mut ErrorMeta, key: &str, value: Value) -> Result<(), E> {
    match key {
        "message" => meta.message = from_value::<Option<String>, E>(value)?.map(Cow::Owned),
        "param" => meta.param = from_value(value)?,
        "request_id" => meta.request_id = from_value(value)?,
        "doc_url" => {
            from_value::<Option<String>, E>(value)?;
        }
        _ => {}
    }
    Ok(())
}

/// Reads the value of a common member into `meta`; skips members the code does not declare.
#[inline]
fn live_meta<'de, A: MapAccess<'de>>(
    meta: &mut ErrorMeta,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    match key {
        "message" => meta.message = map.next_value::<Option<String>>()?.map(Cow::Owned),
        "param" => meta.param = map.next_value()?,
        "request_id" => meta.request_id = map.next_value()?,
        // Accepted on input; written from the catalog on output.
        "doc_url" => {
            map.next_value::<Option<IgnoredAny>>()?;
        }
        _ => {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(())
}

/// Builds the fallback for a code the catalog does not know, keeping every member in order.
pub fn read_unknown<'de, A: MapAccess<'de>>(
    mut map: A,
    pending: Pending<'de>,
    code: Cow<'de, str>,
) -> Result<UnknownError, A::Error> {
    let mut members: Object = pending
        .into_iter()
        .map(|(key, value)| (key.into_owned(), value))
        .collect();
    members.insert("code", Value::String(code.into_owned()));
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let value = map.next_value::<Value>()?;
        members.insert(key.0.into_owned(), value);
    }
    UnknownError::from_object(members).map_err(|_| missing_code())
}

/// The error for an object without `code`.
pub fn missing_code<E: de::Error>() -> E {
    E::missing_field("code")
}
