//! What generated code reaches through `::amp_errors::__private`: re-exports and
//! small helpers. Not a public API: it changes without notice.

pub use core::clone::Clone;
pub use core::cmp::PartialEq;
pub use core::default::Default;
pub use core::fmt;
pub use core::hash::Hash;
pub use core::marker::Copy;
pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{self, Err, Ok};
pub use core::str::FromStr;
pub use std::borrow::Cow;
pub use std::boxed::Box;
pub use std::error::Error;
pub use std::string::String;
pub use std::vec::Vec;

pub use serde;
pub use serde_json;
pub use serde_json::{Map, Value};

#[cfg(feature = "http")]
pub use http;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{ErrorMeta, REDACTED, UnknownError};

/// The status as `http::StatusCode` (catalog statuses are validated to 400..=599).
#[cfg(feature = "http")]
#[inline]
pub fn status(code: u16) -> http::StatusCode {
    http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// Emits the inherent `status()` method when the `http` feature is on.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_status_method {
    () => {
        /// The HTTP status.
        #[inline]
        pub fn status(&self) -> ::amp_errors::__private::http::StatusCode {
            ::amp_errors::__private::status(self.status_code())
        }
    };
}

/// Emits nothing: the `http` feature is off.
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __amp_errors_status_method {
    () => {};
}

pub use crate::__amp_errors_status_method as status_method;

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

/// Converts a buffered member to its field type.
#[inline]
pub fn from_value<T: de::DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// Takes a buffered member if it is a common one; ignores members the code does not declare.
pub fn pending_meta<E: de::Error>(meta: &mut ErrorMeta, key: &str, value: Value) -> Result<(), E> {
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
pub fn meta_entry<'de, A: MapAccess<'de>>(
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
            map.next_value::<Option<de::IgnoredAny>>()?;
        }
        _ => {
            map.next_value::<de::IgnoredAny>()?;
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
    let mut members = Map::new();
    for (key, value) in pending {
        members.insert(key.into_owned(), value);
    }
    members.insert("code".to_owned(), Value::String(code.into_owned()));
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let value = map.next_value::<Value>()?;
        members.insert(key.0.into_owned(), value);
    }
    UnknownError::from_map(members).map_err(|_| de::Error::missing_field("code"))
}

/// The error for an object without `code`.
pub fn missing_code<E: de::Error>() -> E {
    E::missing_field("code")
}

/// The error for a required field that is absent.
pub fn missing_field<E: de::Error>(name: &'static str) -> E {
    E::missing_field(name)
}

/// A message rendered straight into the output: no intermediate `String`.
pub struct Rendered<F>(pub F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Rendered<F> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> Serialize for Rendered<F> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
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

/// Shows a value as JSON text (for lists and objects in message templates).
pub struct Json<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> fmt::Display for Json<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(self.0) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

/// What `Debug` shows for a sensitive field.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Writes the redaction marker.
#[inline]
pub fn redacted(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(REDACTED)
}

/// `Error::source` of an [`ErrorMeta`].
#[inline]
pub fn source(meta: &ErrorMeta) -> Option<&(dyn Error + 'static)> {
    meta.source.as_deref().map(|s| s as &(dyn Error + 'static))
}
